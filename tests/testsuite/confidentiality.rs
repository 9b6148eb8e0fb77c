//! Draft and confidential entries never reach the output: canary strings in
//! their every field must appear in no byte that the build writes.

use crate::common::{build, fixture, Site};

// `5b1e` and `77c2` are words of their own to the search tokenizer, so a
// leak into the vocabulary or postings is caught too.
const CONFIDENTIAL_CANARIES: [&str; 4] = ["CANARY-CONF", "canary-conf", "canary-sealed-report", "5b1e"];
const DRAFT_CANARIES: [&str; 3] = ["CANARY-DRAFT", "canary-draft-case", "77c2"];

/// Every file the build wrote, with the files inside any zip it wrote
/// (named `archive.zip/inner/path`), so compressed copies are searched too.
fn every_file(site: &Site) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for (path, bytes) in site.files() {
        if path.ends_with(".zip") {
            let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a valid zip");
            for index in 0..archive.len() {
                let mut inner = archive.by_index(index).unwrap();
                let mut content = Vec::new();
                std::io::Read::read_to_end(&mut inner, &mut content).unwrap();
                files.push((format!("{path}/{}", inner.name()), content));
            }
        }
        files.push((path, bytes));
    }
    files
}

/// The output files in which `needle` appears, as it is or lowercased.
fn files_containing(site: &Site, needle: &str) -> Vec<String> {
    let lower = needle.to_lowercase();
    every_file(site)
        .into_iter()
        .filter(|(path, bytes)| {
            let contains = |n: &str| bytes.windows(n.len()).any(|window| window == n.as_bytes());
            path.to_lowercase().contains(&lower) || contains(needle) || contains(&lower)
        })
        .map(|(path, _)| path)
        .collect()
}

#[test]
fn confidential_and_draft_entries_leave_no_trace() {
    let site = build(&fixture("confidential/corpus"), &[]);
    for canary in CONFIDENTIAL_CANARIES.iter().chain(&DRAFT_CANARIES) {
        assert_eq!(files_containing(&site, canary), Vec::<String>::new(), "{canary} leaked");
    }
    // The published entries are there, and the withheld ones are not counted.
    assert!(site.exists("cases/public-case.html"));
    let home = site.page("index.html");
    assert!(home.contains(r#"<span class="count">0</span> Reports"#), "{home}");
    let case = site.page("cases/public-case.html");
    assert!(case.contains("Example Policy"), "a published backlink is kept");
}

#[test]
fn nothing_withheld_is_in_the_offline_bundle_either() {
    let site = build(&fixture("confidential/corpus"), &["--bundle"]);
    let files = every_file(&site);
    assert!(
        files.iter().any(|(path, _)| path.starts_with("amicus-site.zip/")),
        "the zip was searched"
    );
    for canary in CONFIDENTIAL_CANARIES.iter().chain(&DRAFT_CANARIES) {
        assert_eq!(files_containing(&site, canary), Vec::<String>::new(), "{canary} leaked");
    }
}

#[test]
fn drafts_are_included_on_request_but_confidential_never() {
    let site = build(&fixture("confidential/corpus"), &["--drafts"]);
    assert!(
        !files_containing(&site, "CANARY-DRAFT-TITLE-77c2").is_empty(),
        "draft included"
    );
    for canary in CONFIDENTIAL_CANARIES {
        assert_eq!(files_containing(&site, canary), Vec::<String>::new(), "{canary} leaked");
    }
}

#[test]
fn the_build_summary_counts_withheld_entries_without_naming_them() {
    let site = build(&fixture("confidential/corpus"), &[]);
    let summary = crate::common::stdout(&site.output);
    assert!(summary.contains(", 2 withheld (draft or confidential)"), "{summary}");
    for canary in CONFIDENTIAL_CANARIES.iter().chain(&DRAFT_CANARIES) {
        assert!(!summary.contains(canary), "{summary}");
    }
}
