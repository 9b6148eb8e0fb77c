//! Ranking measured against the relevance set (`tests/search/relevance.json`):
//! what `amicus search` puts in the first ten results for queries a lawyer
//! would type on the starter corpus, graded by nDCG@10 (see
//! `tests/search/relevance.rs`). The browser engine ranks identically
//! (`tests/testsuite/search_parity.rs`), so this is what a reader sees on the site too.
//!
//! `cargo test --test testsuite search_relevance:: -- --nocapture` prints each query's
//! nDCG@10 and first ten results; `node benches/search/relevance.js PUBLIC`
//! compares with Pagefind.

#[path = "../search/relevance.rs"]
mod relevance;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use crate::support::search::*;
use relevance::{mean, ndcg, Judged, DEPTH};

/// The mean nDCG@10 over the set must not fall below this. Measured 0.839
/// (88 queries) before the ranking was tuned against the set, 0.866 after
/// (field boosts, type weights and the citation prior of
/// `src/search/engine.rs`). When a change to the ranking raises the
/// mean, raise the floor to a little under the new value (the test prints
/// the mean and each query's value with `-- --nocapture`); lower it only
/// with the judgments' reasons for a ranking that got worse on purpose.
const FLOOR: f64 = 0.86;

/// Queries the set must hold at least.
const MIN_QUERIES: usize = 60;

/// The ICC decisions of the starter corpus that charged persecution on
/// gender grounds (the Rome Statute entry's table of decisions applying
/// article 7(1)(h) on gender grounds).
const GENDER_PERSECUTION_CASES: &[&str] = &[
    "icc-al-hassan-confirmation",
    "icc-al-hassan",
    "icc-abd-al-rahman-confirmation",
    "icc-abd-al-rahman",
    "icc-afghanistan-arrest-warrant-applications",
    "icc-afghanistan-arrest-warrants",
];

/// The starter corpus's entry ids and, for each query of the set, the ids
/// of its first ten results; the corpus is built once for every test.
struct Measured {
    set: Vec<Judged>,
    entries: BTreeSet<String>,
    rankings: Vec<Vec<String>>,
}

fn measured() -> &'static Measured {
    static MEASURED: OnceLock<Measured> = OnceLock::new();
    MEASURED.get_or_init(|| {
        let site = built_site(&repo().join("corpus"));
        let entries_json = std::fs::read_to_string(site.public().join("entries.json")).expect("read entries.json");
        let entries: serde_json::Value = serde_json::from_str(&entries_json).expect("entries.json is JSON");
        let entries = entries["entries"]
            .as_array()
            .expect("entries.json lists entries")
            .iter()
            .map(|e| e["id"].as_str().expect("an entry has an id").to_string())
            .collect();
        let set = relevance::load();
        let rankings = set.iter().map(|q| site.ids(&q.query, DEPTH)).collect();
        Measured { set, entries, rankings }
    })
}

/// Each query's nDCG@10, in the set's order.
fn scores(m: &Measured) -> Vec<f64> {
    m.set
        .iter()
        .zip(&m.rankings)
        .map(|(q, ids)| ndcg(ids, &q.judgments))
        .collect()
}

/// The first ten results with their grades: `id=grade …`.
fn shown(ids: &[String], judgments: &BTreeMap<String, u8>) -> String {
    ids.iter()
        .map(|id| format!("{id}={}", judgments.get(id).copied().unwrap_or(0)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_relevance_set_is_large_and_judges_entries_that_exist() {
    let m = measured();
    assert!(
        m.set.len() >= MIN_QUERIES,
        "the relevance set has {} queries, fewer than {MIN_QUERIES}",
        m.set.len()
    );
    let mut problems = Vec::new();
    let mut queries = BTreeSet::new();
    for q in &m.set {
        if !queries.insert(q.query.as_str()) {
            problems.push(format!("{:?} is in the set twice", q.query));
        }
        if q.note.trim().is_empty() {
            problems.push(format!("{:?} has no note saying what the user is after", q.query));
        }
        if !q.judgments.values().any(|&grade| grade == 3) {
            problems.push(format!("{:?} has no answer (grade 3)", q.query));
        }
        for (id, grade) in &q.judgments {
            if !m.entries.contains(id) {
                problems.push(format!(
                    "{:?} judges {id}, which is not an entry of the starter corpus",
                    q.query
                ));
            }
            if !(1..=3).contains(grade) {
                problems.push(format!("{:?} grades {id} {grade}; grades are 1, 2 or 3", q.query));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn mean_ndcg_at_10_does_not_fall_below_the_floor() {
    let m = measured();
    let scores = scores(m);
    let mean = mean(&scores);
    let mut worst: Vec<(f64, usize)> = scores.iter().copied().zip(0..).collect();
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (q, (score, ids)) in m.set.iter().zip(scores.iter().zip(&m.rankings)) {
        println!("{score:.3}  {}\n       {}", q.query, shown(ids, &q.judgments));
    }
    println!(
        "mean nDCG@{DEPTH} over {} queries: {mean:.3} (floor {FLOOR})",
        m.set.len()
    );
    let report = worst
        .iter()
        .take(10)
        .map(|&(score, i)| {
            let q = &m.set[i];
            format!("  {score:.3}  {:?}: {}", q.query, shown(&m.rankings[i], &q.judgments))
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        mean >= FLOOR,
        "mean nDCG@{DEPTH} fell to {mean:.3}, below the floor of {FLOOR}; the worst queries:\n{report}"
    );
}

#[test]
fn gender_persecution_puts_the_policy_statute_and_cases_first() {
    let m = measured();
    let i = m
        .set
        .iter()
        .position(|q| q.query == "gender persecution")
        .expect("the set has the query `gender persecution`");
    let ids = &m.rankings[i];
    let rank = |id: &str| ids.iter().position(|r| r == id).map(|p| p + 1);
    let mut problems = Vec::new();
    match rank("otp-policy-gender-persecution") {
        Some(r) if r <= 3 => {}
        Some(r) => problems.push(format!(
            "the OTP policy on gender persecution is at rank {r}, not among the first three"
        )),
        None => problems.push("the OTP policy on gender persecution is not among the first ten".to_string()),
    }
    if rank("rome-statute").is_none() {
        problems.push("the Rome Statute is not among the first ten".to_string());
    }
    if !GENDER_PERSECUTION_CASES.iter().any(|case| rank(case).is_some()) {
        problems.push("no ICC decision that charged gender persecution is among the first ten".to_string());
    }
    assert!(
        problems.is_empty(),
        "`gender persecution`: {}\nfirst ten: {}",
        problems.join("; "),
        ids.join(", ")
    );
}

#[test]
fn ndcg_rewards_the_ideal_order_and_nothing_else() {
    let judgments: BTreeMap<String, u8> = [("a", 3), ("b", 2), ("c", 1)]
        .into_iter()
        .map(|(id, grade)| (id.to_string(), grade))
        .collect();
    let ids = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!((ndcg(&ids(&["a", "b", "c"]), &judgments) - 1.0).abs() < 1e-12);
    assert!((ndcg(&ids(&["a", "x", "b", "c"]), &judgments) - 1.0).abs() > 0.01);
    assert_eq!(ndcg(&[], &judgments), 0.0);
    assert_eq!(ndcg(&ids(&["x", "y"]), &judgments), 0.0);
    // The answer alone, second: (2^3 − 1) / log2(3) over the ideal
    // 7 / 1 + 3 / log2(3) + 1 / 2.
    let expected = (7.0 / 3f64.log2()) / (7.0 + 3.0 / 3f64.log2() + 0.5);
    assert!((ndcg(&ids(&["x", "a"]), &judgments) - expected).abs() < 1e-12);
    // A result repeated counts once; nothing past the tenth counts.
    assert!((ndcg(&ids(&["a", "a", "b", "c"]), &judgments) - 1.0).abs() < 1e-12);
    let late = ids(&["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "a"]);
    assert_eq!(ndcg(&late, &judgments), 0.0);
}
