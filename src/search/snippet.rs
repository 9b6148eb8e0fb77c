//! The snippet of a result: the block of the body where the query's words
//! gather (its numbered paragraph, when it has one, is where the result
//! links), cut to a few dozen words, with the matched words marked.
//!
//! Only the segment of the body that the browser loads for the result is
//! looked at (see [`IndexDoc::segment`]).
//!
//! Matched words are found by position, not by re-analysing the text, so a
//! stemmed match (`persecuted` for `persecution`) is marked too, in the
//! browser as here.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::analyzer::words;
use super::document::{IndexDoc, TextBlock};
use super::index::{FieldKey, Part};

/// Words shown before the first match.
pub const LEAD_WORDS: usize = 8;
/// Words shown in all.
pub const SNIPPET_WORDS: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub mark: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The numbered paragraph the snippet comes from (`#p12`).
    pub paragraph: Option<u32>,
    pub segments: Vec<Segment>,
}

/// The snippet of `doc` from segment `segment` of its body (see
/// [`IndexDoc::segment`]), for matches at `positions` (per field).
pub fn make(doc: &IndexDoc, segment: u32, positions: &BTreeMap<FieldKey, BTreeSet<u32>>) -> Snippet {
    let lang = doc.lang();
    let empty = BTreeSet::new();
    let body = positions.get(&FieldKey::Text(Part::Body, lang)).unwrap_or(&empty);
    let (range, words) = doc.segment(segment);
    let blocks = &doc.blocks[range];
    if let Some((index, offset)) = best_block(blocks, words.start, body) {
        let block = &blocks[index];
        return Snippet {
            paragraph: block.paragraph,
            segments: cut(&block.text, offset, body),
        };
    }
    let summary = positions.get(&FieldKey::Text(Part::Summary, lang)).unwrap_or(&empty);
    let text = match &doc.summary {
        Some(summary) => summary.as_str(),
        None => blocks.first().map_or("", |b| b.text.as_str()),
    };
    let marked = if doc.summary.is_some() { summary } else { &empty };
    Snippet {
        paragraph: None,
        segments: cut(text, 0, marked),
    }
}

/// The block with the most distinct matched words (then the most matches,
/// then the first), with the position of its first word; `offset` is the
/// position of the first block's first word.
fn best_block(blocks: &[TextBlock], mut offset: u32, matched: &BTreeSet<u32>) -> Option<(usize, u32)> {
    if matched.is_empty() {
        return None;
    }
    let mut best: Option<((usize, usize), usize, u32)> = None;
    for (index, block) in blocks.iter().enumerate() {
        let found = words(&block.text);
        let hits: Vec<&str> = found
            .iter()
            .filter(|w| matched.contains(&(offset + w.position as u32)))
            .map(|w| w.text.as_str())
            .collect();
        let distinct = hits.iter().collect::<BTreeSet<_>>().len();
        let rank = (distinct, hits.len());
        if !hits.is_empty() && best.is_none_or(|(r, _, _)| rank > r) {
            best = Some((rank, index, offset));
        }
        offset += found.len() as u32;
    }
    best.map(|(_, index, offset)| (index, offset))
}

/// A window of the text around its first match, split into marked and
/// unmarked segments. `offset` is the position of the text's first word.
fn cut(text: &str, offset: u32, matched: &BTreeSet<u32>) -> Vec<Segment> {
    let found = words(text);
    let is_match = |i: usize| matched.contains(&(offset + i as u32));
    let first = (0..found.len()).find(|&i| is_match(i)).unwrap_or(0);
    let start = first.saturating_sub(LEAD_WORDS);
    let end = (start + SNIPPET_WORDS).min(found.len());
    let from = if start == 0 { 0 } else { found[start].start };
    let to = if end == found.len() {
        text.len()
    } else {
        found[end - 1].end
    };
    let mut segments = Vec::new();
    let mut plain = String::new();
    if start > 0 {
        plain.push_str("… ");
    }
    let mut cursor = from;
    for (i, word) in found.iter().enumerate().take(end).skip(start) {
        if !is_match(i) {
            continue;
        }
        plain.push_str(&text[cursor..word.start]);
        if !plain.is_empty() {
            segments.push(Segment {
                text: std::mem::take(&mut plain),
                mark: false,
            });
        }
        segments.push(Segment {
            text: text[word.start..word.end].to_string(),
            mark: true,
        });
        cursor = word.end;
    }
    plain.push_str(&text[cursor..to]);
    if end < found.len() {
        plain.push_str(" …");
    }
    if !plain.is_empty() {
        segments.push(Segment {
            text: plain,
            mark: false,
        });
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_marks_matches_by_position() {
        let text = "one two three four five six seven eight nine ten eleven persecution twelve";
        let segments = cut(text, 100, &BTreeSet::from([111]));
        assert_eq!(segments[0].text, "… four five six seven eight nine ten eleven ");
        assert_eq!(
            segments[1],
            Segment {
                text: "persecution".into(),
                mark: true
            }
        );
        assert_eq!(segments[2].text, " twelve");
    }
}
