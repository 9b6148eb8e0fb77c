//! Taxonomies: the ways to browse a corpus besides its types — country,
//! court, year, grounds and crimes. Each value ("term") gets a page of its
//! own listing the entries that carry it.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::corpus::entry::MAX_ID_LEN;
use crate::corpus::{Corpus, Entry};
use crate::markdown::{slug_within, slugify};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum TaxonomyKind {
    Country,
    Court,
    Year,
    Grounds,
    Crimes,
}

impl TaxonomyKind {
    pub(crate) const ALL: [TaxonomyKind; 5] = [
        TaxonomyKind::Country,
        TaxonomyKind::Court,
        TaxonomyKind::Year,
        TaxonomyKind::Grounds,
        TaxonomyKind::Crimes,
    ];

    /// The output folder of the taxonomy's pages.
    pub(crate) fn folder(self) -> &'static str {
        match self {
            TaxonomyKind::Country => "countries",
            TaxonomyKind::Court => "courts",
            TaxonomyKind::Year => "years",
            TaxonomyKind::Grounds => "grounds",
            TaxonomyKind::Crimes => "crimes",
        }
    }

    /// The name in translation keys (`taxonomy_country`).
    pub(crate) fn key(self) -> &'static str {
        match self {
            TaxonomyKind::Country => "country",
            TaxonomyKind::Court => "court",
            TaxonomyKind::Year => "year",
            TaxonomyKind::Grounds => "grounds",
            TaxonomyKind::Crimes => "crimes",
        }
    }

    /// The values an entry carries in this taxonomy, as (key, label).
    pub(crate) fn values(self, entry: &Entry) -> Vec<(String, String)> {
        match self {
            TaxonomyKind::Country => entry
                .countries
                .iter()
                .map(|c| (c.code().to_ascii_lowercase(), c.name().to_string()))
                .collect(),
            TaxonomyKind::Court => entry.court.iter().map(|c| (c.clone(), c.clone())).collect(),
            TaxonomyKind::Year => vec![(entry.date.year.to_string(), entry.date.year.to_string())],
            TaxonomyKind::Grounds => entry.grounds.iter().map(|g| (g.clone(), humanise(g))).collect(),
            TaxonomyKind::Crimes => entry.crimes.iter().map(|c| (c.clone(), humanise(c))).collect(),
        }
    }
}

/// `sexual-orientation` → `Sexual orientation`.
pub(crate) fn humanise(slug: &str) -> String {
    let spaced = slug.replace('-', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// One value of a taxonomy and the entries that carry it.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    /// The file stem of the term's page.
    pub(crate) slug: String,
    pub(crate) label: String,
    /// Indices into `Corpus::entries`, newest first.
    pub(crate) entries: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct Taxonomy {
    pub(crate) kind: TaxonomyKind,
    /// Sorted by label (years newest first).
    pub(crate) terms: Vec<Term>,
    /// Term index by the value as entries carry it.
    by_key: BTreeMap<String, usize>,
}

impl Taxonomy {
    /// The page of the term an entry value belongs to, relative to the root.
    pub(crate) fn url_of(&self, key: &str) -> Option<String> {
        self.by_key.get(key).map(|&index| self.term_url(&self.terms[index]))
    }

    /// The term of a value as entries carry it.
    pub(crate) fn term(&self, key: &str) -> Option<&Term> {
        self.by_key.get(key).map(|&index| &self.terms[index])
    }

    pub(crate) fn term_url(&self, term: &Term) -> String {
        format!("{}/{}.html", self.kind.folder(), term.slug)
    }

    pub(crate) fn index_url(&self) -> String {
        format!("{}/index.html", self.kind.folder())
    }

    /// The values of `entry` in this taxonomy, as (label, url).
    pub(crate) fn links_of(&self, entry: &Entry) -> Vec<(String, String)> {
        self.kind
            .values(entry)
            .into_iter()
            .filter_map(|(key, label)| self.url_of(&key).map(|url| (label, url)))
            .collect()
    }
}

/// Entry order in every listing: newest first, then by id.
pub(crate) fn newest_first(corpus: &Corpus, a: usize, b: usize) -> std::cmp::Ordering {
    let (a, b) = (&corpus.entries[a], &corpus.entries[b]);
    b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id))
}

/// Builds one taxonomy over the corpus.
pub(crate) fn build(corpus: &Corpus, kind: TaxonomyKind) -> Taxonomy {
    let mut grouped: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (index, entry) in corpus.entries.iter().enumerate() {
        for (key, label) in kind.values(entry) {
            grouped.entry(key).or_insert_with(|| (label, Vec::new())).1.push(index);
        }
    }
    let mut terms: Vec<(String, Term)> = grouped
        .into_iter()
        .map(|(key, (label, mut entries))| {
            entries.sort_by(|&a, &b| newest_first(corpus, a, b));
            let slug = match kind {
                TaxonomyKind::Court => slug_within(&slugify(&key), MAX_ID_LEN),
                _ => key.clone(),
            };
            (key, Term { slug, label, entries })
        })
        .collect();
    match kind {
        TaxonomyKind::Year => terms.sort_by(|a, b| b.1.label.cmp(&a.1.label)),
        _ => terms.sort_by(|a, b| {
            a.1.label
                .to_lowercase()
                .cmp(&b.1.label.to_lowercase())
                .then(a.0.cmp(&b.0))
        }),
    }
    make_slugs_unique(&mut terms);
    let by_key = terms.iter().enumerate().map(|(i, (key, _))| (key.clone(), i)).collect();
    Taxonomy {
        kind,
        terms: terms.into_iter().map(|(_, term)| term).collect(),
        by_key,
    }
}

/// Two courts whose names fold to the same slug get `-2`, `-3`, …; an
/// empty slug or one that would collide with the index page is renamed too.
fn make_slugs_unique(terms: &mut [(String, Term)]) {
    let mut used = std::collections::BTreeSet::new();
    used.insert("index".to_string());
    for (_, term) in terms.iter_mut() {
        if term.slug.is_empty() {
            term.slug = "term".into();
        }
        let base = term.slug.clone();
        let mut n = 2;
        while !used.insert(term.slug.clone()) {
            term.slug = format!("{base}-{n}");
            n += 1;
        }
    }
}

/// Every taxonomy, in the order of [`TaxonomyKind::ALL`], built in
/// parallel.
pub(crate) fn build_all(corpus: &Corpus) -> Vec<Taxonomy> {
    TaxonomyKind::ALL
        .into_par_iter()
        .map(|kind| build(corpus, kind))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humanises_slugs() {
        assert_eq!(humanise("sexual-orientation"), "Sexual orientation");
    }
}
