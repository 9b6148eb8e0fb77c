//! What a result shows: each document's title, summary and body blocks,
//! grouped into `text-K.TAG.js` shards on a small corpus, or one file per
//! segment of a body (`text-N-S.TAG.js`) on a larger one.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use super::files::{packed, packed_script_file, retagged, tag_of, tagged_script_file, Batches};
use crate::hash::{content_tag, fnv1a};
use crate::output::OutputFile;
use crate::search::document::{IndexDoc, TextBlock};

pub(crate) const TEXT_SHARD_BYTES: usize = 48 * 1024;
/// Texts are grouped into shards only while they make this many shards at
/// most: then a page of results needs few requests. A larger corpus has a
/// file per document, since ten results would touch ten shards anyway and
/// each would carry its neighbours' texts for nothing.
pub(crate) const GROUPED_TEXT_SHARDS: usize = 4;

/// How the texts were written, for the manifest.
pub(super) struct TextsWritten {
    /// The first document of each text shard, or `"each"`.
    pub(super) starts: Value,
    /// With `"each"`: how many documents' files share a tag.
    pub(super) group: Option<usize>,
    /// The tags of the text shards, or of the groups, one after another.
    pub(super) tags: String,
}

/// Writes the text shards; returns where each starts: the first document
/// of each when texts are grouped, `"each"` when every document has its
/// own files, one per segment of its body (then, when `keep`, also what
/// they were made of, for the next export). Texts are most of the
/// export: they are made and compressed a batch of documents at a time,
/// in parallel, and handed on at once.
pub(super) fn write_texts<E>(
    docs: &[Arc<IndexDoc>],
    out: &mut Batches<'_, E>,
    keep: bool,
) -> Result<(TextsWritten, Option<SegmentTexts>), E> {
    let mut stream = TextStream::new(docs.len(), keep);
    stream.add(docs, out)?;
    stream.finish(out)
}

/// The texts written a chunk of documents at a time, as [`write_texts`]
/// writes them all at once: a single build makes its documents, writes
/// their texts and inverts them a chunk at a time, so that it never holds
/// every body's text.
pub(super) struct TextStream {
    total: usize,
    keep: bool,
    /// Documents added so far.
    added: usize,
    state: Streamed,
}

enum Streamed {
    /// Texts are grouped only while they are few: the whole texts of the
    /// documents seen so far, and their segments' data, made already since
    /// their body text goes once they are inverted (a few hundred
    /// kilobytes at most: once there are more, the texts are apart).
    Undecided {
        texts: Vec<String>,
        bytes: usize,
        segments: Vec<Vec<String>>,
        hashes: Vec<u64>,
    },
    Apart(SegmentTexts),
}

impl TextStream {
    /// No texts yet, of `total` documents; kept for the next export when
    /// `keep`.
    pub(super) fn new(total: usize, keep: bool) -> Self {
        TextStream {
            total,
            keep,
            added: 0,
            state: Streamed::Undecided {
                texts: Vec::new(),
                bytes: 0,
                segments: Vec::new(),
                hashes: Vec::new(),
            },
        }
    }

    /// The documents every chunk but the last holds a multiple of, when
    /// there are `total`: a whole number of groups (a power of two, at
    /// least 512).
    pub(super) fn unit(total: usize) -> usize {
        written_together(group_size(total))
    }

    /// Writes the texts of `docs`, the next documents, handing their files
    /// to `out` once the texts are known to be a file per segment.
    pub(super) fn add<E>(&mut self, docs: &[Arc<IndexDoc>], out: &mut Batches<'_, E>) -> Result<(), E> {
        let first = self.added;
        self.added += docs.len();
        debug_assert!(
            self.added <= self.total && (self.added == self.total || docs.len().is_multiple_of(Self::unit(self.total)))
        );
        let (texts, bytes, segments, hashes) = match &mut self.state {
            Streamed::Apart(apart) => return apart.add(first, docs, out, self.keep),
            Streamed::Undecided {
                texts,
                bytes,
                segments,
                hashes,
            } => (texts, bytes, segments, hashes),
        };
        for (number, chunk) in docs.chunks(Batches::<E>::SIZE).enumerate() {
            let made: Vec<String> = chunk.par_iter().map(|doc| text_json(&DocText::of(doc))).collect();
            *bytes += made.iter().map(String::len).sum::<usize>();
            texts.extend(made);
            if *bytes > GROUPED_TEXT_SHARDS * TEXT_SHARD_BYTES {
                // Those seen and these, to the end of a group; then the
                // rest as any other documents.
                let seen = first + number * Batches::<E>::SIZE + chunk.len();
                let upto = seen.next_multiple_of(Self::unit(self.total)).min(self.added) - first;
                let (more, more_hashes) = segments_of(&docs[number * Batches::<E>::SIZE..upto]);
                segments.extend(more);
                hashes.extend(more_hashes);
                let mut apart = SegmentTexts::new(self.total, texts.iter().map(String::len).collect());
                apart.add_made(0, std::mem::take(segments), std::mem::take(hashes), out, self.keep)?;
                apart.add(first + upto, &docs[upto..], out, self.keep)?;
                self.state = Streamed::Apart(apart);
                return Ok(());
            }
            let (more, more_hashes) = segments_of(chunk);
            segments.extend(more);
            hashes.extend(more_hashes);
        }
        Ok(())
    }

    /// Writes what is left (the grouped shards of a small corpus); returns
    /// how the texts were written and, when kept, the segment files.
    pub(super) fn finish<E>(self, out: &mut Batches<'_, E>) -> Result<(TextsWritten, Option<SegmentTexts>), E> {
        debug_assert_eq!(self.added, self.total);
        let texts = match self.state {
            Streamed::Apart(apart) => return Ok((apart.written(), self.keep.then_some(apart))),
            Streamed::Undecided { texts, .. } => texts,
        };
        let chunks = chunk_text(texts, TEXT_SHARD_BYTES);
        let starts: Vec<usize> = chunks.iter().map(|(start, _)| *start).collect();
        let mut tags = String::new();
        for (number, (_, items)) in chunks.iter().enumerate() {
            let file = packed_script_file(&format!("text-{number}"), &format!("[{}]", items.join(",")));
            tags.push_str(tag_of(&file));
            out.push(file)?;
        }
        let written = TextsWritten {
            starts: json!(starts),
            group: None,
            tags,
        };
        Ok((written, None))
    }
}

/// Every document's segment files, `text-N-S.TAG.js` for segment S of
/// document N: what a result shows, with that segment's blocks.
///
/// The files of a group of consecutive documents share one tag, made from
/// their data: the manifest then names a tag per group, not per document
/// (a thousand at most, see [`group_size`]), and an edit retags the files
/// of its group only.
pub(super) struct SegmentTexts {
    /// The size of the whole text of each of the first documents, as many
    /// as it took to pass what grouped shards hold (see [`write_texts`]):
    /// after an edit, while they still pass it, the texts stay a file per
    /// segment, as a whole export would make them.
    measured: Vec<usize>,
    /// Documents per group.
    group: usize,
    /// Per document: a hash of its segments' data, and its files.
    docs: Vec<(u64, Vec<OutputFile>)>,
    /// Per group, its tag.
    tags: Vec<String>,
}

impl SegmentTexts {
    /// No files yet, for `total` documents.
    fn new(total: usize, measured: Vec<usize>) -> Self {
        SegmentTexts {
            measured,
            group: group_size(total),
            docs: Vec::new(),
            tags: Vec::new(),
        }
    }

    /// Writes the segment files of `docs`, numbered from `first` (a
    /// multiple of [`written_together`] following the documents added
    /// before); keeps them when `keep`.
    fn add<E>(&mut self, first: usize, docs: &[Arc<IndexDoc>], out: &mut Batches<'_, E>, keep: bool) -> Result<(), E> {
        let batch_size = written_together(self.group);
        for (batch, chunk) in docs.chunks(batch_size).enumerate() {
            let (data, hashes) = segments_of(chunk);
            self.add_made(first + batch * batch_size, data, hashes, out, keep)?;
        }
        Ok(())
    }

    /// Writes the segment files of documents numbered from `first` (see
    /// [`add`](Self::add)) from their segments' data and its hashes.
    fn add_made<E>(
        &mut self,
        first: usize,
        data: Vec<Vec<String>>,
        hashes: Vec<u64>,
        out: &mut Batches<'_, E>,
        keep: bool,
    ) -> Result<(), E> {
        let group = self.group;
        debug_assert!(first == self.tags.len() * group);
        let made: Vec<(String, Vec<Vec<OutputFile>>)> = data
            .par_chunks(group)
            .zip(hashes.par_chunks(group))
            .enumerate()
            .map(|(g, (data, hashes))| {
                let tag = group_tag(hashes);
                let files = (data.iter().enumerate())
                    .map(|(n, segments)| doc_files(first + g * group + n, &tag, segments))
                    .collect();
                (tag, files)
            })
            .collect();
        let mut hashes = hashes.into_iter();
        for (tag, files) in made {
            self.tags.push(tag);
            for files in files {
                for file in &files {
                    out.push(file.clone())?;
                }
                if keep {
                    self.docs.push((hashes.next().unwrap_or_default(), files));
                }
            }
        }
        Ok(())
    }

    /// Whether, after the documents `changed` (by number, in `docs`)
    /// changed, the texts still pass what grouped shards hold, so that a
    /// whole export would make a file per segment too. When the measured
    /// documents no longer pass it, the texts must be written anew.
    pub(super) fn still_apart(&mut self, docs: &[Arc<IndexDoc>], changed: &[usize]) -> bool {
        let measured = self.measured.len();
        for &n in changed.iter().filter(|&&n| n < measured) {
            self.measured[n] = text_json(&DocText::of(&docs[n])).len();
        }
        self.measured.iter().sum::<usize>() > GROUPED_TEXT_SHARDS * TEXT_SHARD_BYTES
    }

    /// Makes again the files of the documents `changed` (by number, in
    /// `docs`), retagging the others of their groups, and hands on every
    /// file.
    pub(super) fn update<E>(
        &mut self,
        docs: &[Arc<IndexDoc>],
        changed: &[usize],
        out: &mut Batches<'_, E>,
    ) -> Result<TextsWritten, E> {
        let mut fresh: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for &n in changed {
            let data = segment_data(&docs[n]);
            self.docs[n].0 = data_hash(&data);
            fresh.insert(n, data);
        }
        let groups: BTreeSet<usize> = changed.iter().map(|n| n / self.group).collect();
        for g in groups {
            let members = g * self.group..((g + 1) * self.group).min(self.docs.len());
            let hashes: Vec<u64> = self.docs[members.clone()].iter().map(|(hash, _)| *hash).collect();
            let tag = group_tag(&hashes);
            for n in members {
                let files = match fresh.get(&n) {
                    Some(data) => doc_files(n, &tag, data),
                    None => (self.docs[n].1.iter().enumerate())
                        .map(|(s, file)| retagged(file, &format!("text-{n}-{s}"), &tag))
                        .collect(),
                };
                self.docs[n].1 = files;
            }
            self.tags[g] = tag;
        }
        for file in self.docs.iter().flat_map(|(_, files)| files) {
            out.push(file.clone())?;
        }
        Ok(self.written())
    }

    fn written(&self) -> TextsWritten {
        TextsWritten {
            starts: json!("each"),
            group: Some(self.group),
            tags: self.tags.concat(),
        }
    }
}

/// How many documents' segment files share a tag: 16, or as many more
/// (doubling) as keep the groups to 1024, so that the manifest names at
/// most 1024 tags of texts.
pub(super) fn group_size(docs: usize) -> usize {
    let mut group = 16;
    while docs.div_ceil(group) > 1024 {
        group *= 2;
    }
    group
}

/// Each segment's data, packed: the segment's text as a one-item list.
fn segment_data(doc: &IndexDoc) -> Vec<String> {
    (0..doc.segment_count())
        .map(|s| packed(&format!("[{}]", text_json(&DocText::segment(doc, s)))))
        .collect()
}

/// Documents whose segment files are made together, with groups of
/// `group`: a whole number of groups, and enough for the writer's threads.
fn written_together(group: usize) -> usize {
    Batches::<std::convert::Infallible>::SIZE.max(group)
}

/// The segments' data of `docs`, and a hash of each document's, made on
/// every core.
fn segments_of(docs: &[Arc<IndexDoc>]) -> (Vec<Vec<String>>, Vec<u64>) {
    docs.par_iter()
        .map(|doc| {
            let data = segment_data(doc);
            let hash = data_hash(&data);
            (data, hash)
        })
        .unzip()
}

/// A hash of one document's segment data.
fn data_hash(segments: &[String]) -> u64 {
    let hashes: Vec<u8> = segments
        .iter()
        .flat_map(|data| fnv1a(data.as_bytes()).to_le_bytes())
        .collect();
    fnv1a(&hashes)
}

/// The tag of a group, from its documents' hashes.
fn group_tag(hashes: &[u64]) -> String {
    let bytes: Vec<u8> = hashes.iter().flat_map(|hash| hash.to_le_bytes()).collect();
    content_tag(&bytes)
}

/// Document `number`'s segment files under `tag`.
fn doc_files(number: usize, tag: &str, segments: &[String]) -> Vec<OutputFile> {
    (segments.iter().enumerate())
        .map(|(s, data)| tagged_script_file(&format!("text-{number}-{s}"), tag, data))
        .collect()
}

fn text_json(text: &DocText<'_>) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "null".into())
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
    blocks: Vec<BlockText<'a>>,
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
            blocks: doc.blocks.iter().map(BlockText).collect(),
            segments: doc.segments.iter().map(|s| [s.block, s.word]).collect(),
            ..DocText::card(doc)
        }
    }

    /// What every text of `doc` holds: its card, without blocks.
    fn card(doc: &'a IndexDoc) -> Self {
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
            blocks: Vec::new(),
            segments: Vec::new(),
            offset: 0,
        }
    }

    /// The text of segment `s` alone.
    fn segment(doc: &'a IndexDoc, s: u32) -> Self {
        let (blocks, words) = doc.segment(s);
        DocText {
            blocks: doc.blocks[blocks].iter().map(BlockText).collect(),
            segments: Vec::new(),
            offset: words.start,
            ..DocText::card(doc)
        }
    }
}

/// A block as a text shows it: `[paragraph or 0, text]`, with the anchor
/// third when it is not the numbered paragraph's; written from the block
/// itself, its text not copied.
struct BlockText<'a>(&'a TextBlock);

impl Serialize for BlockText<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let block = self.0;
        let number = block.paragraph.unwrap_or(0);
        match &block.anchor {
            Some(anchor) if block.paragraph.is_none() => (number, &block.text, anchor).serialize(serializer),
            _ => (number, &block.text).serialize(serializer),
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
