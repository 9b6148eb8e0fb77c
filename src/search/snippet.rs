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
use super::field::{FieldKey, Part};

/// Words shown before the first match.
pub(crate) const LEAD_WORDS: usize = 8;
/// Words shown in all.
pub(crate) const SNIPPET_WORDS: usize = 32;

/// A run of the snippet's text, marked or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The text as the block has it (not normalised), `…` where it was
    /// cut; a marked one is one word, never empty.
    pub text: String,
    /// Whether it is a matched word, shown highlighted.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub mark: bool,
}

/// The words of a result's body around its matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The numbered paragraph the snippet comes from (`#p12`).
    pub(crate) paragraph: Option<u32>,
    /// The anchor of the page nearest to the snippet's block: its numbered
    /// paragraph, else the heading above it, else its footnote; where the
    /// result links.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) anchor: Option<String>,
    /// The text in order, each matched word a segment of its own.
    pub segments: Vec<Segment>,
}

/// Where one clause of the query matched a document, and what showing it
/// is worth: `bit` is a power of two, higher the rarer the clause (see
/// [`clause_bits`]), so that a window showing a rarer word beats one
/// showing a commoner, and one showing more of the query's words beats
/// both.
pub(crate) struct ClauseMarks<'a> {
    pub(crate) positions: &'a BTreeMap<FieldKey, BTreeSet<u32>>,
    pub(crate) bit: u64,
}

/// The bit of each clause, from how many documents it matches: the rarest
/// gets 2^30, the next 2^29, … (ties in query order), so that sums of
/// distinct bits compare like sets ordered by rarity, exactly in f64 too.
pub(crate) fn clause_bits(documents: &[usize]) -> Vec<u64> {
    let mut order: Vec<usize> = (0..documents.len()).collect();
    order.sort_by_key(|&i| (documents[i], i));
    let mut bits = vec![0; documents.len()];
    for (rank, &clause) in order.iter().enumerate() {
        bits[clause] = if rank <= 30 { 1 << (30 - rank) } else { 0 };
    }
    bits
}

/// What a stretch of positions shows of the query: how many clauses, the
/// sum of their bits, how many matched words. Compared as a tuple.
type Shown = (usize, u64, usize);

/// What the positions `from..to` of `field` show.
fn shown(clauses: &[ClauseMarks<'_>], field: FieldKey, from: u32, to: u32, union: &BTreeSet<u32>) -> Shown {
    let mut shown: Shown = (0, 0, union.range(from..to).count());
    for clause in clauses {
        let present = clause
            .positions
            .get(&field)
            .is_some_and(|positions| positions.range(from..to).next().is_some());
        if present {
            shown.0 += 1;
            shown.1 += clause.bit;
        }
    }
    shown
}

/// The positions of a field matched by any clause.
fn union_of(clauses: &[ClauseMarks<'_>], field: FieldKey) -> BTreeSet<u32> {
    clauses
        .iter()
        .filter_map(|clause| clause.positions.get(&field))
        .flatten()
        .copied()
        .collect()
}

/// The snippet of `doc` from segment `segment` of its body (see
/// [`IndexDoc::segment`]), for the clauses' matches.
pub(crate) fn make(doc: &IndexDoc, segment: u32, clauses: &[ClauseMarks<'_>]) -> Snippet {
    let lang = doc.lang();
    let body_field = FieldKey::Text(Part::Body, lang);
    let body = union_of(clauses, body_field);
    let (range, words) = doc.segment(segment);
    let blocks = &doc.blocks[range];
    if let Some((index, offset)) = best_block(blocks, words.start, clauses, body_field, &body) {
        let block = &blocks[index];
        return Snippet {
            paragraph: block.paragraph,
            anchor: block.anchor.clone(),
            segments: cut(&block.text, offset, clauses, body_field, &body),
        };
    }
    let summary_field = FieldKey::Text(Part::Summary, lang);
    let (text, field) = match &doc.summary {
        Some(summary) => (summary.as_str(), summary_field),
        None => (blocks.first().map_or("", |b| b.text.as_str()), body_field),
    };
    let marked = if doc.summary.is_some() {
        union_of(clauses, summary_field)
    } else {
        BTreeSet::new()
    };
    Snippet {
        paragraph: None,
        anchor: None,
        segments: cut(text, 0, clauses, field, &marked),
    }
}

/// The block that shows most of the query (see [`Shown`]), the first of
/// those, with the position of its first word; `offset` is the position of
/// the first block's first word.
fn best_block(
    blocks: &[TextBlock],
    mut offset: u32,
    clauses: &[ClauseMarks<'_>],
    field: FieldKey,
    matched: &BTreeSet<u32>,
) -> Option<(usize, u32)> {
    if matched.is_empty() {
        return None;
    }
    let mut best: Option<(Shown, usize, u32)> = None;
    for (index, block) in blocks.iter().enumerate() {
        let length = words(&block.text).len() as u32;
        let found = shown(clauses, field, offset, offset + length, matched);
        if found.2 > 0 && best.is_none_or(|(b, _, _)| found > b) {
            best = Some((found, index, offset));
        }
        offset += length;
    }
    best.map(|(_, index, offset)| (index, offset))
}

/// The window of the text that shows most of the query (a window starts
/// [`LEAD_WORDS`] before one of its matches; the first of the best), split
/// into marked and unmarked segments. Matched words with only spaces
/// between them are marked as one (a phrase is marked whole). `offset` is
/// the position of the text's first word.
fn cut(text: &str, offset: u32, clauses: &[ClauseMarks<'_>], field: FieldKey, matched: &BTreeSet<u32>) -> Vec<Segment> {
    let found = words(text);
    let is_match = |i: usize| matched.contains(&(offset + i as u32));
    let mut start = 0;
    let mut best: Option<Shown> = None;
    for i in (0..found.len()).filter(|&i| is_match(i)) {
        let from = i.saturating_sub(LEAD_WORDS);
        let window = shown(
            clauses,
            field,
            offset + from as u32,
            offset + (from + SNIPPET_WORDS) as u32,
            matched,
        );
        if best.is_none_or(|b| window > b) {
            (start, best) = (from, Some(window));
        }
    }
    let end = (start + SNIPPET_WORDS).min(found.len());
    let from = if start == 0 { 0 } else { found[start].start };
    let to = if end == found.len() {
        text.len()
    } else {
        found[end - 1].end
    };
    let mut segments: Vec<Segment> = Vec::new();
    let mut plain = String::new();
    if start > 0 {
        plain.push_str("… ");
    }
    let mut cursor = from;
    for (i, word) in found.iter().enumerate().take(end).skip(start) {
        if !is_match(i) {
            continue;
        }
        let between = &text[cursor..word.start];
        let joins = plain.is_empty() && segments.last().is_some_and(|s| s.mark) && between.trim().is_empty();
        if joins {
            let last = segments.last_mut().expect("a marked segment");
            last.text.push_str(between);
            last.text.push_str(&text[word.start..word.end]);
        } else {
            plain.push_str(between);
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
        }
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
    use crate::search::analyzer::Lang;

    const BODY: FieldKey = FieldKey::Text(Part::Body, Lang::En);

    fn marks(positions: &[u32]) -> BTreeMap<FieldKey, BTreeSet<u32>> {
        BTreeMap::from([(BODY, positions.iter().copied().collect())])
    }

    fn texts(segments: &[Segment]) -> Vec<(String, bool)> {
        segments.iter().map(|s| (s.text.clone(), s.mark)).collect()
    }

    #[test]
    fn the_window_marks_matches_by_position() {
        let text = "one two three four five six seven eight nine ten eleven persecution twelve";
        let only = marks(&[111]);
        let clauses = [ClauseMarks {
            positions: &only,
            bit: 1,
        }];
        let segments = cut(text, 100, &clauses, BODY, &BTreeSet::from([111]));
        assert_eq!(
            texts(&segments),
            [
                ("… four five six seven eight nine ten eleven ".to_string(), false),
                ("persecution".to_string(), true),
                (" twelve".to_string(), false)
            ]
        );
    }

    #[test]
    fn the_window_shows_the_rarest_words_and_marks_a_phrase_whole() {
        // "gender" early, "gender apartheid" 40 words later: the window
        // with both wins over the first match.
        let mut words: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
        words[2] = "gender".into();
        words[42] = "gender".into();
        words[43] = "apartheid".into();
        let text = words.join(" ");
        let (gender, apartheid) = (marks(&[2, 42]), marks(&[43]));
        let bits = clause_bits(&[20, 2]);
        assert_eq!(bits, [1 << 29, 1 << 30], "the rarer clause has the higher bit");
        let clauses = [
            ClauseMarks {
                positions: &gender,
                bit: bits[0],
            },
            ClauseMarks {
                positions: &apartheid,
                bit: bits[1],
            },
        ];
        let segments = cut(&text, 0, &clauses, BODY, &BTreeSet::from([2, 42, 43]));
        let marked: Vec<String> = segments.iter().filter(|s| s.mark).map(|s| s.text.clone()).collect();
        assert_eq!(marked, ["gender apartheid"]);
    }
}
