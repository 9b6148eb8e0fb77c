//! The browser's search engine (`assets/search.js`, run under Node over the
//! exported shards) and `amicus search` (over the tantivy index) give the
//! same results in the same order, and both normalise words alike.

use crate::support::encoded;

use crate::support::search::*;

/// Words, phrases, exclusions, OR, filters, prefixes, citations and
/// non-English words.
const QUERIES: &[&str] = &[
    "gender persecution",
    "\"forced marriage\" uganda",
    "\"forced marriage\"",
    "persecution -religious",
    "gender -\"trial chamber\"",
    "rape OR pregnancy",
    "forced OR sexual slavery",
    "type:case",
    "type:report lang:fr",
    "country:ml",
    "court:icc persecution",
    "grounds:gender year:2020..2024",
    "crimes:forced-marriage",
    "-type:case gender",
    "year:..2020",
    "persec*",
    "persec",
    "ICC-01/12-01/18",
    "art. 7(1)(h)",
    "7(3)",
    "persécution fondée",
    "преследование",
    "التعليم",
    "persecución",
    "identidad de género",
    "girls education",
    "Al Hassan",
    "Rome Statute",
    "chamber convicted",
    "relation:appealed",
    "relation:applies persecution",
    "-relation:applies gender",
    "relation:overturned",
    "relation:overturned-by",
    "gendr",
    "secretdraftword",
    // Forms the corpus does not have, found by their stems.
    "persecuted",
    "persecute",
    "persecutions",
    "marriages",
    "forced marriages",
    "\"forced marriages\"",
    "prosecuting",
    "persécutions",
    "преследований",
    // Snippets that show the rarest words, phrases marked whole.
    "gender apartheid",
    "men and boys",
    "definition of gender",
    // Words within N words of each other.
    "persecution w/5 gender",
    "gender w/1 persecution",
    "forced w/3 marriage",
    "\"forced marriage\" w/20 uganda",
    "rape OR slavery w/10 sexual",
    "persec* w/2 religious",
    // In one paragraph.
    "persecution /p religious",
    "gender /p apartheid",
    "\"forced marriage\" /p uganda",
    "rape OR slavery /P gender",
    // Misspellings and filter values no entry has.
    "persecushun",
    "gendre persecution",
    "type:judgment",
    "type:judgment persecution",
    "country:france",
    "crimes:forced-marriages",
    "grounds:lgbt",
    "-type:judgment gender",
];

fn compare_engines(site: &Site, queries: &[&str]) {
    compare_engines_with(site, queries, &[]);
}

fn compare_engines_with(site: &Site, queries: &[&str], env: &[(&str, &str)]) {
    let browser = node_engine_with(&site.public(), queries, 5, false, env);
    let mut differences = Vec::new();
    for (query, in_browser) in queries.iter().zip(&browser) {
        let answer = site.search(query, 5);
        let cli_ids = ids_of(&answer);
        let browser_ids: Vec<String> = in_browser["ids"]
            .as_array()
            .map(|ids| {
                ids.iter()
                    .map(|id| id.as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default();
        if cli_ids != browser_ids || answer["total"] != in_browser["total"] {
            differences.push(format!(
                "{query:?}\n  amicus search: {} {cli_ids:?}\n  browser:       {} {browser_ids:?}",
                answer["total"], in_browser["total"]
            ));
        } else if facets_of(&answer) != in_browser["facets"] {
            differences.push(format!(
                "{query:?}: facets differ\n  amicus search: {}\n  browser:       {}",
                facets_of(&answer),
                in_browser["facets"]
            ));
        } else if comparable_notices(&answer["notices"]) != comparable_notices(&in_browser["notices"]) {
            differences.push(format!(
                "{query:?}: notices differ\n  amicus search: {}\n  browser:       {}",
                answer["notices"], in_browser["notices"]
            ));
        } else if snippets_of(&answer) != in_browser["snippets"] || anchors_of(&answer) != in_browser["anchors"] {
            differences.push(format!(
                "{query:?}: snippets differ\n  amicus search: {} {}\n  browser:       {} {}",
                anchors_of(&answer),
                snippets_of(&answer),
                in_browser["anchors"],
                in_browser["snippets"]
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "the engines differ:\n{}",
        differences.join("\n")
    );
}

/// Notices as both engines must give them. A misspelt word's first
/// suggestion must agree; the browser looks for the others only in the
/// part of the vocabulary it loaded (the word's terms shard), the command
/// line in all of it.
fn comparable_notices(notices: &serde_json::Value) -> serde_json::Value {
    let mut notices = notices.clone();
    for notice in notices.as_array_mut().into_iter().flatten() {
        if notice["kind"] == "unknown" {
            if let Some(suggestions) = notice["suggestions"].as_array_mut() {
                suggestions.truncate(1);
            }
        }
    }
    notices
}

/// Each result's snippet as `[[text, marked], …]`, as the Node runner
/// prints it.
fn snippets_of(answer: &serde_json::Value) -> serde_json::Value {
    let results = answer["results"].as_array().cloned().unwrap_or_default();
    results
        .iter()
        .map(|result| {
            let segments = result["snippet"]["segments"].as_array().cloned().unwrap_or_default();
            segments
                .iter()
                .map(|s| serde_json::json!([s["text"], s["mark"].as_bool().unwrap_or(false)]))
                .collect::<serde_json::Value>()
        })
        .collect()
}

/// Each facet as `[field, [[value, count], …]]`.
fn facets_of(answer: &serde_json::Value) -> serde_json::Value {
    let facets = answer["facets"].as_array().cloned().unwrap_or_default();
    facets
        .iter()
        .map(|facet| {
            let values = facet["values"].as_array().cloned().unwrap_or_default();
            let values: Vec<serde_json::Value> = values
                .iter()
                .map(|v| serde_json::json!([v["value"], v["count"]]))
                .collect();
            serde_json::json!([facet["field"], values])
        })
        .collect()
}

/// Each result's anchor (`p12`, a heading's, a footnote's), or null.
fn anchors_of(answer: &serde_json::Value) -> serde_json::Value {
    let results = answer["results"].as_array().cloned().unwrap_or_default();
    results
        .iter()
        .map(|result| result["snippet"]["anchor"].clone())
        .collect()
}

#[test]
#[cfg_attr(
    amicus_without_node,
    ignore = "needs Node: apt-get install nodejs (see README, Tests)"
)]
fn browser_engine_and_cli_rank_the_fixture_corpus_alike() {
    require_node();
    assert!(QUERIES.len() >= 20);
    // As in a browser whose DecompressionStream refuses raw deflate.
    compare_engines_with(&fixture_site(), QUERIES, &[("INFLATE", "refuse")]);
}

/// Relation filters on a corpus that has them: the overturned entries (the
/// ones with the warning), keys, passive words and inverse labels, built-in
/// and configured.
#[test]
#[cfg_attr(
    amicus_without_node,
    ignore = "needs Node: apt-get install nodejs (see README, Tests)"
)]
fn browser_engine_and_cli_filter_relations_alike() {
    require_node();
    let site = built_site(&repo().join("tests/fixtures/relations/corpus"));
    let queries = [
        "relation:overturned",
        "-relation:overturned",
        "relation:overturned-by",
        "relation:appealed-in",
        "relation:reversed-by",
        "relation:endorsed-by",
        "relation:overturns",
        "relation:appealed",
        "relation:applied-by",
        "doe relation:overturned",
    ];
    assert_eq!(site.ids("relation:overturned", 5), ["appeal", "first-instance"]);
    assert_eq!(site.ids("relation:overturned-by", 5), ["first-instance"]);
    compare_engines(&site, &queries);
}

#[test]
#[cfg_attr(
    amicus_without_node,
    ignore = "needs Node: apt-get install nodejs (see README, Tests)"
)]
fn browser_engine_and_cli_rank_the_starter_corpus_alike() {
    require_node();
    compare_engines(&built_site(&repo().join("corpus")), QUERIES);
}

/// A generated corpus large enough that every document's text has its own
/// shard, as on a large site; search.js inflates the texts itself, as in a
/// browser without `DecompressionStream`.
#[test]
#[cfg_attr(
    amicus_without_node,
    ignore = "needs Node: apt-get install nodejs (see README, Tests)"
)]
fn browser_engine_and_cli_rank_a_generated_corpus_alike() {
    require_node();
    let site = generated_site();
    let manifest = encoded::search_manifest(&site.public());
    assert_eq!(manifest["shards"]["text"], "each", "texts are one file per document");
    compare_engines_with(
        &site,
        &[
            "gender persecution",
            "\"forced marriage\"",
            "women grounds",
            "evidence -religious",
            "political OR religious",
            "court:icc persecution",
            "type:case",
            "persec",
            "sentence the",
            "crimes:persecution year:2010..2020",
        ],
        &[("INFLATE", "js")],
    );
    // Each result's text is one segment of its body: the one its snippet
    // is cut from, not the whole entry.
    let [result] = &node_engine(&site.public(), &["gender persecution"], 10, true)[..] else {
        panic!("one query, one result")
    };
    let texts: Vec<&str> = result["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .filter_map(|r| r.as_str().filter(|name| name.starts_with("text-")))
        .collect();
    assert_eq!(texts.len(), 10, "one text file per result shown: {texts:?}");
    assert!(
        texts.iter().any(|name| !name.ends_with("-0")),
        "some snippet comes from a later segment: {texts:?}"
    );
    for name in texts {
        let doc = name.rsplit_once('-').map(|(doc, _)| doc).unwrap_or(name);
        assert!(
            encoded::search_file(&site.public(), &manifest, &format!("{doc}-1")).exists(),
            "{name}: the entry has several segments, and one was loaded"
        );
    }
}

/// A document table that does not come with the first terms shards (more
/// than two shards of it on a large corpus; here made to, by the engine's
/// `eagerDocShards`): each query's table shards come after its postings,
/// and a body's length code, which scores read from the table, with
/// them. The engines still rank alike.
#[test]
#[cfg_attr(
    amicus_without_node,
    ignore = "needs Node: apt-get install nodejs (see README, Tests)"
)]
fn browser_engine_and_cli_rank_alike_when_the_table_comes_after_the_terms() {
    require_node();
    let site = generated_site_of(2_600, 40);
    let manifest = encoded::search_manifest(&site.public());
    assert!(manifest.get("inline").is_none(), "the table is in files of its own");
    let lazy = [("EAGER_DOC_SHARDS", "0")];
    compare_engines_with(
        &site,
        &[
            "gender persecution",
            "\"forced marriage\" persecution",
            "persecution /p gender",
            "evidence -religious",
            "court:icc persecution",
            "persec",
        ],
        &lazy,
    );
    let [result] = &node_engine_with(&site.public(), &["gender persecution"], 10, true, &lazy)[..] else {
        panic!("one query, one result")
    };
    let trips = result["trips"].as_array().expect("trips");
    let has_docs = |trip: &serde_json::Value| {
        trip.as_array()
            .expect("a trip")
            .iter()
            .any(|name| name.as_str().is_some_and(|name| name.starts_with("docs-")))
    };
    assert!(
        trips.len() == 4 && has_docs(&trips[2]) && !has_docs(&trips[1]),
        "the manifest, the terms, the table, the texts: {trips:?}"
    );
}

/// A generated corpus of 60 long entries: hundreds of terms shards, one
/// text file per segment of each body, as on a large site.
fn generated_site() -> Site {
    generated_site_of(60, 1500)
}

/// A site of `entries` generated entries of about `words` words each.
fn generated_site_of(entries: usize, words: usize) -> Site {
    let source = tempfile::tempdir().expect("temporary folder");
    let corpus = source.path().join("corpus");
    let output = std::process::Command::new(BIN)
        .args(["generate", "--seed", "3"])
        .args(["--entries", &entries.to_string(), "--words", &words.to_string()])
        .arg("--out")
        .arg(&corpus)
        .output()
        .expect("run amicus generate");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    built_site(&corpus)
}

/// The keys of every terms shard, and the vocabulary entries among them.
fn terms_shards(public: &std::path::Path) -> Vec<serde_json::Value> {
    let manifest = encoded::search_manifest(public);
    let mut shards = Vec::new();
    while let Ok(bytes) = std::fs::read(encoded::search_file(
        public,
        &manifest,
        &format!("terms-{}", shards.len()),
    )) {
        let json = encoded::inflate_search_text(&bytes);
        shards.push(serde_json::from_slice(&json).expect("a terms shard holds JSON"));
    }
    shards
}

/// On a large site a query waits for the manifest, then its terms shards
/// (which hold its words' stems too), then its results' texts: three round
/// trips, and one more for a phrase's positions.
#[test]
#[cfg_attr(
    amicus_without_node,
    ignore = "needs Node: apt-get install nodejs (see README, Tests)"
)]
fn a_query_on_a_large_site_takes_three_round_trips() {
    require_node();
    let site = generated_site();
    let shards = terms_shards(&site.public());
    assert!(shards.len() > 20, "{} terms shards", shards.len());
    let mut apart = Vec::new();
    for shard in &shards {
        for (word, terms) in shard["w"].as_object().into_iter().flatten() {
            for term in terms.as_array().into_iter().flatten().filter_map(|t| t.as_str()) {
                if shard["p"].get(term).is_none() {
                    apart.push(format!("{word} → {term}"));
                }
            }
        }
    }
    assert!(apart.is_empty(), "words whose term is in another shard: {apart:?}");

    let queries = [
        "gender persecution",
        "women grounds",
        "evidence -religious",
        "\"forced marriage\" persecution",
    ];
    for result in node_engine(&site.public(), &queries, 10, true) {
        let trips: Vec<Vec<String>> = serde_json::from_value(result["trips"].clone()).expect("trips");
        let kinds: Vec<Vec<&str>> = trips
            .iter()
            .map(|trip| {
                let mut kinds: Vec<&str> = trip.iter().map(|name| name.split('-').next().unwrap_or(name)).collect();
                kinds.dedup();
                kinds
            })
            .collect();
        let phrase = result["query"].as_str().is_some_and(|q| q.contains('"'));
        let expected: &[&[&str]] = if phrase {
            &[&["manifest"], &["terms"], &["pos"], &["text"]]
        } else {
            &[&["manifest"], &["terms"], &["text"]]
        };
        assert_eq!(kinds, expected, "{}: {trips:?}", result["query"]);
        let shown = result["total"].as_u64().expect("total").min(10) as usize;
        assert_eq!(trips[trips.len() - 1].len(), shown, "a text file per result shown");
    }
}

/// Hundreds of titles `Prosecutor v. …` make terms shards of names
/// alone: a query naming one finds it first, and a word being typed
/// (`prosec`) loads the shards of words, not those names.
#[test]
#[cfg_attr(
    amicus_without_node,
    ignore = "needs Node: apt-get install nodejs (see README, Tests)"
)]
fn names_sharing_a_first_word_stay_out_of_word_queries() {
    require_node();
    let dir = tempfile::tempdir().expect("temporary folder");
    let cases = dir.path().join("corpus/cases");
    std::fs::create_dir_all(&cases).expect("create the corpus");
    for n in 0..600 {
        let entry = format!(
            "---\ntitle: Prosecutor v. Accused{n:03} and Others, on Crimes Committed in the Northern \
             Provinces of the Region During the Armed Conflict Between the Years of the War\ndate: 2020-01-01\n\
             court: Trial Chamber\n---\nThe prosecutor charged persecution.\n"
        );
        std::fs::write(cases.join(format!("case-{n:03}.md")), entry).expect("write an entry");
    }
    let site = built_site(&dir.path().join("corpus"));
    let shards = terms_shards(&site.public());
    let names_only = shards
        .iter()
        .filter(|shard| shard.get("n").is_some() && shard.get("w").is_none() && shard.get("p").is_none())
        .count();
    assert!(names_only > 0, "no shard of names alone among {}", shards.len());

    let [named, typed] = &node_engine(&site.public(), &["Prosecutor v. Accused417", "prosec"], 10, true)[..] else {
        panic!("two queries, two results")
    };
    assert_eq!(named["ids"][0], "case-417", "{named}");
    assert_eq!(typed["total"], 600, "{typed}");
    let loaded: Vec<usize> = typed["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .filter_map(|name| name.as_str()?.strip_prefix("terms-")?.parse().ok())
        .collect();
    for number in loaded {
        assert!(
            shards[number].get("w").is_some(),
            "terms-{number} holds no word, yet `prosec` loaded it: {}",
            typed["requests"]
        );
    }
}

/// The shared test vector (`tests/fixtures/search/normalise.json`): the
/// words each text is split and normalised into.
fn normalisation_vector() -> std::path::PathBuf {
    repo().join("tests/fixtures/search/normalise.json")
}

#[test]
fn normalisation_vector_holds_in_rust() {
    let vector: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(normalisation_vector()).expect("read the test vector"))
            .expect("the test vector is JSON");
    for case in &vector {
        let text = case["text"].as_str().unwrap_or_default();
        let expected: Vec<String> = serde_json::from_value(case["words"].clone()).expect("words");
        assert_eq!(
            amicus::search::analyzer::word_texts(text),
            expected,
            "Rust normalises {text:?}"
        );
    }
}

#[test]
#[cfg_attr(
    amicus_without_node,
    ignore = "needs Node: apt-get install nodejs (see README, Tests)"
)]
fn normalisation_vector_holds_in_the_browser() {
    require_node();
    let site = fixture_site();
    let output = std::process::Command::new("node")
        .arg(repo().join("tests/search/normalise-node.js"))
        .arg(site.public())
        .arg(normalisation_vector())
        .output()
        .expect("run node");
    assert!(
        output.status.success(),
        "the browser normalises differently:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
#[cfg_attr(
    amicus_without_node,
    ignore = "needs Node: apt-get install nodejs (see README, Tests)"
)]
fn a_typical_two_word_query_needs_at_most_four_requests() {
    require_node();
    let site = fixture_site();
    for result in node_engine(&site.public(), &["gender persecution", "forced marriage"], 10, true) {
        let requests = result["requests"].as_array().map_or(0, Vec::len);
        let trips = result["trips"].as_array().map_or(0, Vec::len);
        assert!(
            requests <= 4 && trips <= 3,
            "{}: {requests} requests in {trips} round trips: {}",
            result["query"],
            result["trips"]
        );
    }
}
