//! The search query language (`search::query::parse`), and the engine that
//! answers it (`search::engine::search`) over the index of the project's
//! own `corpus/`, made once per process.
//!
//! Beyond "no panic": parsing is total and deterministic, units have
//! non-empty normalised words taken from the input, filters have values,
//! describing a unit and parsing it again gives it back; results are
//! ranked in order, with finite scores, documents that exist, snippets and
//! facet counts that make sense.

#![no_main]

use std::path::Path;

use amicus::corpus::{self, LoadOptions};
use amicus::search::{self, document::GraphFacts, engine, inverted::Inverted};
use libfuzzer_sys::fuzz_target;

#[path = "../invariants.rs"]
mod invariants;

thread_local! {
    static INDEX: Inverted = build_index();
}

fn build_index() -> Inverted {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let (corpus, _) = corpus::load_all(&root, &LoadOptions::default());
    assert!(!corpus.entries.is_empty(), "no entries in {}", root.display());
    Inverted::of(search::documents(&corpus, &GraphFacts::default()))
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let query = invariants::check_query(input);
    invariants::check_describe_round_trip(&query);
    INDEX.with(|index| {
        let outcome = engine::search(index, &query, 10);
        let docs = index.docs().len();
        assert_eq!(outcome.total, outcome.hits.len());
        if query.clauses.is_empty() && query.filters.is_empty() {
            assert!(
                outcome.hits.is_empty(),
                "results for a query that asks for nothing: {input:?}"
            );
        }
        for pair in outcome.hits.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert!(
                (a.tier, a.score) >= (b.tier, b.score),
                "results out of order for {input:?}"
            );
        }
        for (rank, hit) in outcome.hits.iter().enumerate() {
            assert!(hit.doc < docs, "a result beyond the documents");
            assert!(
                hit.score.is_finite() && hit.score >= 0.0,
                "score {} for {input:?}",
                hit.score
            );
            assert_eq!(
                hit.snippet.is_some(),
                rank < 10,
                "snippets are made for the first results only"
            );
            if let Some(snippet) = &hit.snippet {
                assert!(snippet.segments.iter().filter(|s| s.mark).all(|s| !s.text.is_empty()));
            }
        }
        for facet in &outcome.facets {
            for value in &facet.values {
                assert!(
                    value.count >= 1 && value.count <= docs,
                    "facet count {} for {input:?}",
                    value.count
                );
            }
        }
    });
});
