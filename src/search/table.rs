//! The document table of the export: what filters, facets and sorting test
//! of every document, as columns of numbers packed into bits, with the
//! labels the numbers stand for (written once, in the manifest).
//!
//! Two column groups are written as separate shards, so that a query loads
//! only what it tests: `docs-K.js` holds the facets (type, year, countries,
//! grounds, crimes), counted for every query, and what scoring reads of a
//! document (how often it is cited, its body's length code); `attrs-K.js`
//! the date (for sorting by date), language, court, issuer and relations,
//! loaded only by queries filtering on them or made of filters alone.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::digits::{width, BitWriter};
use super::document::IndexDoc;

/// A facets shard holds about this many bytes of columns (as JSON, before
/// it is packed). The body length codes, 8 bits a document, take a sixth
/// of it and deflate to little (about 3.5 KB at 10,000 documents): a
/// table of 10,000 generated documents stays one shard, which a query
/// reads faster than two.
pub(crate) const SHARD_BYTES: usize = 80 * 1024;
/// The columns of the facet group, in the order they are written.
pub(crate) const FACETS: [&str; 7] = ["kind", "year", "country", "grounds", "crimes", "cited", "body"];
/// The columns of the other group.
pub(crate) const ATTRS: [&str; 5] = ["date", "lang", "court", "issuer", "relation"];

/// The values the columns refer to by number.
#[derive(Serialize, Default)]
pub(crate) struct Labels {
    /// `[value, label]` of each type.
    pub(crate) kinds: Vec<(String, String)>,
    pub(crate) years: Vec<i32>,
    /// `[code, name]` of each country.
    pub(crate) countries: Vec<(String, String)>,
    pub(crate) grounds: Vec<String>,
    pub(crate) crimes: Vec<String>,
    /// Courts and issuers.
    pub(crate) courts: Vec<String>,
    /// Entry languages as written (`en`, `fr-CA`).
    pub(crate) langs: Vec<String>,
    /// Relation tags (`overturned`, `applies`).
    pub(crate) relations: Vec<String>,
    /// Dates are written as their rank among the distinct dates; the
    /// labels need only their number.
    #[serde(skip)]
    dates: Vec<String>,
}

fn index_of<T: Ord>(list: &[T], value: &T) -> u32 {
    list.binary_search(value).unwrap_or(0) as u32
}

/// Whether two documents have the same row in the table: the same values
/// in every column ([`Labels::of`] and [`Labels::value`] read these alone).
pub(crate) fn same_row(a: &IndexDoc, b: &IndexDoc) -> bool {
    (&a.kind, &a.kind_label, a.year, &a.date, &a.countries, &a.country_names)
        == (&b.kind, &b.kind_label, b.year, &b.date, &b.countries, &b.country_names)
        && (&a.grounds, &a.crimes, &a.court, &a.issuer, &a.lang, &a.relations)
            == (&b.grounds, &b.crimes, &b.court, &b.issuer, &b.lang, &b.relations)
        && a.cited_class() == b.cited_class()
}

/// The place of a pair in a sorted list of pairs, compared borrowed.
fn index_of_pair(list: &[(String, String)], (a, b): (&str, &str)) -> u32 {
    list.binary_search_by(|(x, y)| (x.as_str(), y.as_str()).cmp(&(a, b)))
        .unwrap_or(0) as u32
}

/// The distinct values, sorted, owned.
fn owned<T: ToOwned + ?Sized>(values: BTreeSet<&T>) -> Vec<T::Owned> {
    values.into_iter().map(ToOwned::to_owned).collect()
}

fn owned_pairs(values: BTreeSet<(&str, &str)>) -> Vec<(String, String)> {
    values
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

impl Labels {
    /// The distinct values of the documents, gathered borrowed (they
    /// repeat across thousands of documents) and copied once each.
    pub(crate) fn of(docs: &[Arc<IndexDoc>]) -> Labels {
        let mut kinds = BTreeSet::new();
        let mut countries = BTreeSet::new();
        let (mut years, mut dates, mut langs) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
        let (mut grounds, mut crimes) = (BTreeSet::new(), BTreeSet::new());
        let (mut courts, mut relations) = (BTreeSet::new(), BTreeSet::new());
        for doc in docs {
            kinds.insert((doc.kind.as_str(), doc.kind_label.as_str()));
            years.insert(&doc.year);
            dates.insert(doc.date.as_str());
            let named = doc.countries.iter().zip(&doc.country_names);
            countries.extend(named.map(|(code, name)| (code.as_str(), name.as_str())));
            grounds.extend(doc.grounds.iter().map(String::as_str));
            crimes.extend(doc.crimes.iter().map(String::as_str));
            courts.extend(doc.court.iter().chain(&doc.issuer).map(String::as_str));
            langs.insert(doc.lang.as_str());
            relations.extend(doc.relations.iter().map(String::as_str));
        }
        Labels {
            kinds: owned_pairs(kinds),
            years: owned(years),
            countries: owned_pairs(countries),
            grounds: owned(grounds),
            crimes: owned(crimes),
            courts: owned(courts),
            langs: owned(langs),
            relations: owned(relations),
            dates: owned(dates),
        }
    }

    /// How many values a column can hold.
    fn universe(&self, column: &str) -> usize {
        match column {
            "kind" => self.kinds.len(),
            "year" => self.years.len(),
            "country" => self.countries.len(),
            "grounds" => self.grounds.len(),
            "crimes" => self.crimes.len(),
            "date" => self.dates.len(),
            // `IndexDoc::cited_class` of a u32 is at most 32.
            "cited" => 33,
            // A length code is a byte.
            "body" => 256,
            "lang" => self.langs.len(),
            // Court and issuer are 0 when absent, else 1 + the court.
            "court" | "issuer" => self.courts.len() + 1,
            _ => self.relations.len(),
        }
    }

    /// A document's value in a column: one number, or a set of them.
    fn value(&self, doc: &IndexDoc, column: &str) -> Cell {
        let court = |name: &Option<String>| name.as_ref().map_or(0, |n| 1 + index_of(&self.courts, n));
        match column {
            "kind" => Cell::One(index_of_pair(&self.kinds, (&doc.kind, &doc.kind_label))),
            "year" => Cell::One(index_of(&self.years, &doc.year)),
            "date" => Cell::One(index_of(&self.dates, &doc.date)),
            "cited" => Cell::One(doc.cited_class()),
            "lang" => Cell::One(index_of(&self.langs, &doc.lang)),
            "court" => Cell::One(court(&doc.court)),
            "issuer" => Cell::One(court(&doc.issuer)),
            "country" => Cell::Set(
                doc.countries
                    .iter()
                    .zip(&doc.country_names)
                    .map(|(code, name)| index_of_pair(&self.countries, (code, name)))
                    .collect(),
            ),
            "grounds" => Cell::Set(doc.grounds.iter().map(|g| index_of(&self.grounds, g)).collect()),
            "crimes" => Cell::Set(doc.crimes.iter().map(|c| index_of(&self.crimes, c)).collect()),
            _ => Cell::Set(doc.relations.iter().map(|r| index_of(&self.relations, r)).collect()),
        }
    }
}

enum Cell {
    One(u32),
    Set(Vec<u32>),
}

/// The table cut into shards: the same documents in `facets[K]` and
/// `attrs[K]`, `per_shard` documents each.
pub(crate) struct Table {
    pub(crate) labels: Labels,
    /// The body length codes the table holds, by document number.
    pub(crate) body_codes: Vec<u8>,
    pub(crate) per_shard: usize,
    pub(crate) facets: Vec<Value>,
    pub(crate) attrs: Vec<Value>,
}

impl Table {
    /// The table of `docs`, whose bodies have the length codes
    /// `body_codes` (see `Inverted::body_codes`).
    pub(crate) fn of(docs: &[Arc<IndexDoc>], body_codes: &[u8]) -> Table {
        let labels = Labels::of(docs);
        // Each document's cells are worked out once, then encoded whole
        // (to size the shards) and shard by shard.
        let cells = |names: &[&'static str]| -> Vec<(&'static str, Vec<Cell>)> {
            let column = |name| match name {
                "body" => body_codes.iter().map(|&code| Cell::One(u32::from(code))).collect(),
                _ => docs.iter().map(|doc| labels.value(doc, name)).collect(),
            };
            names.iter().map(|&name| (name, column(name))).collect()
        };
        let (facet_cells, attr_cells) = (cells(&FACETS), cells(&ATTRS));
        let whole = columns(&labels, &facet_cells, 0..docs.len());
        let bytes = whole.to_string().len().max(1);
        // Shards of whole thousands of documents, of about SHARD_BYTES.
        let per_shard = (docs.len() * SHARD_BYTES / bytes).div_ceil(1024).max(1) * 1024;
        let (facets, attrs) = (0..docs.len())
            .step_by(per_shard)
            .map(|start| start..(start + per_shard).min(docs.len()))
            .map(|part| {
                (
                    columns(&labels, &facet_cells, part.clone()),
                    columns(&labels, &attr_cells, part),
                )
            })
            .unzip();
        Table {
            labels,
            body_codes: body_codes.to_vec(),
            per_shard,
            facets,
            attrs,
        }
    }
}

/// `{column: encoded}` for the documents numbered `part`.
fn columns(labels: &Labels, cells: &[(&str, Vec<Cell>)], part: std::ops::Range<usize>) -> Value {
    let mut map = Map::new();
    for (name, column) in cells {
        map.insert(name.to_string(), encode(&column[part.clone()], labels.universe(name)));
    }
    Value::Object(map)
}

/// A column as `{"width": w, "bits": …}` (one number of `w` bits per
/// document), `{"mask": n, "bits": …}` (a set as `n` bits, bit `v` for
/// value `v`) or `{"count": c, "width": w, "bits": …}` (a set as its size
/// in `c` bits, then its values): whichever is shorter.
fn encode(cells: &[Cell], universe: usize) -> Value {
    let value_width = width(universe.saturating_sub(1) as u32);
    let sets: Vec<&Vec<u32>> = cells
        .iter()
        .filter_map(|c| match c {
            Cell::Set(set) => Some(set),
            Cell::One(_) => None,
        })
        .collect();
    let mut bits = BitWriter::default();
    if sets.len() < cells.len() {
        for cell in cells {
            if let Cell::One(value) = cell {
                bits.push(*value, value_width);
            }
        }
        return json!({ "width": value_width, "bits": bits.finish() });
    }
    let count_width = width(sets.iter().map(|s| s.len() as u32).max().unwrap_or(0));
    // A mask cannot say a value twice.
    let distinct = sets
        .iter()
        .all(|s| s.iter().enumerate().all(|(i, v)| !s[..i].contains(v)));
    let as_mask = if distinct { universe * sets.len() } else { usize::MAX };
    let as_list: usize = sets
        .iter()
        .map(|s| count_width as usize + s.len() * value_width as usize)
        .sum();
    if as_mask <= as_list {
        let mut marked = vec![false; universe];
        for set in &sets {
            for &value in set.iter() {
                if let Some(mark) = marked.get_mut(value as usize) {
                    *mark = true;
                }
            }
            for mark in &mut marked {
                bits.push(u32::from(*mark), 1);
                *mark = false;
            }
        }
        return json!({ "mask": universe, "bits": bits.finish() });
    }
    for set in &sets {
        bits.push(set.len() as u32, count_width);
        for &value in set.iter() {
            bits.push(value, value_width);
        }
    }
    json!({ "count": count_width, "width": value_width, "bits": bits.finish() })
}
