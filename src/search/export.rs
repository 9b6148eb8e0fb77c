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
pub const DOCS_SHARD_BYTES: usize = 64 * 1024;
pub const TEXT_SHARD_BYTES: usize = 48 * 1024;
/// Documents of a corpus whose metadata fits in this many bytes are put
/// in the manifest itself.
pub const INLINE_DOCS_BYTES: usize = 24 * 1024;
/// The folder under the site root.
pub const FOLDER: &str = "search";

/// The files of the export.
pub fn export(snapshot: &Snapshot) -> Result<Vec<OutputFile>, SearchError> {
    let postings = snapshot.all_postings()?;
    let keys = key_entries(snapshot, postings);
    let mut files = Vec::new();
    let term_starts = write_term_shards(&keys, &mut files);
    let labels = Labels::of(snapshot.docs());
    let rows: Vec<Value> = snapshot.docs().iter().map(|d| labels.row(d)).collect();
    let mut doc_chunks = chunk(rows, DOCS_SHARD_BYTES);
    // Texts are most of the export: kept as JSON text, not as `Value`s.
    let texts: Vec<String> = snapshot
        .docs()
        .iter()
        .map(|d| serde_json::to_string(&DocText::of(d)).unwrap_or_else(|_| "null".into()))
        .collect();
    let text_chunks = chunk_text(texts, TEXT_SHARD_BYTES);
    let text_starts = text_chunks.iter().map(|(start, _)| *start).collect();
    let mut manifest = manifest(snapshot, term_starts, starts_of(&doc_chunks), text_starts);
    manifest["labels"] = json!(labels);
    // A small corpus's document table travels in the manifest: one request
    // less for every query.
    if let [(_, only)] = doc_chunks.as_slice() {
        if Value::Array(only.clone()).to_string().len() <= INLINE_DOCS_BYTES {
            manifest["inline"] = json!({ "docs-0": only });
            doc_chunks.clear();
        }
    }
    for (number, (_, items)) in doc_chunks.iter().enumerate() {
        files.push(script_file(&format!("docs-{number}"), items));
    }
    for (number, (_, items)) in text_chunks.iter().enumerate() {
        files.push(raw_script_file(
            &format!("text-{number}"),
            &format!("[{}]", items.join(",")),
        ));
    }
    files.push(script_file("manifest", &manifest));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// What one key of the terms shards holds: the vocabulary entry of the
/// word spelled so, the postings of the term spelled so, or both.
/// Each part is JSON text, made once: a `Value` per posting number would
/// take many times the memory of the text on a large corpus.
struct KeyEntry {
    key: String,
    word: Option<String>,
    postings: Option<String>,
    /// The documents whose title, short title or case number is exactly
    /// these words (joined by spaces), to rank them first.
    names: Option<String>,
}

fn key_entries(snapshot: &Snapshot, postings: BTreeMap<String, BTreeMap<FieldKey, Vec<Posting>>>) -> Vec<KeyEntry> {
    let mut entries: Entries = Entries::default();
    // A word is stemmed only in the languages some document is in: in the
    // others it can have no postings.
    let langs: Vec<Lang> = Lang::ALL
        .into_iter()
        .filter(|&lang| snapshot.docs().iter().any(|d| d.lang() == lang))
        .collect();
    for word in snapshot.vocabulary().keys() {
        entries.0.insert(
            word.clone(),
            KeyEntry {
                key: word.clone(),
                word: Some(encode_word_terms(word, &word_terms(snapshot, &postings, &langs, word)).to_string()),
                postings: None,
                names: None,
            },
        );
    }
    // Each term's postings are dropped once encoded.
    for (term, fields) in postings {
        let encoded: BTreeMap<String, Vec<u32>> = fields
            .iter()
            .map(|(field, list)| (field.name(), encode_postings(list)))
            .collect();
        let json = serde_json::to_string(&encoded).unwrap_or_else(|_| "{}".into());
        entries.entry_owned(term).postings = Some(json);
    }
    let mut names: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (number, doc) in snapshot.docs().iter().enumerate() {
        let written = [Some(&doc.title), doc.short_title.as_ref(), doc.case_number.as_ref()];
        for name in written.into_iter().flatten() {
            let key = name_key(name);
            let list = names.entry(key).or_default();
            if !already_listed(list, number) {
                list.push(number);
            }
        }
    }
    for (key, docs) in names {
        if key.is_empty() {
            continue;
        }
        let entry = entries.entry_owned(key);
        entry.names = Some(json!(docs).to_string());
    }
    entries.0.into_values().collect()
}

/// The keys of the terms shards, in code point order.
#[derive(Default)]
struct Entries(BTreeMap<String, KeyEntry>);

impl Entries {
    fn entry_owned(&mut self, key: String) -> &mut KeyEntry {
        self.0.entry(key.clone()).or_insert_with(|| KeyEntry {
            key,
            word: None,
            postings: None,
            names: None,
        })
    }
}

/// The key of a name: its normalised words joined by spaces. A name of one
/// word shares its key with that word, and sits beside it.
pub fn name_key(name: &str) -> String {
    super::analyzer::word_texts(name).join(" ")
}

fn already_listed(list: &[usize], number: usize) -> bool {
    list.last() == Some(&number)
}

/// The indexed term of `word` in each language where it occurs: what
/// `SearchData::word_terms` gives, read from the postings in memory.
fn word_terms(
    snapshot: &Snapshot,
    postings: &BTreeMap<String, BTreeMap<FieldKey, Vec<Posting>>>,
    langs: &[Lang],
    word: &str,
) -> Vec<(Lang, String)> {
    langs
        .iter()
        .copied()
        .filter_map(|lang| {
            let stem = snapshot.stem(lang, word);
            let fields = postings.get(&stem)?;
            let present = Part::ALL
                .into_iter()
                .any(|part| fields.get(&FieldKey::Text(part, lang)).is_some_and(|p| !p.is_empty()));
            present.then_some((lang, stem))
        })
        .collect()
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

/// A terms shard as it is written: `{"w": {…}, "p": {…}, "n": {…}}`, each
/// a map from key to JSON text, keys in code point order.
#[derive(Default)]
struct TermsShard<'a> {
    /// Normalised word → its term per language (see `encode_word_terms`).
    w: Vec<(&'a str, &'a str)>,
    /// Term → field name → flat postings.
    p: Vec<(&'a str, &'a str)>,
    /// Name (title, short title, case number as words) → documents; left
    /// out when empty.
    n: Vec<(&'a str, &'a str)>,
}

impl TermsShard<'_> {
    fn to_json(&self) -> String {
        let mut json = String::from("{");
        let parts = [("w", &self.w), ("p", &self.p), ("n", &self.n)];
        for (index, (name, members)) in parts.into_iter().enumerate() {
            if name == "n" && members.is_empty() {
                continue;
            }
            if index > 0 {
                json.push(',');
            }
            json.push_str(&format!("{}:{{", json!(name)));
            for (number, (key, value)) in members.iter().enumerate() {
                if number > 0 {
                    json.push(',');
                }
                json.push_str(&json!(key).to_string());
                json.push(':');
                json.push_str(value);
            }
            json.push('}');
        }
        json.push('}');
        json
    }
}

/// Writes the terms shards; returns the first key of each.
fn write_term_shards(keys: &[KeyEntry], files: &mut Vec<OutputFile>) -> Vec<String> {
    let mut starts = Vec::new();
    let mut shard = TermsShard::default();
    let mut bytes = 0;
    for entry in keys {
        if starts.is_empty() || bytes >= TERMS_SHARD_BYTES {
            if !starts.is_empty() {
                files.push(raw_script_file(
                    &format!("terms-{}", starts.len() - 1),
                    &shard.to_json(),
                ));
            }
            starts.push(entry.key.clone());
            shard = TermsShard::default();
            bytes = 0;
        }
        bytes += entry.key.len() * 2;
        if let Some(word) = &entry.word {
            bytes += word.len();
            shard.w.push((&entry.key, word));
        }
        if let Some(postings) = &entry.postings {
            bytes += postings.len();
            shard.p.push((&entry.key, postings));
        }
        if let Some(names) = &entry.names {
            bytes += names.len();
            shard.n.push((&entry.key, names));
        }
    }
    if !starts.is_empty() {
        files.push(raw_script_file(
            &format!("terms-{}", starts.len() - 1),
            &shard.to_json(),
        ));
    }
    starts
}

/// The values the document table refers to by number: each label is
/// written once, in the manifest, and each document row holds numbers.
#[derive(Serialize, Default)]
struct Labels {
    /// `[value, label]` of each type.
    kinds: Vec<(String, String)>,
    /// `[code, name]` of each country.
    countries: Vec<(String, String)>,
    grounds: Vec<String>,
    crimes: Vec<String>,
    /// Courts and issuers.
    courts: Vec<String>,
    /// Entry languages as written (`en`, `fr-CA`).
    langs: Vec<String>,
    /// Relation tags (`overturned`, `applies`).
    relations: Vec<String>,
}

fn index_of<T: PartialEq>(list: &[T], value: &T) -> usize {
    list.iter().position(|v| v == value).unwrap_or(0)
}

fn add_sorted<T: Ord + Clone>(list: &mut Vec<T>, value: &T) {
    if let Err(at) = list.binary_search(value) {
        list.insert(at, value.clone());
    }
}

impl Labels {
    fn of(docs: &[IndexDoc]) -> Labels {
        let mut labels = Labels::default();
        for doc in docs {
            add_sorted(&mut labels.kinds, &(doc.kind.clone(), doc.kind_label.clone()));
            for pair in doc.countries.iter().cloned().zip(doc.country_names.iter().cloned()) {
                add_sorted(&mut labels.countries, &pair);
            }
            doc.grounds.iter().for_each(|g| add_sorted(&mut labels.grounds, g));
            doc.crimes.iter().for_each(|c| add_sorted(&mut labels.crimes, c));
            doc.court
                .iter()
                .chain(&doc.issuer)
                .for_each(|c| add_sorted(&mut labels.courts, c));
            add_sorted(&mut labels.langs, &doc.lang);
            doc.relations.iter().for_each(|r| add_sorted(&mut labels.relations, r));
        }
        labels
    }

    /// A document's row of the document table:
    /// `[type, date, [countries], [grounds], [crimes], lang, court, issuer,
    /// [relations]]`, each a number into the labels (court and issuer `-1`
    /// when absent).
    fn row(&self, doc: &IndexDoc) -> Value {
        let court = |name: &Option<String>| name.as_ref().map_or(-1, |n| index_of(&self.courts, n) as i64);
        let countries: Vec<usize> = doc
            .countries
            .iter()
            .zip(&doc.country_names)
            .map(|(code, name)| index_of(&self.countries, &(code.clone(), name.clone())))
            .collect();
        json!([
            index_of(&self.kinds, &(doc.kind.clone(), doc.kind_label.clone())),
            doc.date,
            countries,
            doc.grounds
                .iter()
                .map(|g| index_of(&self.grounds, g))
                .collect::<Vec<_>>(),
            doc.crimes.iter().map(|c| index_of(&self.crimes, c)).collect::<Vec<_>>(),
            index_of(&self.langs, &doc.lang),
            court(&doc.court),
            court(&doc.issuer),
            doc.relations
                .iter()
                .map(|r| index_of(&self.relations, r))
                .collect::<Vec<_>>(),
        ])
    }
}

/// What a result shows and its snippet is cut from: loaded only for the
/// results on screen. Blocks are `[paragraph or 0, text]`.
#[derive(Serialize)]
struct DocText<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    kind_label: &'a str,
    date_label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    court: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issuer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    case_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    blocks: Vec<(u32, &'a str)>,
}

impl<'a> DocText<'a> {
    fn of(doc: &'a IndexDoc) -> Self {
        DocText {
            id: &doc.id,
            url: &doc.url,
            title: &doc.title,
            kind_label: &doc.kind_label,
            date_label: &doc.date_label,
            court: doc.court.as_deref(),
            issuer: doc.issuer.as_deref(),
            case_number: doc.case_number.as_deref(),
            summary: doc.summary.as_deref(),
            blocks: doc
                .blocks
                .iter()
                .map(|b| (b.paragraph.unwrap_or(0), b.text.as_str()))
                .collect(),
        }
    }
}

/// Splits consecutive documents' items into shards of about `target`
/// bytes, each with the number of its first document.
fn chunk(items: Vec<Value>, target: usize) -> Vec<(usize, Vec<Value>)> {
    let mut chunks: Vec<(usize, Vec<Value>)> = Vec::new();
    let mut bytes = 0;
    for (number, item) in items.into_iter().enumerate() {
        if chunks.is_empty() || bytes >= target {
            chunks.push((number, Vec::new()));
            bytes = 0;
        }
        bytes += item.to_string().len();
        if let Some((_, last)) = chunks.last_mut() {
            last.push(item);
        }
    }
    chunks
}

/// [`chunk`] of items that are JSON text already.
fn chunk_text(items: Vec<String>, target: usize) -> Vec<(usize, Vec<String>)> {
    let mut chunks: Vec<(usize, Vec<String>)> = Vec::new();
    let mut bytes = 0;
    for (number, item) in items.into_iter().enumerate() {
        if chunks.is_empty() || bytes >= target {
            chunks.push((number, Vec::new()));
            bytes = 0;
        }
        bytes += item.len();
        if let Some((_, last)) = chunks.last_mut() {
            last.push(item);
        }
    }
    chunks
}

fn starts_of(chunks: &[(usize, Vec<Value>)]) -> Vec<usize> {
    chunks.iter().map(|(start, _)| *start).collect()
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

/// `search/NAME.js`: one call registering the data under its name.
fn script_file(name: &str, data: &impl Serialize) -> OutputFile {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".into());
    raw_script_file(name, &json)
}

/// A shard whose JSON text is already made.
fn raw_script_file(name: &str, json: &str) -> OutputFile {
    OutputFile {
        path: format!("{FOLDER}/{name}.js"),
        bytes: format!("amicusSearch.add({}, {json});\n", json!(name))
            .into_bytes()
            .into(),
    }
}
