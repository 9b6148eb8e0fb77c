//! The inverted index of the search documents, made in memory: for every
//! term of every searchable field, the documents holding it with their
//! positions and the field's length code, plus the field statistics and
//! the vocabulary. The export reads it term by term; `amicus search` asks
//! it for single terms. There is no other index.
//!
//! A word is what [`analyzer`](super::analyzer) says, a term is its stem in
//! the document's language (the word itself in `meta`), a position is the
//! word's place in its field, and a length code is the one-byte quantised
//! field length of tantivy's BM25 (`FieldNormReader::fieldnorm_to_id`),
//! which the ranking and the browser read. A term longer than tantivy's
//! `MAX_TOKEN_LEN` is left out, keeping its place.
//!
//! The documents are inverted in batches of [`BATCH`] on every core; the
//! batches of a core share one table of the words it has met, each word
//! looked up once per occurrence and its term in each language found (and
//! stemmed) once per core. A batch's occurrences are sorted by term with a
//! counting sort and packed (numbers in LEB128). The batches' terms are then ranked in one sorted vocabulary of
//! terms, each batch's runs copied in that order, and each term's places in
//! the batches listed in document order, so that a term's postings are
//! unpacked alone, in any order, on any core ([`Postings`]), and the
//! export, reading the terms in order, reads each batch from start to end.
//!
//! After an edit, the export updates what it made from the documents that
//! changed ([`Inverted::doc_posting`]) and the statistics and vocabulary
//! are patched from the same documents ([`Inverted::after`]); the postings
//! are inverted again only if something asks for them.

use std::cell::{OnceCell, RefCell};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::tokenizer::MAX_TOKEN_LEN;

use super::analyzer::{each_word, Lang, Stemmers};
use super::document::IndexDoc;
use super::engine::{norm_of, FieldStats, Posting, SearchData};
use super::field::{FieldKey, Part};

/// A term's postings in each field where it occurs.
pub type TermPostings = BTreeMap<FieldKey, Vec<Posting>>;

/// A document's terms in each field, with their positions, and the field's
/// length code.
pub type FieldTerms = BTreeMap<FieldKey, (u8, BTreeMap<String, Vec<u32>>)>;

/// Per field, the documents that can have it and their summed lengths.
type Totals = BTreeMap<FieldKey, (u32, u64)>;

/// Postings asked for so far, by field and term.
type PostingsCache = HashMap<(FieldKey, String), Rc<Vec<Posting>>>;

/// Documents inverted together: enough that a batch's words are stemmed
/// once for many documents, few enough that both cores share the work
/// evenly and a batch's occurrences stay a few megabytes.
pub(crate) const BATCH: usize = 256;

/// The inverted index of a list of search documents, sorted by id: a
/// document's number is its place in the list.
pub struct Inverted {
    docs: Vec<Arc<IndexDoc>>,
    /// Each document's body length code, by number (0 without a body).
    body_codes: Vec<u8>,
    totals: Totals,
    stats: BTreeMap<FieldKey, FieldStats>,
    /// Every surface word with the number of documents it occurs in.
    vocabulary: BTreeMap<String, u32>,
    /// The postings, inverted when first asked for.
    postings: OnceCell<Postings>,
    stemmers: RefCell<Stemmers>,
    cache: RefCell<PostingsCache>,
    /// The terms of the document [`doc_posting`](Self::doc_posting) last
    /// read, by number: an edit asks for many of one document's terms.
    last_doc: RefCell<Option<(u32, FieldTerms)>>,
}

/// What an index keeps for the next build's: its documents, the field
/// lengths and the vocabulary.
pub struct Kept {
    docs: Vec<Arc<IndexDoc>>,
    body_codes: Vec<u8>,
    totals: Totals,
    vocabulary: BTreeMap<String, u32>,
}

impl Inverted {
    /// The index of `docs`, sorted by id as a build makes them.
    pub fn of(docs: Vec<Arc<IndexDoc>>) -> Inverted {
        debug_assert!(docs.windows(2).all(|w| w[0].id < w[1].id));
        let inverters = invert(&docs);
        Inverted::of_inverted(docs, inverters)
    }

    /// The index of `docs` from the inverters of their batches.
    fn of_inverted(docs: Vec<Arc<IndexDoc>>, mut inverters: Vec<Inverter>) -> Inverted {
        let mut body_codes = vec![0; docs.len()];
        for batch in inverters.iter_mut().flat_map(|inverter| &mut inverter.batches) {
            let codes = std::mem::take(&mut batch.body_codes);
            body_codes[batch.first as usize..][..codes.len()].copy_from_slice(&codes);
        }
        let mut totals = Totals::new();
        let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
        for inverter in &inverters {
            for (&key, &(docs, total)) in &inverter.totals {
                let sum = totals.entry(key).or_default();
                sum.0 += docs;
                sum.1 += total;
            }
            for (word, entry) in inverter.words.iter() {
                if entry.docs > 0 {
                    *counts.entry(word).or_default() += entry.docs;
                }
            }
        }
        let mut vocabulary: Vec<(&str, u32)> = counts.into_iter().collect();
        vocabulary.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        let vocabulary = vocabulary
            .into_iter()
            .map(|(word, count)| (word.to_string(), count))
            .collect();
        Inverted {
            stats: stats_of(&totals),
            totals,
            vocabulary,
            body_codes,
            postings: OnceCell::from(Postings::of(inverters)),
            stemmers: RefCell::new(Stemmers::default()),
            cache: RefCell::new(HashMap::new()),
            last_doc: RefCell::new(None),
            docs,
        }
    }

    /// The index of `docs` (sorted by id, with the content hashes
    /// `hashes`), patched from what the index of the previous build kept
    /// (its documents having had the content hashes `before`):
    /// the statistics and the vocabulary are patched from the documents
    /// added, removed or changed alone; the postings are inverted when
    /// first asked for (an edit's export asks only for the changed
    /// documents' own, [`doc_posting`](Self::doc_posting)).
    pub fn after(kept: Kept, before: &[u64], docs: Vec<Arc<IndexDoc>>, hashes: &[u64]) -> Inverted {
        let Kept {
            docs: old,
            body_codes: old_codes,
            mut totals,
            mut vocabulary,
        } = kept;
        let (gone, came) = differences(&old, before, &docs, hashes);
        let changed: Vec<(i32, &IndexDoc)> = gone
            .into_iter()
            .map(|doc| (-1, doc))
            .chain(came.into_iter().map(|doc| (1, doc)))
            .collect();
        // An edit's few documents on this thread (handed to rayon beside
        // the pages being rendered, they would wait for a long job); a
        // title edit of an entry thousands cite on every core.
        let counted: Vec<(i32, Counted)> = if changed.len() <= FEW_CHANGED {
            changed.iter().map(|&(sign, doc)| (sign, Counted::of(doc))).collect()
        } else {
            changed
                .par_iter()
                .map(|&(sign, doc)| (sign, Counted::of(doc)))
                .collect()
        };
        let mut came_codes: HashMap<&str, u8> = HashMap::new();
        for (sign, counted) in counted {
            if sign > 0 {
                came_codes.insert(counted.id, counted.body_code());
            }
            for (field, norm_id) in counted.lengths {
                add_length(&mut totals, field, norm_id, sign);
            }
            for word in counted.words {
                match vocabulary.entry(word) {
                    Entry::Occupied(mut held) => {
                        let count = held.get_mut();
                        *count = count.wrapping_add_signed(sign);
                        if *count == 0 {
                            held.remove();
                        }
                    }
                    Entry::Vacant(place) if sign > 0 => {
                        place.insert(1);
                    }
                    // A word no document had cannot leave with one.
                    Entry::Vacant(_) => {}
                }
            }
        }
        totals.retain(|_, (docs, _)| *docs > 0);
        // A document that did not change has the code it had: at the same
        // number, unless entries came or went.
        let body_codes = docs
            .iter()
            .enumerate()
            .map(|(number, doc)| match came_codes.get(doc.id.as_str()) {
                Some(&code) => code,
                None if old.get(number).is_some_and(|d| d.id == doc.id) => old_codes[number],
                None => old
                    .binary_search_by(|d| d.id.cmp(&doc.id))
                    .map_or(0, |at| old_codes[at]),
            })
            .collect();
        Inverted {
            stats: stats_of(&totals),
            totals,
            vocabulary,
            body_codes,
            postings: OnceCell::new(),
            stemmers: RefCell::new(Stemmers::default()),
            cache: RefCell::new(HashMap::new()),
            last_doc: RefCell::new(None),
            docs,
        }
    }

    /// What the next build's index is patched from.
    pub fn keep(self) -> Kept {
        Kept {
            docs: self.docs,
            body_codes: self.body_codes,
            totals: self.totals,
            vocabulary: self.vocabulary,
        }
    }

    /// The documents, sorted by id.
    pub fn docs(&self) -> &[Arc<IndexDoc>] {
        &self.docs
    }

    /// Each document's body length code (tantivy's field norm id), by
    /// number; 0 for a document without a body.
    pub fn body_codes(&self) -> &[u8] {
        &self.body_codes
    }

    /// Drops the documents' body text, which nothing reads once the texts
    /// of the export are made (a single build, where it is the largest
    /// part of the documents). The postings are inverted first, since they
    /// are made from it. Documents shared with a cache keep theirs.
    pub fn drop_body_texts(&mut self) {
        self.postings_table();
        for doc in self.docs.iter_mut().filter_map(Arc::get_mut) {
            doc.blocks = Vec::new();
        }
    }

    /// Every term's postings, inverted the first time they are asked for.
    pub fn postings_table(&self) -> &Postings {
        self.postings.get_or_init(|| Postings::of(invert(&self.docs)))
    }

    /// Calls `visit` with every term of the searchable fields, in order,
    /// and its postings in each field, each list sorted by document.
    pub fn each_term(&self, visit: &mut dyn FnMut(&str, TermPostings)) {
        let postings = self.postings_table();
        for (ranks, runs) in postings.every_run() {
            for rank in ranks {
                visit(postings.term(rank), runs.unpack(rank));
            }
        }
    }

    /// The indexed term of a normalised word in `lang`.
    pub fn stem(&self, lang: Lang, word: &str) -> String {
        self.stemmers.borrow_mut().stem(lang, word)
    }

    /// Every surface word with the number of documents it occurs in.
    pub fn vocabulary(&self) -> &BTreeMap<String, u32> {
        &self.vocabulary
    }

    /// Whether some document has this surface word.
    pub fn has_surface_word(&self, word: &str) -> bool {
        self.vocabulary.contains_key(word)
    }

    /// Field statistics over the documents that can have each field: those
    /// of its language (all documents for `meta`). Averages use the
    /// quantised lengths, as scoring does.
    pub fn all_stats(&self) -> &BTreeMap<FieldKey, FieldStats> {
        &self.stats
    }

    /// A term's postings in those of `fields` where it occurs.
    pub fn term_postings_in(&self, term: &str, fields: &BTreeSet<FieldKey>) -> TermPostings {
        let postings = self.postings_table();
        let mut found = postings
            .rank_of(term)
            .map(|rank| postings.unpack(rank))
            .unwrap_or_default();
        found.retain(|field, _| fields.contains(field));
        found
    }

    /// A document's terms in each of its fields, with their positions, and
    /// the field's length code: what its postings hold of it.
    pub fn field_terms(&self, doc: &IndexDoc) -> FieldTerms {
        doc_terms(doc, &mut self.stemmers.borrow_mut())
    }

    /// Document `number`'s posting of `term` in field `key`, if it has the
    /// term there, made from the document alone.
    pub fn doc_posting(&self, number: u32, key: FieldKey, term: &str) -> Option<Posting> {
        let mut last = self.last_doc.borrow_mut();
        if last.as_ref().is_none_or(|(n, _)| *n != number) {
            *last = Some((number, self.field_terms(self.docs.get(number as usize)?)));
        }
        let (_, terms) = last.as_ref()?;
        let (norm_id, terms) = terms.get(&key)?;
        Some(Posting {
            doc: number,
            norm_id: *norm_id,
            positions: terms.get(term)?.clone(),
        })
    }
}

/// The documents gone from `old` (with their content hashes `before`) and
/// come into `new` (`after`), a changed document being both.
fn differences<'a>(
    old: &'a [Arc<IndexDoc>],
    before: &[u64],
    new: &'a [Arc<IndexDoc>],
    after: &[u64],
) -> (Vec<&'a IndexDoc>, Vec<&'a IndexDoc>) {
    let (mut gone, mut came) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    loop {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if a.id == b.id => {
                if before.get(i) != after.get(j) {
                    gone.push(&**a);
                    came.push(&**b);
                }
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a.id < b.id => {
                gone.push(&**a);
                i += 1;
            }
            (Some(a), None) => {
                gone.push(&**a);
                i += 1;
            }
            (_, Some(b)) => {
                came.push(&**b);
                j += 1;
            }
            (None, None) => return (gone, came),
        }
    }
}

/// Field statistics from the documents and summed lengths of each field.
fn stats_of(totals: &Totals) -> BTreeMap<FieldKey, FieldStats> {
    totals
        .iter()
        .map(|(&key, &(docs, total))| {
            let average_norm = total as f64 / f64::from(docs);
            (key, FieldStats { docs, average_norm })
        })
        .collect()
}

/// Adds (or, with `sign` −1, takes away) a document's field length.
fn add_length(totals: &mut Totals, field: FieldKey, norm_id: u8, sign: i32) {
    let (docs, total) = totals.entry(field).or_default();
    *docs = docs.wrapping_add_signed(sign);
    *total = total.wrapping_add_signed(i64::from(sign) * i64::from(norm_of(norm_id)));
}

// A term's set of fields is packed as the bits of a `u32`, by field code:
// every text field and `meta` need a bit each.
const _: () = assert!(Lang::ALL.len() * Part::ALL.len() < u32::BITS as usize);

/// The searchable fields in their fixed order: a field's code in a packed
/// postings list is its place here.
fn field_keys() -> &'static [FieldKey] {
    static KEYS: std::sync::OnceLock<Vec<FieldKey>> = std::sync::OnceLock::new();
    KEYS.get_or_init(FieldKey::all)
}

/// The code of a field: its place among [`field_keys`].
fn code_of(field: FieldKey) -> u32 {
    field_keys().iter().position(|&key| key == field).unwrap_or_default() as u32
}

/// The term of `word` in `field` of a document in `lang`: its stem in a
/// text field, the word itself in `meta`; `None` when longer than an
/// index term may be.
fn term_of(word: &str, field: FieldKey, lang: Lang, stemmers: &mut Stemmers) -> Option<String> {
    let term = match field {
        FieldKey::Text(..) => stemmers.stem(lang, word),
        FieldKey::Meta => word.to_string(),
    };
    (term.len() <= MAX_TOKEN_LEN).then_some(term)
}

/// One document's terms in each field, with their positions and the
/// field's length code: the document alone, as a batch inverts it (a test
/// holds the two alike).
fn doc_terms(doc: &IndexDoc, stemmers: &mut Stemmers) -> FieldTerms {
    let lang = doc.lang();
    let mut fields = FieldTerms::new();
    for (field, text) in doc.field_texts() {
        let mut terms: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut length = 0;
        each_word(&text, &mut |word, position| {
            if let Some(term) = term_of(word, field, lang, stemmers) {
                terms.entry(term).or_default().push(position);
                length += 1;
            }
        });
        fields.insert(field, (FieldNormReader::fieldnorm_to_id(length), terms));
    }
    fields
}

/// Up to this many changed documents are counted on the calling thread.
const FEW_CHANGED: usize = 64;

/// What a document adds to the statistics and the vocabulary: each field's
/// length code, and its distinct surface words. The same as
/// [`doc_terms`] finds, without its terms and positions.
struct Counted<'d> {
    id: &'d str,
    lengths: Vec<(FieldKey, u8)>,
    words: FxHashSet<String>,
}

impl<'d> Counted<'d> {
    /// The body's length code, 0 without a body.
    fn body_code(&self) -> u8 {
        let body = self.lengths.iter().find(|(field, _)| field.is_body());
        body.map_or(0, |&(_, code)| code)
    }

    fn of(doc: &'d IndexDoc) -> Counted<'d> {
        let lang = doc.lang();
        let mut words = FxHashSet::default();
        let mut stemmers: Option<Stemmers> = None;
        let lengths = doc
            .field_texts()
            .into_iter()
            .map(|(field, text)| {
                let mut length = 0;
                each_word(&text, &mut |word, _| {
                    if word.len() <= MAX_TOKEN_LEN && !words.contains(word) {
                        words.insert(word.to_string());
                    }
                    // No stemmer makes a word twice as long: only a word
                    // near the limit needs its term to be found.
                    let kept = word.len() <= MAX_TOKEN_LEN / 2
                        || term_of(word, field, lang, stemmers.get_or_insert_with(Stemmers::default)).is_some();
                    if kept {
                        length += 1;
                    }
                });
                (field, FieldNormReader::fieldnorm_to_id(length))
            })
            .collect();
        Counted {
            id: doc.id.as_str(),
            lengths,
            words,
        }
    }
}

/// The words a core has met, each with its [`WordEntry`]. Looked up once
/// per occurrence, so a word short enough is held in the table itself,
/// where comparing it reads no other memory: a third of the time of the
/// lookups, in a table of hundreds of thousands of words, went to reading
/// each candidate's text from where it was allocated.
#[derive(Default)]
struct WordTable {
    short: FxHashMap<ShortWord, WordEntry>,
    long: FxHashMap<Box<str>, WordEntry>,
}

impl WordTable {
    /// The entry of `word`, made if it is new.
    fn entry(&mut self, word: &str) -> &mut WordEntry {
        match ShortWord::of(word) {
            Some(short) => self.short.entry(short).or_insert_with(WordEntry::new),
            // Allocated at each occurrence, as the entry API wants its key
            // owned; 23 bytes hold most words (23 Latin letters, 11
            // Cyrillic or Arabic ones).
            None => self.long.entry(word.into()).or_insert_with(WordEntry::new),
        }
    }

    /// Every word with its entry, in no order.
    fn iter(&self) -> impl Iterator<Item = (&str, &WordEntry)> {
        let short = self.short.iter().map(|(word, entry)| (word.as_str(), entry));
        short.chain(self.long.iter().map(|(word, entry)| (&**word, entry)))
    }
}

/// A word of at most [`ShortWord::MAX`] bytes, held in place: its bytes,
/// zeros after them, and its length in the last byte.
#[derive(PartialEq, Eq)]
struct ShortWord([u8; ShortWord::MAX + 1]);

impl ShortWord {
    const MAX: usize = 23;

    fn of(word: &str) -> Option<ShortWord> {
        let bytes = word.as_bytes();
        (bytes.len() <= Self::MAX).then(|| {
            let mut held = [0; Self::MAX + 1];
            held[..bytes.len()].copy_from_slice(bytes);
            held[Self::MAX] = bytes.len() as u8;
            ShortWord(held)
        })
    }

    fn as_str(&self) -> &str {
        let bytes = &self.0[..usize::from(self.0[Self::MAX])];
        // Made from a `str` by `of`, so always valid.
        std::str::from_utf8(bytes).unwrap_or_default()
    }
}

impl std::hash::Hash for ShortWord {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for chunk in self.0.chunks_exact(8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            state.write_u64(u64::from_ne_bytes(word));
        }
    }
}

/// No term yet for a word in a language (see [`WordEntry`]).
const UNSET: u32 = u32::MAX;
/// No term at all: longer than an index term may be.
const DROPPED: u32 = u32::MAX - 1;

/// A word of a batch: its term's number in each language and in `meta`,
/// found the first time it is needed, and how many of the batch's
/// documents hold it.
struct WordEntry {
    terms: [u32; Lang::ALL.len() + 1],
    docs: u32,
    /// The last document counted in `docs` (plus one; 0 for none).
    last_doc: u32,
}

impl WordEntry {
    fn new() -> Self {
        WordEntry {
            terms: [UNSET; Lang::ALL.len() + 1],
            docs: 0,
            last_doc: 0,
        }
    }
}

/// Inverts `docs` in batches on every core, each core's batches sharing
/// one table of words and terms (so that a word is stemmed, and a term
/// held, once per core, not once per batch).
fn invert(docs: &[Arc<IndexDoc>]) -> Vec<Inverter> {
    let inverters = inverters();
    docs.par_chunks(BATCH).enumerate().for_each(|(n, batch)| {
        invert_batch(&inverters, n * BATCH, batch);
    });
    into_inverters(inverters)
}

/// An index made a chunk of documents at a time, each batch's body text
/// dropped once it is inverted: a single build makes its documents, writes
/// their texts and inverts them a chunk at a time, so that it holds the
/// body text of one chunk at most. The index is the one
/// [`Inverted::of`] makes of all the documents.
pub struct Inversion {
    inverters: Vec<Mutex<Inverter>>,
    docs: Vec<Arc<IndexDoc>>,
}

impl Default for Inversion {
    fn default() -> Self {
        Inversion {
            inverters: inverters(),
            docs: Vec::new(),
        }
    }
}

impl Inversion {
    /// Inverts `docs`, the next documents by id, dropping each batch's
    /// body text once it is inverted (documents shared with a cache keep
    /// theirs). Every chunk but the last holds a multiple of [`BATCH`]
    /// documents, so that the batches are those of the whole list.
    pub fn add_dropping_bodies(&mut self, mut docs: Vec<Arc<IndexDoc>>) {
        let first = self.docs.len();
        debug_assert!(first.is_multiple_of(BATCH), "a chunk of whole batches came before");
        debug_assert!(self
            .docs
            .last()
            .into_iter()
            .chain(&docs)
            .is_sorted_by(|a, b| a.id < b.id));
        let inverters = &self.inverters;
        docs.par_chunks_mut(BATCH).enumerate().for_each(|(n, batch)| {
            invert_batch(inverters, first + n * BATCH, batch);
            for doc in batch.iter_mut().filter_map(Arc::get_mut) {
                doc.blocks = Vec::new();
            }
        });
        self.docs.append(&mut docs);
    }

    /// The index of every document added.
    pub fn finish(self) -> Inverted {
        Inverted::of_inverted(self.docs, into_inverters(self.inverters))
    }
}

/// One inverter per thread of the pool (and one for a caller outside it),
/// each locked only by its own thread.
fn inverters() -> Vec<Mutex<Inverter>> {
    (0..=rayon::current_num_threads()).map(|_| Mutex::default()).collect()
}

/// Inverts a batch of documents, the first numbered `first`, with the
/// inverter of the thread it runs on.
fn invert_batch(inverters: &[Mutex<Inverter>], first: usize, batch: &[Arc<IndexDoc>]) {
    let thread = rayon::current_thread_index().map_or(0, |index| index + 1);
    let mut inverter = inverters[thread.min(inverters.len() - 1)]
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    inverter.add(first as u32, batch);
}

/// The inverters that inverted some batch.
fn into_inverters(inverters: Vec<Mutex<Inverter>>) -> Vec<Inverter> {
    inverters
        .into_iter()
        .map(|inverter| inverter.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner()))
        .filter(|inverter| !inverter.batches.is_empty())
        .collect()
}

/// Batches being inverted, with their words and terms.
#[derive(Default)]
struct Inverter {
    stemmers: Stemmers,
    words: WordTable,
    term_numbers: FxHashMap<Box<str>, u32>,
    terms: Vec<Box<str>>,
    totals: Totals,
    batches: Vec<Batch>,
}

impl Inverter {
    /// Inverts `docs`, the first numbered `first`.
    fn add(&mut self, first: u32, docs: &[Arc<IndexDoc>]) {
        let fields = field_keys().len() as u32;
        let mut norms = vec![0u8; docs.len() * fields as usize];
        let mut body_codes = Vec::with_capacity(docs.len());
        // Every occurrence: (term, document and field slot, position), in
        // document, field and position order.
        let mut occurrences: Vec<(u32, u32, u32)> = Vec::new();
        let Inverter {
            stemmers,
            words,
            term_numbers,
            terms,
            totals,
            ..
        } = self;
        for (local, doc) in docs.iter().enumerate() {
            let number = first + local as u32;
            let lang = doc.lang();
            for (field, text) in doc.field_texts() {
                let column = match field {
                    FieldKey::Text(..) => lang as usize,
                    FieldKey::Meta => Lang::ALL.len(),
                };
                let slot = local as u32 * fields + code_of(field);
                let mut length = 0;
                each_word(&text, &mut |word, position| {
                    let entry = words.entry(word);
                    if entry.last_doc != number + 1 && word.len() <= MAX_TOKEN_LEN {
                        entry.last_doc = number + 1;
                        entry.docs += 1;
                    }
                    if entry.terms[column] == UNSET {
                        entry.terms[column] = match term_of(word, field, lang, stemmers) {
                            Some(term) => *term_numbers.entry(term.into()).or_insert_with_key(|term| {
                                terms.push(term.clone());
                                terms.len() as u32 - 1
                            }),
                            None => DROPPED,
                        };
                    }
                    let term = entry.terms[column];
                    if term != DROPPED {
                        occurrences.push((term, slot, position));
                        length += 1;
                    }
                });
                let norm_id = FieldNormReader::fieldnorm_to_id(length);
                norms[slot as usize] = norm_id;
                add_length(totals, field, norm_id, 1);
            }
            let body = local as u32 * fields + code_of(FieldKey::Text(Part::Body, lang));
            body_codes.push(norms[body as usize]);
        }
        let (packed, starts) = pack(terms.len(), &occurrences, &norms, fields);
        self.batches.push(Batch {
            first,
            packed,
            starts,
            body_codes,
        });
    }
}

/// Packs each term's occurrences (sorted by term with a counting sort,
/// which keeps their order within a term): the set of the term's fields in
/// the batch, as bits by field code, then runs of: document within the
/// batch, field code, length code, number of positions, position gaps.
/// The set lets [`Postings::fields`] skip the runs.
fn pack(terms: usize, occurrences: &[(u32, u32, u32)], norms: &[u8], fields: u32) -> (Vec<u8>, Vec<u32>) {
    let by_term = occurrences
        .iter()
        .map(|&(term, slot, position)| (term as usize, (slot, position)));
    let (ends, sorted) = bucketed(terms, by_term);
    let mut packed = Vec::with_capacity(occurrences.len() * 2);
    let mut starts = Vec::with_capacity(terms + 1);
    for term in 0..terms {
        starts.push(packed.len() as u32);
        let own = &sorted[ends[term] as usize..ends[term + 1] as usize];
        if own.is_empty() {
            continue;
        }
        let field_set = own.iter().fold(0u32, |set, &(slot, _)| set | 1 << (slot % fields));
        push_number(&mut packed, field_set);
        for run in own.chunk_by(|a, b| a.0 == b.0) {
            let slot = run[0].0;
            push_number(&mut packed, slot / fields);
            push_number(&mut packed, slot % fields);
            packed.push(norms[slot as usize]);
            push_number(&mut packed, run.len() as u32);
            let mut last = 0;
            for &(_, position) in run {
                push_number(&mut packed, position - last);
                last = position;
            }
        }
    }
    starts.push(packed.len() as u32);
    (packed, starts)
}

/// `items` grouped by their bucket, with a counting sort (which keeps their
/// order within a bucket): where each of the `buckets` starts (and, last,
/// where the last ends), and the items. `items` is read twice.
fn bucketed<T: Copy + Default>(buckets: usize, items: impl Iterator<Item = (usize, T)> + Clone) -> (Vec<u32>, Vec<T>) {
    let mut starts = vec![0u32; buckets + 1];
    for (bucket, _) in items.clone() {
        starts[bucket + 1] += 1;
    }
    for n in 1..starts.len() {
        starts[n] += starts[n - 1];
    }
    let mut next = starts.clone();
    let mut sorted = vec![T::default(); starts[buckets] as usize];
    for (bucket, item) in items {
        sorted[next[bucket] as usize] = item;
        next[bucket] += 1;
    }
    (starts, sorted)
}

/// Every term's postings: the terms in order, and the batches' runs, each
/// batch's in term order. A term's runs are found in each batch by its
/// rank (a single term's, as `amicus search` asks), or gathered for many
/// terms at once by one pass over the batches ([`Runs`], as the export
/// reads them): a table of every term's places in the batches, eight
/// bytes for each term in each batch, took two fifths as much memory as
/// the postings themselves (234 MB beside 566 at 50,000 generated
/// entries).
pub struct Postings {
    terms: Vec<Box<str>>,
    batches: Vec<RankedBatch>,
}

/// The packed postings of a batch of documents.
struct Batch {
    /// The number of the batch's first document.
    first: u32,
    /// The runs of the batch's terms, by the inverter's term numbers.
    packed: Vec<u8>,
    /// Where each of the inverter's terms' run starts in `packed` (and,
    /// last, where the last ends): empty for a term the batch lacks.
    starts: Vec<u32>,
    /// Its documents' body length codes, taken by the index.
    body_codes: Vec<u8>,
}

/// A batch's runs again, in term order: the export reads every term's
/// postings in that order, so that each batch is then read from start to
/// end rather than at a place in memory per term.
struct RankedBatch {
    first: u32,
    packed: Vec<u8>,
    /// Where each run starts (and, last, where the last ends).
    starts: Vec<u32>,
    /// The rank of each run's term, ascending.
    ranks: Vec<u32>,
}

impl RankedBatch {
    /// `batch`'s runs, whose terms have the ranks `ranks` (by the
    /// inverter's term numbers), in rank order.
    fn of(batch: Batch, ranks: &[u32]) -> RankedBatch {
        let run = |number: usize| batch.starts[number] as usize..batch.starts[number + 1] as usize;
        let mut held: Vec<(u32, usize)> = (0..batch.starts.len() - 1)
            .filter(|&number| !run(number).is_empty())
            .map(|number| (ranks[number], number))
            .collect();
        held.sort_unstable();
        let mut packed = Vec::with_capacity(batch.packed.len());
        let mut starts = Vec::with_capacity(held.len() + 1);
        for &(_, number) in &held {
            starts.push(packed.len() as u32);
            packed.extend_from_slice(&batch.packed[run(number)]);
        }
        starts.push(packed.len() as u32);
        RankedBatch {
            first: batch.first,
            packed,
            starts,
            ranks: held.into_iter().map(|(rank, _)| rank).collect(),
        }
    }

    /// The run of number `run`, with the number of the batch's first
    /// document.
    fn run(&self, run: usize) -> (u32, &[u8]) {
        (
            self.first,
            &self.packed[self.starts[run] as usize..self.starts[run + 1] as usize],
        )
    }

    /// The numbers of the runs of the terms of `ranks`.
    fn runs_of(&self, ranks: &Range<usize>) -> Range<usize> {
        let at = |rank: usize| self.ranks.partition_point(|&r| (r as usize) < rank);
        at(ranks.start)..at(ranks.end)
    }
}

impl Postings {
    fn of(inverters: Vec<Inverter>) -> Postings {
        let mut all: Vec<&str> = inverters
            .iter()
            .flat_map(|inverter| inverter.terms.iter().map(|term| &**term))
            .collect();
        all.par_sort_unstable();
        all.dedup();
        let rank_of: FxHashMap<&str, u32> = all
            .iter()
            .enumerate()
            .map(|(rank, &term)| (term, rank as u32))
            .collect();
        // Each inverter's term numbers' ranks.
        let ranks: Vec<Vec<u32>> = inverters
            .iter()
            .map(|inverter| inverter.terms.iter().map(|term| rank_of[&**term]).collect())
            .collect();
        let terms: Vec<Box<str>> = all.into_iter().map(Box::from).collect();
        drop(rank_of);
        // The batches in document order, each with its inverter's ranks.
        let mut batches: Vec<(Batch, &[u32])> = inverters
            .into_iter()
            .zip(&ranks)
            .flat_map(|(inverter, ranks)| inverter.batches.into_iter().map(move |batch| (batch, &ranks[..])))
            .collect();
        batches.sort_by_key(|(batch, _)| batch.first);
        let batches = batches
            .into_par_iter()
            .map(|(batch, ranks)| RankedBatch::of(batch, ranks))
            .collect();
        Postings { terms, batches }
    }

    /// How many terms there are.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The term of rank `rank` (in term order).
    pub fn term(&self, rank: usize) -> &str {
        &self.terms[rank]
    }

    /// The rank of `term`, if some document holds it.
    pub fn rank_of(&self, term: &str) -> Option<usize> {
        self.terms.binary_search_by(|t| (**t).cmp(term)).ok()
    }

    /// The rank of the first term from `term` on (the number of terms if
    /// none is).
    pub fn first_rank_from(&self, term: &str) -> usize {
        self.terms.partition_point(|t| &**t < term)
    }

    /// The postings of the term of rank `rank`, in each field, each list
    /// sorted by document (for many terms, [`runs`](Self::runs) first).
    pub fn unpack(&self, rank: usize) -> TermPostings {
        unpack_runs(self.packed(rank))
    }

    /// The fields in which the term of rank `rank` has postings, in
    /// order: the keys [`unpack`](Self::unpack) gives, read without
    /// unpacking the postings.
    pub fn fields(&self, rank: usize) -> Vec<FieldKey> {
        fields_of_runs(self.packed(rank))
    }

    /// The packed postings of the term of rank `rank`, batch by batch in
    /// document order, each with the number of the batch's first document:
    /// looked for in each batch.
    fn packed(&self, rank: usize) -> impl Iterator<Item = (u32, &[u8])> {
        self.batches.iter().filter_map(move |batch| {
            let run = batch.ranks.binary_search(&(rank as u32)).ok()?;
            Some(batch.run(run))
        })
    }

    /// Every term's runs, a few thousand terms at a time: each range of
    /// ranks with its runs ([`runs`](Self::runs)).
    pub fn every_run(&self) -> impl Iterator<Item = (Range<usize>, Runs<'_>)> {
        const AT_ONCE: usize = 4096;
        (0..self.len()).step_by(AT_ONCE).map(|from| {
            let ranks = from..(from + AT_ONCE).min(self.len());
            (ranks.clone(), self.runs(ranks))
        })
    }

    /// The runs of the terms of `ranks`, gathered by term in one pass over
    /// the batches.
    pub fn runs(&self, ranks: Range<usize>) -> Runs<'_> {
        let spans: Vec<Range<usize>> = self.batches.iter().map(|batch| batch.runs_of(&ranks)).collect();
        let places = (self.batches.iter().zip(&spans).enumerate()).flat_map(|(b, (batch, span))| {
            let from = ranks.start;
            span.clone()
                .map(move |run| (batch.ranks[run] as usize - from, (b as u32, run as u32)))
        });
        let (starts, places) = bucketed(ranks.len(), places);
        Runs {
            postings: self,
            from: ranks.start,
            starts,
            places,
        }
    }
}

/// The runs of a range of terms, each term's places in the batches listed
/// in document order ([`Postings::runs`]).
pub struct Runs<'p> {
    postings: &'p Postings,
    /// The rank of the first term.
    from: usize,
    /// Where each term's places start in `places` (and, last, their end).
    starts: Vec<u32>,
    /// (batch, run) for each term.
    places: Vec<(u32, u32)>,
}

impl Runs<'_> {
    /// The postings of the term of rank `rank`, as
    /// [`Postings::unpack`] gives them.
    pub fn unpack(&self, rank: usize) -> TermPostings {
        unpack_runs(self.packed(rank))
    }

    /// The fields of the term of rank `rank`, as [`Postings::fields`]
    /// gives them.
    pub fn fields(&self, rank: usize) -> Vec<FieldKey> {
        fields_of_runs(self.packed(rank))
    }

    fn packed(&self, rank: usize) -> impl Iterator<Item = (u32, &[u8])> {
        let term = rank - self.from;
        let places = &self.places[self.starts[term] as usize..self.starts[term + 1] as usize];
        places
            .iter()
            .map(|&(b, run)| self.postings.batches[b as usize].run(run as usize))
    }
}

/// A term's postings from its packed runs.
fn unpack_runs<'a>(runs: impl Iterator<Item = (u32, &'a [u8])>) -> TermPostings {
    let mut fields = TermPostings::new();
    for (first, bytes) in runs {
        let mut read = Reader { bytes, at: 0 };
        read.number();
        while read.at < bytes.len() {
            let doc = first + read.number();
            let field = field_keys()[read.number() as usize];
            let norm_id = read.byte();
            let count = read.number() as usize;
            let mut positions = Vec::with_capacity(count);
            let mut position = 0;
            for _ in 0..count {
                position += read.number();
                positions.push(position);
            }
            fields.entry(field).or_default().push(Posting {
                doc,
                norm_id,
                positions,
            });
        }
    }
    fields
}

/// A term's fields from the sets ahead of its packed runs.
fn fields_of_runs<'a>(runs: impl Iterator<Item = (u32, &'a [u8])>) -> Vec<FieldKey> {
    let set = runs.fold(0, |set, (_, bytes)| set | Reader { bytes, at: 0 }.number());
    let mut fields: Vec<FieldKey> = (field_keys().iter().enumerate())
        .filter(|&(code, _)| set >> code & 1 == 1)
        .map(|(_, &field)| field)
        .collect();
    fields.sort();
    fields
}

/// Reads LEB128 numbers and bytes from packed postings.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let byte = self.bytes[self.at];
        self.at += 1;
        byte
    }

    fn number(&mut self) -> u32 {
        let mut value = 0u32;
        let mut shift = 0;
        loop {
            let byte = self.byte();
            value |= u32::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return value;
            }
            shift += 7;
        }
    }
}

/// Appends `value` in LEB128.
fn push_number(bytes: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        bytes.push((value as u8) | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

impl SearchData for Inverted {
    fn docs(&self) -> &[Arc<IndexDoc>] {
        &self.docs
    }

    fn stats(&self, field: FieldKey) -> Option<FieldStats> {
        self.stats.get(&field).copied()
    }

    fn postings(&self, field: FieldKey, term: &str) -> Rc<Vec<Posting>> {
        let key = (field, term.to_string());
        if let Some(found) = self.cache.borrow().get(&key) {
            return Rc::clone(found);
        }
        let found = self
            .term_postings_in(term, &BTreeSet::from([field]))
            .remove(&field)
            .unwrap_or_default();
        let found = Rc::new(found);
        self.cache.borrow_mut().insert(key, Rc::clone(&found));
        found
    }

    fn has_word(&self, word: &str) -> bool {
        self.vocabulary.contains_key(word)
    }

    fn words_with_prefix(&self, prefix: &str, limit: usize) -> Vec<String> {
        self.vocabulary
            .range(prefix.to_string()..)
            .take_while(|(w, _)| w.starts_with(prefix))
            .take(limit)
            .map(|(w, _)| w.clone())
            .collect()
    }

    fn word_terms(&self, word: &str) -> Vec<(Lang, String)> {
        let mut terms = Vec::new();
        for lang in Lang::ALL {
            let stem = self.stem(lang, word);
            let present = Part::ALL
                .into_iter()
                .any(|part| !SearchData::postings(self, FieldKey::Text(part, lang), &stem).is_empty());
            if present {
                terms.push((lang, stem));
            }
        }
        terms
    }

    fn similar_words(&self, word: &str) -> Vec<(usize, String)> {
        super::suggest::within_reach(word, self.vocabulary.keys().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::document::TextBlock;

    fn doc(id: &str, lang: &str, title: &str, body: &str) -> Arc<IndexDoc> {
        let mut doc: IndexDoc = serde_json::from_value(serde_json::json!({
            "id": id, "kind": "case", "kind_label": "Case", "url": "a.html", "title": title,
            "short_title": null, "summary": null, "court": "ICC Trial Chamber", "issuer": null,
            "case_number": null, "citation": null, "countries": [], "country_names": [],
            "grounds": [], "crimes": [], "date": "2020", "date_label": "2020", "year": 2020,
            "lang": lang, "blocks": []
        }))
        .unwrap();
        doc.blocks = vec![TextBlock {
            paragraph: None,
            text: body.to_string(),
            anchor: None,
        }];
        Arc::new(doc)
    }

    /// Every document's postings as [`Inverted::each_term`] gives them.
    fn all_terms(index: &Inverted) -> Vec<(String, TermPostings)> {
        let mut terms = Vec::new();
        index.each_term(&mut |term, postings| terms.push((term.to_string(), postings)));
        terms
    }

    fn docs() -> Vec<Arc<IndexDoc>> {
        (0..300)
            .map(|n| {
                let (lang, body) = match n % 3 {
                    0 => ("en", format!("Persecution of women {n}; persecuted women were heard.")),
                    1 => ("fr", format!("Les persécutions des femmes {n}.")),
                    _ => ("de", format!("Verfolgung {n} Frauen")),
                };
                doc(&format!("d{n:03}"), lang, &format!("Title {n}"), &body)
            })
            .collect()
    }

    #[test]
    fn a_terms_fields_are_read_as_unpacking_finds_them() {
        let index = Inverted::of(docs());
        let table = index.postings_table();
        for rank in 0..table.len() {
            let (term, unpacked) = (table.term(rank), table.unpack(rank));
            assert_eq!(table.fields(rank), unpacked.into_keys().collect::<Vec<_>>(), "{term}");
            assert_eq!(table.first_rank_from(term), rank);
            assert_eq!(table.first_rank_from(&format!("{term}\0")), rank + 1);
        }
        assert_eq!(table.first_rank_from(""), 0);
        assert_eq!(table.first_rank_from("\u{10FFFF}"), table.len());
    }

    #[test]
    fn runs_gathered_for_a_range_of_terms_are_each_terms_own() {
        let index = Inverted::of(docs());
        let table = index.postings_table();
        assert!(table.batches.len() > 1, "more than one batch");
        let middle = table.len() / 2;
        for ranks in [
            0..table.len(),
            0..1,
            middle..middle + 7,
            table.len() - 3..table.len(),
            middle..middle,
        ] {
            let runs = table.runs(ranks.clone());
            for rank in ranks {
                let term = table.term(rank);
                assert_eq!(runs.unpack(rank), table.unpack(rank), "{term}");
                assert_eq!(runs.fields(rank), table.fields(rank), "{term}");
                assert!(!runs.unpack(rank).is_empty(), "{term}");
            }
        }
    }

    #[test]
    fn the_batches_merged_hold_each_documents_terms_in_order() {
        let docs = docs();
        let index = Inverted::of(docs.clone());
        let terms = all_terms(&index);
        assert!(terms.windows(2).all(|w| w[0].0 < w[1].0), "terms in order, once each");
        // Gathered document by document instead.
        let mut expected: BTreeMap<String, TermPostings> = BTreeMap::new();
        for (number, doc) in docs.iter().enumerate() {
            for (field, (norm_id, field_terms)) in index.field_terms(doc) {
                for (term, positions) in field_terms {
                    expected
                        .entry(term)
                        .or_default()
                        .entry(field)
                        .or_default()
                        .push(Posting {
                            doc: number as u32,
                            norm_id,
                            positions,
                        });
                }
            }
        }
        assert_eq!(terms, expected.into_iter().collect::<Vec<_>>());
        let persecut = &terms.iter().find(|(t, _)| t == "persecut").unwrap().1;
        let body = &persecut[&FieldKey::Text(Part::Body, Lang::En)];
        assert_eq!(body.len(), 100, "more than one batch");
        assert_eq!((body[0].doc, &body[0].positions[..]), (0, &[0, 4][..]));
        assert_eq!(index.vocabulary()["persecuted"], 100);
        assert_eq!(index.vocabulary()["persecutions"], 100);
        let meta = index.all_stats()[&FieldKey::Meta];
        assert_eq!(meta.docs, 300);
        assert_eq!(index.all_stats()[&FieldKey::Text(Part::Body, Lang::Fr)].docs, 100);
    }

    #[test]
    fn an_index_patched_after_edits_equals_one_made_anew() {
        let before = docs();
        let hashes = |docs: &[Arc<IndexDoc>]| docs.iter().map(|d| d.content_hash()).collect::<Vec<_>>();
        let kept = Inverted::of(before.clone()).keep();
        let mut after = before.clone();
        after[4] = doc("d004", "fr", "Un autre titre", "Mariage forcé");
        after.remove(7);
        after.push(doc("e000", "ru", "Преследование", "преследования женщин"));
        let patched = Inverted::after(kept, &hashes(&before), after.clone(), &hashes(&after));
        let anew = Inverted::of(after.clone());
        assert_eq!(patched.vocabulary(), anew.vocabulary());
        assert_eq!(patched.all_stats(), anew.all_stats());
        assert_eq!(all_terms(&patched), all_terms(&anew));
        assert!(!patched.has_surface_word("verfolgung7"));
        assert_eq!(
            patched.doc_posting(4, FieldKey::Text(Part::Body, Lang::Fr), "forc"),
            Some(Posting {
                doc: 4,
                norm_id: 2,
                positions: vec![1]
            })
        );
    }

    #[test]
    fn an_index_patched_after_many_edits_equals_one_made_anew() {
        let before = docs();
        let hashes = |docs: &[Arc<IndexDoc>]| docs.iter().map(|d| d.content_hash()).collect::<Vec<_>>();
        let kept = Inverted::of(before.clone()).keep();
        // More than are counted on the calling thread, as a title edit of
        // an entry many cite changes the documents citing it.
        let after: Vec<Arc<IndexDoc>> = before
            .iter()
            .enumerate()
            .map(|(n, d)| match n % 3 {
                0 => doc(&d.id, "en", "Retitled", &format!("Persecution retitled {n}")),
                _ => Arc::clone(d),
            })
            .collect();
        let patched = Inverted::after(kept, &hashes(&before), after.clone(), &hashes(&after));
        let anew = Inverted::of(after);
        assert_eq!(patched.vocabulary(), anew.vocabulary());
        assert_eq!(patched.all_stats(), anew.all_stats());
        assert!(
            !patched.has_surface_word("heard"),
            "a word gone with the last document holding it"
        );
    }

    #[test]
    fn a_term_longer_than_an_index_term_may_be_is_left_out_keeping_its_place() {
        let long = "a".repeat(MAX_TOKEN_LEN + 1);
        let index = Inverted::of(vec![doc("a", "de", "t", &format!("one {long} two"))]);
        let body = FieldKey::Text(Part::Body, Lang::Other);
        assert_eq!(index.postings(body, "two")[0].positions, [2]);
        assert_eq!(index.postings(body, "two")[0].norm_id, 2, "two words counted");
        assert!(index.postings(body, &long).is_empty());
        assert!(!index.has_surface_word(&long));
    }
}
