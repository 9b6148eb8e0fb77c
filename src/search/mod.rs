//! Full-text search: an index of the published entries made in memory
//! (which `amicus search` answers from), and its export into static shards
//! under `public/search/` that the browser loads with plain `<script>` tags.
//!
//! - [`analyzer`]: what a word is (the contract shared with the browser);
//! - [`document`]: what is indexed of an entry;
//! - [`inverted`]: the index: each term's postings, the field statistics
//!   and the vocabulary, patched after an edit;
//! - [`query`]: the query language; [`engine`]: matching and ranking;
//!   [`facets`], [`snippet`], [`suggest`]: what a result page shows;
//! - [`export`]: the shards; [`keys`]: their vocabulary and postings, kept
//!   between builds; [`table`]: their document table; [`digits`]: how they
//!   write numbers.
//!
//! Only what `corpus::load` published reaches this module, so nothing
//! withheld can be indexed.

pub mod analyzer;
pub(crate) mod coded;
pub(crate) mod digits;
pub mod document;
pub mod engine;
pub(crate) mod export;
pub(crate) mod facets;
pub(crate) mod field;
pub mod inverted;
pub(crate) mod keys;
pub(crate) mod notice;
pub mod query;
pub(crate) mod snippet;
pub(crate) mod suggest;
pub(crate) mod table;

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use crate::corpus::{BodyUnread, Corpus, Entry, EntryId};
use crate::diagnostic::Diagnostics;
use crate::keep::Keep;
use crate::links::Links;
use document::{GraphFacts, IndexDoc};
use inverted::Inverted;

/// Up to this many documents are made on the calling thread.
const FEW_DOCUMENTS: usize = 64;

/// The indexed documents of the last build, each with a hash of what it
/// was made from and its content hash, so that a rebuild makes again only
/// those of the entries that changed.
#[derive(Default)]
pub(crate) struct DocumentCache {
    documents: FxHashMap<EntryId, CachedDocument>,
    /// With [`Keep::Nothing`] (a single build), nothing.
    keep: Keep,
}

struct CachedDocument {
    /// See [`inputs_of`].
    inputs: u64,
    /// The revision of the entry it was made from: the same revision, the
    /// same title.
    revision: u64,
    /// The entry's title as `[[…]]` shows it in other entries' text.
    title: String,
    doc: Arc<IndexDoc>,
    content_hash: u64,
}

impl DocumentCache {
    /// A cache keeping what `keep` says.
    pub(crate) fn new(keep: Keep) -> Self {
        DocumentCache {
            documents: FxHashMap::default(),
            keep,
        }
    }

    /// The indexed documents of a corpus, sorted by id, with their content
    /// hashes. A document is made again when its entry changed, or when an
    /// entry its body links to is new or has another title (which its text
    /// shows for the link). The documents are shared with the cache, never
    /// copied, and the cache is patched where it changed: an edit costs the
    /// entries it changed and a look-up per entry, not the whole corpus.
    /// Fails for the entries whose bodies could not be read again (see
    /// [`crate::corpus::Body`]).
    pub(crate) fn documents(
        &mut self,
        corpus: &Corpus,
        links: &Links,
        relations: &GraphFacts<'_>,
    ) -> Result<(Vec<Arc<IndexDoc>>, Vec<u64>), Diagnostics> {
        let cached = &self.documents;
        // (With nothing cached, every document is made anyway.)
        let retitled = corpus.entries.iter().filter(|_| !cached.is_empty()).filter(|e| {
            cached
                .get(&e.id)
                .is_none_or(|c| c.revision != e.revision && c.title != e.display_title())
        });
        // Every `[[…]]` of a built corpus names an entry: it is in the links.
        let showing_new_titles: FxHashSet<&EntryId> = retitled
            .flat_map(|entry| links.cited_by(&entry.id).map(|(from, _)| from))
            .collect();
        // Hashing the inputs is cheap, and so is an edit's handful of
        // documents: done on this thread. Handed to rayon beside the pages
        // being rendered, such small work waits for whatever long job the
        // other worker is in.
        let inputs: Vec<u64> = corpus.entries.iter().map(|entry| inputs_of(entry, relations)).collect();
        let to_make: Vec<usize> = (corpus.entries.iter().zip(&inputs).enumerate())
            .filter(|(_, (entry, inputs))| {
                cached
                    .get(&entry.id)
                    .is_none_or(|c| c.inputs != **inputs || showing_new_titles.contains(&entry.id))
            })
            .map(|(number, _)| number)
            .collect();
        let make = |&number: &usize| {
            let entry = &corpus.entries[number];
            IndexDoc::of(entry, corpus, relations).map(|doc| CachedDocument {
                inputs: inputs[number],
                revision: entry.revision,
                title: entry.display_title().to_string(),
                content_hash: doc.content_hash(),
                doc: Arc::new(doc),
            })
        };
        let made: Vec<Result<CachedDocument, BodyUnread>> = if to_make.len() <= FEW_DOCUMENTS {
            to_make.iter().map(make).collect()
        } else {
            to_make.par_iter().map(make).collect()
        };
        let made = every_one(made)?;
        let mut docs = Vec::with_capacity(corpus.entries.len());
        let mut hashes = Vec::with_capacity(corpus.entries.len());
        let mut fresh = to_make.iter().zip(&made).peekable();
        for (number, entry) in corpus.entries.iter().enumerate() {
            let document = match fresh.next_if(|(made_number, _)| **made_number == number) {
                Some((_, document)) => document,
                None => &self.documents[&entry.id],
            };
            docs.push(Arc::clone(&document.doc));
            hashes.push(document.content_hash);
        }
        if self.keep.anything() {
            for (number, document) in to_make.into_iter().zip(made) {
                self.documents.insert(corpus.entries[number].id.clone(), document);
            }
            // Entries gone (or renamed) since the last build.
            if self.documents.len() > corpus.entries.len() {
                self.documents.retain(|id, _| corpus.get(id.as_str()).is_some());
            }
        }
        Ok((docs, hashes))
    }
}

/// The documents of the entries `numbers` of `corpus`, made on every
/// core, with their content hashes: a single build's, which makes them a
/// chunk at a time and keeps none (a build keeping them for the next asks
/// [`DocumentCache::documents`]). Fails for the entries whose bodies could
/// not be read again.
pub(crate) fn documents_of(
    corpus: &Corpus,
    relations: &GraphFacts<'_>,
    numbers: std::ops::Range<usize>,
) -> Result<(Vec<Arc<IndexDoc>>, Vec<u64>), Diagnostics> {
    let made: Vec<Result<IndexDoc, BodyUnread>> = corpus.entries[numbers]
        .par_iter()
        .map(|entry| IndexDoc::of(entry, corpus, relations))
        .collect();
    let docs = every_one(made)?;
    let hashes = docs.iter().map(IndexDoc::content_hash).collect();
    Ok((docs.into_iter().map(Arc::new).collect(), hashes))
}

/// Every document made, or the problem of each body that could not be read.
fn every_one<T>(made: Vec<Result<T, BodyUnread>>) -> Result<Vec<T>, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut documents = Vec::with_capacity(made.len());
    for result in made {
        match result {
            Ok(document) => documents.push(document),
            Err(unread) => problems.push(*unread.0),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(documents)
}

/// A hash of what [`IndexDoc::of`] reads of the entry itself: its file,
/// language, kind and id (its URL) and its relation tags. (The titles of
/// the entries its body links to are looked at apart.)
fn inputs_of(entry: &Entry, relations: &GraphFacts<'_>) -> u64 {
    let mut hasher = FxHasher::default();
    (entry.revision, &entry.lang, entry.kind, &entry.id).hash(&mut hasher);
    relations.tags_of(&entry.id).hash(&mut hasher);
    relations.cited_by(&entry.id).hash(&mut hasher);
    hasher.finish()
}

/// One result as `amicus search` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ResultView {
    /// The entry's id.
    pub id: String,
    pub(crate) title: String,
    #[serde(rename = "type")]
    pub(crate) kind: String,
    pub(crate) date: String,
    pub(crate) court: Option<String>,
    pub(crate) case_number: Option<String>,
    /// Relative to the site root, with the anchor nearest to the best
    /// match (`#p12`, a heading's, a footnote's).
    pub(crate) url: String,
    pub(crate) score: f64,
    pub(crate) exact: bool,
    pub(crate) snippet: Option<snippet::Snippet>,
}

/// The answer to a query.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Answer {
    pub(crate) query: String,
    /// How many entries match: those in `results` and the rest.
    pub total: usize,
    /// The best results, at most the `limit` asked for, best first.
    pub results: Vec<ResultView>,
    pub(crate) facets: Vec<facets::Facet>,
    pub(crate) notices: Vec<engine::Notice>,
}

/// Answers `text` from `index`, with at most `limit` results.
pub fn answer(index: &Inverted, text: &str, limit: usize) -> Answer {
    let query = query::parse(text, false);
    let outcome = engine::search(index, &query, limit);
    let docs = index.docs();
    let results = outcome
        .hits
        .iter()
        .take(limit)
        .map(|hit| {
            let doc = &docs[hit.doc];
            let anchor = hit.snippet.as_ref().and_then(|s| s.anchor.as_deref());
            ResultView {
                id: doc.id.clone(),
                title: doc.title.clone(),
                kind: doc.kind.clone(),
                date: doc.date.clone(),
                court: doc.court.clone().or_else(|| doc.issuer.clone()),
                case_number: doc.case_number.clone(),
                url: match anchor {
                    Some(anchor) => format!("{}#{anchor}", doc.url),
                    None => doc.url.clone(),
                },
                score: hit.score,
                exact: hit.tier > 0,
                snippet: hit.snippet.clone(),
            }
        })
        .collect();
    Answer {
        query: text.to_string(),
        total: outcome.total,
        results,
        facets: outcome.facets,
        notices: outcome.notices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{load_all_cached, LoadCache, LoadOptions};

    fn case(number: usize, body: &str) -> String {
        format!("---\ntitle: Case {number}\ndate: 2020-01-0{number}\ncourt: A court\n---\n\n[1] {body}\n")
    }

    #[test]
    fn documents_whose_files_changed_since_the_load_are_refused_each_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("cases")).unwrap();
        for number in 1..=3 {
            let file = dir.path().join(format!("cases/case-{number}.md"));
            std::fs::write(file, case(number, "Persecution on grounds of gender.")).unwrap();
        }
        let (corpus, diagnostics) =
            load_all_cached(dir.path(), &LoadOptions::default(), &mut LoadCache::new(Keep::Nothing));
        assert!(!diagnostics.has_errors(), "{diagnostics}");
        let links = crate::links::link(&corpus, &[]).unwrap();
        let relations = GraphFacts::of_graph(&links, &[]);

        let (docs, hashes) = documents_of(&corpus, &relations, 1..3).unwrap();
        let ids: Vec<&str> = docs.iter().map(|doc| doc.id.as_str()).collect();
        assert_eq!(ids, ["case-2", "case-3"]);
        assert_eq!(hashes, docs.iter().map(|doc| doc.content_hash()).collect::<Vec<_>>());
        assert!(docs[0].blocks.iter().any(|block| block.text.contains("gender")));

        for number in [1, 3] {
            let file = dir.path().join(format!("cases/case-{number}.md"));
            std::fs::write(file, case(number, "Another text.")).unwrap();
        }
        let problems = documents_of(&corpus, &relations, 0..3).unwrap_err();
        let messages: Vec<String> = problems.0.iter().map(|problem| problem.rendered(false)).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        for (message, name) in messages.iter().zip(["case-1.md", "case-3.md"]) {
            assert!(message.contains(name), "{message}");
            assert!(
                message.contains("the file changed while the site was being built"),
                "{message}"
            );
        }
    }
}
