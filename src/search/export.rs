//! The browser's index: the tantivy index exported into small JavaScript
//! files under `search/`, each calling `amicusSearch.add(name, data)`, so
//! that plain `<script>` tags can load them (from `file://` too, where
//! `fetch` is blocked). The format is documented in
//! `docs/search-format.md`.
//!
//! - `manifest.js`: statistics, ranking parameters, the folding table and
//!   where every shard starts;
//! - `terms-N.js`: a range of keys in code point order, holding the
//!   vocabulary (normalised word → its stem per language), the postings
//!   (documents, lengths, frequencies) of the terms in that range and the
//!   words each term stands for, so that a word and its stem usually sit
//!   in one file;
//! - `pos-N.js`: the positions of the terms in a range of keys, loaded
//!   only to match phrases;
//! - `docs-N.js`, `attrs-N.js`: what facets and filters test, per
//!   document (see [`super::table`]);
//! - `text-N.js` (a few documents each, on a small corpus) or
//!   `text-N-S.js` (segment S of document N): what a result shows: title,
//!   summary and body blocks, from which the browser cuts snippets and
//!   finds where the words stand close together; deflated, in base64.
//!
//! The manifest, the terms shards and the texts are deflated and written
//! in base64 (see [`packed_script_file`]).
//!
//! The same index gives byte-identical files: everything is sorted and
//! nothing depends on tantivy's segments.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use super::analyzer::{folding_table, Lang};
use super::digits::{self, DIGITS};
use super::document::IndexDoc;
use super::engine::{self, SearchData};
use super::error::SearchError;
use super::field::{FieldKey, Part};
use super::keys::{langs_of, KeyEntry, Keys};
use super::snapshot::Snapshot;
use super::table::{self, Table};
use super::{facets, snippet, suggest};
use crate::output::OutputFile;

/// The export's format version, in the manifest.
pub const FORMAT: u32 = 5;
/// A terms shard holds about this many bytes: small, since a query loads
/// a shard for each of its words and terms.
pub const TERMS_SHARD_BYTES: usize = 16 * 1024;
pub const POSITIONS_SHARD_BYTES: usize = 48 * 1024;
pub const TEXT_SHARD_BYTES: usize = 48 * 1024;
/// Texts are grouped into shards only while they make this many shards at
/// most: then a page of results needs few requests. A larger corpus has a
/// file per document, since ten results would touch ten shards anyway and
/// each would carry its neighbours' texts for nothing.
pub const GROUPED_TEXT_SHARDS: usize = 4;
/// Documents of a corpus whose metadata fits in this many bytes are put
/// in the manifest itself.
pub const INLINE_DOCS_BYTES: usize = 24 * 1024;
/// The folder under the site root.
pub const FOLDER: &str = "search";

/// Makes the export, and again after an edit, remembering what it made
/// last: when only some entries changed (none came or went), only the keys
/// and texts they touch are made again, and the shards are cut anew from
/// them. The files are the same as a fresh export's.
#[derive(Default)]
pub struct Exporter {
    last: Option<Last>,
    /// Keeps nothing for a next export (a single build).
    disabled: bool,
}

/// What the last export was made of.
struct Last {
    docs: Vec<Arc<IndexDoc>>,
    /// Their content hashes.
    hashes: Vec<String>,
    keys: Keys,
    /// Each document's text files (one per segment), when each has its own.
    texts: Option<Vec<Vec<OutputFile>>>,
    /// The terms and positions shards written.
    terms: Vec<ShardMemo>,
    positions: Vec<ShardMemo>,
    /// The document table, remade only when a row of it changed.
    table: Option<Table>,
}

impl Exporter {
    /// An exporter that keeps nothing between exports.
    pub fn disabled() -> Self {
        Exporter {
            last: None,
            disabled: true,
        }
    }

    /// The files of the export of `snapshot`, whose documents have the
    /// content hashes `hashes`.
    pub fn export(&mut self, snapshot: &mut Snapshot, hashes: &[String]) -> Result<Vec<OutputFile>, SearchError> {
        let mut files = Vec::new();
        self.export_into(snapshot, hashes, &mut |made| {
            files.extend(made);
            Ok::<(), SearchError>(())
        })?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Exports `snapshot`, handing the files to `emit` as they are made:
    /// the texts, the terms shards, the positions shards, then the document
    /// table and the manifest. A disabled exporter drops the documents'
    /// body text once the texts are made, and whatever it made once it is
    /// handed on, so that a single build never holds the whole export.
    pub fn export_into<E: From<SearchError>>(
        &mut self,
        snapshot: &mut Snapshot,
        hashes: &[String],
        emit: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), E>,
    ) -> Result<(), E> {
        let docs = snapshot.docs();
        let mut previous = self
            .last
            .take()
            .filter(|last| same_entries(&last.docs, docs) && last.keys.langs == langs_of(docs));
        let changed: Vec<usize> = previous.as_ref().map_or_else(Vec::new, |last| {
            (0..docs.len()).filter(|&n| last.hashes[n] != hashes[n]).collect()
        });
        let mut out = Batches::new(emit);
        let mut kept_texts = (!self.disabled).then(Vec::new);
        let text_starts = match previous.as_mut().and_then(|last| last.texts.take()) {
            Some(mut texts) => {
                for &n in &changed {
                    texts[n] = segment_files(n, &docs[n]);
                }
                for file in texts.iter().flatten() {
                    out.push(file.clone())?;
                }
                kept_texts = Some(texts);
                json!("each")
            }
            None => write_texts(docs, &mut out, kept_texts.as_mut())?,
        };
        if text_starts != json!("each") {
            kept_texts = None;
        }
        out.flush()?;
        if self.disabled {
            snapshot.drop_body_texts();
        }
        let docs = snapshot.docs();
        let mut last = match previous {
            Some(mut last) => {
                let pairs: Vec<(&IndexDoc, &IndexDoc)> = changed.iter().map(|&n| (&*last.docs[n], &*docs[n])).collect();
                last.keys.update(snapshot, &pairs)?;
                if pairs.iter().any(|(old, new)| !table::same_row(old, new)) {
                    last.table = None;
                }
                // The others are equal already.
                for &n in &changed {
                    last.docs[n] = docs[n].clone();
                }
                last.hashes = hashes.to_vec();
                last
            }
            None => Last {
                // A disabled exporter never compares them.
                docs: if self.disabled { Vec::new() } else { docs.to_vec() },
                hashes: hashes.to_vec(),
                keys: Keys::of(snapshot, !self.disabled)?,
                texts: None,
                terms: Vec::new(),
                positions: Vec::new(),
                table: None,
            },
        };
        last.texts = kept_texts;
        let shards = keyed_shards(&mut last, &mut out, !self.disabled)?;
        let table = last.table.take().unwrap_or_else(|| Table::of(snapshot.docs()));
        for file in table_and_manifest(snapshot, &table, shards, text_starts) {
            out.push(file)?;
        }
        last.table = Some(table);
        out.flush()?;
        if !self.disabled {
            self.last = Some(last);
        }
        Ok(())
    }
}

/// Whether two document lists hold the same entries in the same order.
fn same_entries(a: &[Arc<IndexDoc>], b: &[Arc<IndexDoc>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.id == y.id)
}

/// Hands on the terms and positions shards, cut from the keys; returns
/// where they start, front-coded. What was written is remembered when
/// `keep`, for the next export.
fn keyed_shards<E>(last: &mut Last, out: &mut Batches<'_, E>, keep: bool) -> Result<(String, String), E> {
    let keys = &mut last.keys;
    let (term_starts, terms) = write_keyed_shards(
        &TERMS,
        &|from| Box::new(keys.term_entries(from)),
        (&last.terms, &keys.dirty_terms),
        out,
        keep,
    )?;
    let (position_starts, positions) = write_keyed_shards(
        &POSITIONS,
        &|from| Box::new(keys.position_entries(from)),
        (&last.positions, &keys.dirty_positions),
        out,
        keep,
    )?;
    (last.terms, last.positions) = (terms, positions);
    keys.dirty_terms.clear();
    keys.dirty_positions.clear();
    Ok((term_starts, position_starts))
}

/// Files handed on a batch at a time, so that what is written need not be
/// held.
struct Batches<'a, E> {
    files: Vec<OutputFile>,
    emit: &'a mut dyn FnMut(Vec<OutputFile>) -> Result<(), E>,
}

impl<'a, E> Batches<'a, E> {
    const SIZE: usize = 512;

    fn new(emit: &'a mut dyn FnMut(Vec<OutputFile>) -> Result<(), E>) -> Self {
        Batches {
            files: Vec::new(),
            emit,
        }
    }

    fn push(&mut self, file: OutputFile) -> Result<(), E> {
        self.files.push(file);
        if self.files.len() >= Self::SIZE {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), E> {
        if self.files.is_empty() {
            return Ok(());
        }
        (self.emit)(std::mem::take(&mut self.files))
    }
}

/// The document table (in the manifest when small) and the manifest.
fn table_and_manifest(
    snapshot: &Snapshot,
    table: &Table,
    (term_starts, position_starts): (String, String),
    text_starts: Value,
) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let shards = json!({
        "terms": term_starts,
        "pos": position_starts,
        "docs": table.per_shard,
        "text": text_starts,
    });
    let mut manifest = manifest(snapshot, shards);
    manifest["labels"] = json!(table.labels);
    // A small corpus's document table travels in the manifest: one request
    // less for every query.
    let inline = match (table.facets.as_slice(), table.attrs.as_slice()) {
        ([facets], [attrs]) => (facets.to_string().len() + attrs.to_string().len() <= INLINE_DOCS_BYTES)
            .then(|| json!({ "docs-0": facets, "attrs-0": attrs })),
        _ => None,
    };
    if let Some(inline) = inline {
        manifest["inline"] = inline;
    } else {
        for (number, (facets, attrs)) in table.facets.iter().zip(&table.attrs).enumerate() {
            files.push(script_file(&format!("docs-{number}"), facets));
            files.push(script_file(&format!("attrs-{number}"), attrs));
        }
    }
    files.extend(paragraph_files(snapshot.docs(), table.per_shard));
    files.push(packed_script_file("manifest", &manifest.to_string()));
    files
}

/// `paras-K.js`: for `/p`, where each document's body blocks end, for the
/// documents of document table shard K: per document, its number of
/// blocks, then each block's word count (see *Numbers*). Only a `/p` query
/// loads them, for its candidates' shards.
fn paragraph_files(docs: &[Arc<IndexDoc>], per_shard: usize) -> Vec<OutputFile> {
    docs.chunks(per_shard.max(1))
        .enumerate()
        .map(|(number, chunk)| {
            let mut numbers = String::new();
            for doc in chunk {
                digits::push_number(&mut numbers, doc.block_words.len() as u32);
                for &count in &doc.block_words {
                    digits::push_number(&mut numbers, count);
                }
            }
            script_file(&format!("paras-{number}"), &json!({ "b": numbers }))
        })
        .collect()
}

/// Writes the text shards; returns where each starts: the first document
/// of each when texts are grouped, `"each"` when every document has its
/// own files, one per segment of its body (then they are also added to
/// `kept`, when given). Texts are most of the export: they are made and
/// compressed a batch of documents at a time, in parallel, and handed on
/// at once.
fn write_texts<E>(
    docs: &[Arc<IndexDoc>],
    out: &mut Batches<'_, E>,
    mut kept: Option<&mut Vec<Vec<OutputFile>>>,
) -> Result<Value, E> {
    // Texts are grouped only while they are few: those seen until they
    // are too many are made again as files of their own.
    let mut pending: Vec<String> = Vec::new();
    let mut total = 0;
    for chunk in docs.chunks(Batches::<E>::SIZE) {
        let jsons: Vec<String> = chunk.par_iter().map(|doc| text_json(&DocText::of(doc))).collect();
        total += jsons.iter().map(String::len).sum::<usize>();
        pending.extend(jsons);
        if total > GROUPED_TEXT_SHARDS * TEXT_SHARD_BYTES {
            return write_segment_texts(docs, out, kept.take());
        }
    }
    let chunks = chunk_text(pending, TEXT_SHARD_BYTES);
    let starts: Vec<usize> = chunks.iter().map(|(start, _)| *start).collect();
    for (number, (_, items)) in chunks.iter().enumerate() {
        out.push(text_file(&format!("text-{number}"), items))?;
    }
    Ok(json!(starts))
}

/// Writes every document's segment files (see [`segment_files`]).
fn write_segment_texts<E>(
    docs: &[Arc<IndexDoc>],
    out: &mut Batches<'_, E>,
    mut kept: Option<&mut Vec<Vec<OutputFile>>>,
) -> Result<Value, E> {
    for (batch, chunk) in docs.chunks(Batches::<E>::SIZE).enumerate() {
        let start = batch * Batches::<E>::SIZE;
        let made: Vec<Vec<OutputFile>> = chunk
            .par_iter()
            .enumerate()
            .map(|(n, doc)| segment_files(start + n, doc))
            .collect();
        for files in made {
            for file in &files {
                out.push(file.clone())?;
            }
            if let Some(kept) = kept.as_mut() {
                kept.push(files);
            }
        }
    }
    Ok(json!("each"))
}

/// `text-N-S.js` for each segment S of document N: what a result shows,
/// with that segment's blocks.
fn segment_files(number: usize, doc: &IndexDoc) -> Vec<OutputFile> {
    (0..doc.segment_count())
        .map(|s| text_file(&format!("text-{number}-{s}"), &[text_json(&DocText::segment(doc, s))]))
        .collect()
}

fn text_json(text: &DocText<'_>) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "null".into())
}

/// A text file: the texts' JSON list, deflated, in base64.
fn text_file(name: &str, items: &[String]) -> OutputFile {
    packed_script_file(name, &format!("[{}]", items.join(",")))
}

/// `bytes` deflated (raw, RFC 1951) and written in base64 without padding,
/// which the browser inflates with its `DecompressionStream` (or
/// `search.js`'s own inflater).
fn deflated_base64(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to memory cannot fail.
    let deflated = encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .unwrap_or_default();
    let mut out = String::with_capacity(deflated.len() * 4 / 3 + 3);
    for group in deflated.chunks(3) {
        let value = group
            .iter()
            .enumerate()
            .fold(0u32, |v, (i, &b)| v | (u32::from(b) << (16 - 8 * i)));
        for digit in 0..=group.len() {
            out.push(DIGITS[(value >> (18 - 6 * digit) & 63) as usize] as char);
        }
    }
    out
}

/// A kind of keyed shard: its files' name, its parts in the order they
/// are written, its size, and whether it is packed.
struct ShardKind {
    name: &'static str,
    parts: &'static [&'static str],
    target: usize,
    packed: bool,
}

impl ShardKind {
    /// Whether a shard holding `bytes` is cut before `key`, of `size`,
    /// when `span` is the span of linked keys open in that shard.
    ///
    /// Where shards are cut depends on the keys, not on where the last cut
    /// fell: a key starts a shard with a chance in proportion to its size
    /// (from a hash of the key), once the shard holds a quarter of the
    /// target. A word that
    /// comes into the corpus or leaves it then changes its own shard, and
    /// the cuts after it stay where they were, as do their shards; cut
    /// greedily by size, every shard after it would move (at 10,000
    /// entries, a new word rewrote 700 shards). A shard reaching four
    /// times the target is cut all the same.
    ///
    /// Nor is a key inside a span (a term and the words whose term it is,
    /// see [`Span`]) unless the span itself has grown past four times the
    /// target: the shard a word is looked up in then holds its terms'
    /// postings too, and a query needs no second round of terms shards.
    fn cuts_before(&self, key: &str, size: usize, bytes: usize, span: Option<&Span<'_>>) -> bool {
        if let Some(span) = span.filter(|span| key <= span.last) {
            return bytes - span.from + size > self.target * 4;
        }
        // A quarter of the target, then a start every three quarters of it
        // on average: shards of about the target.
        let spacing = (self.target * 3 / 4) as u64;
        let starts_shard = bytes >= self.target / 4 && stable_hash(key) % spacing < (size as u64).min(spacing);
        starts_shard || bytes + size > self.target * 4
    }
}

/// Keys that belong together in one shard: from a key whose entry points
/// past itself (a term to its forms, a word to its terms; see
/// [`KeyEntry::reach`]) to the last key it points to, spans that overlap
/// joined. `from` is the shard's size after the first key, so that a term
/// with long postings still keeps its words.
struct Span<'k> {
    last: &'k str,
    from: usize,
}

impl<'k> Span<'k> {
    /// The span open after `entry` was added to a shard that now holds
    /// `bytes`, given the one open before it.
    fn after(open: Option<Span<'k>>, entry: &KeyEntry<'k>, bytes: usize) -> Option<Span<'k>> {
        let open = open.filter(|span| entry.key <= span.last);
        match (open, entry.reach.filter(|&reach| reach > entry.key)) {
            (Some(span), Some(reach)) => Some(Span {
                last: span.last.max(reach),
                from: span.from,
            }),
            (None, Some(reach)) => Some(Span {
                last: reach,
                from: bytes,
            }),
            (open, None) => open,
        }
    }
}

/// FNV-1a: a hash that never changes with the compiler or the platform, so
/// that the same corpus is cut into the same shards.
fn stable_hash(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Terms shards: every query loads some, and they deflate to a third.
const TERMS: ShardKind = ShardKind {
    name: "terms",
    parts: &["w", "p", "f", "n"],
    target: TERMS_SHARD_BYTES,
    packed: true,
};
/// Positions shards: loaded for phrases only, and about as dense as
/// deflate would make them.
const POSITIONS: ShardKind = ShardKind {
    name: "pos",
    parts: &["p"],
    target: POSITIONS_SHARD_BYTES,
    packed: false,
};

/// A shard as it was written, to keep it when its keys are unchanged.
#[derive(Clone)]
struct ShardMemo {
    first: String,
    last: String,
    count: usize,
    file: OutputFile,
}

/// The keyed entries of a kind from a key on, in order.
type EntriesFrom<'a, 'k> = &'a dyn Fn(&str) -> Box<dyn Iterator<Item = KeyEntry<'k>> + 'k>;

/// Writes shards `NAME-0.js`, `NAME-1.js`, … of keyed entries of a `kind`,
/// each an object of parts (`{"w": {…}, "p": {…}}`) mapping keys to JSON;
/// returns where each starts, front-coded (see [`front_coded`]), and what
/// it wrote (when `keep`).
///
/// A shard with the same number and keys as in `previous`, none of them in
/// `dirty`, is kept as it was; and where such a shard starts, its keys are
/// not even read: whether a shard is cut before a key depends only on the
/// keys since the shard's first (see [`ShardKind::cuts_before`]), so a
/// shard whose keys, and the first key of the next, are all unchanged ends
/// where it ended. After an edit, most of the hundreds of thousands of
/// keys are then skipped.
fn write_keyed_shards<'k, E>(
    kind: &ShardKind,
    entries_from: EntriesFrom<'_, 'k>,
    (previous, dirty): (&[ShardMemo], &BTreeSet<String>),
    out: &mut Batches<'_, E>,
    keep: bool,
) -> Result<(String, Vec<ShardMemo>), E> {
    let mut shard = ShardWriter {
        kind,
        previous,
        dirty,
        keep,
        number: 0,
        memos: Vec::new(),
        pending: Vec::new(),
    };
    let mut starts: Vec<String> = Vec::new();
    // The last key of the shard before the one being filled.
    let mut last_key: Option<String> = None;
    let mut entries: Vec<KeyEntry<'k>> = Vec::new();
    let mut bytes = 0;
    let mut span: Option<Span<'k>> = None;
    let mut keys = entries_from("");
    'walk: while let Some(entry) = keys.next() {
        let size =
            entry.key.len() * entry.parts().len() + entry.parts().iter().map(|(_, json)| json.len()).sum::<usize>();
        if entries.is_empty() || kind.cuts_before(entry.key, size, bytes, span.as_ref()) {
            if let Some(last) = entries.last() {
                last_key = Some(last.key.to_string());
                shard.write(&entries, out)?;
                entries.clear();
                bytes = 0;
                span = None;
            }
            starts.push(
                last_key
                    .as_deref()
                    .map_or_else(String::new, |last| separator(last, entry.key)),
            );
            if let Some(mut kept) = shard.unchanged_from(entry.key) {
                // A run of unchanged shards, kept without reading a key.
                loop {
                    last_key = Some(kept.last.clone());
                    shard.keep(kept, out)?;
                    let Some(next) = previous.get(shard.number) else {
                        break 'walk;
                    };
                    match shard.unchanged_from(&next.first) {
                        Some(again) => {
                            starts.push(separator(&kept.last, &next.first));
                            kept = again;
                        }
                        None => {
                            keys = entries_from(&next.first);
                            continue 'walk;
                        }
                    }
                }
            }
        }
        bytes += size;
        span = Span::after(span, &entry, bytes);
        entries.push(entry);
    }
    if !entries.is_empty() {
        shard.write(&entries, out)?;
    }
    shard.flush(out)?;
    Ok((front_coded(&starts), shard.memos))
}

/// Hands on the keyed shards one by one, each kept from the last export
/// when it holds the same keys and none of them changed.
struct ShardWriter<'a> {
    kind: &'a ShardKind,
    previous: &'a [ShardMemo],
    dirty: &'a BTreeSet<String>,
    keep: bool,
    /// The number of the next shard.
    number: usize,
    memos: Vec<ShardMemo>,
    /// Shards cut but not handed on yet, compressed together in parallel
    /// (the cuts themselves are made one after another, in key order).
    pending: Vec<PendingShard>,
}

/// A shard cut, with what its file is made from.
struct PendingShard {
    first: String,
    last: String,
    count: usize,
    name: String,
    made: Made,
}

/// A pending shard's file: kept from the last export, or to be made from
/// its JSON.
enum Made {
    Kept(OutputFile),
    Json(String),
}

impl<'a> ShardWriter<'a> {
    /// The last export's shard of the next number, if it started at
    /// `first` and none of its keys, nor the first key of the shard after
    /// it, changed since: then it is the next shard again, whole.
    fn unchanged_from(&self, first: &str) -> Option<&'a ShardMemo> {
        let memo = self.previous.get(self.number).filter(|memo| memo.first == first)?;
        let end = self
            .previous
            .get(self.number + 1)
            .map_or(Bound::Unbounded, |next| Bound::Included(next.first.as_str()));
        let changed = self.dirty.range::<str, _>((Bound::Included(first), end)).next();
        changed.is_none().then_some(memo)
    }

    fn keep<E>(&mut self, memo: &ShardMemo, out: &mut Batches<'_, E>) -> Result<(), E> {
        self.flush(out)?;
        if self.keep {
            self.memos.push(memo.clone());
        }
        self.number += 1;
        out.push(memo.file.clone())
    }

    fn write<E>(&mut self, entries: &[KeyEntry<'_>], out: &mut Batches<'_, E>) -> Result<(), E> {
        let (first, last) = (entries[0].key, entries[entries.len() - 1].key);
        let unchanged = self.previous.get(self.number).filter(|memo| {
            memo.first == first
                && memo.last == last
                && memo.count == entries.len()
                && self
                    .dirty
                    .range::<str, _>((Bound::Included(first), Bound::Included(last)))
                    .next()
                    .is_none()
        });
        self.pending.push(PendingShard {
            first: first.to_string(),
            last: last.to_string(),
            count: entries.len(),
            name: format!("{}-{}", self.kind.name, self.number),
            made: match unchanged {
                Some(memo) => Made::Kept(memo.file.clone()),
                None => Made::Json(shard_json(entries, self.kind.parts)),
            },
        });
        self.number += 1;
        if self.pending.len() >= Self::PENDING {
            self.flush(out)?;
        }
        Ok(())
    }

    /// Up to this many shards wait to be compressed together.
    const PENDING: usize = 64;

    /// Makes the files of the pending shards, in parallel, and hands them
    /// on in order.
    fn flush<E>(&mut self, out: &mut Batches<'_, E>) -> Result<(), E> {
        let kind = self.kind;
        let pending = std::mem::take(&mut self.pending);
        let files: Vec<OutputFile> = pending
            .par_iter()
            .map(|shard| match &shard.made {
                Made::Kept(file) => file.clone(),
                Made::Json(json) if kind.packed => packed_script_file(&shard.name, json),
                Made::Json(json) => raw_script_file(&shard.name, json),
            })
            .collect();
        for (shard, file) in pending.into_iter().zip(files) {
            if self.keep {
                self.memos.push(ShardMemo {
                    first: shard.first,
                    last: shard.last,
                    count: shard.count,
                    file: file.clone(),
                });
            }
            out.push(file)?;
        }
        Ok(())
    }
}

/// The shortest start of `first` that sorts after `last`: where a shard
/// begins, enough to tell it from the one before.
fn separator(last: &str, first: &str) -> String {
    for (at, c) in first.char_indices() {
        let prefix = &first[..at + c.len_utf8()];
        if prefix > last {
            return prefix.to_string();
        }
    }
    first.to_string()
}

/// Sorted keys as one string: each key as the number of characters it
/// shares with the key before (one digit, at most 63), then the rest, the
/// keys separated by newlines (names hold spaces; no key holds a newline).
fn front_coded(keys: &[String]) -> String {
    let mut out = String::new();
    let mut previous: Vec<char> = Vec::new();
    for key in keys {
        let chars: Vec<char> = key.chars().collect();
        let shared = previous
            .iter()
            .zip(&chars)
            .take_while(|(a, b)| a == b)
            .count()
            .min(DIGITS.len() - 1);
        if !out.is_empty() {
            out.push('\n');
        }
        out.push(DIGITS[shared] as char);
        out.extend(&chars[shared..]);
        previous = chars;
    }
    out
}

/// A shard's JSON: each part present in the shard, keys in code point
/// order.
fn shard_json(entries: &[KeyEntry<'_>], part_names: &[&str]) -> String {
    let bytes: usize = entries
        .iter()
        .map(|e| {
            e.parts()
                .iter()
                .map(|(_, value)| e.key.len() + value.len() + 4)
                .sum::<usize>()
        })
        .sum();
    let mut json = String::with_capacity(bytes + 16);
    json.push('{');
    for part in part_names {
        let mut members = entries
            .iter()
            .flat_map(|e| {
                e.parts()
                    .iter()
                    .filter(|(p, _)| p == part)
                    .map(|(_, value)| (e.key, *value))
            })
            .peekable();
        if members.peek().is_none() {
            continue;
        }
        if json.len() > 1 {
            json.push(',');
        }
        push_json_string(&mut json, part);
        json.push_str(":{");
        for (number, (key, value)) in members.enumerate() {
            if number > 0 {
                json.push(',');
            }
            push_json_string(&mut json, key);
            json.push(':');
            json.push_str(value);
        }
        json.push('}');
    }
    json.push('}');
    json
}

/// Writes `text` as a JSON string: as it is between quotes when nothing in
/// it needs escaping, as most keys do not.
fn push_json_string(json: &mut String, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        json.push('"');
        json.push_str(text);
        json.push('"');
    } else {
        json.push_str(&Value::from(text).to_string());
    }
}

/// What a result shows and its snippet is cut from: loaded only for the
/// results on screen. Blocks are `[paragraph or 0, text]`: all of them,
/// with where each segment after the first starts (`[block, word]`), or
/// those of one segment, with the position of its first word.
#[derive(Serialize)]
struct DocText<'a> {
    id: &'a str,
    url: &'a str,
    lang: &'a str,
    title: &'a str,
    /// The entry type's code (`case`) and the ISO date (`2024-06-26`,
    /// `2021-12` or `2021`): the page writes them in its own language.
    kind: &'a str,
    date: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    court: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issuer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    case_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    /// `[paragraph, text]`, or `[paragraph, text, anchor]` when the
    /// block's anchor is not its numbered paragraph's.
    blocks: Vec<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    segments: Vec<[u32; 2]>,
    #[serde(skip_serializing_if = "is_zero")]
    offset: u32,
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

impl<'a> DocText<'a> {
    fn of(doc: &'a IndexDoc) -> Self {
        DocText {
            id: &doc.id,
            url: &doc.url,
            lang: &doc.lang,
            title: &doc.title,
            kind: &doc.kind,
            date: &doc.date,
            court: doc.court.as_deref(),
            issuer: doc.issuer.as_deref(),
            case_number: doc.case_number.as_deref(),
            summary: doc.summary.as_deref(),
            blocks: doc
                .blocks
                .iter()
                .map(|b| {
                    let number = b.paragraph.unwrap_or(0);
                    match &b.anchor {
                        Some(anchor) if b.paragraph.is_none() => json!([number, b.text, anchor]),
                        _ => json!([number, b.text]),
                    }
                })
                .collect(),
            segments: doc.segments.iter().map(|s| [s.block, s.word]).collect(),
            offset: 0,
        }
    }

    /// The text of segment `s` alone.
    fn segment(doc: &'a IndexDoc, s: u32) -> Self {
        let (blocks, words) = doc.segment(s);
        let whole = DocText::of(doc);
        DocText {
            blocks: whole.blocks[blocks].to_vec(),
            segments: Vec::new(),
            offset: words.start,
            ..whole
        }
    }
}

/// Splits consecutive documents' texts (JSON already) into shards of about
/// `target` bytes, each with the number of its first document.
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

fn manifest(snapshot: &Snapshot, shards: Value) -> Value {
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
            "typeWeights": engine::TYPE_WEIGHTS.iter().copied().collect::<BTreeMap<_, _>>(),
            "citedWeight": engine::CITED_WEIGHT,
            "proximityWeight": engine::PROXIMITY_WEIGHT,
            "proximityWindow": engine::PROXIMITY_WINDOW,
            "rerankDepth": engine::RERANK_DEPTH,
            "prefixLimit": engine::PREFIX_LIMIT,
            "autoPrefixMinChars": engine::AUTO_PREFIX_MIN_CHARS,
            "leadWords": snippet::LEAD_WORDS,
            "snippetWords": snippet::SNIPPET_WORDS,
            "suggestions": suggest::SUGGESTIONS,
            "facets": facets::FACETS.map(|f| f.name()),
        },
        "norms": norms,
        "fold": folding_table(),
        "shards": shards,
    })
}

/// `search/NAME.js`: one call registering the data under its name.
fn script_file(name: &str, data: &impl Serialize) -> OutputFile {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".into());
    raw_script_file(name, &json)
}

/// A file whose JSON is deflated and written in base64: the manifest, the
/// terms shards and the texts, which is most of what a query loads, and
/// which deflate to a third of their size (positions and the document
/// table, already dense, are left as they are).
fn packed_script_file(name: &str, json: &str) -> OutputFile {
    raw_script_file(name, &json!(deflated_base64(json.as_bytes())).to_string())
}

/// A shard whose JSON text is already made.
fn raw_script_file(name: &str, json: &str) -> OutputFile {
    let mut script = String::with_capacity(json.len() + name.len() + 24);
    script.push_str("amicusSearch.add(");
    push_json_string(&mut script, name);
    script.push_str(", ");
    script.push_str(json);
    script.push_str(");\n");
    OutputFile {
        path: format!("{FOLDER}/{name}.js"),
        bytes: script.into_bytes().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys with their values and reach.
    type Map = BTreeMap<String, (String, Option<String>)>;

    /// The shards of a `kind` of `map`, written after `previous` with
    /// `dirty` changed since: where they start, what was kept, the files.
    fn write_shards(
        kind: &ShardKind,
        map: &Map,
        (previous, dirty): (&[ShardMemo], &BTreeSet<String>),
    ) -> (String, Vec<ShardMemo>, Vec<OutputFile>) {
        let entries_from = |from: &str| -> Box<dyn Iterator<Item = KeyEntry<'_>> + '_> {
            Box::new(
                map.range::<str, _>((Bound::Included(from), Bound::Unbounded))
                    .map(|(key, (json, reach))| {
                        let mut entry = KeyEntry::new(key);
                        entry.push("p", json);
                        entry.reach = reach.as_deref();
                        entry
                    }),
            )
        };
        let mut files = Vec::new();
        let mut emit = |made: Vec<OutputFile>| {
            files.extend(made);
            Ok::<(), SearchError>(())
        };
        let mut out = Batches::new(&mut emit);
        let (starts, memos) = write_keyed_shards(kind, &entries_from, (previous, dirty), &mut out, true).unwrap();
        out.flush().unwrap();
        (starts, memos, files)
    }

    /// Edits that change a value, grow one past a shard's size, add a
    /// key, and take out the first key of a shard and the last key: each
    /// time the shards kept from the last write and those made anew are
    /// exactly what writing every shard gives, and a small change rewrites
    /// few shards.
    #[test]
    fn shards_kept_after_an_edit_are_those_a_whole_write_gives() {
        let mut map: Map = (0..20_000)
            .map(|n| {
                (
                    format!("k{n:05}"),
                    (format!("\"{}\"", "A".repeat(10 + n * 37 % 300)), None),
                )
            })
            .collect();
        let mut last = write_shards(&POSITIONS, &map, (&[], &BTreeSet::new()));
        assert!(last.1.len() > 50, "{} shards", last.1.len());
        let first_of_a_shard = last.1[20].first.clone();
        let last_key = map.keys().next_back().unwrap().clone();
        let edits: Vec<(String, Option<String>, usize)> = vec![
            ("k10000".into(), Some("\"changed\"".into()), 1),
            (
                "k10001".into(),
                Some(format!("\"{}\"", "B".repeat(200_000))),
                usize::MAX,
            ),
            ("k12345x".into(), Some("\"new\"".into()), usize::MAX),
            (first_of_a_shard, None, usize::MAX),
            (last_key, None, 1),
        ];
        for (key, value, most_rewritten) in edits {
            match &value {
                Some(value) => map.insert(key.clone(), (value.clone(), None)),
                None => map.remove(&key),
            };
            let dirty = BTreeSet::from([key.clone()]);
            let kept = write_shards(&POSITIONS, &map, (&last.1, &dirty));
            let whole = write_shards(&POSITIONS, &map, (&[], &BTreeSet::new()));
            assert_eq!(kept.0, whole.0, "starts after {key}");
            let bytes = |files: &[OutputFile]| -> Vec<(String, Vec<u8>)> {
                files.iter().map(|f| (f.path.clone(), f.bytes.to_vec())).collect()
            };
            assert_eq!(bytes(&kept.2), bytes(&whole.2), "files after {key}");
            let rewritten = kept
                .2
                .iter()
                .filter(|f| !last.2.iter().any(|l| l.bytes == f.bytes))
                .count();
            assert!(rewritten <= most_rewritten, "{rewritten} shards rewritten after {key}");
            last = kept;
        }
    }

    /// Every term (`tNNNN`, its postings as long as four shards in one
    /// case) reaches to the words whose term it is (`tNNNN-a` …
    /// `tNNNN-e`): each stays in one shard with them, and after an edit
    /// that moves a reach, the shards are still those a whole write gives.
    #[test]
    fn a_term_and_its_words_share_a_shard() {
        let mut map = Map::new();
        for n in 0..3_000 {
            let term = format!("t{n:04}");
            let long = if n == 1_500 {
                4 * TERMS_SHARD_BYTES
            } else {
                20 + n * 37 % 400
            };
            map.insert(
                term.clone(),
                (format!("\"{}\"", "A".repeat(long)), Some(format!("{term}-e"))),
            );
            for form in ["a", "b", "c", "d", "e"] {
                map.insert(format!("{term}-{form}"), ("\"B\"".into(), None));
            }
        }
        let together = |map: &Map, memos: &[ShardMemo]| {
            for (key, (_, reach)) in map {
                let Some(reach) = reach else { continue };
                let shard = memos.iter().rposition(|m| m.first.as_str() <= key.as_str()).unwrap();
                assert!(
                    memos[shard].last.as_str() >= reach.as_str(),
                    "{key} and {reach} are apart"
                );
            }
        };
        let whole = write_shards(&TERMS, &map, (&[], &BTreeSet::new()));
        assert!(whole.1.len() > 20, "{} shards", whole.1.len());
        together(&map, &whole.1);
        // t2000 now reaches past the words of t2001 and t2002.
        map.insert("t2000".into(), ("\"C\"".into(), Some("t2002-e".into())));
        let dirty = BTreeSet::from(["t2000".to_string()]);
        let kept = write_shards(&TERMS, &map, (&whole.1, &dirty));
        let again = write_shards(&TERMS, &map, (&[], &BTreeSet::new()));
        assert_eq!(kept.0, again.0, "starts");
        let bytes = |files: &[OutputFile]| -> Vec<Vec<u8>> { files.iter().map(|f| f.bytes.to_vec()).collect() };
        assert_eq!(bytes(&kept.2), bytes(&again.2), "files");
        together(&map, &again.1);
    }

    #[test]
    fn a_shard_starts_with_the_shortest_key_after_the_last_one() {
        assert_eq!(separator("gender", "genex"), "gene");
        assert_eq!(separator("persecut", "persecution"), "persecuti");
        assert_eq!(separator("ab", "b"), "b");
        assert_eq!(separator("жен", "жены"), "жены");
    }

    #[test]
    fn texts_are_deflated_in_base64() {
        use std::io::Read;
        let text = "persecution on grounds of gender, ".repeat(40);
        let packed = deflated_base64(text.as_bytes());
        assert!(packed.len() < text.len() / 4, "{} bytes", packed.len());
        let digits: Vec<u32> = packed
            .bytes()
            .map(|c| DIGITS.iter().position(|&d| d == c).unwrap() as u32)
            .collect();
        let mut bytes = Vec::new();
        for group in digits.chunks(4) {
            let value = group.iter().enumerate().fold(0, |v, (i, &d)| v | (d << (18 - 6 * i)));
            for i in 0..group.len() - 1 {
                bytes.push((value >> (16 - 8 * i)) as u8);
            }
        }
        let mut inflated = String::new();
        flate2::read::DeflateDecoder::new(&bytes[..])
            .read_to_string(&mut inflated)
            .unwrap();
        assert_eq!(inflated, text);
    }

    #[test]
    fn starts_are_front_coded() {
        let keys = ["", "gene", "genex", "persecuti", "persecution e", "жен"].map(String::from);
        assert_eq!(front_coded(&keys), "A\nAgene\nEx\nApersecuti\nJon e\nAжен");
    }
}
