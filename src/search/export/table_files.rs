//! The files of the document table (`docs-K.TAG.js`, `attrs-K.TAG.js`, or
//! the table inline in the manifest) and of where paragraphs end
//! (`paras-K.TAG.js`), kept between exports: after an edit, the table's
//! files are made again only when the table is, and a `paras` file only
//! when one of its documents changed. Deflating them all again took 5–10
//! ms of a typical edit's 45–53 ms export at 10,000 entries.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::{json, Value};

use super::files::{deflated_piece, packed_pieces, packed_script_file, raw_script_file, tag_of};
use crate::output::OutputFile;
use crate::search::digits;
use crate::search::document::IndexDoc;
use crate::search::table::Table;

/// Documents of a corpus whose metadata fits in this many bytes are put
/// in the manifest itself.
const INLINE_DOCS_BYTES: usize = 24 * 1024;

/// A document table with its files.
pub(super) struct TableFiles {
    pub(super) table: Table,
    /// The table, for the manifest, when it is small enough to travel in it.
    pub(super) inline: Option<Value>,
    /// The `docs` and `attrs` files, one after the other for each shard
    /// (none when inline).
    pub(super) files: Vec<OutputFile>,
    pub(super) docs_tags: String,
    pub(super) attrs_tags: String,
}

impl TableFiles {
    pub(super) fn of(table: Table) -> TableFiles {
        // A small corpus's document table travels in the manifest: one
        // request less for every query.
        let inline = match (table.facets.as_slice(), table.attrs.as_slice()) {
            ([facets], [attrs]) => (facets.to_string().len() + attrs.to_string().len() <= INLINE_DOCS_BYTES)
                .then(|| json!({ "docs-0": facets, "attrs-0": attrs })),
            _ => None,
        };
        let (mut files, mut docs_tags, mut attrs_tags) = (Vec::new(), String::new(), String::new());
        if inline.is_none() {
            for (number, (facets, attrs)) in table.facets.iter().zip(&table.attrs).enumerate() {
                let docs = packed_script_file(&format!("docs-{number}"), &facets.to_string());
                docs_tags.push_str(tag_of(&docs));
                let attrs = packed_script_file(&format!("attrs-{number}"), &attrs.to_string());
                attrs_tags.push_str(tag_of(&attrs));
                files.extend([docs, attrs]);
            }
        }
        TableFiles {
            table,
            inline,
            files,
            docs_tags,
            attrs_tags,
        }
    }
}

/// The `paras` files, a shard of documents each, and what they are made
/// of, kept so that an edit makes again only its documents' part: each
/// document's digits (writing the numbers of 10,000 documents took 5 ms)
/// and each piece of a file's deflated data (deflating the one file of
/// 10,000 documents took 6–7 ms; see [`deflated_piece`]).
pub(super) struct ParagraphFiles {
    per_shard: usize,
    /// Per document, its number of blocks and each block's word count, as
    /// digits.
    parts: Vec<String>,
    /// Per file, its data deflated in pieces of [`PIECE`] documents.
    pieces: Vec<Vec<Vec<u8>>>,
    pub(super) files: Vec<OutputFile>,
}

/// Documents per deflated piece of a `paras` file. At 10,000 generated
/// documents, pieces of 2,048 make the file 2.4 % larger than one stream
/// (1,024: 4.6 %; 4,096: 1.2 %), and an edit deflates 1–2 ms of it again.
const PIECE: usize = 2048;

impl ParagraphFiles {
    /// The files of `docs`, `per_shard` documents each.
    pub(super) fn of(docs: &[Arc<IndexDoc>], per_shard: usize) -> ParagraphFiles {
        let per_shard = per_shard.max(1);
        let parts: Vec<String> = docs.iter().map(|doc| paragraph_part(doc)).collect();
        let pieces: Vec<Vec<Vec<u8>>> = parts
            .chunks(per_shard)
            .map(|shard| {
                let count = shard.len().div_ceil(PIECE);
                (0..count).map(|piece| deflated_paragraphs(shard, piece)).collect()
            })
            .collect();
        let files = pieces
            .iter()
            .enumerate()
            .map(|(number, pieces)| paragraph_file(number, pieces))
            .collect();
        ParagraphFiles {
            per_shard,
            parts,
            pieces,
            files,
        }
    }

    /// The files of `docs`, `per_shard` documents each, made from these of
    /// the same documents but those numbered `changed`.
    pub(super) fn updated(self, docs: &[Arc<IndexDoc>], per_shard: usize, changed: &[usize]) -> ParagraphFiles {
        if self.per_shard != per_shard.max(1) || self.parts.len() != docs.len() {
            return ParagraphFiles::of(docs, per_shard);
        }
        let ParagraphFiles {
            per_shard,
            mut parts,
            mut pieces,
            mut files,
        } = self;
        for &number in changed {
            parts[number] = paragraph_part(&docs[number]);
        }
        let changed_pieces: BTreeSet<(usize, usize)> =
            changed.iter().map(|n| (n / per_shard, n % per_shard / PIECE)).collect();
        for &(shard, piece) in &changed_pieces {
            let docs = parts.chunks(per_shard).nth(shard).unwrap_or_default();
            pieces[shard][piece] = deflated_paragraphs(docs, piece);
        }
        let shards: BTreeSet<usize> = changed_pieces.iter().map(|&(shard, _)| shard).collect();
        for shard in shards {
            files[shard] = paragraph_file(shard, &pieces[shard]);
        }
        ParagraphFiles {
            per_shard,
            parts,
            pieces,
            files,
        }
    }

    pub(super) fn tags(&self) -> String {
        self.files.iter().map(tag_of).collect()
    }
}

/// `paras-K.js`: for `/p`, where each document's body blocks end, for the
/// documents of document table shard K: per document, its number of
/// blocks, then each block's word count (see *Numbers*). Only a `/p` query
/// loads them, for its candidates' shards. Its data is `{"b": "…"}`, packed
/// from `pieces`.
fn paragraph_file(number: usize, pieces: &[Vec<u8>]) -> OutputFile {
    raw_script_file(&format!("paras-{number}"), &packed_pieces(pieces))
}

/// Piece `piece` of the data of a `paras` file whose documents' parts are
/// `parts`: `{"b": "`, the parts of its documents, and `"}`, the first
/// and last pieces holding what the data starts and ends with.
fn deflated_paragraphs(parts: &[String], piece: usize) -> Vec<u8> {
    let pieces = parts.len().div_ceil(PIECE).max(1);
    let mut json = String::new();
    if piece == 0 {
        json.push_str("{\"b\":\"");
    }
    for part in parts.chunks(PIECE).nth(piece).unwrap_or_default() {
        json.push_str(part);
    }
    let last = piece + 1 == pieces;
    if last {
        json.push_str("\"}");
    }
    deflated_piece(json.as_bytes(), last)
}

/// A document's part of its `paras` file.
fn paragraph_part(doc: &IndexDoc) -> String {
    let mut numbers = String::new();
    digits::push_number(&mut numbers, doc.block_words.len() as u32);
    for &count in &doc.block_words {
        digits::push_number(&mut numbers, count);
    }
    numbers
}
