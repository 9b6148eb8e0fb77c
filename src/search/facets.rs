//! Field filters (`type:case`, `year:2020..2024`, …) and the facet counts
//! shown beside the results.
//!
//! Facets are counted "disjunctively": the counts of one facet ignore that
//! facet's own filters, so choosing `country:ml` still shows how many
//! results each other country would give.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::analyzer::word_texts;
use super::document::IndexDoc;
use super::engine::Notice;
use super::query::{Filter, FilterField};

/// The facets shown, in order.
pub const FACETS: [FilterField; 5] = [
    FilterField::Type,
    FilterField::Country,
    FilterField::Year,
    FilterField::Grounds,
    FilterField::Crimes,
];

/// A filter made ready to test documents.
#[derive(Debug, Clone, PartialEq)]
enum Test {
    /// Normalised words that must equal (or, for courts, appear in) a value.
    Words(Vec<String>),
    Years(i32, i32),
}

#[derive(Debug, Clone, PartialEq)]
struct ReadyFilter {
    field: FilterField,
    test: Test,
    negated: bool,
}

/// The filters of a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    filters: Vec<ReadyFilter>,
}

impl Filters {
    /// Reads the filters, reporting those that cannot be used.
    pub fn read(filters: &[Filter], notices: &mut Vec<Notice>) -> Filters {
        let mut ready = Vec::new();
        for filter in filters {
            let test = match filter.field {
                FilterField::Year => match year_range(&filter.value) {
                    Some((from, to)) => Test::Years(from, to),
                    None => {
                        notices.push(Notice::BadFilter {
                            text: format!("year:{}", filter.value),
                            reason: "write a year (2021) or a range (2020..2024, 2020.., ..2019)".into(),
                        });
                        continue;
                    }
                },
                _ => Test::Words(word_texts(&filter.value)),
            };
            if test == Test::Words(Vec::new()) {
                notices.push(Notice::BadFilter {
                    text: format!("{}:{}", filter.field.name(), filter.value),
                    reason: "the value has no letters or digits".into(),
                });
                continue;
            }
            ready.push(ReadyFilter {
                field: filter.field,
                test,
                negated: filter.negated,
            });
        }
        Filters { filters: ready }
    }

    /// Whether `doc` passes every filter, leaving out the positive filters
    /// of `ignored` (for that facet's counts).
    pub fn accept(&self, doc: &IndexDoc, ignored: Option<FilterField>) -> bool {
        let mut by_field: BTreeMap<FilterField, bool> = BTreeMap::new();
        for filter in &self.filters {
            let matches = test_doc(doc, filter.field, &filter.test);
            if filter.negated {
                if matches {
                    return false;
                }
                continue;
            }
            if Some(filter.field) == ignored {
                continue;
            }
            // Several values of one field: any of them (country:ml country:ug).
            *by_field.entry(filter.field).or_insert(false) |= matches;
        }
        by_field.values().all(|&ok| ok)
    }

    /// Whether a positive filter selects this facet value.
    fn selects(&self, field: FilterField, value: &str) -> bool {
        self.filters.iter().any(|f| {
            f.field == field
                && !f.negated
                && match &f.test {
                    Test::Words(words) => *words == word_texts(value),
                    Test::Years(from, to) => value.parse::<i32>().is_ok_and(|y| y >= *from && y <= *to),
                }
        })
    }
}

/// `2021`, `2020..2024`, `2020..`, `..2019`.
fn year_range(text: &str) -> Option<(i32, i32)> {
    let year = |t: &str| -> Option<i32> { (t.len() == 4).then(|| t.parse().ok()).flatten() };
    match text.split_once("..") {
        None => year(text).map(|y| (y, y)),
        Some(("", to)) => Some((i32::MIN, year(to)?)),
        Some((from, "")) => Some((year(from)?, i32::MAX)),
        Some((from, to)) => Some((year(from)?, year(to)?)),
    }
}

fn test_doc(doc: &IndexDoc, field: FilterField, test: &Test) -> bool {
    let words = match test {
        Test::Years(from, to) => return doc.year >= *from && doc.year <= *to,
        Test::Words(words) => words,
    };
    let equals = |value: &str| word_texts(value) == *words;
    match field {
        FilterField::Type => equals(&doc.kind) || equals(&doc.kind_label) || equals(&plural(&doc.kind)),
        FilterField::Country => doc.countries.iter().chain(&doc.country_names).any(|v| equals(v)),
        FilterField::Court => doc
            .court
            .iter()
            .chain(&doc.issuer)
            .any(|court| contains_run(&word_texts(court), words)),
        FilterField::Grounds => doc.grounds.iter().any(|v| equals(v)),
        FilterField::Crimes => doc.crimes.iter().any(|v| equals(v)),
        FilterField::Lang => equals(&doc.lang) || equals(doc.lang().code()),
        FilterField::Relation => doc.relations.iter().any(|v| equals(v)),
        FilterField::Year => false,
    }
}

/// `case` → `cases`, `policy` → `policies`: both are accepted.
fn plural(kind: &str) -> String {
    match kind.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{kind}s"),
    }
}

fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// One value of a facet with its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    /// What a filter writes: `case`, `ml`, `2024`, `forced-marriage`.
    pub value: String,
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facet {
    pub field: &'static str,
    pub values: Vec<FacetValue>,
}

/// The values a document has for a facet, as (value, label).
pub fn facet_values(doc: &IndexDoc, field: FilterField) -> Vec<(String, String)> {
    match field {
        FilterField::Type => vec![(doc.kind.clone(), doc.kind_label.clone())],
        FilterField::Country => doc
            .countries
            .iter()
            .cloned()
            .zip(doc.country_names.iter().cloned())
            .collect(),
        FilterField::Year => vec![(doc.year.to_string(), doc.year.to_string())],
        FilterField::Grounds => doc.grounds.iter().map(|g| (g.clone(), label(g))).collect(),
        FilterField::Crimes => doc.crimes.iter().map(|c| (c.clone(), label(c))).collect(),
        FilterField::Court | FilterField::Lang | FilterField::Relation => Vec::new(),
    }
}

fn label(slug: &str) -> String {
    crate::taxonomy::humanise(slug)
}

/// Counts each facet's values over `docs` (the documents the words match).
pub fn count(all: &[Arc<IndexDoc>], docs: &[u32], filters: &Filters) -> Vec<Facet> {
    FACETS
        .into_iter()
        .map(|field| {
            let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
            for &d in docs {
                let doc = &all[d as usize];
                if !filters.accept(doc, Some(field)) {
                    continue;
                }
                for (value, label) in facet_values(doc, field) {
                    counts.entry(value).or_insert((label, 0)).1 += 1;
                }
            }
            let mut values: Vec<FacetValue> = counts
                .into_iter()
                .map(|(value, (label, count))| FacetValue {
                    selected: filters.selects(field, &value),
                    value,
                    label,
                    count,
                })
                .collect();
            values.sort_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then_with(|| year_order(field, &a.value, &b.value))
            });
            Facet {
                field: field.name(),
                values,
            }
        })
        .collect()
}

/// Years newest first; other values alphabetically.
fn year_order(field: FilterField, a: &str, b: &str) -> std::cmp::Ordering {
    match field {
        FilterField::Year => b.cmp(a),
        _ => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges() {
        assert_eq!(year_range("2021"), Some((2021, 2021)));
        assert_eq!(year_range("2020..2024"), Some((2020, 2024)));
        assert_eq!(year_range("..2019"), Some((i32::MIN, 2019)));
        assert_eq!(year_range("20x1"), None);
    }
}
