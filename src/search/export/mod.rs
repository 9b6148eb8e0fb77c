//! The browser's index: the index exported into small JavaScript
//! files under `search/`, each calling `amicusSearch.add(name, data)`, so
//! that plain `<script>` tags can load them (from `file://` too, where
//! `fetch` is blocked). The format is documented in
//! `docs/search-format.md`.
//!
//! - `manifest.TAG.js`: statistics, ranking parameters, the folding table and
//!   where every shard starts;
//! - terms shard N: a range of keys in code point order, holding the
//!   vocabulary (normalised word → its stem per language), the postings
//!   (documents, lengths, frequencies) of the terms in that range and the
//!   words each term stands for, so that a word and its stem usually sit
//!   in one file; consecutive shards form groups, and a shard's file is
//!   `terms-J.TAG.js`, J its place in its group and TAG the group's (see
//!   [`shards`]);
//! - positions shard N (`pos-J.TAG.js`): the positions of the terms in a range of keys, loaded
//!   only to match phrases;
//! - `docs-N.js`, `attrs-N.js`: what facets and filters test, per
//!   document (see [`super::table`]);
//! - `text-N.js` (a few documents each, on a small corpus) or
//!   `text-N-S.js` (segment S of document N): what a result shows: title,
//!   summary and body blocks, from which the browser cuts snippets and
//!   finds where the words stand close together.
//!
//! All but the positions are deflated and written in printable ASCII (see
//! [`packed_script_file`]). Every file's name carries a tag
//! of its content (`terms-3.8f2c1a9b.js`): the search page names the
//! manifest, and the manifest the tag of every other file (`tags`), so
//! that a page never mixes files of two builds, and hosts may let
//! browsers keep them for good.
//!
//! The same index gives byte-identical files: everything is sorted and
//! nothing depends on how the index was made.

mod files;
mod shards;
mod table_files;
mod texts;

pub(crate) use self::files::FOLDER;

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::Arc;

use serde_json::{json, Value};

use self::files::{name_of, packed_script_file, Batches};
use self::shards::{write_keyed_shards, ShardMemo, Written, POSITIONS, TERMS};
use self::table_files::{ParagraphFiles, TableFiles};
use self::texts::{write_texts, SegmentTexts, TextStream, TextsWritten};
use super::analyzer::{folding_table, Lang};
use super::document::IndexDoc;
use super::engine;
use super::field::{FieldKey, Part};
use super::inverted::Inverted;
use super::keys::{langs_of, KeyStream, Keys};
use super::table::{self, Table};
use super::{facets, snippet, suggest};
use crate::keep::Keep;
use crate::output::OutputFile;

/// The export's format version, in the manifest.
pub(crate) const FORMAT: u32 = 11;

/// Makes the export, and again after an edit, remembering what it made
/// last: when only some entries changed (none came or went), only the keys
/// and texts they touch are made again, and the shards are cut anew from
/// them. The files are the same as a fresh export's.
#[derive(Default)]
pub(crate) struct Exporter {
    last: Option<Last>,
    /// With [`Keep::Nothing`] (a single build), nothing for a next export.
    keep: Keep,
    /// The texts, when written before the index was made
    /// ([`write_texts_first`](Self::write_texts_first)).
    texts_first: Option<TextStream>,
}

/// What the last export was made of.
struct Last {
    docs: Vec<Arc<IndexDoc>>,
    /// Their content hashes.
    hashes: Vec<u64>,
    keys: Keys,
    /// Each document's text files (one per segment), when each has its own.
    texts: Option<SegmentTexts>,
    /// The terms and positions shards written.
    terms: Vec<ShardMemo>,
    positions: Vec<ShardMemo>,
    /// The document table and its files, remade only when a row of it
    /// changed.
    table: Option<TableFiles>,
    /// The `paras` files, remade only where a document changed.
    paragraphs: Option<ParagraphFiles>,
}

impl Exporter {
    /// An exporter keeping what `keep` says between exports.
    pub(crate) fn new(keep: Keep) -> Self {
        Exporter {
            last: None,
            keep,
            texts_first: None,
        }
    }

    /// Writes the texts of `docs`, the next of `total` documents, handing
    /// them to `emit`, before their index is made: an exporter keeping
    /// nothing (a single build), whose documents' body text can then go as
    /// it is inverted ([`Inversion`](super::inverted::Inversion)). Every call but the
    /// last gives whole groups of texts (as [`documents_at_a_time`] counts
    /// them). The next export of the same documents writes the rest.
    pub(crate) fn write_texts_first<E>(
        &mut self,
        docs: &[Arc<IndexDoc>],
        total: usize,
        emit: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), E>,
    ) -> Result<(), E> {
        debug_assert!(
            !self.keep.anything(),
            "texts kept for a next export are written with it"
        );
        let mut out = Batches::new(emit);
        let stream = self.texts_first.get_or_insert_with(|| TextStream::new(total, false));
        stream.add(docs, &mut out)?;
        out.flush()
    }

    /// The files of the export of `index`, whose documents have the
    /// content hashes `hashes`, and the manifest's name (see
    /// [`export_into`](Self::export_into)).
    pub(crate) fn export(&mut self, index: &mut Inverted, hashes: &[u64]) -> (Vec<OutputFile>, String) {
        let mut files = Vec::new();
        let Ok(manifest) = self.export_into(index, hashes, &mut |made| {
            files.extend(made);
            Ok::<(), Infallible>(())
        });
        files.sort_by(|a, b| a.path.cmp(&b.path));
        (files, manifest)
    }

    /// Exports `index`, handing the files to `emit` as they are made:
    /// the texts, the terms shards, the positions shards, then the document
    /// table and the manifest. An exporter keeping nothing drops the documents'
    /// body text once the texts are made, and whatever it made once it is
    /// handed on, so that a single build never holds the whole export.
    ///
    /// Returns the manifest's name (`manifest.8f2c1a9b`), which the search
    /// page names: every other file is named by the manifest.
    pub(crate) fn export_into<E>(
        &mut self,
        index: &mut Inverted,
        hashes: &[u64],
        emit: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), E>,
    ) -> Result<String, E> {
        let docs = index.docs();
        let mut previous = self
            .last
            .take()
            .filter(|last| same_entries(&last.docs, docs) && last.keys.langs == langs_of(docs));
        let changed: Vec<usize> = previous.as_ref().map_or_else(Vec::new, |last| {
            (0..docs.len()).filter(|&n| last.hashes[n] != hashes[n]).collect()
        });
        let mut out = Batches::new(emit);
        let kept = previous.as_mut().and_then(|last| last.texts.take());
        let kept = kept.and_then(|mut kept| kept.still_apart(docs, &changed).then_some(kept));
        let (texts, kept_texts) = match (self.texts_first.take(), kept) {
            (Some(stream), _) => stream.finish(&mut out)?,
            (None, Some(mut kept)) => (kept.update(docs, &changed, &mut out)?, Some(kept)),
            (None, None) => write_texts(docs, &mut out, self.keep.anything())?,
        };
        out.flush()?;
        if !self.keep.anything() {
            index.drop_body_texts();
        }
        let docs = index.docs();
        let mut last = match previous {
            Some(mut last) => {
                let pairs: Vec<(&IndexDoc, &IndexDoc)> = changed.iter().map(|&n| (&*last.docs[n], &*docs[n])).collect();
                last.keys.update(index, &pairs);
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
                // An exporter keeping nothing never compares them.
                docs: if self.keep.anything() {
                    docs.to_vec()
                } else {
                    Vec::new()
                },
                hashes: hashes.to_vec(),
                keys: Keys::of(index, self.keep.anything()),
                texts: None,
                terms: Vec::new(),
                positions: Vec::new(),
                table: None,
                paragraphs: None,
            },
        };
        last.texts = kept_texts;
        let keyed = keyed_shards(&mut last, index, &mut out, self.keep.anything())?;
        let table = last
            .table
            .take()
            .filter(|kept| kept.table.body_codes == index.body_codes());
        let table = table.unwrap_or_else(|| TableFiles::of(Table::of(index.docs(), index.body_codes())));
        let per_shard = table.table.per_shard;
        let paragraphs = match last.paragraphs.take() {
            Some(kept) => kept.updated(index.docs(), per_shard, &changed),
            None => ParagraphFiles::of(index.docs(), per_shard),
        };
        let manifest = manifest_file(index, &table, &paragraphs, keyed, texts);
        let name = name_of(&manifest).to_string();
        for file in table.files.iter().chain(&paragraphs.files) {
            out.push(file.clone())?;
        }
        out.push(manifest)?;
        last.table = Some(table);
        last.paragraphs = Some(paragraphs);
        out.flush()?;
        if self.keep.anything() {
            self.last = Some(last);
        }
        Ok(name)
    }
}

/// How many documents a single build makes, writes the texts of and
/// inverts at a time, of `total`: about 2,000, a whole number of the
/// texts' groups and of the inversion's batches, so that the files are
/// those of the documents written all at once.
pub(crate) fn documents_at_a_time(total: usize) -> usize {
    let unit = TextStream::unit(total);
    debug_assert!(unit.is_power_of_two() && unit.is_multiple_of(super::inverted::BATCH));
    unit.max(2048)
}

/// Whether two document lists hold the same entries in the same order.
fn same_entries(a: &[Arc<IndexDoc>], b: &[Arc<IndexDoc>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.id == y.id)
}

/// Hands on the terms and positions shards, cut from the keys (their
/// postings and positions encoded from `index` as they are cut, when the
/// keys do not hold them); returns where they start, front-coded, and
/// their tags. What was written is remembered when `keep`, for the next
/// export.
fn keyed_shards<E>(last: &mut Last, index: &Inverted, out: &mut Batches<'_, E>, keep: bool) -> Result<[Written; 2], E> {
    let keys = &mut last.keys;
    let stream = keys.streamed().then(|| KeyStream::new(index));
    let mut terms = write_keyed_shards(
        &TERMS,
        &|from| Box::new(keys.term_entries(from, stream.as_ref())),
        (&last.terms, &keys.dirty_terms),
        out,
        keep,
    )?;
    let streamed = stream.map(KeyStream::positions);
    let mut positions = write_keyed_shards(
        &POSITIONS,
        &|from| match &streamed {
            Some(streamed) => Box::new(streamed.entries(from)),
            None => Box::new(keys.position_entries(from)),
        },
        (&last.positions, &keys.dirty_positions),
        out,
        keep,
    )?;
    last.terms = std::mem::take(&mut terms.memos);
    last.positions = std::mem::take(&mut positions.memos);
    keys.dirty_terms.clear();
    keys.dirty_positions.clear();
    Ok([terms, positions])
}

/// The manifest: where every shard starts, the tag of every file, the
/// document table when it travels inline.
fn manifest_file(
    index: &Inverted,
    table: &TableFiles,
    paragraphs: &ParagraphFiles,
    [terms, positions]: [Written; 2],
    texts: TextsWritten,
) -> OutputFile {
    let mut shards = json!({
        "terms": terms.starts,
        "pos": positions.starts,
        "docs": table.table.per_shard,
        "text": texts.starts,
    });
    // Consecutive files sharing a tag (see `shards::GROUP`, `texts`): the
    // sizes of the groups of keyed shards, or the documents per group of
    // texts.
    shards["groups"] = json!({ "terms": terms.groups, "pos": positions.groups });
    if let Some(group) = texts.group {
        shards["groups"]["text"] = json!(group);
    }
    let mut manifest = manifest(index, shards);
    manifest["labels"] = json!(table.table.labels);
    if let Some(inline) = &table.inline {
        manifest["inline"] = inline.clone();
    }
    manifest["tags"] = json!({
        "terms": terms.tags,
        "pos": positions.tags,
        "docs": table.docs_tags,
        "attrs": table.attrs_tags,
        "paras": paragraphs.tags(),
        "text": texts.tags,
    });
    packed_script_file("manifest", &manifest.to_string())
}

fn manifest(index: &Inverted, shards: Value) -> Value {
    let fields: BTreeMap<String, (u32, f64)> = index
        .all_stats()
        .iter()
        .map(|(key, stats)| (key.name(), (stats.docs, stats.average_norm)))
        .collect();
    let norms: Vec<u32> = (0..=255u8).map(engine::norm_of).collect();
    json!({
        "format": FORMAT,
        "docs": index.docs().len(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::document::TextBlock;
    use crate::search::inverted::Inversion;

    /// A document whose body has words of its own, so that a few hundred
    /// documents hold more terms than a stream encodes at once.
    fn doc(number: usize) -> Arc<IndexDoc> {
        let mut doc: IndexDoc = serde_json::from_value(json!({
            "id": format!("d{number:04}"), "kind": "case", "kind_label": "Case", "url": "a.html",
            "title": format!("Title {number}"), "short_title": null, "summary": null,
            "court": "ICC Trial Chamber", "issuer": null, "case_number": null, "citation": null,
            "countries": [], "country_names": [], "grounds": [], "crimes": [], "date": "2020",
            "date_label": "2020", "year": 2020, "lang": if number.is_multiple_of(4) { "fr" } else { "en" }, "blocks": []
        }))
        .unwrap();
        let own: Vec<String> = (0..12).map(|n| format!("w{number}x{n}")).collect();
        doc.blocks = vec![TextBlock {
            paragraph: None,
            text: format!("Persecution of women, {} and persecuted women.", own.join(" ")),
            anchor: None,
        }];
        Arc::new(doc)
    }

    /// The export of `docs` by an exporter keeping what `keep` says; one
    /// keeping nothing writes the texts first, as a single build does.
    fn exported(docs: &[Arc<IndexDoc>], keep: Keep) -> (Vec<(String, Vec<u8>)>, String) {
        let hashes: Vec<u64> = docs.iter().map(|doc| doc.content_hash()).collect();
        let mut exporter = Exporter::new(keep);
        let mut files = Vec::new();
        let mut index = if keep.anything() {
            Inverted::of(docs.to_vec())
        } else {
            // Copies, whose body text can go, a chunk at a time as a
            // single build makes them (chunks of the smallest size allowed,
            // the last one shorter).
            let mut inversion = Inversion::default();
            let chunk = TextStream::unit(docs.len());
            assert!(docs.len() > 2 * chunk && !docs.len().is_multiple_of(chunk));
            for chunk in docs.chunks(chunk) {
                let chunk: Vec<Arc<IndexDoc>> = chunk.iter().map(|doc| Arc::new((**doc).clone())).collect();
                let Ok(()) = exporter.write_texts_first(&chunk, docs.len(), &mut |made| {
                    files.extend(made);
                    Ok::<(), Infallible>(())
                });
                inversion.add_dropping_bodies(chunk);
            }
            let index = inversion.finish();
            assert!(
                index.docs().iter().all(|doc| doc.blocks.is_empty()),
                "body text dropped"
            );
            index
        };
        let (rest, manifest) = exporter.export(&mut index, &hashes);
        files.extend(rest);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let files = files.into_iter().map(|f| (f.path.clone(), f.bytes.to_vec())).collect();
        (files, manifest)
    }

    #[test]
    fn a_single_builds_export_is_what_an_export_kept_for_the_next_gives() {
        // Chunks of documents, each of batches inverted on both cores,
        // their body text dropped, and more terms than a stream encodes at
        // once.
        let docs: Vec<Arc<IndexDoc>> = (0..2500).map(doc).collect();
        let index = Inverted::of(docs.clone());
        assert!(index.postings_table().len() > 4096, "more terms than one stream chunk");
        let (streamed, manifest) = exported(&docs, Keep::Nothing);
        let (held, held_manifest) = exported(&docs, Keep::ForNextBuild);
        assert_eq!(manifest, held_manifest);
        assert_eq!(streamed.len(), held.len());
        for ((path, bytes), (held_path, held_bytes)) in streamed.iter().zip(&held) {
            assert_eq!(path, held_path);
            assert!(bytes == held_bytes, "{path} differs");
        }
        assert!(streamed.iter().filter(|(path, _)| path.contains("/pos-")).count() > 1);
    }
}
