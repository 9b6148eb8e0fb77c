//! Answering a query: matching, BM25 ranking with field boosts, a proximity
//! boost, exact title and case-number matches first, facets and snippets.
//!
//! The engine reads the index through [`SearchData`], so the same code
//! answers `amicus search` from [`Inverted`](super::inverted::Inverted).
//! `search.js` is a line-by-line port
//! over the exported shards; both must compute in the same order (f64, the
//! same sums in the same sequence) so that they rank alike: the parity test
//! holds them to it.
//!
//! One file, longer than most, on purpose: it is read side by side with the
//! engine of `search.js`, its line-by-line port, and kept in the same order.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use std::sync::Arc;

use serde::Serialize;

use super::analyzer::{word_texts, Lang};
use super::document::IndexDoc;
use super::facets::{self, Facet};
use super::field::{FieldKey, Part};
use super::query::{Near, Query, Unit, Within};
use super::snippet::{self, Snippet};
use super::suggest::SUGGESTIONS;
use super::table::Labels;

/// What the engine reports beside its results (`search::notice`).
pub(crate) use super::notice::Notice;

/// BM25 constants, as tantivy's.
pub(crate) const K1: f64 = 1.2;
pub(crate) const B: f64 = 0.75;
/// Field boosts, tuned against the relevance set
/// (`tests/search/relevance.json`, `docs/benchmarks.md`): the title counts
/// as the body (its words are rare among titles, so BM25 already ranks a
/// title match high), the summary half again, and `meta` (court, case
/// number, grounds, crimes) three times: it says what an entry is about.
pub(crate) const BOOST_TITLE: f64 = 1.0;
pub(crate) const BOOST_SUMMARY: f64 = 1.5;
pub(crate) const BOOST_BODY: f64 = 1.0;
pub(crate) const BOOST_META: f64 = 3.0;
/// Primary sources first, as in a legal database: a text score counts
/// this much more for an entry of the type (also tuned against the set).
pub(crate) const TYPE_WEIGHTS: [(&str, f64); 6] = [
    ("case", 2.5),
    ("instrument", 2.5),
    ("policy", 1.3),
    ("principle", 1.0),
    ("recommendation", 0.7),
    ("report", 1.0),
];
/// An entry others cite counts more: a text score is multiplied by
/// `1 + CITED_WEIGHT × ⌊log2(1 + entries citing it)⌋`.
pub(crate) const CITED_WEIGHT: f64 = 0.1;
/// Added when all clauses stand next to each other, less as they spread.
pub(crate) const PROXIMITY_WEIGHT: f64 = 2.0;
/// Words further apart than this many positions earn no proximity boost.
pub(crate) const PROXIMITY_WINDOW: u32 = 30;
/// The proximity boost reorders this many of the first results: the
/// browser finds where the words stand in those results' texts, which it
/// loads anyway to show them, so it needs no positions for the rest.
pub(crate) const RERANK_DEPTH: usize = 10;
/// A prefix stands for at most this many words (the first in order).
pub(crate) const PREFIX_LIMIT: usize = 50;
/// Shorter unknown words are not expanded as prefixes unless asked (`a*`).
pub(crate) const AUTO_PREFIX_MIN_CHARS: usize = 3;

/// How much an entry's text score counts, by its type and by how often
/// it is cited (`cited_class`: `⌊log2(1 + citing entries)⌋`).
pub(crate) fn prior(kind: &str, cited_class: u32) -> f64 {
    let weight = TYPE_WEIGHTS.iter().find(|(k, _)| *k == kind).map_or(1.0, |(_, w)| *w);
    weight * (1.0 + CITED_WEIGHT * f64::from(cited_class))
}

pub(crate) fn boost(field: FieldKey) -> f64 {
    match field {
        FieldKey::Text(Part::Title, _) => BOOST_TITLE,
        FieldKey::Text(Part::Summary, _) => BOOST_SUMMARY,
        FieldKey::Text(Part::Body, _) => BOOST_BODY,
        FieldKey::Meta => BOOST_META,
    }
}

/// The occurrences of a term in one document and field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    /// The document's number: its place among the entries sorted by id.
    pub(crate) doc: u32,
    /// tantivy's one-byte field length code.
    pub(crate) norm_id: u8,
    pub(crate) positions: Vec<u32>,
}

/// Documents and average length of one field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldStats {
    pub(crate) docs: u32,
    pub(crate) average_norm: f64,
}

/// What the engine needs of an index.
pub trait SearchData {
    /// Every entry, sorted by id; a document's number is its place here.
    fn docs(&self) -> &[Arc<IndexDoc>];
    /// How many documents have `field`, and its average length, for BM25;
    /// `None` when no document has it.
    fn stats(&self, field: FieldKey) -> Option<FieldStats>;
    /// Sorted by document.
    fn postings(&self, field: FieldKey, term: &str) -> Rc<Vec<Posting>>;
    /// Whether `word`, normalised but not stemmed, is a word of the corpus
    /// (of its vocabulary).
    fn has_word(&self, word: &str) -> bool;
    /// Words of the vocabulary starting with `prefix`, in order.
    fn words_with_prefix(&self, prefix: &str, limit: usize) -> Vec<String>;
    /// The indexed term of `word` in each language where it occurs.
    fn word_terms(&self, word: &str) -> Vec<(Lang, String)>;
    /// Words of the vocabulary within [`allowed_edits`](super::suggest::allowed_edits) of
    /// `word`, with their distance, in any order: the engine ranks them.
    fn similar_words(&self, word: &str) -> Vec<(usize, String)>;
}

/// tantivy's field length for a one-byte code.
pub(crate) fn norm_of(id: u8) -> u32 {
    tantivy::fieldnorm::FieldNormReader::id_to_fieldnorm(id)
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The document's number: its place in [`SearchData::docs`].
    pub doc: usize,
    /// The text score (BM25 with the field boosts) times the type and
    /// citation prior, plus the proximity boost for the first
    /// [`RERANK_DEPTH`] results; finite and not negative.
    pub score: f64,
    /// 1 for an exact title, short title or case number match.
    pub tier: u8,
    /// Where the words stand in the body, made for the first `limit`
    /// results only.
    pub snippet: Option<Snippet>,
}

/// What a query found: its results in order, the facets, and what it has
/// to tell the reader (`notices`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// How many documents match: all of them are in `hits`.
    pub total: usize,
    /// Every match, best first: exact matches (`tier`), then by score; a
    /// query of filters alone lists the newest first.
    pub hits: Vec<Hit>,
    /// The values of each facet (type, country, year, grounds, crimes),
    /// counted over the documents the words match that pass every filter
    /// but the facet's own: what choosing another value would give.
    pub facets: Vec<Facet>,
    pub(crate) notices: Vec<Notice>,
}

/// Where one unit or clause matched one document.
#[derive(Debug, Clone, Default)]
struct Match {
    score: f64,
    /// Matched positions per field, for proximity and highlighting.
    positions: BTreeMap<FieldKey, BTreeSet<u32>>,
    /// The body segments where the matched terms stand, as bits (for a
    /// phrase, where all its words stand): what the browser reads from the
    /// postings to choose the segment whose text it loads.
    segments: u32,
}

type Matches = BTreeMap<u32, Match>;

/// Runs a query; snippets are made for the first `limit` hits.
pub fn search(data: &dyn SearchData, query: &Query, limit: usize) -> Outcome {
    let mut notices = Vec::new();
    let mut clauses: Vec<Option<Matches>> = query
        .clauses
        .iter()
        .map(|clause| match_clause(data, clause, &mut notices))
        .collect();
    for near in &query.near {
        keep_near(data, &mut clauses, near);
    }
    let mut excluded = BTreeSet::new();
    for unit in &query.excluded {
        if let Some(found) = match_unit(data, unit, &mut Vec::new()) {
            excluded.extend(found.keys().copied());
        }
    }
    let filters = facets::Filters::read(&query.filters, &mut notices);
    facets::report_unknown_values(&query.filters, &Labels::of(data.docs()), &mut notices);
    let text_matches = combine(data, &clauses, query.filters.is_empty());
    let Some(combined) = text_matches else {
        return Outcome {
            total: 0,
            hits: Vec::new(),
            facets: Vec::new(),
            notices,
        };
    };
    let base: Vec<u32> = combined.keys().copied().filter(|d| !excluded.contains(d)).collect();
    let facets = facets::count(data.docs(), &base, &filters);
    let mut hits: Vec<Hit> = base
        .iter()
        .filter(|&&d| filters.accept(&data.docs()[d as usize], None))
        .map(|&d| Hit {
            doc: d as usize,
            score: combined[&d] * prior(&data.docs()[d as usize].kind, data.docs()[d as usize].cited_class()),
            tier: exact_tier(&data.docs()[d as usize], query),
            snippet: None,
        })
        .collect();
    let filters_only = query.clauses.is_empty();
    let order = |a: &Hit, b: &Hit| {
        b.tier
            .cmp(&a.tier)
            .then(b.score.total_cmp(&a.score))
            .then_with(|| newest_first(data, a.doc, b.doc, filters_only))
            .then(a.doc.cmp(&b.doc))
    };
    hits.sort_by(order);
    let depth = RERANK_DEPTH.min(hits.len());
    // Proximity and snippets read one segment of each result's body, the
    // one the browser loads.
    let in_segment: BTreeMap<usize, (u32, Vec<Match>)> = hits
        .iter()
        .take(depth.max(limit))
        .map(|hit| {
            (
                hit.doc,
                clause_matches_in_segment(&data.docs()[hit.doc], &clauses, hit.doc as u32),
            )
        })
        .collect();
    for hit in &mut hits[..depth] {
        hit.score += proximity_bonus(&data.docs()[hit.doc], &in_segment[&hit.doc].1);
    }
    hits[..depth].sort_by(order);
    if hits.is_empty() && notices.is_empty() && query.clauses.len() > 1 {
        notices.push(Notice::NoCombination {
            counts: query
                .clauses
                .iter()
                .zip(&clauses)
                .map(|(clause, found)| (describe_clause(clause), found.as_ref().map_or(0, |m| m.len())))
                .collect(),
        });
    }
    let total = hits.len();
    let documents: Vec<usize> = clauses.iter().map(|c| c.as_ref().map_or(0, BTreeMap::len)).collect();
    let bits = snippet::clause_bits(&documents);
    for hit in hits.iter_mut().take(limit) {
        let (segment, found) = &in_segment[&hit.doc];
        let marks: Vec<snippet::ClauseMarks<'_>> = found
            .iter()
            .zip(&bits)
            .map(|(found, &bit)| snippet::ClauseMarks {
                positions: &found.positions,
                bit,
            })
            .collect();
        hit.snippet = Some(snippet::make(&data.docs()[hit.doc], *segment, &marks));
    }
    Outcome {
        total,
        hits,
        facets,
        notices,
    }
}

/// With filters alone there is no score: newest entries come first.
fn newest_first(data: &dyn SearchData, a: usize, b: usize, filters_only: bool) -> std::cmp::Ordering {
    if !filters_only {
        return std::cmp::Ordering::Equal;
    }
    data.docs()[b].date.cmp(&data.docs()[a].date)
}

fn describe_clause(clause: &[Unit]) -> String {
    let parts: Vec<String> = clause.iter().map(Unit::describe).collect();
    parts.join(" OR ")
}

/// `a w/5 b`, `a /p b`: keeps, in both clauses, the documents where they
/// stand close enough (see [`Within`]).
fn keep_near(data: &dyn SearchData, clauses: &mut [Option<Matches>], near: &Near) {
    let (Some(Some(left)), Some(Some(right))) = (clauses.get(near.left), clauses.get(near.right)) else {
        return;
    };
    let close: BTreeSet<u32> = left
        .iter()
        .filter(|(doc, found)| {
            right.get(doc).is_some_and(|other| match near.within {
                Within::Words(within) => stand_within(found, other, within),
                Within::Paragraph => share_a_paragraph(&data.docs()[**doc as usize], found, other),
            })
        })
        .map(|(doc, _)| *doc)
        .collect();
    for index in [near.left, near.right] {
        if let Some(Some(matches)) = clauses.get_mut(index) {
            matches.retain(|doc, _| close.contains(doc));
        }
    }
}

/// Whether two matches have positions at most `within` apart in one text
/// field (title, summary or body; in either order).
fn stand_within(a: &Match, b: &Match, within: u32) -> bool {
    a.positions
        .iter()
        .filter(|(field, _)| **field != FieldKey::Meta)
        .any(|(field, mine)| {
            b.positions
                .get(field)
                .is_some_and(|theirs| nearest(mine, theirs) <= within)
        })
}

/// Whether two matches stand in one paragraph of the document: one block
/// of its body (see [`IndexDoc::block_of`]), or both in its title, or both
/// in its summary.
fn share_a_paragraph(doc: &IndexDoc, a: &Match, b: &Match) -> bool {
    a.positions
        .iter()
        .filter(|(field, _)| **field != FieldKey::Meta)
        .any(|(field, mine)| {
            let Some(theirs) = b.positions.get(field) else {
                return false;
            };
            if !field.is_body() {
                return true;
            }
            let blocks: BTreeSet<usize> = mine.iter().map(|&p| doc.block_of(p)).collect();
            theirs.iter().any(|&p| blocks.contains(&doc.block_of(p)))
        })
}

/// The smallest distance between a position of `a` and one of `b` (both
/// sorted), walking them together.
fn nearest(a: &BTreeSet<u32>, b: &BTreeSet<u32>) -> u32 {
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    let mut best = u32::MAX;
    while let (Some(&&x), Some(&&y)) = (a.peek(), b.peek()) {
        best = best.min(x.abs_diff(y));
        if x < y {
            a.next();
        } else {
            b.next();
        }
    }
    best
}

/// The documents matching every clause, with their summed scores; all
/// documents when there are only filters; `None` when nothing can match.
fn combine(data: &dyn SearchData, clauses: &[Option<Matches>], no_filters: bool) -> Option<BTreeMap<u32, f64>> {
    if clauses.is_empty() {
        if no_filters {
            return None;
        }
        return Some((0..data.docs().len() as u32).map(|d| (d, 0.0)).collect());
    }
    let mut combined: Option<BTreeMap<u32, f64>> = None;
    for clause in clauses {
        let clause = clause.as_ref()?;
        combined = Some(match combined {
            None => clause.iter().map(|(&doc, found)| (doc, found.score)).collect(),
            Some(so_far) => so_far
                .into_iter()
                .filter_map(|(doc, score)| Some((doc, score + clause.get(&doc)?.score)))
                .collect(),
        });
    }
    combined
}

fn merge_positions(into: &mut BTreeMap<FieldKey, BTreeSet<u32>>, from: &BTreeMap<FieldKey, BTreeSet<u32>>) {
    for (field, positions) in from {
        into.entry(*field).or_default().extend(positions);
    }
}

/// The documents matching any unit of a clause, scores summed over the
/// units that match. `None` when no unit is known to the corpus.
fn match_clause(data: &dyn SearchData, clause: &[Unit], notices: &mut Vec<Notice>) -> Option<Matches> {
    let mut result: Option<Matches> = None;
    for unit in clause {
        let Some(found) = match_unit(data, unit, notices) else {
            continue;
        };
        let merged = result.get_or_insert_with(Matches::new);
        for (doc, found) in found {
            let slot = merged.entry(doc).or_default();
            slot.score += found.score;
            slot.segments |= found.segments;
            merge_positions(&mut slot.positions, &found.positions);
        }
    }
    result
}

/// "Did you mean": the vocabulary words nearest to an unknown word, the
/// most frequent first among those as near (how many documents hold the
/// word's terms, in any field), then in order.
fn suggestions(data: &dyn SearchData, word: &str) -> Vec<String> {
    let mut found: Vec<(usize, usize, String)> = data
        .similar_words(word)
        .into_iter()
        .map(|(distance, candidate)| (distance, documents_holding(data, &candidate), candidate))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then_with(|| a.2.cmp(&b.2)));
    found.into_iter().take(SUGGESTIONS).map(|(_, _, word)| word).collect()
}

/// How many documents hold a vocabulary word's terms in any field.
fn documents_holding(data: &dyn SearchData, word: &str) -> usize {
    let mut docs = BTreeSet::new();
    for (field, term) in word_fields(data, word) {
        docs.extend(data.postings(field, &term).iter().map(|posting| posting.doc));
    }
    docs.len()
}

/// Whether a query word finds anything: as written, or by its stem in a
/// language of the corpus (`persecuted` → `persecut`, though the corpus
/// only has `persecution`): [`SearchData::word_terms`] stems any word.
fn is_known(data: &dyn SearchData, word: &str) -> bool {
    data.has_word(word) || !data.word_terms(word).is_empty()
}

/// The words a word unit stands for: itself, when the corpus knows it,
/// else (or for a prefix) the vocabulary words starting with it.
fn expand(data: &dyn SearchData, text: &str, prefix: bool) -> Vec<String> {
    let exact = is_known(data, text);
    if exact && !prefix {
        return vec![text.to_string()];
    }
    if !prefix && text.chars().count() < AUTO_PREFIX_MIN_CHARS {
        return Vec::new();
    }
    let mut words = data.words_with_prefix(text, PREFIX_LIMIT);
    if exact && !words.iter().any(|w| w == text) {
        words.insert(0, text.to_string());
    }
    words
}

/// The documents a unit matches, or `None` (with a notice) if it is not in
/// the corpus.
fn match_unit(data: &dyn SearchData, unit: &Unit, notices: &mut Vec<Notice>) -> Option<Matches> {
    match unit {
        Unit::Word { text, prefix } => {
            let words = expand(data, text, *prefix);
            if words.is_empty() {
                notices.push(Notice::Unknown {
                    text: unit.describe(),
                    suggestions: suggestions(data, text),
                });
                return None;
            }
            if words.len() > 1 || words[0] != *text {
                notices.push(Notice::Expanded {
                    text: unit.describe(),
                    words: words.clone(),
                });
            }
            Some(match_words(data, &words))
        }
        Unit::Phrase(words) => {
            if let Some(missing) = words.iter().find(|w| !is_known(data, w)) {
                notices.push(Notice::Unknown {
                    text: unit.describe(),
                    suggestions: suggestions(data, missing),
                });
                return None;
            }
            Some(match_phrase(data, words))
        }
    }
}

/// The fields a vocabulary word is searched in, with the term in each:
/// per language, title, summary and body, then `meta`.
fn word_fields(data: &dyn SearchData, word: &str) -> Vec<(FieldKey, String)> {
    let mut fields = Vec::new();
    for (lang, term) in data.word_terms(word) {
        for part in Part::ALL {
            fields.push((FieldKey::Text(part, lang), term.clone()));
        }
    }
    fields.push((FieldKey::Meta, word.to_string()));
    fields
}

/// BM25 of one field, as tantivy computes it (in f64).
pub(crate) fn bm25(stats: FieldStats, doc_freq: usize, term_freq: usize, norm_id: u8) -> f64 {
    let docs = f64::from(stats.docs);
    let doc_freq = doc_freq as f64;
    let idf = (1.0 + (docs - doc_freq + 0.5) / (doc_freq + 0.5)).ln();
    idf * tf_part(stats, term_freq, norm_id)
}

fn tf_part(stats: FieldStats, term_freq: usize, norm_id: u8) -> f64 {
    let tf = term_freq as f64;
    let norm = f64::from(norm_of(norm_id));
    tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * norm / stats.average_norm))
}

/// Matches a word standing for one or more vocabulary words: a document
/// scores as its best-scoring word, and every word's positions count.
fn match_words(data: &dyn SearchData, words: &[String]) -> Matches {
    let mut result = Matches::new();
    for word in words {
        let mut scores: BTreeMap<u32, f64> = BTreeMap::new();
        for (field, term) in word_fields(data, word) {
            let Some(stats) = data.stats(field) else { continue };
            let postings = data.postings(field, &term);
            for posting in postings.iter() {
                let score = boost(field) * bm25(stats, postings.len(), posting.positions.len(), posting.norm_id);
                *scores.entry(posting.doc).or_insert(0.0) += score;
                let slot = result.entry(posting.doc).or_default();
                slot.positions.entry(field).or_default().extend(&posting.positions);
                if field.is_body() {
                    slot.segments |= data.docs()[posting.doc as usize].segment_mask(&posting.positions);
                }
            }
        }
        for (doc, score) in scores {
            let slot = result.entry(doc).or_default();
            if score > slot.score {
                slot.score = score;
            }
        }
    }
    result
}

/// Matches words standing next to each other in one field. The phrase's
/// frequency is scored like a term's, with the summed idf of its words.
fn match_phrase(data: &dyn SearchData, words: &[String]) -> Matches {
    let mut per_field: Vec<(FieldKey, Vec<String>)> = Vec::new();
    let terms: Vec<Vec<(Lang, String)>> = words.iter().map(|w| data.word_terms(w)).collect();
    for lang in Lang::ALL {
        let stems: Option<Vec<String>> = terms
            .iter()
            .map(|t| t.iter().find(|(l, _)| *l == lang).map(|(_, s)| s.clone()))
            .collect();
        if let Some(stems) = stems {
            for part in Part::ALL {
                per_field.push((FieldKey::Text(part, lang), stems.clone()));
            }
        }
    }
    per_field.push((FieldKey::Meta, words.to_vec()));
    let mut result = Matches::new();
    for (field, terms) in per_field {
        let Some(stats) = data.stats(field) else { continue };
        let postings: Vec<Rc<Vec<Posting>>> = terms.iter().map(|t| data.postings(field, t)).collect();
        if postings.iter().any(|p| p.is_empty()) {
            continue;
        }
        let idf: f64 = postings
            .iter()
            .map(|p| {
                let (docs, df) = (f64::from(stats.docs), p.len() as f64);
                (1.0 + (docs - df + 0.5) / (df + 0.5)).ln()
            })
            .sum();
        for first in postings[0].iter() {
            let others: Option<Vec<&Posting>> = postings[1..]
                .iter()
                .map(|p| p.binary_search_by_key(&first.doc, |x| x.doc).ok().map(|i| &p[i]))
                .collect();
            let Some(others) = others else { continue };
            let starts: Vec<u32> = first
                .positions
                .iter()
                .copied()
                .filter(|&start| {
                    others
                        .iter()
                        .enumerate()
                        .all(|(i, p)| p.positions.binary_search(&(start + i as u32 + 1)).is_ok())
                })
                .collect();
            if starts.is_empty() {
                continue;
            }
            let slot = result.entry(first.doc).or_default();
            slot.score += boost(field) * idf * tf_part(stats, starts.len(), first.norm_id);
            if field.is_body() {
                let doc = &data.docs()[first.doc as usize];
                slot.segments |= others.iter().fold(doc.segment_mask(&first.positions), |mask, p| {
                    mask & doc.segment_mask(&p.positions)
                });
            }
            let covered = slot.positions.entry(field).or_default();
            for start in starts {
                covered.extend(start..start + words.len() as u32);
            }
        }
    }
    result
}

/// The segment of a document's body that its snippet and proximity are
/// read from: the one where the most clauses have a matched term (the
/// first of those), else the first.
pub(crate) fn chosen_segment(masks: &[u32]) -> u32 {
    (0..u32::BITS)
        .map(|s| (masks.iter().filter(|&&m| m & 1 << s != 0).count(), s))
        .filter(|&(count, _)| count > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map_or(0, |(_, s)| s)
}

/// The chosen segment of document `number` (see [`chosen_segment`]) and
/// each clause's match of it, body positions kept to that segment.
fn clause_matches_in_segment(doc: &IndexDoc, clauses: &[Option<Matches>], number: u32) -> (u32, Vec<Match>) {
    let found: Vec<Match> = clauses
        .iter()
        .map(|c| c.as_ref().and_then(|m| m.get(&number)).cloned().unwrap_or_default())
        .collect();
    let masks: Vec<u32> = found.iter().map(|m| m.segments).collect();
    let segment = chosen_segment(&masks);
    let (_, words) = doc.segment(segment);
    let body = FieldKey::Text(Part::Body, doc.lang());
    let found = found
        .into_iter()
        .map(|mut m| {
            if let Some(positions) = m.positions.get_mut(&body) {
                positions.retain(|p| words.contains(p));
                if positions.is_empty() {
                    m.positions.remove(&body);
                }
            }
            m
        })
        .collect();
    (segment, found)
}

/// A boost when the clauses stand close together in the title or body:
/// `PROXIMITY_WEIGHT × (clauses − 1) / span` of the tightest window.
fn proximity_bonus(doc: &IndexDoc, clauses: &[Match]) -> f64 {
    if clauses.len() < 2 {
        return 0.0;
    }
    let lang = doc.lang();
    let mut best = 0.0f64;
    for part in [Part::Title, Part::Body] {
        let field = FieldKey::Text(part, lang);
        let lists: Option<Vec<&BTreeSet<u32>>> = clauses.iter().map(|c| c.positions.get(&field)).collect();
        let Some(lists) = lists else { continue };
        let Some(span) = smallest_window(&lists) else {
            continue;
        };
        let needed = (lists.len() - 1) as u32;
        if span <= PROXIMITY_WINDOW {
            let bonus = PROXIMITY_WEIGHT * f64::from(needed) / f64::from(span.max(needed));
            best = best.max(bonus);
        }
    }
    best
}

/// The smallest distance between the first and last position of a window
/// holding one position of every list.
fn smallest_window(lists: &[&BTreeSet<u32>]) -> Option<u32> {
    let mut all: Vec<(u32, usize)> = lists
        .iter()
        .enumerate()
        .flat_map(|(i, list)| list.iter().map(move |&p| (p, i)))
        .collect();
    all.sort_unstable();
    let mut counts = vec![0usize; lists.len()];
    let mut covered = 0;
    let mut best: Option<u32> = None;
    let mut left = 0;
    for right in 0..all.len() {
        let (_, list) = all[right];
        counts[list] += 1;
        if counts[list] == 1 {
            covered += 1;
        }
        while covered == lists.len() {
            let span = all[right].0 - all[left].0;
            best = Some(best.map_or(span, |b: u32| b.min(span)));
            let (_, leaving) = all[left];
            counts[leaving] -= 1;
            if counts[leaving] == 0 {
                covered -= 1;
            }
            left += 1;
        }
    }
    best
}

/// 1 when the query's words are exactly the title, the short title or the
/// case number: such an entry comes first.
fn exact_tier(doc: &IndexDoc, query: &Query) -> u8 {
    if query.clauses.is_empty() || query.clauses.iter().any(|c| c.len() != 1) {
        return 0;
    }
    let mut words: Vec<String> = Vec::new();
    for clause in &query.clauses {
        match &clause[0] {
            Unit::Word { text, .. } => words.push(text.clone()),
            Unit::Phrase(phrase) => words.extend(phrase.iter().cloned()),
        }
    }
    let names = [Some(&doc.title), doc.short_title.as_ref(), doc.case_number.as_ref()];
    u8::from(names.into_iter().flatten().any(|name| word_texts(name) == words))
}

#[cfg(test)]
mod tests {
    use super::chosen_segment;

    #[test]
    fn the_segment_most_clauses_stand_in_is_chosen_the_first_on_a_tie() {
        assert_eq!(chosen_segment(&[0b110, 0b100]), 2);
        assert_eq!(chosen_segment(&[0b110, 0b011]), 1);
        assert_eq!(chosen_segment(&[0b1000, 0b0100]), 2);
        assert_eq!(chosen_segment(&[0, 0]), 0);
        assert_eq!(chosen_segment(&[]), 0);
        assert_eq!(chosen_segment(&[1 << 24]), 24);
    }
}
