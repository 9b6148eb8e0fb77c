//! Each entry's part of a corpus-wide file as the last build made it, so
//! that a rebuild makes again only the parts of the entries that changed.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::corpus::{Corpus, Entry, EntryId};

/// The parts of the last build, in its corpus's order, each with the key
/// it was made from. While no entry came or went, an entry's last part is
/// found by its place, without a map of 10,000 ids to build.
#[derive(Debug)]
pub(super) struct Parts<T> {
    ids: Vec<EntryId>,
    parts: Vec<(u64, Arc<T>)>,
}

impl<T> Default for Parts<T> {
    fn default() -> Self {
        Parts {
            ids: Vec::new(),
            parts: Vec::new(),
        }
    }
}

impl<T: Send + Sync> Parts<T> {
    /// Every entry's part, in the corpus's order: the last one when `key`
    /// gives what it gave then and `stale` does not hold, else a new one
    /// from `make`. The keys and parts are kept for the next build.
    pub(super) fn update(
        &mut self,
        corpus: &Corpus,
        key: impl Fn(&Entry) -> u64 + Sync,
        stale: impl Fn(&Entry) -> bool + Sync,
        make: impl Fn(&Entry) -> T + Sync,
    ) -> &[(u64, Arc<T>)] {
        let same_order = self.ids.len() == corpus.entries.len()
            && self.ids.iter().zip(&corpus.entries).all(|(id, entry)| *id == entry.id);
        let places: FxHashMap<&EntryId, usize> = match same_order {
            true => FxHashMap::default(),
            false => self.ids.iter().enumerate().map(|(at, id)| (id, at)).collect(),
        };
        let parts = corpus
            .entries
            .par_iter()
            .enumerate()
            .map(|(at, entry)| {
                let key = key(entry);
                let last = match same_order {
                    true => Some(at),
                    false => places.get(&entry.id).copied(),
                };
                match last.map(|at| &self.parts[at]) {
                    Some((known, part)) if *known == key && !stale(entry) => (key, Arc::clone(part)),
                    _ => (key, Arc::new(make(entry))),
                }
            })
            .collect();
        drop(places);
        if !same_order {
            self.ids = corpus.entries.iter().map(|entry| entry.id.clone()).collect();
        }
        self.parts = parts;
        &self.parts
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::corpus::{frontmatter, EntryType};

    fn corpus(entries: &[(&str, u64)]) -> Corpus {
        let mut corpus = Corpus::default();
        corpus.entries = entries
            .iter()
            .map(|&(id, revision)| {
                let text = format!(
                    "---\ntitle: {id}\ncourt: X\ndate: 2020\nsources:\n  - title: S\n    url: https://example.org\n---\n"
                );
                let (entry, problems) = frontmatter::parse_entry(frontmatter::FileInput {
                    path: Path::new("x.md"),
                    kind: EntryType::Case,
                    id: EntryId::parse(id).unwrap(),
                    text: &text,
                    default_lang: "en",
                    relations: &[],
                });
                assert!(problems.is_empty(), "{problems:?}");
                Arc::new(Entry {
                    revision,
                    ..entry.unwrap()
                })
            })
            .collect();
        corpus.index_entries();
        corpus
    }

    /// The parts of `corpus`, made as `id@revision`, with how many were
    /// made anew.
    fn update(parts: &mut Parts<String>, corpus: &Corpus, stale: &str) -> (Vec<String>, usize) {
        let made = std::sync::atomic::AtomicUsize::new(0);
        let texts = parts
            .update(
                corpus,
                |entry| entry.revision,
                |entry| entry.id.as_str() == stale,
                |entry| {
                    made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    format!("{}@{}", entry.id, entry.revision)
                },
            )
            .iter()
            .map(|(_, text)| text.to_string())
            .collect();
        (texts, made.into_inner())
    }

    #[test]
    fn only_changed_stale_or_new_entries_are_made_again() {
        let mut parts = Parts::default();
        let first = corpus(&[("a", 1), ("b", 1), ("c", 1)]);
        assert_eq!(update(&mut parts, &first, "").1, 3);
        assert_eq!(update(&mut parts, &first, "").1, 0);
        let edited = corpus(&[("a", 1), ("b", 2), ("c", 1)]);
        assert_eq!(
            update(&mut parts, &edited, "c"),
            (vec!["a@1".into(), "b@2".into(), "c@1".into()], 2)
        );
        // An entry comes and one goes: the others are found by id.
        let moved = corpus(&[("a", 1), ("aa", 1), ("c", 1)]);
        assert_eq!(
            update(&mut parts, &moved, ""),
            (vec!["a@1".into(), "aa@1".into(), "c@1".into()], 1)
        );
    }
}
