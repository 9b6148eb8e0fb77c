//! The search index as a user meets it: `amicus search` on the command line,
//! answering from the corpus as it is, reproducible shards, and nothing
//! withheld ever indexed.

use crate::support::encoded;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::support::search::*;

fn shard_bytes(public: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(public.join("search"))
        .expect("public/search exists")
        .map(|item| {
            let item = item.expect("folder entry");
            (
                item.file_name().to_string_lossy().to_string(),
                std::fs::read(item.path()).expect("read shard"),
            )
        })
        .collect()
}

#[test]
fn shards_are_byte_identical_after_an_edit_and_its_undoing() {
    let site = fixture_site();
    let first = shard_bytes(&site.public());
    let entry = site.corpus().join("cases/icc-ongwen.md");
    let original = std::fs::read_to_string(&entry).expect("read entry");
    std::fs::write(&entry, original.replace("25 years", "twenty-five years")).expect("edit entry");
    site.build();
    assert_ne!(shard_bytes(&site.public()), first, "an edit changes the shards");
    std::fs::write(&entry, &original).expect("restore entry");
    site.build();
    assert_eq!(shard_bytes(&site.public()), first, "after an edit and its undoing");
}

#[test]
fn search_answers_from_the_corpus_as_it_is_now() {
    let site = fixture_site();
    let entry = site.corpus().join("cases/icc-ntaganda.md");
    let text = std::fs::read_to_string(&entry).expect("read entry");
    std::fs::write(&entry, text.replace("Ituri", "Ituri province")).expect("edit entry");
    std::fs::remove_file(site.corpus().join("reports/toolkit-ru.md")).expect("remove entry");
    // No build since: the search reads the corpus itself.
    assert_eq!(site.ids("province", 5)[0], "icc-ntaganda");
    let answer = site.search("преследование", 5);
    assert_eq!(answer["total"], 0, "a removed entry is gone from the index");
}

#[test]
fn withheld_entries_are_neither_indexed_nor_exported() {
    let site = fixture_site();
    // Every shard, and the JSON the deflated search texts hold.
    let shards = encoded::with_decoded(
        shard_bytes(&site.public())
            .into_iter()
            .map(|(name, bytes)| (format!("search/{name}"), bytes)),
    );
    let inflated: Vec<&String> = shards
        .iter()
        .filter(|(name, bytes)| name.ends_with("(inflated)") && String::from_utf8_lossy(bytes).contains("Ongwen"))
        .map(|(name, _)| name)
        .collect();
    assert!(!inflated.is_empty(), "the search texts were not decoded");
    for word in ["secretdraftword", "zebraconfidential"] {
        let answer = site.search(word, 5);
        assert_eq!(answer["total"], 0, "{word}");
        assert_eq!(answer["notices"][0]["kind"], "unknown", "{word}");
        for (name, bytes) in &shards {
            let text = String::from_utf8_lossy(bytes).to_lowercase();
            assert!(!text.contains(word), "{word} in {name}");
            assert!(
                !text.contains("draft-principles") && !text.contains("confidential-note"),
                "{name}"
            );
        }
    }
}

#[test]
fn cli_shows_ranked_results_with_highlighted_snippets_and_paragraph_links() {
    let site = fixture_site();
    let output = Command::new(BIN)
        .args(["search", "--limit", "3", "--corpus"])
        .arg(site.corpus())
        .args(["--", "girls", "education"])
        .output()
        .expect("run amicus search");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    assert!(text.starts_with("1 result for girls education"), "{text}");
    assert!(
        text.contains("policies/otp-policy-gender-persecution.html#p3"),
        "{text}"
    );
    assert!(text.contains("denying *girls education* can amount"), "{text}");
    assert!(text.contains("Refine with:"), "{text}");
}

#[test]
fn cli_json_reports_unknown_words_with_suggestions_and_facets() {
    let site = fixture_site();
    let answer = site.search("gendr", 5);
    assert_eq!(answer["total"], 0);
    assert_eq!(answer["notices"][0]["kind"], "unknown");
    assert_eq!(answer["notices"][0]["text"], "gendr");
    assert_eq!(answer["notices"][0]["suggestions"][0], "gender");

    let answer = site.search("persecution type:case", 5);
    let types = &answer["facets"][0];
    assert_eq!(types["field"], "type");
    assert_eq!(types["values"][0]["value"], "case");
    assert_eq!(types["values"][0]["selected"], true);
    assert!(
        types["values"].as_array().is_some_and(|v| v.len() > 1),
        "other types are counted too"
    );
}

#[test]
fn exact_case_numbers_and_titles_come_first() {
    let site = fixture_site();
    assert_eq!(site.ids("ICC-02/04-01/15", 1), ["icc-ongwen"]);
    assert_eq!(site.ids("Rome Statute", 1), ["rome-statute"]);
    let answer = site.search("Ongwen", 1);
    assert_eq!(answer["results"][0]["exact"], true);
}

#[test]
fn search_of_a_corpus_folder_that_is_not_there_says_so() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = Command::new(BIN)
        .args(["search", "--corpus"])
        .arg(dir.path().join("corpus"))
        .arg("gender")
        .output()
        .expect("run amicus search");
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("corpus"), "{error}");
    assert!(error.contains("search failed"), "{error}");
}

#[test]
fn search_of_a_corpus_with_errors_reports_them_as_a_build_does() {
    let site = fixture_site();
    let entry = site.corpus().join("cases/icc-ntaganda.md");
    let text = std::fs::read_to_string(&entry).expect("read entry");
    std::fs::write(&entry, text.replacen("summary: >-", "sumary: >-", 1)).expect("break entry");
    let output = Command::new(BIN)
        .args(["search", "--corpus"])
        .arg(site.corpus())
        .arg("ongwen")
        .output()
        .expect("run amicus search");
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("icc-ntaganda.md"), "{error}");
    assert!(error.contains("did you mean"), "{error}");
}

#[test]
fn the_old_cache_option_is_accepted_with_a_warning() {
    let site = fixture_site();
    let output = Command::new(BIN)
        .args(["search", "--json", "--cache", "old-cache", "--corpus"])
        .arg(site.corpus())
        .arg("ongwen")
        .output()
        .expect("run amicus search");
    assert!(output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("--cache is no longer used"), "{error}");
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(answer["results"][0]["id"], "icc-ongwen");
}

#[test]
fn builds_and_searches_of_one_corpus_at_once_agree() {
    let site = fixture_site();
    let build = |out: &str| {
        Command::new(BIN)
            .args(["build", "--quiet", "--corpus"])
            .arg(site.corpus())
            .arg("--out")
            .arg(site.dir.path().join(out))
            .spawn()
            .expect("start amicus build")
    };
    let builds: Vec<_> = (0..4).map(|n| build(&format!("public-{n}"))).collect();
    let searches: Vec<_> = (0..4)
        .map(|_| {
            Command::new(BIN)
                .args(["search", "--json", "--corpus"])
                .arg(site.corpus())
                .arg("--")
                .arg("ongwen")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("start amicus search")
        })
        .collect();
    for child in builds {
        assert!(
            child.wait_with_output().expect("build ends").status.success(),
            "every build succeeds"
        );
    }
    for child in searches {
        let output = child.wait_with_output().expect("search ends");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let answer: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        assert_eq!(answer["results"][0]["id"], "icc-ongwen");
    }
    let first = shard_bytes(&site.dir.path().join("public-0"));
    for n in 1..4 {
        assert_eq!(shard_bytes(&site.dir.path().join(format!("public-{n}"))), first);
    }
    assert!(
        !site.dir.path().join(".amicus-cache").exists(),
        "nothing is written beside the corpus"
    );
}

#[test]
fn inflected_forms_the_corpus_lacks_find_what_their_stems_find() {
    let site = built_site(&repo().join("corpus"));
    for (query, expected) in [
        ("persecuted", "otp-policy-gender-persecution"),
        ("persecute", "otp-policy-gender-persecution"),
        ("persecutions", "otp-policy-gender-persecution"),
        ("marriages", "icc-ongwen"),
        ("forced marriages", "icc-ongwen"),
        ("\"forced marriages\"", "icc-ongwen"),
        ("prosecuting", "otp-policy-sexual-gender-based-crimes"),
    ] {
        let answer = site.search(query, 50);
        assert!(answer["total"].as_u64().unwrap_or(0) > 0, "{query}: {answer}");
        let unknown = answer["notices"]
            .as_array()
            .is_some_and(|n| n.iter().any(|n| n["kind"] == "unknown"));
        assert!(!unknown, "{query}: {}", answer["notices"]);
        assert!(
            site.ids(query, 50).iter().any(|id| id == expected),
            "{query}: {expected}"
        );
    }
}

#[test]
fn search_options_may_follow_the_query() {
    let site = fixture_site();
    let output = Command::new(BIN)
        .args(["search", "gender", "persecution", "--json", "--limit", "2", "--corpus"])
        .arg(site.corpus())
        .output()
        .expect("run amicus search");
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(answer["query"], "gender persecution");
    assert_eq!(answer["results"].as_array().map(Vec::len), Some(2));
    // A word starting with `-` that is no option excludes; after `--`,
    // everything is the query.
    let output = Command::new(BIN)
        .args(["search", "gender", "-persecution", "--corpus"])
        .arg(site.corpus())
        .args(["--json", "--", "--limit"])
        .output()
        .expect("run amicus search");
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(answer["query"], "gender -persecution --limit");
}

#[test]
fn words_within_n_words_of_each_other() {
    let site = built_site(&repo().join("corpus"));
    // "persecution on religious grounds": two words apart, either order.
    assert_eq!(site.search("persecution w/1 religious", 10)["total"], 0);
    for query in ["persecution w/2 religious", "religious W/2 persecution"] {
        let ids = site.ids(query, 10);
        assert!(ids.contains(&"icc-al-hassan".to_string()), "{query}: {ids:?}");
    }
    // In one paragraph: "persecution" and "religious" stand in one block
    // of Al Hassan's body; each result of a /p is one of both words.
    let same = site.ids("persecution /p religious", 50);
    assert!(same.contains(&"icc-al-hassan".to_string()), "{same:?}");
    let apart = site.search("persecution /p religious", 100)["total"]
        .as_u64()
        .unwrap_or(0);
    let anywhere = site.search("persecution religious", 100)["total"].as_u64().unwrap_or(0);
    assert!(apart <= anywhere, "{apart} of {anywhere}");
    // Every result of a w/N query is a result of its words alone.
    let near = site.search("gender w/3 persecution", 100)["total"]
        .as_u64()
        .unwrap_or(0);
    let both = site.search("gender persecution", 100)["total"].as_u64().unwrap_or(0);
    assert!(near > 0 && near <= both, "{near} of {both}");
}

#[test]
fn a_result_links_to_the_nearest_anchor_of_its_match_and_the_anchor_exists() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let cases = dir.path().join("corpus/cases");
    std::fs::create_dir_all(&cases).expect("corpus folder");
    std::fs::write(
        cases.join("anchors.md"),
        "---\ntitle: Anchors\ndate: 2020\ncourt: C\n---\n## Article 7(3): definition\n\nText under the heading, and a note.[^note]\n\n| Ground | Meaning |\n|---|---|\n| gender | the two sexes |\n\n[1] A numbered paragraph about jurisdiction.\n\n## Later heading\n\n- a list item on reparations\n\n[^note]: The note speaks of apartheid.\n",
    )
    .expect("write entry");
    let site = Site { dir };
    site.build();
    let page = std::fs::read_to_string(site.public().join("cases/anchors.html")).expect("page");
    for (query, anchor) in [
        ("definition", "article-7-3-definition"),
        ("sexes", "article-7-3-definition"),
        ("jurisdiction", "p1"),
        ("reparations", "later-heading"),
        ("apartheid", "note"),
    ] {
        let answer = site.search(query, 1);
        assert_eq!(
            answer["results"][0]["url"],
            format!("cases/anchors.html#{anchor}"),
            "{query}"
        );
        assert!(
            page.contains(&format!("id=\"{anchor}\"")),
            "{query}: #{anchor} on the page"
        );
    }
    // On the starter corpus, every link of many queries' results lands on
    // an anchor its page has.
    let starter = built_site(&repo().join("corpus"));
    for query in [
        "7(3)",
        "gender persecution",
        "forced marriage",
        "apartheid",
        "Timbuktu",
        "article 7",
    ] {
        let answer = starter.search(query, 20);
        for result in answer["results"].as_array().into_iter().flatten() {
            let url = result["url"].as_str().unwrap_or_default();
            let Some((path, anchor)) = url.split_once('#') else {
                continue;
            };
            let page = std::fs::read_to_string(starter.public().join(path)).expect("result page");
            assert!(page.contains(&format!("id=\"{anchor}\"")), "{query}: {url}");
        }
    }
}
