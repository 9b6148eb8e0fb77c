//! What a result shows: each document's title, summary and body blocks,
//! grouped into `text-K.js` shards on a small corpus, or one file per
//! segment of a body (`text-N-S.js`) on a larger one.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use super::files::packed_script_file;
use super::{Batches, GROUPED_TEXT_SHARDS, TEXT_SHARD_BYTES};
use crate::output::OutputFile;
use crate::search::document::IndexDoc;

/// Writes the text shards; returns where each starts: the first document
/// of each when texts are grouped, `"each"` when every document has its
/// own files, one per segment of its body (then they are also added to
/// `kept`, when given). Texts are most of the export: they are made and
/// compressed a batch of documents at a time, in parallel, and handed on
/// at once.
pub(super) fn write_texts<E>(
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
pub(super) fn segment_files(number: usize, doc: &IndexDoc) -> Vec<OutputFile> {
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
