//! Draft and confidential entries never reach the output: canary strings in
//! their every field must appear in no byte that the build writes, nor in
//! what it writes encoded (zips, deflated search texts).
//!
//! The fixture's withheld entries point at the published ones in every way
//! an entry can (`cites`, `[[…]]` and pinpoints, `relations` that overturn
//! and appeal, `translations`, footnotes), use taxonomy values of their own
//! and shared ones, and the site has a `base_url`, so that the sitemap,
//! robots.txt, canonical links and absolute feed links are searched too.

use std::path::Path;

use crate::support::{amicus, build, copy_tree, fixture, read_tree, section, stderr, Site};

use crate::support::encoded;

// `5b1e` and `77c2` are words of their own to the search tokenizer, so a
// leak into the vocabulary or postings is caught too.
const CONFIDENTIAL_CANARIES: [&str; 5] = ["CANARY-CONF", "canary-conf", "canary-sealed", "5b1e", "Chambre d"];
const DRAFT_CANARIES: [&str; 3] = ["CANARY-DRAFT", "canary-draft-case", "77c2"];

/// Every file the build wrote, with what the encoded ones hold (see
/// `encoded::with_decoded`).
fn every_file(files: std::collections::BTreeMap<String, Vec<u8>>) -> Vec<(String, Vec<u8>)> {
    encoded::with_decoded(files)
}

/// The output files in which `needle` appears, as it is or lowercased.
fn files_containing(files: &[(String, Vec<u8>)], needle: &str) -> Vec<String> {
    let lower = needle.to_lowercase();
    files
        .iter()
        .filter(|(path, bytes)| {
            let contains = |n: &str| bytes.windows(n.len()).any(|window| window == n.as_bytes());
            path.to_lowercase().contains(&lower) || contains(needle) || contains(&lower)
        })
        .map(|(path, _)| path.clone())
        .collect()
}

/// Asserts that no canary of `canaries` is anywhere in `files`, and that
/// the search texts were decoded (the published body is found in them), so
/// that the search could find a leak there.
fn assert_no_canary<'a>(files: &[(String, Vec<u8>)], canaries: impl IntoIterator<Item = &'a &'a str>) {
    let inflated = files_containing(files, "First paragraph.");
    assert!(
        inflated.iter().any(|path| path.ends_with(".js (inflated)")),
        "the search texts were not decoded: {inflated:?}"
    );
    for canary in canaries {
        assert_eq!(files_containing(files, canary), Vec::<String>::new(), "{canary} leaked");
    }
}

fn site_files(site: &Site) -> Vec<(String, Vec<u8>)> {
    every_file(site.files())
}

#[test]
fn confidential_and_draft_entries_leave_no_trace() {
    let site = build(&fixture("confidential/corpus"), &[]);
    let files = site_files(&site);
    assert_no_canary(&files, CONFIDENTIAL_CANARIES.iter().chain(&DRAFT_CANARIES));
    // The published entries are there, and the withheld ones are not counted.
    assert!(site.exists("cases/public-case.html"));
    let home = site.page("index.html");
    assert!(home.contains(r#"<span class="count">0</span> Reports"#), "{home}");
    assert!(home.contains(r#"<span class="count">1</span> Cases"#), "{home}");
    let case = site.page("cases/public-case.html");
    assert!(case.contains("Example Policy"), "a published backlink is kept");
    // Nothing the withheld entries declare toward it shows on its page.
    for said in [
        "No longer good law",
        "Overturned by",
        "Appealed in",
        "In other languages",
        "hreflang",
    ] {
        assert!(!case.contains(said), "`{said}` on the published case:\n{case}");
    }
    assert!(case.contains("cites 0 entries; cited by 1 entry."), "{case}");
    let policy = site.page("policies/public-policy.html");
    assert!(policy.contains("cites 1 entry; cited by 0 entries."), "{policy}");
    assert!(!policy.contains("Applied in"), "{policy}");
}

#[test]
fn the_sitemap_feeds_and_canonical_links_name_published_entries_only() {
    let site = build(&fixture("confidential/corpus"), &[]);
    let sitemap = site.page("sitemap.xml");
    let mut pages: Vec<&str> = sitemap
        .split("<loc>https://example.org/")
        .skip(1)
        .map(|rest| &rest[..rest.find("</loc>").unwrap()])
        .filter(|page| !page.is_empty() && !page.ends_with('/') && *page != "search.html")
        .collect();
    pages.sort_unstable();
    assert_eq!(
        pages,
        [
            "cases/public-case.html",
            "countries/ml.html",
            "courts/example-chamber.html",
            "crimes/persecution.html",
            "grounds/gender.html",
            "policies/public-policy.html",
            "years/2020.html",
            "years/2021.html"
        ],
        "{sitemap}"
    );
    assert!(site
        .page("robots.txt")
        .contains("Sitemap: https://example.org/sitemap.xml"));
    let case = site.page("cases/public-case.html");
    assert!(
        case.contains(r#"<link rel="canonical" href="https://example.org/cases/public-case.html">"#),
        "{}",
        section(&case, "<head>", "</head>")
    );
    let feed = site.page("feed.xml");
    assert!(feed.contains("https://example.org/cases/public-case.html"), "{feed}");
    assert_eq!(feed.matches("<entry ").count(), 2, "{feed}");
}

#[test]
fn taxonomy_terms_count_published_entries_only() {
    let site = build(&fixture("confidential/corpus"), &[]);
    // Values only withheld entries use have no page and no line.
    for page in [
        "countries/af.html",
        "countries/td.html",
        "years/2022.html",
        "years/2023.html",
        "grounds/canary-conf-ground-5b1e.html",
        "crimes/canary-conf-crime-5b1e.html",
    ] {
        assert!(!site.exists(page), "{page} was written");
    }
    let countries = site.page("countries/index.html");
    let list = section(&countries, r#"<ul class="terms">"#, "</ul>");
    assert_eq!(list.matches("<li>").count(), 1, "{list}");
    assert!(list.contains(r#"Mali</a> <span class="count">1</span>"#), "{list}");
    let years = site.page("years/index.html");
    let list = section(&years, r#"<ul class="terms">"#, "</ul>");
    assert_eq!(list.matches("<li>").count(), 2, "{list}");
    // Values shared with withheld entries count the published entry alone.
    for page in [
        "countries/ml.html",
        "courts/example-chamber.html",
        "crimes/persecution.html",
        "grounds/gender.html",
        "years/2020.html",
    ] {
        let html = site.page(page);
        assert!(
            html.contains(r#"<p class="listing-count">1 entry</p>"#),
            "{page}: {html}"
        );
    }
}

#[test]
fn nothing_withheld_is_in_the_offline_bundle_either() {
    let site = build(&fixture("confidential/corpus"), &["--bundle"]);
    let files = site_files(&site);
    assert!(
        files
            .iter()
            .any(|(path, _)| path.starts_with("amicus-site.zip/") && path.ends_with(".js (inflated)")),
        "the zip's search texts were searched"
    );
    assert_no_canary(&files, CONFIDENTIAL_CANARIES.iter().chain(&DRAFT_CANARIES));
}

#[test]
fn drafts_are_included_on_request_but_confidential_never() {
    let site = build(&fixture("confidential/corpus"), &["--drafts"]);
    let files = site_files(&site);
    let with_draft = files_containing(&files, "CANARY-DRAFT-BODY-77c2");
    assert!(
        with_draft.iter().any(|path| path.ends_with(".js (inflated)")),
        "draft included, its text searchable: {with_draft:?}"
    );
    assert_no_canary(&files, &CONFIDENTIAL_CANARIES);
}

#[test]
fn the_build_summary_counts_withheld_entries_without_naming_them() {
    let site = build(&fixture("confidential/corpus"), &[]);
    let summary = crate::support::stdout(&site.output);
    assert!(summary.contains(", 4 withheld (draft or confidential)"), "{summary}");
    for canary in CONFIDENTIAL_CANARIES.iter().chain(&DRAFT_CANARIES) {
        assert!(!summary.contains(canary), "{summary}");
    }
}

/// What a `--drafts` preview indexed, or an entry published once and made
/// confidential since, must not reach a later build's output nor
/// `amicus search`, and no build leaves an index of it beside the corpus.
#[test]
fn withheld_entries_indexed_once_leak_nothing_later() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&fixture("confidential/corpus"), &corpus);
    std::fs::copy(fixture("confidential/amicus.yaml"), dir.path().join("amicus.yaml")).unwrap();
    let out = dir.path().join("public");
    let path = |p: &Path| p.to_str().unwrap().to_string();
    let (corpus_arg, out_arg) = (path(&corpus), path(&out));
    let build = |extra: &[&str]| {
        let mut args = vec!["build", "--quiet", "--corpus", &corpus_arg, "--out", &out_arg];
        args.extend_from_slice(extra);
        let output = amicus(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        every_file(read_tree(&out))
    };
    let search_with = |word: &str, extra: &[&str]| {
        let mut args = vec!["search", "--json", "--corpus", &corpus_arg];
        args.extend_from_slice(extra);
        args.push(word);
        let output = amicus(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()["total"].clone()
    };
    let search = |word: &str| search_with(word, &[]);

    // A preview with drafts indexes the draft …
    let files = build(&["--drafts"]);
    assert!(!files_containing(&files, "CANARY-DRAFT-BODY-77c2").is_empty());
    assert_eq!(search_with("77c2", &["--drafts"]), 1);
    // … and the next build has no trace of it, nor a search without drafts.
    let files = build(&[]);
    assert_no_canary(&files, CONFIDENTIAL_CANARIES.iter().chain(&DRAFT_CANARIES));
    assert_eq!(search("77c2"), 0);
    let beside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|item| item.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(
        beside.len(),
        3,
        "only the corpus, its config and the output: {beside:?}"
    );

    // An entry published, then made confidential.
    let switched = corpus.join("cases/canary-switched.md");
    let entry = |status: &str| {
        format!(
            "---\ntitle: CANARY-SWITCH-TITLE-c0de\ndate: 2020-06-01\ncourt: Switch Chamber\n\
             countries: [NE]\nstatus: {status}\nsummary: CANARY-SWITCH-SUMMARY-c0de\n---\n\
             [1] CANARY-SWITCH-BODY-c0de cites [[public-case#p2]].\n"
        )
    };
    std::fs::write(&switched, entry("published")).unwrap();
    let files = build(&[]);
    let found = files_containing(&files, "c0de");
    for shard in ["terms-", "text-"] {
        assert!(
            found.iter().any(|p| p.starts_with(&format!("search/{shard}"))),
            "published: in search/{shard}*: {found:?}"
        );
    }
    assert_eq!(search("c0de"), 1);
    std::fs::write(&switched, entry("confidential")).unwrap();
    let files = build(&[]);
    let switch_canaries = [
        "CANARY-SWITCH",
        "canary-switched",
        "c0de",
        "Switch Chamber",
        "countries/ne",
    ];
    assert_no_canary(
        &files,
        CONFIDENTIAL_CANARIES
            .iter()
            .chain(&DRAFT_CANARIES)
            .chain(&switch_canaries),
    );
    assert_eq!(search("c0de"), 0);
}
