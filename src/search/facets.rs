//! Field filters (`type:case`, `year:2020..2024`, …) and the facet counts
//! shown beside the results.
//!
//! Facets are counted "disjunctively": the counts of one facet ignore that
//! facet's own filters, so choosing `country:ml` still shows how many
//! results each other country would give.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::analyzer::{word_texts, Lang};
use super::document::IndexDoc;
use super::notice::Notice;
use super::query::{Filter, FilterField};
use super::table::Labels;

/// The facets shown, in order.
pub(crate) const FACETS: [FilterField; 5] = [
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
pub(crate) struct Filters {
    filters: Vec<ReadyFilter>,
}

impl Filters {
    /// Reads the filters, reporting those that cannot be used.
    pub(crate) fn read(filters: &[Filter], notices: &mut Vec<Notice>) -> Filters {
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
    pub(crate) fn accept(&self, doc: &IndexDoc, ignored: Option<FilterField>) -> bool {
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

/// Reports each positive filter whose value no entry of the corpus has
/// (`type:judgment`, `crimes:forced-marriages`), with the nearest values
/// written as filters: those within a few edits, else, for a type, the one
/// a lawyer's word stands for (`judgment` → `case`), else every value of a
/// field that has few. The values are the corpus's (`labels`, the same
/// lists the browser reads from the manifest), in their order.
pub(crate) fn report_unknown_values(filters: &[Filter], labels: &Labels, notices: &mut Vec<Notice>) {
    for filter in filters.iter().filter(|f| !f.negated && f.field != FilterField::Year) {
        let words = word_texts(&filter.value);
        if words.is_empty() {
            continue; // Reported by `Filters::read`.
        }
        let values = filter_values(labels, filter.field);
        if values.iter().any(|value| value_matches(filter.field, value, &words)) {
            continue;
        }
        let field = filter.field.name();
        notices.push(Notice::UnknownValue {
            text: format!("{field}:{}", filter.value),
            suggestions: nearest_values(filter.field, &words, &values)
                .into_iter()
                .map(|value| format!("{field}:{}", value.written))
                .collect(),
        });
    }
}

/// One value a filter of a field can take: how a filter writes it, and
/// the texts it matches (a type's plural and label, a country's name).
struct FilterValue {
    written: String,
    matched: Vec<String>,
}

fn filter_values(labels: &Labels, field: FilterField) -> Vec<FilterValue> {
    let value = |written: &str, matched: Vec<String>| FilterValue {
        written: written.to_string(),
        matched,
    };
    match field {
        FilterField::Type => labels
            .kinds
            .iter()
            .map(|(kind, label)| value(kind, vec![kind.clone(), plural(kind), label.clone()]))
            .collect(),
        FilterField::Country => labels
            .countries
            .iter()
            .map(|(code, name)| value(&code.to_lowercase(), vec![code.clone(), name.clone()]))
            .collect(),
        FilterField::Grounds => labels.grounds.iter().map(|g| value(g, vec![g.clone()])).collect(),
        FilterField::Crimes => labels.crimes.iter().map(|c| value(c, vec![c.clone()])).collect(),
        FilterField::Court => labels.courts.iter().map(|c| value(c, vec![c.clone()])).collect(),
        FilterField::Lang => labels
            .langs
            .iter()
            .map(|l| value(l, vec![l.clone(), Lang::of_entry(l).code().to_string()]))
            .collect(),
        FilterField::Relation => labels.relations.iter().map(|r| value(r, vec![r.clone()])).collect(),
        FilterField::Year => Vec::new(),
    }
}

/// Whether a filter's words select a value, as [`test_doc`] tests a
/// document (a court by a run of its words, the rest whole).
fn value_matches(field: FilterField, value: &FilterValue, words: &[String]) -> bool {
    value.matched.iter().any(|text| {
        let texts = word_texts(text);
        match field {
            FilterField::Court => contains_run(&texts, words),
            _ => texts == *words,
        }
    })
}

/// Words a lawyer may write for a type, by the type they stand for.
const TYPE_WORDS: [(&str, &[&str]); 6] = [
    (
        "case",
        &[
            "judgment",
            "judgement",
            "decision",
            "ruling",
            "verdict",
            "sentence",
            "appeal",
            "order",
        ],
    ),
    (
        "instrument",
        &["treaty", "statute", "convention", "law", "legislation", "resolution"],
    ),
    ("policy", &["paper", "strategy"]),
    ("principle", &["guidelines", "guideline", "standards"]),
    ("recommendation", &["submission", "letter", "call"]),
    ("report", &["study", "findings", "toolkit"]),
];

/// A field with at most this many values lists them all when none is near.
const LISTED_VALUES: usize = 12;

fn nearest_values<'a>(field: FilterField, words: &[String], values: &'a [FilterValue]) -> Vec<&'a FilterValue> {
    let typed = words.join("-");
    let near = super::suggest::within_reach(&typed, values.iter().flat_map(|v| v.matched.iter().map(String::as_str)));
    let mut ranked: Vec<(usize, usize)> = values
        .iter()
        .enumerate()
        .filter_map(|(index, value)| {
            let distance = near
                .iter()
                .filter(|(_, text)| value.matched.contains(text))
                .map(|(distance, _)| *distance)
                .min()?;
            Some((distance, index))
        })
        .collect();
    ranked.sort();
    if !ranked.is_empty() {
        return ranked
            .into_iter()
            .take(super::suggest::SUGGESTIONS)
            .map(|(_, index)| &values[index])
            .collect();
    }
    if field == FilterField::Type {
        let meant = TYPE_WORDS
            .iter()
            .find(|(_, synonyms)| synonyms.contains(&typed.as_str()))
            .and_then(|(kind, _)| values.iter().find(|v| v.written == *kind));
        if let Some(meant) = meant {
            return vec![meant];
        }
    }
    if values.len() <= LISTED_VALUES {
        return values.iter().collect();
    }
    Vec::new()
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
    pub(crate) value: String,
    pub(crate) label: String,
    /// How many of the documents counted have it: at least 1.
    pub count: usize,
    pub(crate) selected: bool,
}

/// One facet of the results: a filter field and its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facet {
    pub(crate) field: &'static str,
    /// Years newest first, other values most frequent first.
    pub values: Vec<FacetValue>,
}

/// The values a document has for a facet, as (value, label).
pub(crate) fn facet_values(doc: &IndexDoc, field: FilterField) -> Vec<(String, String)> {
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
pub(crate) fn count(all: &[Arc<IndexDoc>], docs: &[u32], filters: &Filters) -> Vec<Facet> {
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
            // Years read as a timeline, newest first; other values by count.
            values.sort_by(|a, b| match field {
                FilterField::Year => b.value.cmp(&a.value),
                _ => b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)),
            });
            Facet {
                field: field.name(),
                values,
            }
        })
        .collect()
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
