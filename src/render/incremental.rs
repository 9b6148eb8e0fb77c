//! Which entry pages a rebuild must look at again.
//!
//! Every page is fingerprinted (see [`super::RenderCache`]), but computing an
//! entry page's view to fingerprint it costs nearly as much as rendering it.
//! So the cache also remembers, per entry, its revision (a hash of its file)
//! and the entries its page showed (its [`dependencies`]). A rebuild then
//! revisits only:
//!
//! - the entries that changed, appeared or disappeared;
//! - when what other pages show of a changed entry (its [`face`](super::orderings::face)) changed,
//!   the entries whose page showed it (the previous dependencies) and those
//!   linked with it now (a new citation shows on the cited entry's page,
//!   which did not show the citing one before);
//! - when only its place in the citation graph changed, the entries linked
//!   with it before or now (an edit of the body alone, the most common,
//!   revisits no other entry page);
//! - when a changed entry's values or date changed, every entry sharing a
//!   value with it, old or new (their related entries may change).
//!
//! Anything that touches every page — the theme, the configuration, the
//! taxonomy slugs — makes the rebuild revisit all pages. Entry pages not
//! revisited are taken from the cache as they are; an incremental build
//! gives the same bytes as a full one (tested on random edit sequences).
//!
//! [`dependencies`]: super::entry::dependencies

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use super::entry::{neighbours, related_facet};
use super::site::Site;
use crate::corpus::{Entry, EntryId};
use crate::taxonomy::TaxonomyKind;

/// What the cache remembers of an entry's page.
#[derive(Debug, Clone)]
pub(super) struct EntryMemo {
    pub(crate) revision: u64,
    /// See [`face`](super::orderings::face).
    pub(crate) face: u64,
    /// See [`links_of`].
    pub(crate) links: u64,
    /// See [`related_facet`].
    pub(crate) related_facet: u64,
    /// Its grounds and crimes, to find who shared them once it is gone.
    pub(crate) values: Vec<(TaxonomyKind, String)>,
    /// The entries its page showed.
    pub(crate) dependencies: Vec<EntryId>,
    /// Their [`id_hash`]es: a rebuild looks for the changed entries in
    /// those of every page, faster than in the ids.
    pub(crate) shown: Vec<u64>,
    /// The related entries it listed, in order.
    pub(crate) related: Vec<EntryId>,
}

impl EntryMemo {
    /// The memo of a page that showed `dependencies`.
    pub(super) fn shown_of(dependencies: &[EntryId]) -> Vec<u64> {
        dependencies.iter().map(id_hash).collect()
    }
}

/// The related entries the page of entry `index` listed, when they still
/// hold. Its memo holds those of the previous build (a page not looked at
/// again is unchanged); when the orderings are that build's, no entry
/// moved in the taxonomies or by date, which is all the choice of related
/// entries reads ([`super::entry::related_indices`]).
pub(super) fn remembered_related(
    site: &Site<'_>,
    index: usize,
    memos: &FxHashMap<EntryId, Arc<EntryMemo>>,
) -> Option<Vec<usize>> {
    if !site.orderings_reused {
        return None;
    }
    let memo = memos.get(&site.corpus.entries[index].id)?;
    memo.related
        .iter()
        .map(|id| site.corpus.position(id.as_str()))
        .collect()
}

/// A fast hash of an entry id. Two ids may share one: an entry page is
/// then looked at again needlessly, which costs time but never changes it.
fn id_hash(id: &EntryId) -> u64 {
    let mut hasher = FxHasher::default();
    id.hash(&mut hasher);
    hasher.finish()
}

/// A hash of what every page depends on: when it changes, all pages are
/// looked at again.
pub(super) fn site_fingerprint(site: &Site<'_>) -> u64 {
    let mut hasher = DefaultHasher::new();
    site.theme.fingerprint().hash(&mut hasher);
    // The configuration has no Hash; its Debug form is deterministic.
    format!("{:?}", site.config).hash(&mut hasher);
    for taxonomy in site.taxonomies() {
        for term in &taxonomy.terms {
            (taxonomy.kind, &term.slug, &term.label).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// A hash of an entry's place in the citation graph: what it cites, what
/// cites it, its translations.
pub(super) fn links_of(site: &Site<'_>, id: &EntryId) -> u64 {
    let links = site.links;
    let mut hasher = DefaultHasher::new();
    (
        links.outgoing.get(id),
        links.incoming.get(id),
        links.translations.get(id),
    )
        .hash(&mut hasher);
    hasher.finish()
}

/// The grounds and crimes of an entry, as taxonomy keys.
pub(super) fn values_of(entry: &Entry) -> Vec<(TaxonomyKind, String)> {
    let grounds = entry.grounds.iter().map(|g| (TaxonomyKind::Grounds, g.clone()));
    let crimes = entry.crimes.iter().map(|c| (TaxonomyKind::Crimes, c.clone()));
    grounds.chain(crimes).collect()
}

/// The indices of the entries whose pages must be looked at again, given
/// the memos of the previous build (made with the same site fingerprint).
pub(super) fn entries_to_revisit(site: &Site<'_>, memos: &FxHashMap<EntryId, Arc<EntryMemo>>) -> FxHashSet<usize> {
    let corpus = site.corpus;
    // Entries whose face changed, or that came or went.
    let mut changed: Vec<EntryId> = Vec::new();
    // Entries whose links alone changed, with whom they were linked.
    let mut relinked: Vec<(&EntryId, &EntryMemo)> = Vec::new();
    let mut edited: Vec<&EntryId> = Vec::new();
    let mut moved_values: Vec<(TaxonomyKind, String)> = Vec::new();
    for (index, entry) in corpus.entries.iter().enumerate() {
        match memos.get(&entry.id) {
            Some(memo) if memo.revision == entry.revision => {}
            Some(memo) => {
                if memo.face != site.faces[index] {
                    changed.push(entry.id.clone());
                } else if memo.links != links_of(site, &entry.id) {
                    relinked.push((&entry.id, memo));
                } else {
                    edited.push(&entry.id);
                }
                if memo.related_facet != related_facet(entry) {
                    moved_values.extend(memo.values.iter().cloned());
                    moved_values.extend(values_of(entry));
                }
            }
            None => {
                changed.push(entry.id.clone());
                moved_values.extend(values_of(entry));
            }
        }
    }
    for (id, memo) in memos {
        if corpus.get(id.as_str()).is_none() {
            changed.push(id.clone());
            moved_values.extend(memo.values.iter().cloned());
        }
    }
    if changed.is_empty() && relinked.is_empty() && edited.is_empty() {
        return FxHashSet::default();
    }
    let mut revisit: FxHashSet<usize> = FxHashSet::default();
    let mut add = |id: &EntryId| {
        if let Some(index) = corpus.position(id.as_str()) {
            revisit.insert(index);
        }
    };
    // The pages that showed a changed face: one pass over the memos, not
    // a map of who showed whom (building one took 45 ms at 10,000
    // entries, for the one or two faces an edit changes).
    let showed_changed = ChangedIds::new(&changed);
    for (id, memo) in memos.iter().filter(|_| !changed.is_empty()) {
        if memo.shown.iter().any(|&hash| showed_changed.contains(hash)) {
            add(id);
        }
    }
    for id in &changed {
        add(id);
        neighbours(site, id).for_each(&mut add);
    }
    for (id, memo) in relinked {
        add(id);
        memo.dependencies.iter().for_each(&mut add);
        neighbours(site, id).for_each(&mut add);
    }
    edited.into_iter().for_each(&mut add);
    for (kind, key) in moved_values {
        if let Some(term) = site.taxonomy(kind).term(&key) {
            revisit.extend(term.entries.iter().copied());
        }
    }
    revisit
}

/// A set of entry ids to test membership in, by [`id_hash`]: compared
/// one by one while there are few (an edit changes one or two), hashed
/// when there are many.
enum ChangedIds {
    Few(Vec<u64>),
    Many(FxHashSet<u64>),
}

impl ChangedIds {
    const FEW: usize = 16;

    fn new(ids: &[EntryId]) -> Self {
        let hashes = ids.iter().map(id_hash);
        if ids.len() <= Self::FEW {
            ChangedIds::Few(hashes.collect())
        } else {
            ChangedIds::Many(hashes.collect())
        }
    }

    fn contains(&self, hash: u64) -> bool {
        match self {
            ChangedIds::Few(hashes) => hashes.contains(&hash),
            ChangedIds::Many(hashes) => hashes.contains(&hash),
        }
    }
}
