//! What the index holds of one entry: its searchable text, the little a
//! result shows and what filters test, derived from a published [`Entry`]
//! and the checked citation graph.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::config::RelationDef;
use crate::corpus::{BodyUnread, Corpus, Entry, EntryId};
use crate::links::{LinkMoves, Links};
use crate::markdown;
use crate::taxonomy::humanise;

use super::analyzer::{word_count, word_texts, Lang};
use super::field::{FieldKey, Part};

/// One block of the body as plain text; `paragraph` is set for a numbered
/// paragraph (`[12]` → `#p12`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TextBlock {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) paragraph: Option<u32>,
    pub(crate) text: String,
    /// Where on the page a result from this block links (see
    /// [`markdown::PlainBlock::anchor`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) anchor: Option<String>,
}

/// An entry as indexed. Its JSON is stored in the index, hashed to notice
/// changes, and exported (in parts) to the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexDoc {
    pub(crate) id: String,
    /// `case`, `policy`, … (`EntryType::name`).
    pub(crate) kind: String,
    pub(crate) kind_label: String,
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) short_title: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) court: Option<String>,
    pub(crate) issuer: Option<String>,
    pub(crate) case_number: Option<String>,
    pub(crate) citation: Option<String>,
    /// ISO codes, lower case: `ml`.
    pub(crate) countries: Vec<String>,
    pub(crate) country_names: Vec<String>,
    pub(crate) grounds: Vec<String>,
    pub(crate) crimes: Vec<String>,
    /// `2024-06-26`, `2021-12` or `2021`.
    pub(crate) date: String,
    pub(crate) date_label: String,
    pub(crate) year: i32,
    /// The entry's `lang:` as written.
    pub(crate) lang: String,
    /// What `relation:` filters match (see [`GraphFacts`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) relations: Vec<String>,
    /// How many entries cite this one (any reference): ranking counts an
    /// entry others rely on higher.
    #[serde(default)]
    pub(crate) cited_by: u32,
    pub(crate) blocks: Vec<TextBlock>,
    /// Where the body's segments after the first start (see
    /// [`segment_starts_of`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) segments: Vec<SegmentStart>,
    /// How many words each block of the body holds, for `/p` (the
    /// position of a block's first word is the sum of those before it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) block_words: Vec<u32>,
}

/// A body is cut into segments of whole blocks, of about this many words
/// each: a result's snippet and proximity are read from one segment, so
/// the browser loads that segment's text, not the whole entry's.
pub(crate) const SEGMENT_WORDS: u32 = 500;
/// A body has at most this many segments (longer ones get longer
/// segments), so that a set of segments fits in the bits of a `u32`.
pub(crate) const MAX_SEGMENTS: u32 = 25;

/// Where a segment starts: its first block, and the position of its first
/// word in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SegmentStart {
    pub(crate) block: u32,
    pub(crate) word: u32,
}

/// Where the segments of every document's body start, laid end to end:
/// what [`IndexDoc::segment_mask`] reads, for the export, which asks it of
/// every body posting, in no order of documents.
pub(crate) struct SegmentTable {
    /// Where each document's starts begin in `words` (and, last, where the
    /// last ends).
    ends: Vec<u32>,
    /// The position of the first word of each segment after the first.
    words: Vec<u32>,
}

impl SegmentTable {
    pub(crate) fn of(docs: &[Arc<IndexDoc>]) -> SegmentTable {
        let mut ends = Vec::with_capacity(docs.len() + 1);
        let mut words = Vec::new();
        ends.push(0);
        for doc in docs {
            words.extend(doc.segments.iter().map(|s| s.word));
            ends.push(words.len() as u32);
        }
        SegmentTable { ends, words }
    }

    /// [`IndexDoc::segment_mask`] of document `doc`.
    pub(crate) fn mask(&self, doc: u32, positions: &[u32]) -> u32 {
        let doc = doc as usize;
        let starts = &self.words[self.ends[doc] as usize..self.ends[doc + 1] as usize];
        positions
            .iter()
            .fold(0, |mask, &p| mask | 1 << starts.partition_point(|&word| word <= p))
    }
}

/// How many words each block holds.
pub(crate) fn block_words(blocks: &[TextBlock]) -> Vec<u32> {
    blocks.iter().map(|b| word_count(&b.text) as u32).collect()
}

/// The starts of the segments after the first, from the blocks' word
/// counts: a new segment begins before a block once the current one holds
/// [`SEGMENT_WORDS`] words (or the `1 / (MAX_SEGMENTS − 1)` part of a long
/// body).
fn segment_starts_of(counts: &[u32]) -> Vec<SegmentStart> {
    let counts = counts.to_vec();
    let total: u32 = counts.iter().sum();
    let target = SEGMENT_WORDS.max(total.div_ceil(MAX_SEGMENTS - 1));
    let (mut starts, mut filled, mut word) = (Vec::new(), 0, 0);
    for (block, count) in counts.into_iter().enumerate() {
        if filled >= target {
            starts.push(SegmentStart {
                block: block as u32,
                word,
            });
            filled = 0;
        }
        filled += count;
        word += count;
    }
    starts
}

impl IndexDoc {
    /// The searchable document of a published entry. `corpus` names the
    /// targets of `[[…]]` references, as the page does.
    pub(crate) fn of(entry: &Entry, corpus: &Corpus, relations: &GraphFacts<'_>) -> Result<IndexDoc, BodyUnread> {
        let label = |destination: &str| {
            let id = destination.split('#').next().unwrap_or(destination);
            corpus.get(id).map(|target| target.display_title().to_string())
        };
        let blocks: Vec<TextBlock> = markdown::plain_blocks(&entry.body()?, &label)
            .into_iter()
            .map(|b| TextBlock {
                paragraph: b.paragraph,
                text: b.text,
                anchor: b.anchor,
            })
            .collect();
        let counts = block_words(&blocks);
        Ok(IndexDoc {
            id: entry.id.to_string(),
            kind: entry.kind.name().into(),
            kind_label: entry.kind.label().into(),
            url: entry.url(),
            title: entry.title.clone(),
            short_title: entry.short_title.clone(),
            summary: entry.summary.clone(),
            court: entry.court.clone(),
            issuer: entry.issuer.clone(),
            case_number: entry.case_number.clone(),
            citation: entry.citation.clone(),
            countries: entry.countries.iter().map(|c| c.code().to_ascii_lowercase()).collect(),
            country_names: entry.countries.iter().map(|c| c.name().to_string()).collect(),
            grounds: entry.grounds.clone(),
            crimes: entry.crimes.clone(),
            date: entry.date.iso(),
            date_label: entry.date.human(),
            year: entry.date.year,
            lang: entry.lang.clone(),
            relations: relations.of(&entry.id),
            cited_by: relations.cited_by(&entry.id),
            segments: segment_starts_of(&counts),
            block_words: counts,
            blocks,
        })
    }

    /// The index of the body block holding word `position` of the body.
    pub(crate) fn block_of(&self, position: u32) -> usize {
        let mut start = 0;
        for (index, &count) in self.block_words.iter().enumerate() {
            start += count;
            if position < start {
                return index;
            }
        }
        self.block_words.len()
    }

    /// How many segments the body has (one when it is short or empty).
    pub(crate) fn segment_count(&self) -> u32 {
        self.segments.len() as u32 + 1
    }

    /// The segment holding the body word at `position`.
    pub(crate) fn segment_of(&self, position: u32) -> u32 {
        self.segments.partition_point(|s| s.word <= position) as u32
    }

    /// The segments holding these body positions, as bits (segment `s` is
    /// bit `s`): what a body posting says of where its term stands.
    pub(crate) fn segment_mask(&self, positions: &[u32]) -> u32 {
        positions.iter().fold(0, |mask, &p| mask | 1 << self.segment_of(p))
    }

    /// Segment `s`: the range of its blocks and of its words' positions.
    pub(crate) fn segment(&self, s: u32) -> (std::ops::Range<usize>, std::ops::Range<u32>) {
        let s = (s as usize).min(self.segments.len());
        let start = if s == 0 {
            (0, 0)
        } else {
            (self.segments[s - 1].block as usize, self.segments[s - 1].word)
        };
        let end = self
            .segments
            .get(s)
            .map_or((self.blocks.len(), u32::MAX), |next| (next.block as usize, next.word));
        (start.0..end.0, start.1..end.1)
    }

    pub(crate) fn lang(&self) -> Lang {
        Lang::of_entry(&self.lang)
    }

    /// The text of each searchable field the document fills: title,
    /// summary and body in its language's fields, and `meta`.
    pub(crate) fn field_texts(&self) -> [(FieldKey, String); 4] {
        let lang = self.lang();
        [
            (FieldKey::Text(Part::Title, lang), self.title.clone()),
            (
                FieldKey::Text(Part::Summary, lang),
                self.summary.clone().unwrap_or_default(),
            ),
            (FieldKey::Text(Part::Body, lang), self.body_text()),
            (FieldKey::Meta, self.meta_text()),
        ]
    }

    /// The body as one text; blocks are separated by a line break, which is
    /// not a word, so word positions run on from block to block.
    pub(crate) fn body_text(&self) -> String {
        let texts: Vec<&str> = self.blocks.iter().map(|b| b.text.as_str()).collect();
        texts.join("\n")
    }

    /// The language-neutral facts worth finding by their words: short
    /// title, court, issuer, case number, citation, countries, grounds and
    /// crimes.
    pub(crate) fn meta_text(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.short_title.iter().cloned());
        parts.extend(self.court.iter().cloned());
        parts.extend(self.issuer.iter().cloned());
        parts.extend(self.case_number.iter().cloned());
        parts.extend(self.citation.iter().cloned());
        parts.extend(self.country_names.iter().cloned());
        parts.extend(self.grounds.iter().map(|g| humanise(g)));
        parts.extend(self.crimes.iter().map(|c| humanise(c)));
        parts.join("\n")
    }

    /// Every text of the entry, for the vocabulary of surface words.
    pub(crate) fn all_text(&self) -> String {
        [
            self.title.clone(),
            self.summary.clone().unwrap_or_default(),
            self.body_text(),
            self.meta_text(),
        ]
        .join("\n")
    }

    /// `⌊log2(1 + entries citing it)⌋`: what ranking takes of `cited_by`
    /// (the document table holds it, for the browser).
    pub(crate) fn cited_class(&self) -> u32 {
        (self.cited_by + 1).ilog2()
    }

    /// A fingerprint of everything indexed, to re-index only what changed.
    pub fn content_hash(&self) -> u64 {
        let json = serde_json::to_vec(self).unwrap_or_default();
        crate::hash::fnv1a(&json)
    }
}

/// What the search takes of each entry from the checked graph: how many
/// entries cite it (for ranking), and the words `relation:` filters find
/// of it:
/// - the key of each relation it declares: `relation:overturns`,
///   `relation:appeal_of`;
/// - for each relation declared against it, the passive word:
///   `relation:appealed`, `applied`, `interpreted`, `followed`,
///   `distinguished`, `overturned` for the built-in six, and the words of
///   its inverse label: the configured one (`relation:reversed-by`), else
///   the built-in English one (`relation:overturned-by`, `applied-by`);
/// - `overturned` also for every relation configured to overturn, so
///   `relation:overturned` finds every entry that carries the warning.
#[derive(Debug, Clone)]
pub struct GraphFacts<'a> {
    tags: Arc<RelationTags>,
    /// The graph itself, which says who cites whom: read per entry, not
    /// copied (a pass over every entry would cost each edit's rebuild).
    links: &'a Links,
}

/// Every entry's relation tags (see [`GraphFacts`]), entries without any
/// left out.
type RelationTags = BTreeMap<EntryId, BTreeSet<String>>;

/// The relation tags of the last build's links, kept for the next (by
/// `serve` and `build --watch`): an edit's links are the last ones patched,
/// and they say which entries' links the patch moved (see
/// [`LinksVersion`](crate::links::LinksVersion)), whose tags alone are
/// found again. Walking every citation of 10,000 entries for their
/// relations took 5 ms of each edit.
#[derive(Debug, Default)]
pub(crate) struct KeptRelationTags {
    last: Option<(u64, Vec<RelationDef>, Arc<RelationTags>)>,
}

impl<'a> GraphFacts<'a> {
    /// The tags and citation counts of every entry of the checked citation
    /// graph `links`, the inverse words taken from `defs` (the site's
    /// relations, `SiteConfig::relation_defs`).
    pub fn of_graph(links: &'a Links, defs: &[RelationDef]) -> GraphFacts<'a> {
        // Only an entry with links can have relations; each once.
        let cited_only = links.incoming.keys().filter(|id| !links.outgoing.contains_key(*id));
        let tags = (links.outgoing.keys().chain(cited_only))
            .filter_map(|id| {
                let found = entry_tags(links, id, defs);
                (!found.is_empty()).then(|| (id.clone(), found))
            })
            .collect();
        GraphFacts {
            tags: Arc::new(tags),
            links,
        }
    }

    /// As [`of_graph`](Self::of_graph) makes them, the tags of the entries
    /// whose links moved since those `kept` found again, the others taken
    /// from it; and `kept` keeps these for the next build.
    pub(crate) fn of_graph_after(
        links: &'a Links,
        defs: &[RelationDef],
        kept: &mut KeptRelationTags,
    ) -> GraphFacts<'a> {
        let last = kept.last.take().filter(|(_, last_defs, _)| last_defs == defs);
        let facts = match last {
            Some((seen, _, mut tags)) => match links.version.moves_since(Some(seen)) {
                LinkMoves::None => GraphFacts { tags, links },
                LinkMoves::Some(moved) => {
                    let patched = Arc::make_mut(&mut tags);
                    for id in moved {
                        let found = entry_tags(links, id, defs);
                        match found.is_empty() {
                            true => patched.remove(id),
                            false => patched.insert(id.clone(), found),
                        };
                    }
                    GraphFacts { tags, links }
                }
                LinkMoves::All => GraphFacts::of_graph(links, defs),
            },
            None => GraphFacts::of_graph(links, defs),
        };
        kept.last = Some((links.version.number, defs.to_vec(), Arc::clone(&facts.tags)));
        facts
    }

    /// How many entries cite an entry.
    pub(crate) fn cited_by(&self, id: &EntryId) -> u32 {
        self.links.incoming.get(id).map_or(0, |citing| citing.len() as u32)
    }

    /// The tags of an entry.
    pub(crate) fn of(&self, id: &EntryId) -> Vec<String> {
        self.tags_of(id)
            .map(|t| t.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// The entry's tags, borrowed.
    pub(crate) fn tags_of(&self, id: &EntryId) -> Option<&BTreeSet<String>> {
        self.tags.get(id)
    }
}

/// The relation tags of one entry (see [`GraphFacts`]): the keys of the
/// relations it declares, the passive tags of those declared against it.
fn entry_tags(links: &Links, id: &EntryId, defs: &[RelationDef]) -> BTreeSet<String> {
    let mut tags = BTreeSet::new();
    for (_, citation) in links.cites(id) {
        tags.extend(citation.relations.iter().map(|r| r.key().to_string()));
    }
    for (_, citation) in links.cited_by(id) {
        for relation in &citation.relations {
            let key = relation.key();
            let def = defs.iter().find(|d| d.relation.key() == key);
            tags.extend(passive_tags(key, def));
        }
    }
    tags
}

/// The passive word and the English inverse label of each built-in
/// relation (the label as `themes/default/i18n/en.yaml` has it).
const BUILTIN_INVERSES: [(&str, &str, &str); 6] = [
    ("appeal_of", "appealed", "Appealed in"),
    ("applies", "applied", "Applied by"),
    ("interprets", "interpreted", "Interpreted by"),
    ("follows", "followed", "Followed by"),
    ("distinguishes", "distinguished", "Distinguished by"),
    ("overturns", "overturned", "Overturned by"),
];

/// The words naming the target of a relation `key`.
fn passive_tags(key: &str, def: Option<&RelationDef>) -> Vec<String> {
    let builtin = BUILTIN_INVERSES.iter().find(|(k, ..)| *k == key);
    let mut tags: Vec<String> = builtin.map(|(_, word, _)| word.to_string()).into_iter().collect();
    let inverse = def
        .and_then(|d| d.inverse.as_deref())
        .or(builtin.map(|(.., label)| *label));
    tags.extend(inverse.map(|label| word_texts(label).join("-")));
    if def.is_some_and(|d| d.overturns) {
        tags.push("overturned".into());
    }
    tags.retain(|t| !t.is_empty());
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(words: &[usize]) -> Vec<TextBlock> {
        words
            .iter()
            .map(|&n| TextBlock {
                paragraph: None,
                text: "word ".repeat(n),
                anchor: None,
            })
            .collect()
    }

    /// The starts of the segments after the first, of `blocks`.
    fn segment_starts(blocks: &[TextBlock]) -> Vec<SegmentStart> {
        segment_starts_of(&block_words(blocks))
    }

    #[test]
    fn a_segment_ends_after_the_block_that_fills_it() {
        let starts = segment_starts(&blocks(&[300, 150, 100, 20, 600, 10]));
        assert_eq!(
            starts,
            [
                SegmentStart { block: 3, word: 550 },
                SegmentStart { block: 5, word: 1170 }
            ]
        );
        assert!(segment_starts(&blocks(&[499])).is_empty());
        // A long body has longer segments, never more than MAX_SEGMENTS.
        let long = segment_starts(&blocks(&[100; 300]));
        assert!((20..=MAX_SEGMENTS).contains(&(long.len() as u32 + 1)), "{}", long.len());
        let longest = segment_starts(&blocks(&[1; 100_000]));
        assert!(
            (1..=MAX_SEGMENTS).contains(&(longest.len() as u32 + 1)),
            "{}",
            longest.len()
        );
    }

    fn one_doc() -> IndexDoc {
        serde_json::from_value(serde_json::json!({
            "id": "a", "kind": "case", "kind_label": "Case", "url": "a.html", "title": "A",
            "short_title": null, "summary": null, "court": null, "issuer": null,
            "case_number": null, "citation": null, "countries": [], "country_names": [],
            "grounds": [], "crimes": [], "date": "2020", "date_label": "2020", "year": 2020,
            "lang": "en", "blocks": []
        }))
        .unwrap()
    }

    #[test]
    fn positions_fall_in_their_segments() {
        let mut doc = one_doc();
        doc.blocks = blocks(&[300, 250, 100]);
        doc.segments = segment_starts(&doc.blocks);
        assert_eq!(doc.segment_count(), 2);
        assert_eq!(doc.segment_mask(&[0, 549]), 0b01);
        assert_eq!(doc.segment_mask(&[10, 550, 600]), 0b11);
        assert_eq!(doc.segment(1), (2..3, 550..u32::MAX));
        assert_eq!(doc.segment(0), (0..2, 0..550));
    }

    #[test]
    fn the_segment_table_gives_each_documents_own_masks() {
        let mut docs = Vec::new();
        for words in [&[300, 250, 100][..], &[10], &[500, 500, 500, 20], &[]] {
            let mut doc = one_doc();
            doc.blocks = blocks(words);
            doc.segments = segment_starts(&doc.blocks);
            docs.push(Arc::new(doc));
        }
        let table = SegmentTable::of(&docs);
        let positions: Vec<u32> = (0..1600).step_by(7).collect();
        for (number, doc) in docs.iter().enumerate() {
            for some in positions.chunks(5) {
                assert_eq!(
                    table.mask(number as u32, some),
                    doc.segment_mask(some),
                    "{number} {some:?}"
                );
            }
        }
        assert_eq!(table.mask(2, &[0, 500, 1000, 1519]), 0b1111);
    }

    #[test]
    fn built_in_inverse_labels_are_the_english_interface_ones() {
        let english = crate::i18n::EMBEDDED.iter().find(|(lang, _)| *lang == "en").unwrap().1;
        let strings = crate::i18n::parse(english).unwrap();
        for (key, _, label) in BUILTIN_INVERSES {
            assert_eq!(strings[&format!("relation_{key}_inverse")], label, "{key}");
        }
        assert_eq!(passive_tags("overturns", None), ["overturned", "overturned-by"]);
        assert_eq!(passive_tags("applies", None), ["applied", "applied-by"]);
    }
}
