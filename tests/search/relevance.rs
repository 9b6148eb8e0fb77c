//! The relevance set (`tests/search/relevance.json`) and nDCG@10, the
//! measure of a ranking against it.
//!
//! Each query has graded judgments: 3 for the answer, 2 for highly
//! relevant, 1 for relevant; an entry not listed is 0. For the first ten
//! results, DCG = Σ (2^rel − 1) / log2(i + 1) at rank i (from 1), and
//! nDCG@10 is DCG divided by the DCG of the ideal ordering of the judged
//! entries, so that 1.0 means the best entries first in the best order.
//! `benches/search/relevance.js` computes the same for amicus and Pagefind.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Results counted.
pub const DEPTH: usize = 10;

/// One query of the set.
pub struct Judged {
    pub query: String,
    /// What the user is after, in a line.
    pub note: String,
    /// Grade (1–3) of each relevant entry id.
    pub judgments: BTreeMap<String, u8>,
}

pub fn set_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/search/relevance.json")
}

/// The relevance set, as the file holds it.
pub fn load() -> Vec<Judged> {
    let text = std::fs::read_to_string(set_path()).expect("read tests/search/relevance.json");
    let file: serde_json::Value = serde_json::from_str(&text).expect("relevance.json is JSON");
    file["queries"]
        .as_array()
        .expect("relevance.json has a list of queries")
        .iter()
        .map(|q| Judged {
            query: q["query"].as_str().expect("a query is a string").to_string(),
            note: q["note"].as_str().unwrap_or_default().to_string(),
            judgments: q["judgments"]
                .as_object()
                .expect("judgments is an object")
                .iter()
                .map(|(id, grade)| {
                    let grade = grade.as_u64().expect("a grade is a number");
                    (id.clone(), u8::try_from(grade).expect("a grade is small"))
                })
                .collect(),
        })
        .collect()
}

/// DCG of grades in ranked order, the first [`DEPTH`] of them.
pub fn dcg(grades: impl IntoIterator<Item = u8>) -> f64 {
    grades.into_iter().take(DEPTH).enumerate().fold(0.0, |sum, (i, rel)| {
        sum + (2f64.powi(i32::from(rel)) - 1.0) / ((i + 2) as f64).log2()
    })
}

/// nDCG@10 of the ranked `ids` against `judgments`: 0 when nothing judged
/// relevant comes in the first ten (or nothing comes at all). An id
/// repeated counts once, where it first stands.
pub fn ndcg(ids: &[String], judgments: &BTreeMap<String, u8>) -> f64 {
    let mut ideal: Vec<u8> = judgments.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg(ideal);
    if best == 0.0 {
        return 0.0;
    }
    let mut seen = std::collections::HashSet::new();
    let grades = ids
        .iter()
        .filter(|id| seen.insert(id.as_str()))
        .map(|id| judgments.get(id).copied().unwrap_or(0));
    dcg(grades) / best
}

/// The arithmetic mean (0 for none).
pub fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}
