//! The corpus-wide orderings pages are made from: the taxonomies with
//! their entries newest first, all entries newest first (also per type),
//! and each entry's [`face`].
//!
//! Making them walks and sorts the whole corpus (about 30 ms at 10,000
//! entries), yet an edit rarely moves an entry in them. So the previous
//! build's orderings are kept with the entries they were made from; when
//! no entry came, went or changed what places it (its id, type, date and
//! taxonomy values), they are taken as they are, and only the faces of the
//! changed entries are worked out again. Unchanged entries are the same
//! `Arc` from one build to the next, so finding the changed ones is a
//! pointer comparison per entry.

use std::sync::Arc;

use rayon::prelude::*;

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::corpus::{Corpus, Entry, EntryType};
use crate::taxonomy::{self, newest_first, Taxonomy, TaxonomyKind};

/// The orderings of one corpus.
#[derive(Debug)]
pub(super) struct Orderings {
    pub(crate) taxonomies: Vec<Taxonomy>,
    /// Entry indices newest first: all, and per type (by `EntryType as usize`).
    pub(crate) newest: Vec<usize>,
    pub(crate) newest_by_type: Vec<Vec<usize>>,
}

impl Orderings {
    /// Works them out over the whole corpus.
    fn of(corpus: &Corpus) -> Orderings {
        let (taxonomies, newest) = rayon::join(
            || taxonomy::build_all(corpus),
            || {
                let mut newest: Vec<usize> = (0..corpus.entries.len()).collect();
                newest.par_sort_by(|&a, &b| newest_first(corpus, a, b));
                newest
            },
        );
        let newest_by_type = EntryType::ALL
            .into_iter()
            .map(|kind| {
                newest
                    .iter()
                    .copied()
                    .filter(|&i| corpus.entries[i].kind == kind)
                    .collect()
            })
            .collect();
        Orderings {
            taxonomies,
            newest,
            newest_by_type,
        }
    }
}

/// The previous build's orderings and faces, with the entries they were
/// made from.
#[derive(Debug, Default)]
pub(super) struct OrderingsCache {
    entries: Vec<Arc<Entry>>,
    orderings: Option<Arc<Orderings>>,
    faces: Vec<u64>,
}

impl OrderingsCache {
    /// The orderings and faces of `corpus`, taken from the previous build
    /// where they still hold (then `true` comes with them); kept for the
    /// next unless `keep` is false.
    pub(super) fn get(&mut self, corpus: &Corpus, keep: bool) -> (Arc<Orderings>, Vec<u64>, bool) {
        let same_indices = self.entries.len() == corpus.entries.len();
        let faces: Vec<u64> = if same_indices {
            (self.entries.iter().zip(&corpus.entries).zip(&self.faces))
                .map(|((old, new), &old_face)| if Arc::ptr_eq(old, new) { old_face } else { face(new) })
                .collect()
        } else {
            corpus.entries.par_iter().map(|entry| face(entry)).collect()
        };
        let (orderings, reused) = match &self.orderings {
            Some(orderings) if same_indices && self.places_unchanged(corpus) => (Arc::clone(orderings), true),
            _ => (Arc::new(Orderings::of(corpus)), false),
        };
        if keep {
            self.entries = corpus.entries.clone();
            self.orderings = Some(Arc::clone(&orderings));
            self.faces = faces.clone();
        }
        (orderings, faces, reused)
    }

    /// Whether every entry stands where it stood in the orderings (the
    /// corpus has as many entries as the cached one).
    fn places_unchanged(&self, corpus: &Corpus) -> bool {
        self.entries
            .iter()
            .zip(&corpus.entries)
            .all(|(old, new)| Arc::ptr_eq(old, new) || same_places(old, new))
    }
}

/// Whether two versions of an entry stand in the same places: what the
/// taxonomies and the newest-first orders read of it.
fn same_places(old: &Entry, new: &Entry) -> bool {
    old.id == new.id
        && old.kind == new.kind
        && old.date == new.date
        && TaxonomyKind::ALL
            .into_iter()
            .all(|kind| kind.values(old) == kind.values(new))
}

/// A hash of what other pages can show of an entry: all but its body,
/// whose links are hashed apart (`incremental::links_of`).
pub(super) fn face(entry: &Entry) -> u64 {
    let mut hasher = DefaultHasher::new();
    (
        &entry.id,
        entry.kind,
        entry.status,
        &entry.title,
        &entry.short_title,
        entry.date,
    )
        .hash(&mut hasher);
    (&entry.court, &entry.case_number, &entry.issuer, &entry.citation).hash(&mut hasher);
    (
        &entry.countries,
        &entry.grounds,
        &entry.crimes,
        &entry.lang,
        &entry.summary,
    )
        .hash(&mut hasher);
    for source in &entry.sources {
        (&source.title, &source.url).hash(&mut hasher);
    }
    hasher.finish()
}
