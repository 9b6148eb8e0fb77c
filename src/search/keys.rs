//! The keyed part of the export — the vocabulary, postings, positions,
//! forms and names that `terms-K.js` and `pos-K.js` hold — kept between
//! builds, so that after an edit only the keys the changed entries touch
//! are made again. [`Keys::update`] gives exactly what [`Keys::of`] would
//! (the incremental tests compare the two on random edits).
//!
//! One file, longer than most, on purpose: `Keys::of` and `Keys::update`
//! build the same maps, and are kept side by side so that they cannot drift.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::btree_map::Range;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::iter::Peekable;
use std::ops::Bound;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::{json, Value};

use super::analyzer::{word_texts, Lang};
use super::coded;
use super::document::{IndexDoc, SegmentTable};
use super::engine::Posting;
use super::field::FieldKey;
use super::inverted::{Inverted, TermPostings};

/// A key's parts as JSON text: `w` (a word's terms), `p` (a term's
/// postings), `f` (a term's forms), `n` (a name's documents).
pub(crate) struct Keys {
    /// The languages some document is in: a word is stemmed in these only.
    pub(crate) langs: Vec<Lang>,
    postings: BTreeMap<String, String>,
    positions: BTreeMap<String, String>,
    /// The fields in which each term has postings.
    term_fields: HashMap<String, Vec<FieldKey>>,
    words: BTreeMap<String, String>,
    /// Each word's terms, as `words` writes them.
    word_terms: HashMap<String, Vec<(Lang, String)>>,
    /// Each word of the vocabulary's stem in each language, and back.
    stems: HashMap<String, Vec<(Lang, String)>>,
    stem_words: HashMap<(Lang, String), BTreeSet<String>>,
    /// Term → language → the words whose term it is there.
    forms: HashMap<String, BTreeMap<&'static str, BTreeSet<String>>>,
    forms_json: BTreeMap<String, String>,
    names: BTreeMap<String, String>,
    /// How far past itself a key's entry points, in key order: a word to
    /// the last of its terms sorting after it, a term to the last of its
    /// forms sorting after it. The shards keep such a span together, so
    /// that the shard a word is looked up in holds its terms' postings.
    word_reach: BTreeMap<String, String>,
    form_reach: BTreeMap<String, String>,
    /// Each name's documents, by number.
    name_docs: BTreeMap<String, Vec<usize>>,
    /// The keys whose entries changed since the shards were last written,
    /// so that a shard of unchanged keys can be kept as it was.
    pub(crate) dirty_terms: BTreeSet<String>,
    pub(crate) dirty_positions: BTreeSet<String>,
    /// Off while [`Keys::of`] makes every key: the first shards are all
    /// new anyway.
    tracking: bool,
    /// Whether the postings and positions are left out of `postings` and
    /// `positions`, to be encoded as the shards are cut ([`KeyStream`]):
    /// keys that will not be updated.
    streamed: bool,
}

/// The languages of `docs`, in the order of [`Lang::ALL`].
pub(crate) fn langs_of(docs: &[Arc<IndexDoc>]) -> Vec<Lang> {
    // One pass over the documents (each export after an edit asks), not
    // one per language the corpus may lack.
    let mut present = [false; Lang::ALL.len()];
    for doc in docs {
        let lang = doc.lang();
        if let Some(place) = Lang::ALL.iter().position(|&l| l == lang) {
            present[place] = true;
        }
    }
    (Lang::ALL.into_iter().zip(present))
        .filter_map(|(lang, present)| present.then_some(lang))
        .collect()
}

impl Keys {
    /// Every key of an index. Keys that will not be updated (a single
    /// build) hold no postings or positions: the shards are cut from a
    /// [`KeyStream`], which encodes them a few thousand terms at a time
    /// (at 10,000 entries they are 120 MB of text, in 300,000 keys). Nor
    /// do they keep, once made, the maps that only [`Keys::update`] reads:
    /// each term's fields, each word's terms and stems, each term's forms.
    pub(crate) fn of(index: &Inverted, updatable: bool) -> Keys {
        let mut keys = Keys {
            langs: langs_of(index.docs()),
            postings: BTreeMap::new(),
            positions: BTreeMap::new(),
            term_fields: HashMap::new(),
            words: BTreeMap::new(),
            word_terms: HashMap::new(),
            stems: HashMap::new(),
            stem_words: HashMap::new(),
            forms: HashMap::new(),
            forms_json: BTreeMap::new(),
            names: BTreeMap::new(),
            word_reach: BTreeMap::new(),
            form_reach: BTreeMap::new(),
            name_docs: names_of(index.docs()),
            dirty_terms: BTreeSet::new(),
            dirty_positions: BTreeSet::new(),
            tracking: false,
            streamed: !updatable,
        };
        if updatable {
            keys.set_every_term(index);
        } else {
            keys.set_term_fields(index);
        }
        for word in index.vocabulary().keys() {
            if updatable {
                keys.add_stems(index, word);
                keys.set_word(word);
            } else {
                // Nothing will ask for a word's stems or terms again: they
                // are not kept (at 10,000 entries, maps of 300,000 words).
                let stems: Vec<(Lang, String)> = keys.langs.iter().map(|&l| (l, index.stem(l, word))).collect();
                let terms = keys.indexed_terms(&stems);
                keys.put_word(word, &terms);
            }
        }
        let terms: Vec<String> = keys.forms.keys().cloned().collect();
        for term in terms {
            keys.write_forms(&term);
        }
        keys.names = keys
            .name_docs
            .iter()
            .map(|(key, docs)| (key.clone(), json!(docs).to_string()))
            .collect();
        keys.tracking = true;
        if !updatable {
            keys.term_fields = HashMap::new();
            keys.word_terms = HashMap::new();
            keys.stems = HashMap::new();
            keys.stem_words = HashMap::new();
            keys.forms = HashMap::new();
            keys.name_docs = BTreeMap::new();
        }
        keys
    }

    /// Brings the keys in line with `index`, whose documents are those
    /// of the last call but for `changed` (each as it was, then as it is).
    pub(crate) fn update(&mut self, index: &Inverted, changed: &[(&IndexDoc, &IndexDoc)]) {
        debug_assert!(!self.streamed, "keys made not to be updated");
        // Only the terms whose occurrences in a changed entry differ have
        // other postings now, and only the words it gained or lost can have
        // come into or gone out of the corpus.
        let mut terms: BTreeMap<String, Vec<(Option<u32>, FieldKey)>> = BTreeMap::new();
        let mut words = BTreeSet::new();
        for (old, new) in changed {
            let at = number_of(index.docs(), new);
            for (term, fields) in moved_terms(index, old, new) {
                terms
                    .entry(term)
                    .or_default()
                    .extend(fields.into_iter().map(|f| (at, f)));
            }
            let (before, after): (BTreeSet<String>, BTreeSet<String>) = (
                word_texts(&old.all_text()).into_iter().collect(),
                word_texts(&new.all_text()).into_iter().collect(),
            );
            words.extend(before.symmetric_difference(&after).cloned());
        }
        let mut moved = Vec::new();
        for (term, places) in terms {
            let before = self.term_fields.get(&term).cloned().unwrap_or_default();
            self.splice_postings(index, &term, &places);
            if self.term_langs(&term) != langs_in(&before) {
                moved.push(term);
            }
        }
        // A word's terms change when it comes or goes, or when one of its
        // stems gains or loses its last posting in a language.
        let mut affected = BTreeSet::new();
        for word in words {
            if index.has_surface_word(&word) {
                if !self.stems.contains_key(&word) {
                    self.add_stems(index, &word);
                }
                affected.insert(word);
            } else {
                self.remove_word(&word);
            }
        }
        for term in moved {
            for &lang in &self.langs {
                if let Some(found) = self.stem_words.get(&(lang, term.clone())) {
                    affected.extend(found.iter().cloned());
                }
            }
        }
        let mut touched = BTreeSet::new();
        for word in affected {
            touched.extend(self.set_word(&word));
        }
        for term in touched {
            self.write_forms(&term);
        }
        self.update_names(index.docs(), changed);
    }

    /// Encodes every term's postings, many terms at a time on every core
    /// (each term's alone), and puts them in order.
    fn set_every_term(&mut self, index: &Inverted) {
        let table = index.postings_table();
        let segments = SegmentTable::of(index.docs());
        for (ranks, runs) in table.every_run() {
            let encoded: Vec<Option<Encoded>> = ranks
                .clone()
                .into_par_iter()
                .map(|rank| encode_postings(&runs.unpack(rank), &|p| segments.mask(p.doc, &p.positions)))
                .collect();
            for (rank, encoded) in ranks.zip(encoded) {
                self.put_postings(table.term(rank), encoded);
            }
        }
    }

    /// Notes the fields of every term, as [`set_every_term`] does, without
    /// encoding its postings.
    ///
    /// [`set_every_term`]: Self::set_every_term
    fn set_term_fields(&mut self, index: &Inverted) {
        let table = index.postings_table();
        let mut fields: Vec<Vec<FieldKey>> = Vec::with_capacity(table.len());
        for (ranks, runs) in table.every_run() {
            fields.par_extend(ranks.into_par_iter().map(|rank| runs.fields(rank)));
        }
        self.term_fields = fields
            .into_iter()
            .enumerate()
            .map(|(rank, fields)| (table.term(rank).to_string(), fields))
            .collect();
    }

    /// Moves the changed documents' numbers from the names they had to
    /// those they have, and writes again the names that moved.
    fn update_names(&mut self, docs: &[Arc<IndexDoc>], changed: &[(&IndexDoc, &IndexDoc)]) {
        let mut moved = BTreeSet::new();
        for (old, new) in changed {
            let Some(number) = number_of(docs, new) else {
                continue;
            };
            let number = number as usize;
            let (before, after) = (name_keys(old), name_keys(new));
            for key in before.difference(&after) {
                if let Some(list) = self.name_docs.get_mut(key) {
                    list.retain(|&n| n != number);
                    if list.is_empty() {
                        self.name_docs.remove(key);
                    }
                }
                moved.insert(key.clone());
            }
            for key in after.difference(&before) {
                let list = self.name_docs.entry(key.clone()).or_default();
                if let Err(at) = list.binary_search(&number) {
                    list.insert(at, number);
                }
                moved.insert(key.clone());
            }
        }
        for key in moved {
            let value = self.name_docs.get(&key).map(|docs| json!(docs).to_string());
            put(
                &mut self.names,
                self.tracking.then_some(&mut self.dirty_terms),
                &key,
                value,
            );
        }
    }

    /// Puts a term's encoded postings and positions, and their fields
    /// (`None`: the term has no postings left).
    fn put_postings(&mut self, term: &str, encoded: Option<Encoded>) {
        let (postings, positions, fields) = match encoded {
            Some(Encoded {
                postings,
                positions,
                fields,
            }) => (Some(postings), Some(positions), Some(fields)),
            None => (None, None, None),
        };
        put(
            &mut self.postings,
            self.tracking.then_some(&mut self.dirty_terms),
            term,
            postings,
        );
        put(
            &mut self.positions,
            self.tracking.then_some(&mut self.dirty_positions),
            term,
            positions,
        );
        match fields {
            Some(fields) => self.term_fields.insert(term.to_string(), fields),
            None => self.term_fields.remove(term),
        };
    }

    /// Replaces the changed documents' parts of a term's postings and
    /// positions, at `places`, with what the index now holds of each.
    fn splice_postings(&mut self, index: &Inverted, term: &str, places: &[(Option<u32>, FieldKey)]) {
        let mut fields: BTreeSet<FieldKey> = self.term_fields.get(term).into_iter().flatten().copied().collect();
        let located: Option<Vec<(u32, FieldKey)>> = places.iter().map(|&(at, field)| Some((at?, field))).collect();
        let (Some(located), Some(mut postings), Some(mut positions)) = (
            located,
            coded::json_fields(written(&self.postings, term)),
            coded::json_fields(written(&self.positions, term)),
        ) else {
            // A document the index does not hold (which an update should not
            // leave), or encodings not as the export writes them: the term
            // is read again whole.
            fields.extend(places.iter().map(|&(_, field)| field));
            let postings = index.term_postings_in(term, &fields);
            let docs = index.docs();
            let mask = |p: &Posting| docs[p.doc as usize].segment_mask(&p.positions);
            self.put_postings(term, encode_postings(&postings, &mask));
            return;
        };
        for (at, field) in located {
            let posting = index.doc_posting(at, field, term);
            let doc = &index.docs()[at as usize];
            let mask = |p: &Posting| doc.segment_mask(&p.positions);
            let mask: Option<&dyn Fn(&Posting) -> u32> = if field.is_body() { Some(&mask) } else { None };
            let name = Cow::Owned(field.name());
            let was = (
                postings.get(&name).map_or("", |s| s),
                positions.get(&name).map_or("", |s| s),
            );
            let (is, is_at) = coded::splice(was, at, posting.as_ref(), mask);
            if is.is_empty() {
                postings.remove(&name);
                positions.remove(&name);
                fields.remove(&field);
            } else {
                postings.insert(name.clone(), Cow::Owned(is));
                positions.insert(name, Cow::Owned(is_at));
                fields.insert(field);
            }
        }
        let json = |map: BTreeMap<Cow<str>, Cow<str>>| {
            (!map.is_empty()).then(|| coded::fields_json(map.iter().map(|(k, v)| (&**k, &**v))))
        };
        let (postings, positions) = (json(postings), json(positions));
        put(
            &mut self.postings,
            self.tracking.then_some(&mut self.dirty_terms),
            term,
            postings,
        );
        put(
            &mut self.positions,
            self.tracking.then_some(&mut self.dirty_positions),
            term,
            positions,
        );
        if fields.is_empty() {
            self.term_fields.remove(term);
        } else {
            self.term_fields.insert(term.to_string(), fields.into_iter().collect());
        }
    }

    /// The languages in whose text fields a term has postings.
    fn term_langs(&self, term: &str) -> Vec<Lang> {
        self.term_fields.get(term).map(|f| langs_in(f)).unwrap_or_default()
    }

    fn add_stems(&mut self, index: &Inverted, word: &str) {
        let stems: Vec<(Lang, String)> = self.langs.iter().map(|&l| (l, index.stem(l, word))).collect();
        for stem in &stems {
            self.stem_words
                .entry(stem.clone())
                .or_default()
                .insert(word.to_string());
        }
        self.stems.insert(word.to_string(), stems);
    }

    fn remove_word(&mut self, word: &str) {
        for stem in self.stems.remove(word).unwrap_or_default() {
            if let Some(words) = self.stem_words.get_mut(&stem) {
                words.remove(word);
                if words.is_empty() {
                    self.stem_words.remove(&stem);
                }
            }
        }
        let old = self.word_terms.remove(word).unwrap_or_default();
        for (lang, term) in &old {
            self.remove_form(term, *lang, word);
            self.write_forms(term);
        }
        put(
            &mut self.words,
            self.tracking.then_some(&mut self.dirty_terms),
            word,
            None,
        );
        self.word_reach.remove(word);
    }

    /// Writes a vocabulary word's entry; returns the terms whose forms it
    /// may have changed.
    fn set_word(&mut self, word: &str) -> Vec<String> {
        let terms = self.indexed_terms(&self.stems[word]);
        let old = self
            .word_terms
            .insert(word.to_string(), terms.clone())
            .unwrap_or_default();
        for (lang, term) in &old {
            self.remove_form(term, *lang, word);
        }
        self.put_word(word, &terms);
        old.into_iter().chain(terms).map(|(_, term)| term).collect()
    }

    /// A word's terms: those of its stems that are indexed in their
    /// language.
    fn indexed_terms(&self, stems: &[(Lang, String)]) -> Vec<(Lang, String)> {
        stems
            .iter()
            .filter(|(lang, stem)| self.term_langs(stem).contains(lang))
            .cloned()
            .collect()
    }

    /// Writes a word's entry, given its terms, and adds it to their forms.
    fn put_word(&mut self, word: &str, terms: &[(Lang, String)]) {
        for (lang, term) in terms {
            self.forms
                .entry(term.clone())
                .or_default()
                .entry(lang.code())
                .or_default()
                .insert(word.to_string());
        }
        let entry = encode_word_terms(word, terms).to_string();
        set_reach(&mut self.word_reach, word, terms.iter().map(|(_, term)| term));
        put(
            &mut self.words,
            self.tracking.then_some(&mut self.dirty_terms),
            word,
            Some(entry),
        );
    }

    fn remove_form(&mut self, term: &str, lang: Lang, word: &str) {
        let Some(by_lang) = self.forms.get_mut(term) else {
            return;
        };
        if let Some(words) = by_lang.get_mut(lang.code()) {
            words.remove(word);
            if words.is_empty() {
                by_lang.remove(lang.code());
            }
        }
        if by_lang.is_empty() {
            self.forms.remove(term);
        }
    }

    fn write_forms(&mut self, term: &str) {
        let by_lang = self.forms.get(term);
        let forms = by_lang.into_iter().flat_map(|by_lang| by_lang.values().flatten());
        set_reach(&mut self.form_reach, term, forms);
        let value = by_lang.map(|by_lang| json!(by_lang).to_string());
        put(
            &mut self.forms_json,
            self.tracking.then_some(&mut self.dirty_terms),
            term,
            value,
        );
    }

    /// Whether the postings and positions are not held, but encoded by a
    /// [`KeyStream`] as the shards are cut.
    pub(crate) fn streamed(&self) -> bool {
        self.streamed
    }

    /// The keys of the terms shards from `from` on, with their parts and
    /// reach, in code point order; the postings from `stream` when the
    /// keys do not hold them.
    pub(crate) fn term_entries<'k>(
        &'k self,
        from: &str,
        stream: Option<&'k KeyStream<'k>>,
    ) -> impl Iterator<Item = KeyEntry<'k>> + 'k {
        // The maps are sorted: merged as they are read, not gathered.
        fn after<'m>(map: &'m BTreeMap<String, String>, from: &str) -> Peekable<Range<'m, String, String>> {
            map.range::<str, _>((Bound::Included(from), Bound::Unbounded))
                .peekable()
        }
        fn items<'m>(map: &'m BTreeMap<String, String>, from: &str) -> Peekable<Items<'m>> {
            let items = map
                .range::<str, _>((Bound::Included(from), Bound::Unbounded))
                .map(|(key, json)| (key.as_str(), Cow::Borrowed(json.as_str())));
            (Box::new(items) as Items<'m>).peekable()
        }
        let postings = match stream {
            Some(stream) => (Box::new(stream.postings_from(from)) as Items<'k>).peekable(),
            None => items(&self.postings, from),
        };
        let mut parts = [
            ("w", items(&self.words, from)),
            ("p", postings),
            ("f", items(&self.forms_json, from)),
            ("n", items(&self.names, from)),
        ];
        let mut reaches = [&self.word_reach, &self.form_reach].map(|map| after(map, from));
        std::iter::from_fn(move || {
            let key = parts
                .iter_mut()
                .filter_map(|(_, items)| items.peek().map(|&(key, _)| key))
                .min()?;
            let mut entry = KeyEntry::new(key);
            for (part, items) in &mut parts {
                if let Some((_, json)) = items.next_if(|(k, _)| *k == key) {
                    entry.push(part, json);
                }
            }
            for items in &mut reaches {
                while items.next_if(|(k, _)| k.as_str() < key).is_some() {}
                if let Some((_, reach)) = items.next_if(|(k, _)| k.as_str() == key) {
                    entry.reach = entry.reach.max(Some(reach.as_str()));
                }
            }
            Some(entry)
        })
    }

    /// The keys of the positions shards from `from` on, in code point
    /// order.
    pub(crate) fn position_entries(&self, from: &str) -> impl Iterator<Item = KeyEntry<'_>> {
        self.positions
            .range::<str, _>((Bound::Included(from), Bound::Unbounded))
            .map(|(key, json)| {
                let mut entry = KeyEntry::new(key);
                entry.push("p", Cow::Borrowed(json.as_str()));
                entry
            })
    }
}

/// A part's keys and JSON, in code point order.
type Items<'k> = Box<dyn Iterator<Item = (&'k str, Cow<'k, str>)> + 'k>;

/// The postings and positions of keys that do not hold them
/// ([`Keys::streamed`]), encoded in term order as the terms shards are cut,
/// [`STREAMED`] terms at a time on every core. The positions are kept for
/// the positions shards, cut after the terms shards: about a third of what
/// the keys would hold, and none of the postings.
pub(crate) struct KeyStream<'i> {
    index: &'i Inverted,
    /// Each term's positions by rank, as far as the postings were read.
    positions: RefCell<PositionsByRank>,
}

/// The positions of terms, by rank in increasing order, their JSON laid
/// end to end in large blocks: 300,000 strings of their own would take
/// twice the memory of their text (`String` headers, allocation slack,
/// a vector grown by doubling), at a single build's peak.
#[derive(Default)]
struct PositionsByRank {
    blocks: Vec<String>,
    /// For each term: its rank, its block, and its place there.
    places: Vec<(u32, u32, u32, u32)>,
}

/// The size of a [`PositionsByRank`] block (a term's positions larger than
/// this take a block of their own).
const POSITIONS_BLOCK: usize = 1 << 20;

impl PositionsByRank {
    /// Adds the positions of the term ranked `rank`, after any before it.
    fn push(&mut self, rank: usize, json: &str) {
        debug_assert!(self.places.last().is_none_or(|&(last, ..)| (last as usize) < rank));
        let fits = self
            .blocks
            .last()
            .is_some_and(|block| block.len() + json.len() <= block.capacity());
        if !fits {
            self.blocks.push(String::with_capacity(json.len().max(POSITIONS_BLOCK)));
        }
        let block = self.blocks.len() - 1;
        let text = &mut self.blocks[block];
        let (start, end) = (text.len(), text.len() + json.len());
        text.push_str(json);
        self.places.push((rank as u32, block as u32, start as u32, end as u32));
    }

    /// Forgets the terms ranked `rank` and after, their text with them.
    fn forget_from(&mut self, rank: usize) {
        let kept = self.places.partition_point(|&(r, ..)| (r as usize) < rank);
        if let Some(&(_, block, start, _)) = self.places.get(kept) {
            self.blocks.truncate(block as usize + 1);
            self.blocks[block as usize].truncate(start as usize);
        }
        self.places.truncate(kept);
    }

    /// How many terms come first whose rank is `before` (which holds for
    /// a first run of terms, then never).
    fn count_before(&self, before: impl Fn(usize) -> bool) -> usize {
        self.places.partition_point(|&(rank, ..)| before(rank as usize))
    }

    /// Each term's rank and positions, but the first `skipped`.
    fn all_but_first(&self, skipped: usize) -> impl Iterator<Item = (usize, &str)> {
        self.places[skipped..].iter().map(|&(rank, block, start, end)| {
            (
                rank as usize,
                &self.blocks[block as usize][start as usize..end as usize],
            )
        })
    }
}

/// Terms encoded together by a [`KeyStream`].
const STREAMED: usize = 4096;

impl<'i> KeyStream<'i> {
    pub(crate) fn new(index: &'i Inverted) -> Self {
        KeyStream {
            index,
            positions: RefCell::new(PositionsByRank::default()),
        }
    }

    /// Every term's postings from `from` on, in order; their positions are
    /// kept for [`positions`](Self::positions).
    fn postings_from(&self, from: &str) -> impl Iterator<Item = (&'i str, Cow<'i, str>)> + '_ {
        let table = self.index.postings_table();
        let segments = SegmentTable::of(self.index.docs());
        let mut next = table.first_rank_from(from);
        // Read again from `from` on: what was kept from there is made anew.
        self.positions.borrow_mut().forget_from(next);
        let mut ready: VecDeque<(usize, String)> = VecDeque::new();
        std::iter::from_fn(move || {
            if ready.is_empty() && next < table.len() {
                let ranks = next..(next + STREAMED).min(table.len());
                next = ranks.end;
                let runs = table.runs(ranks.clone());
                let encoded: Vec<(usize, Encoded)> = ranks
                    .into_par_iter()
                    .filter_map(|rank| {
                        let mask = |p: &Posting| segments.mask(p.doc, &p.positions);
                        Some((rank, encode_postings(&runs.unpack(rank), &mask)?))
                    })
                    .collect();
                let mut positions = self.positions.borrow_mut();
                for (rank, encoded) in encoded {
                    positions.push(rank, &encoded.positions);
                    ready.push_back((rank, encoded.postings));
                }
            }
            let (rank, postings) = ready.pop_front()?;
            Some((table.term(rank), Cow::Owned(postings)))
        })
    }

    /// The positions of the terms whose postings were read, once the terms
    /// shards are cut.
    pub(crate) fn positions(self) -> StreamedPositions<'i> {
        StreamedPositions {
            index: self.index,
            positions: self.positions.into_inner(),
        }
    }
}

/// The positions a [`KeyStream`] encoded, by rank.
pub(crate) struct StreamedPositions<'i> {
    index: &'i Inverted,
    positions: PositionsByRank,
}

impl StreamedPositions<'_> {
    /// The keys of the positions shards from `from` on, in code point
    /// order.
    pub(crate) fn entries(&self, from: &str) -> impl Iterator<Item = KeyEntry<'_>> {
        let table = self.index.postings_table();
        let skipped = self.positions.count_before(|rank| table.term(rank) < from);
        self.positions.all_but_first(skipped).map(move |(rank, json)| {
            let mut entry = KeyEntry::new(table.term(rank));
            entry.push("p", Cow::Borrowed(json));
            entry
        })
    }
}

/// Sets or removes a key's entry in `map`, and marks it in `dirty` (when
/// changes are tracked) if that changes it.
fn put(map: &mut BTreeMap<String, String>, dirty: Option<&mut BTreeSet<String>>, key: &str, value: Option<String>) {
    let changed = match value {
        Some(value) if map.get(key) == Some(&value) => false,
        Some(value) => {
            map.insert(key.to_string(), value);
            true
        }
        None => map.remove(key).is_some(),
    };
    if let Some(dirty) = dirty.filter(|_| changed) {
        dirty.insert(key.to_string());
    }
}

/// Records in `reach` the last of `linked` that sorts after `key`, or that
/// none does.
fn set_reach<'a>(reach: &mut BTreeMap<String, String>, key: &str, linked: impl Iterator<Item = &'a String>) {
    match linked.filter(|other| other.as_str() > key).max() {
        Some(last) => reach.insert(key.to_string(), last.clone()),
        None => reach.remove(key),
    };
}

/// A key's entry in `map`, or an empty object.
fn written<'a>(map: &'a BTreeMap<String, String>, key: &str) -> &'a str {
    map.get(key).map_or("{}", String::as_str)
}

/// The languages of the text fields among `fields`, each once.
fn langs_in(fields: &[FieldKey]) -> Vec<Lang> {
    let mut langs: Vec<Lang> = fields
        .iter()
        .filter_map(|field| match field {
            FieldKey::Text(_, lang) => Some(*lang),
            FieldKey::Meta => None,
        })
        .collect();
    langs.sort();
    langs.dedup();
    langs
}

/// One key of the terms or positions shards and what it holds there, by
/// part (see `docs/search-format.md`).
pub(crate) struct KeyEntry<'a> {
    pub(crate) key: &'a str,
    /// The last key its entry points to (a word's term, a term's form)
    /// when that sorts after it.
    pub(crate) reach: Option<&'a str>,
    /// Held in place: there are hundreds of thousands of keys, with at
    /// most four parts each. Borrowed from the keys, or owned when
    /// streamed.
    parts: [(&'static str, Cow<'a, str>); 4],
    count: usize,
}

impl<'a> KeyEntry<'a> {
    pub(crate) fn new(key: &'a str) -> Self {
        KeyEntry {
            key,
            reach: None,
            parts: Default::default(),
            count: 0,
        }
    }

    pub(crate) fn push(&mut self, part: &'static str, json: Cow<'a, str>) {
        self.parts[self.count] = (part, json);
        self.count += 1;
    }

    /// Its parts, as `(part, JSON)`, in the order `w`, `p`, `f`, `n`.
    pub(crate) fn parts(&self) -> &[(&'static str, Cow<'a, str>)] {
        &self.parts[..self.count]
    }
}

/// The terms whose postings differ between two versions of a document,
/// each with the fields where they differ: in a field whose length code
/// changed, all of them; elsewhere those that came, went or moved.
fn moved_terms(index: &Inverted, old: &IndexDoc, new: &IndexDoc) -> BTreeMap<String, BTreeSet<FieldKey>> {
    let (before, after) = (index.field_terms(old), index.field_terms(new));
    let mut moved: BTreeMap<String, BTreeSet<FieldKey>> = BTreeMap::new();
    let mut mark = |term: &String, field: FieldKey| {
        moved.entry(term.clone()).or_default().insert(field);
    };
    let fields: BTreeSet<&FieldKey> = before.keys().chain(after.keys()).collect();
    // Body postings say in which segments a term stands: when the
    // segments moved, every body term's postings may have changed. They
    // do not hold the body's length code (the document table does).
    let resegmented = old.segments != new.segments;
    for &field in fields {
        let same_codes = |a: &u8, b: &u8| a == b || field.is_body();
        match (before.get(&field), after.get(&field)) {
            (Some((a, was)), Some((b, is))) if same_codes(a, b) && !(field.is_body() && resegmented) => {
                for term in was.keys().chain(is.keys()) {
                    if was.get(term) != is.get(term) {
                        mark(term, field);
                    }
                }
            }
            (was, is) => {
                for (_, terms) in was.into_iter().chain(is) {
                    terms.keys().for_each(|term| mark(term, field));
                }
            }
        }
    }
    moved
}

/// A document's number: its place among `docs`, sorted by id.
fn number_of(docs: &[Arc<IndexDoc>], doc: &IndexDoc) -> Option<u32> {
    docs.binary_search_by(|d| d.id.cmp(&doc.id)).ok().map(|n| n as u32)
}

/// The documents each name (title, short title, case number, as words)
/// names.
/// Each name's documents, by number.
fn names_of(docs: &[Arc<IndexDoc>]) -> BTreeMap<String, Vec<usize>> {
    let mut names: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (number, doc) in docs.iter().enumerate() {
        for key in name_keys(doc) {
            names.entry(key).or_default().push(number);
        }
    }
    names
}

/// The keys of a document's names: its title, short title and case number.
fn name_keys(doc: &IndexDoc) -> BTreeSet<String> {
    let written = [Some(&doc.title), doc.short_title.as_ref(), doc.case_number.as_ref()];
    written
        .into_iter()
        .flatten()
        .map(|name| name_key(name))
        .filter(|key| !key.is_empty())
        .collect()
}

/// The key of a name: its normalised words joined by spaces. A name of one
/// word shares its key with that word, and sits beside it.
pub(crate) fn name_key(name: &str) -> String {
    word_texts(name).join(" ")
}

/// A term's postings and positions as the shards hold them, and the
/// fields it occurs in.
struct Encoded {
    postings: String,
    positions: String,
    fields: Vec<FieldKey>,
}

/// Encodes a term's postings (`None` when it has none), `segment_mask`
/// giving a body posting's segment bits: from a [`SegmentTable`] when
/// every term is encoded, from the document itself for one term.
fn encode_postings(fields: &TermPostings, segment_mask: &dyn Fn(&Posting) -> u32) -> Option<Encoded> {
    if fields.is_empty() {
        return None;
    }
    let postings = by_field(fields, |field, list| {
        coded::encode_postings(list, field.is_body().then_some(segment_mask))
    });
    let positions = by_field(fields, |_, list| coded::encode_positions(list));
    Some(Encoded {
        postings,
        positions,
        fields: fields.keys().copied().collect(),
    })
}

/// `{"field": encoded, …}` of a term's postings.
fn by_field(fields: &TermPostings, encode: impl Fn(FieldKey, &[Posting]) -> String) -> String {
    let encoded: BTreeMap<String, String> = fields
        .iter()
        .map(|(&field, list)| (field.name(), encode(field, list)))
        .collect();
    coded::fields_json(encoded.iter().map(|(k, v)| (k.as_str(), v.as_str())))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Positions read back as they were put, whether a term's fit the
    /// block being filled, took a block of its own, or were put again
    /// after the terms from some rank on were forgotten.
    #[test]
    fn positions_by_rank_read_back_as_put() {
        let big = "9".repeat(POSITIONS_BLOCK + 10);
        let mut positions = PositionsByRank::default();
        positions.push(0, "[1]");
        positions.push(2, &big);
        positions.push(3, "[2,3]");
        positions.push(7, "[4]");
        positions.forget_from(3);
        assert_eq!(positions.blocks.iter().map(String::len).sum::<usize>(), 3 + big.len());
        positions.push(5, "[5]");
        let all: Vec<(usize, &str)> = positions.all_but_first(0).collect();
        assert_eq!(all, [(0, "[1]"), (2, big.as_str()), (5, "[5]")]);
        let skipped = positions.count_before(|rank| rank < 2);
        assert_eq!(
            positions
                .all_but_first(skipped)
                .map(|(rank, _)| rank)
                .collect::<Vec<_>>(),
            [2, 5]
        );
    }
}
