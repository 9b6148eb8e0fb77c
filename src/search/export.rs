//! The browser's index: the tantivy index exported into small JavaScript
//! files under `search/`, each calling `amicusSearch.add(name, data)`, so
//! that plain `<script>` tags can load them (from `file://` too, where
//! `fetch` is blocked). The format is documented in
//! `docs/search-format.md`.
//!
//! - `manifest.js`: statistics, ranking parameters, the folding table and
//!   where every shard starts;
//! - `terms-N.js`: a range of keys in code point order, holding both the
//!   vocabulary (normalised word → its stem per language) and the postings
//!   of the terms in that range, so that a word and its stem usually sit in
//!   one file;
//! - `docs-N.js`: what a result shows and what filters test, per document;
//! - `text-N.js`: summaries and body blocks, for snippets.
//!
//! The same index gives byte-identical files: everything is sorted and
//! nothing depends on tantivy's segments.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use super::analyzer::{folding_table, Lang};
use super::document::IndexDoc;
use super::engine::{self, Posting, SearchData};
use super::index::{FieldKey, Part};
use super::snapshot::Snapshot;
use super::{facets, snippet, suggest, SearchError};
use crate::render::OutputFile;

/// The export's format version, in the manifest.
pub const FORMAT: u32 = 1;
/// A terms shard is cut once it holds this many bytes.
pub const TERMS_SHARD_BYTES: usize = 48 * 1024;
pub const DOCS_SHARD_BYTES: usize = 32 * 1024;
pub const TEXT_SHARD_BYTES: usize = 48 * 1024;
/// Documents of a corpus whose metadata fits in this many bytes are put
/// in the manifest itself.
pub const INLINE_DOCS_BYTES: usize = 24 * 1024;
/// The folder under the site root.
pub const FOLDER: &str = "search";

/// The files of the export.
pub fn export(snapshot: &Snapshot) -> Result<Vec<OutputFile>, SearchError> {
    let postings = snapshot.all_postings()?;
    let keys = key_entries(snapshot, &postings);
    let mut files = Vec::new();
    let term_starts = write_term_shards(&keys, &mut files);
    let mut doc_files = Vec::new();
    let doc_starts = write_doc_shards(snapshot.docs(), &mut doc_files);
    let text_starts = write_text_shards(snapshot.docs(), &mut files);
    let mut manifest = manifest(snapshot, term_starts, doc_starts, text_starts);
    // A small corpus's documents travel in the manifest: one request less.
    if let [only] = doc_files.as_slice() {
        if only.bytes.len() <= INLINE_DOCS_BYTES {
            manifest["inline"] = json!({ "docs-0": json_of_script(&only.bytes) });
            doc_files.clear();
        }
    }
    files.extend(doc_files);
    files.push(script_file("manifest", &manifest));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// What one key of the terms shards holds: the vocabulary entry of the
/// word spelled so, the postings of the term spelled so, or both.
struct KeyEntry {
    key: String,
    word: Option<Value>,
    postings: Option<Value>,
}

fn key_entries(snapshot: &Snapshot, postings: &BTreeMap<String, BTreeMap<FieldKey, Vec<Posting>>>) -> Vec<KeyEntry> {
    let mut entries: BTreeMap<&str, KeyEntry> = BTreeMap::new();
    for word in snapshot.vocabulary().keys() {
        entries.insert(
            word,
            KeyEntry {
                key: word.clone(),
                word: Some(encode_word_terms(word, &snapshot.word_terms(word))),
                postings: None,
            },
        );
    }
    for (term, fields) in postings {
        let encoded: BTreeMap<String, Vec<u32>> = fields
            .iter()
            .map(|(field, list)| (field.name(), encode_postings(list)))
            .collect();
        entries
            .entry(term)
            .or_insert_with(|| KeyEntry {
                key: term.clone(),
                word: None,
                postings: None,
            })
            .postings = Some(json!(encoded));
    }
    entries.into_values().collect()
}

/// A word's terms as a list aligned with the manifest's `langs`: the term,
/// `1` when it is the word itself, `0` when the word is not indexed in that
/// language; trailing zeros are left out.
fn encode_word_terms(word: &str, terms: &[(Lang, String)]) -> Value {
    let mut encoded: Vec<Value> = Lang::ALL
        .iter()
        .map(|lang| match terms.iter().find(|(l, _)| l == lang) {
            Some((_, term)) if term == word => json!(1),
            Some((_, term)) => json!(term),
            None => json!(0),
        })
        .collect();
    while encoded.last() == Some(&json!(0)) {
        encoded.pop();
    }
    Value::Array(encoded)
}

/// One flat list per term and field: for each document, the difference
/// from the previous document's number, the field length code, the term
/// frequency, then the positions as differences.
fn encode_postings(postings: &[Posting]) -> Vec<u32> {
    let mut flat = Vec::new();
    let mut previous_doc = 0;
    for posting in postings {
        flat.push(posting.doc - previous_doc);
        flat.push(u32::from(posting.norm_id));
        flat.push(posting.positions.len() as u32);
        let mut previous = 0;
        for &position in &posting.positions {
            flat.push(position - previous);
            previous = position;
        }
        previous_doc = posting.doc;
    }
    flat
}

#[derive(Serialize, Default)]
struct TermsShard {
    /// Normalised word → its term per language (see `encode_word_terms`).
    w: BTreeMap<String, Value>,
    /// Term → field name → flat postings.
    p: BTreeMap<String, Value>,
}

/// Writes the terms shards; returns the first key of each.
fn write_term_shards(keys: &[KeyEntry], files: &mut Vec<OutputFile>) -> Vec<String> {
    let mut starts = Vec::new();
    let mut shard = TermsShard::default();
    let mut bytes = 0;
    for entry in keys {
        if starts.is_empty() || bytes >= TERMS_SHARD_BYTES {
            if !starts.is_empty() {
                files.push(script_file(&format!("terms-{}", starts.len() - 1), &shard));
            }
            starts.push(entry.key.clone());
            shard = TermsShard::default();
            bytes = 0;
        }
        bytes += entry.key.len() * 2;
        if let Some(word) = &entry.word {
            bytes += word.to_string().len();
            shard.w.insert(entry.key.clone(), word.clone());
        }
        if let Some(postings) = &entry.postings {
            bytes += postings.to_string().len();
            shard.p.insert(entry.key.clone(), postings.clone());
        }
    }
    if !starts.is_empty() {
        files.push(script_file(&format!("terms-{}", starts.len() - 1), &shard));
    }
    starts
}

/// What the browser needs of a document to filter, count facets, rank an
/// exact match first and show a result: everything but the text.
#[derive(Serialize)]
struct DocMeta<'a> {
    id: &'a str,
    kind: &'a str,
    kind_label: &'a str,
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    court: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issuer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    case_number: Option<&'a str>,
    countries: &'a [String],
    country_names: &'a [String],
    grounds: &'a [String],
    crimes: &'a [String],
    date: &'a str,
    date_label: &'a str,
    year: i32,
    lang: &'a str,
}

impl<'a> DocMeta<'a> {
    fn of(doc: &'a IndexDoc) -> Self {
        DocMeta {
            id: &doc.id,
            kind: &doc.kind,
            kind_label: &doc.kind_label,
            url: &doc.url,
            title: &doc.title,
            short_title: doc.short_title.as_deref(),
            court: doc.court.as_deref(),
            issuer: doc.issuer.as_deref(),
            case_number: doc.case_number.as_deref(),
            countries: &doc.countries,
            country_names: &doc.country_names,
            grounds: &doc.grounds,
            crimes: &doc.crimes,
            date: &doc.date,
            date_label: &doc.date_label,
            year: doc.year,
            lang: &doc.lang,
        }
    }
}

/// The summary and blocks of a document: `[paragraph or 0, text]`.
#[derive(Serialize)]
struct DocText<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    blocks: Vec<(u32, &'a str)>,
}

impl<'a> DocText<'a> {
    fn of(doc: &'a IndexDoc) -> Self {
        DocText {
            summary: doc.summary.as_deref(),
            blocks: doc
                .blocks
                .iter()
                .map(|b| (b.paragraph.unwrap_or(0), b.text.as_str()))
                .collect(),
        }
    }
}

fn write_doc_shards(docs: &[IndexDoc], files: &mut Vec<OutputFile>) -> Vec<usize> {
    let items: Vec<Value> = docs.iter().map(|d| json!(DocMeta::of(d))).collect();
    write_chunked("docs", items, DOCS_SHARD_BYTES, files)
}

fn write_text_shards(docs: &[IndexDoc], files: &mut Vec<OutputFile>) -> Vec<usize> {
    let items: Vec<Value> = docs.iter().map(|d| json!(DocText::of(d))).collect();
    write_chunked("text", items, TEXT_SHARD_BYTES, files)
}

/// Splits consecutive documents into shards of about `target` bytes;
/// returns the first document of each shard.
fn write_chunked(prefix: &str, items: Vec<Value>, target: usize, files: &mut Vec<OutputFile>) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut chunk: Vec<Value> = Vec::new();
    let mut bytes = 0;
    for (number, item) in items.into_iter().enumerate() {
        if starts.is_empty() || bytes >= target {
            if !starts.is_empty() {
                files.push(script_file(&format!("{prefix}-{}", starts.len() - 1), &chunk));
            }
            starts.push(number);
            chunk.clear();
            bytes = 0;
        }
        bytes += item.to_string().len();
        chunk.push(item);
    }
    if !starts.is_empty() {
        files.push(script_file(&format!("{prefix}-{}", starts.len() - 1), &chunk));
    }
    starts
}

fn manifest(snapshot: &Snapshot, terms: Vec<String>, docs: Vec<usize>, text: Vec<usize>) -> Value {
    let fields: BTreeMap<String, (u32, f64)> = snapshot
        .all_stats()
        .iter()
        .map(|(key, stats)| (key.name(), (stats.docs, stats.average_norm)))
        .collect();
    let norms: Vec<u32> = (0..=255u8).map(engine::norm_of).collect();
    json!({
        "format": FORMAT,
        "docs": snapshot.docs().len(),
        "langs": Lang::ALL.map(Lang::code),
        "parts": Part::ALL.map(Part::name),
        "fields": fields,
        "params": {
            "k1": engine::K1,
            "b": engine::B,
            "boosts": {
                "title": engine::boost(FieldKey::Text(Part::Title, Lang::En)),
                "summary": engine::boost(FieldKey::Text(Part::Summary, Lang::En)),
                "body": engine::boost(FieldKey::Text(Part::Body, Lang::En)),
                "meta": engine::boost(FieldKey::Meta),
            },
            "proximityWeight": engine::PROXIMITY_WEIGHT,
            "proximityWindow": engine::PROXIMITY_WINDOW,
            "prefixLimit": engine::PREFIX_LIMIT,
            "autoPrefixMinChars": engine::AUTO_PREFIX_MIN_CHARS,
            "leadWords": snippet::LEAD_WORDS,
            "snippetWords": snippet::SNIPPET_WORDS,
            "suggestions": suggest::SUGGESTIONS,
            "facets": facets::FACETS.map(|f| f.name()),
        },
        "norms": norms,
        "fold": folding_table(),
        "shards": { "terms": terms, "docs": docs, "text": text },
    })
}

/// The data of a shard file written by [`script_file`].
fn json_of_script(bytes: &[u8]) -> Value {
    let text = String::from_utf8_lossy(bytes);
    let start = text.find(", ").map_or(0, |i| i + 2);
    let end = text.rfind(");").unwrap_or(text.len());
    serde_json::from_str(&text[start..end]).unwrap_or(Value::Null)
}

/// `search/NAME.js`: one call registering the data under its name.
fn script_file(name: &str, data: &impl Serialize) -> OutputFile {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".into());
    OutputFile {
        path: format!("{FOLDER}/{name}.js"),
        bytes: format!("amicusSearch.add({}, {json});\n", json!(name))
            .into_bytes()
            .into(),
    }
}
