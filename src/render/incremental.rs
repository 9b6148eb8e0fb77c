//! Which entry pages a rebuild must look at again.
//!
//! Every page is fingerprinted (see [`super::RenderCache`]), but computing an
//! entry page's view to fingerprint it costs nearly as much as rendering it.
//! So the cache also remembers, per entry, its revision (a hash of its file)
//! and the entries its page showed (its [`dependencies`]). A rebuild then
//! revisits only:
//!
//! - the entries that changed, appeared or disappeared;
//! - the entries whose page showed one of those (the previous dependencies);
//! - the entries linked with one of those now (a new citation shows on the
//!   cited entry's page, which did not show the citing one before);
//! - when a changed entry's values or date changed, every entry sharing a
//!   value with it, old or new (their related entries may change).
//!
//! Anything that touches every page — the theme, the configuration, the
//! taxonomy slugs — makes the rebuild revisit all pages. Entry pages not
//! revisited are taken from the cache as they are; an incremental build
//! gives the same bytes as a full one (tested on random edit sequences).
//!
//! [`dependencies`]: super::entry::dependencies

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use super::entry::{neighbours, related_facet};
use super::Site;
use crate::corpus::EntryId;
use crate::taxonomy::TaxonomyKind;

/// What the cache remembers of an entry's page.
#[derive(Debug, Clone)]
pub struct EntryMemo {
    pub revision: u64,
    /// See [`related_facet`].
    pub related_facet: u64,
    /// Its grounds and crimes, to find who shared them once it is gone.
    pub values: Vec<(TaxonomyKind, String)>,
    /// The entries its page showed.
    pub dependencies: Vec<EntryId>,
}

/// A hash of what every page depends on: when it changes, all pages are
/// looked at again.
pub fn site_fingerprint(site: &Site<'_>) -> u64 {
    let mut hasher = DefaultHasher::new();
    site.theme.fingerprint().hash(&mut hasher);
    // The configuration has no Hash; its Debug form is deterministic.
    format!("{:?}", site.config).hash(&mut hasher);
    for taxonomy in &site.taxonomies {
        for term in &taxonomy.terms {
            (taxonomy.kind, &term.slug, &term.label).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// The grounds and crimes of an entry, as taxonomy keys.
pub fn values_of(entry: &crate::corpus::Entry) -> Vec<(TaxonomyKind, String)> {
    let grounds = entry.grounds.iter().map(|g| (TaxonomyKind::Grounds, g.clone()));
    let crimes = entry.crimes.iter().map(|c| (TaxonomyKind::Crimes, c.clone()));
    grounds.chain(crimes).collect()
}

/// The indices of the entries whose pages must be looked at again, given
/// the memos of the previous build (made with the same site fingerprint).
pub fn entries_to_revisit(site: &Site<'_>, memos: &HashMap<EntryId, EntryMemo>) -> HashSet<usize> {
    let corpus = site.corpus;
    let mut changed: Vec<EntryId> = Vec::new();
    let mut moved_values: Vec<(TaxonomyKind, String)> = Vec::new();
    for entry in &corpus.entries {
        match memos.get(&entry.id) {
            Some(memo) if memo.revision == entry.revision => {}
            Some(memo) => {
                changed.push(entry.id.clone());
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
    if changed.is_empty() {
        return HashSet::new();
    }
    let mut dependents: HashMap<&EntryId, Vec<&EntryId>> = HashMap::new();
    for (id, memo) in memos {
        for dependency in &memo.dependencies {
            dependents.entry(dependency).or_default().push(id);
        }
    }
    let mut revisit: HashSet<usize> = HashSet::new();
    let mut add = |id: &EntryId| {
        if let Some(index) = corpus.position(id.as_str()) {
            revisit.insert(index);
        }
    };
    for id in &changed {
        add(id);
        dependents.get(id).into_iter().flatten().for_each(|d| add(d));
        neighbours(site, id).for_each(&mut add);
    }
    for (kind, key) in moved_values {
        if let Some(term) = site.taxonomy(kind).term(&key) {
            revisit.extend(term.entries.iter().copied());
        }
    }
    revisit
}
