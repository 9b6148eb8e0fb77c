//! A consistent view of the tantivy index for the engine and the export:
//! documents numbered by their place among the entries sorted by id (so
//! numbers never depend on tantivy's segments or on the order of updates),
//! postings read from tantivy's inverted index, field statistics from its
//! field norms, and the vocabulary from the `words` field.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};
use std::rc::Rc;
use std::sync::Arc;

use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, Term, TERMINATED};

use super::analyzer::{Lang, Stemmers};
use super::document::IndexDoc;
use super::engine::{norm_of, FieldStats, Posting, SearchData};
use super::error::SearchError;
use super::field::FieldKey;
use super::index::SearchIndex;

/// A term's postings in each field where it occurs.
pub type TermPostings = BTreeMap<FieldKey, Vec<Posting>>;

/// Postings read so far, by field and term.
type PostingsCache = HashMap<(FieldKey, String), Rc<Vec<Posting>>>;

/// A document's number and where tantivy holds it.
#[derive(Clone, Copy)]
pub struct DocAt {
    pub number: u32,
    segment: usize,
    doc: DocId,
}

pub struct Snapshot {
    searcher: Searcher,
    text_fields: BTreeMap<FieldKey, Field>,
    docs: Vec<Arc<IndexDoc>>,
    /// Per segment, per tantivy doc id: the document's number.
    numbers: Vec<Vec<Option<u32>>>,
    stats: BTreeMap<FieldKey, FieldStats>,
    /// Every surface word with the number of documents it occurs in.
    vocabulary: std::cell::OnceCell<BTreeMap<String, u32>>,
    words_field: Field,
    stemmers: RefCell<Stemmers>,
    cache: RefCell<PostingsCache>,
}

impl Snapshot {
    /// The snapshot of an index, its entries read from the index.
    pub fn of(index: &SearchIndex) -> Result<Snapshot, SearchError> {
        let docs = index.stored_docs()?;
        Self::with_docs(index, docs)
    }

    /// The snapshot of an index known to hold exactly `docs` (just updated
    /// with them), which spares reading every entry back.
    pub fn with_docs(index: &SearchIndex, mut docs: Vec<Arc<IndexDoc>>) -> Result<Snapshot, SearchError> {
        index.reader.reload()?;
        let searcher = index.reader.searcher();
        docs.sort_by(|a, b| a.id.cmp(&b.id));
        let numbers = numbers_of(&searcher, index.fields.id, &docs)?;
        let mut snapshot = Snapshot {
            searcher,
            text_fields: index.fields.text.clone(),
            docs,
            numbers,
            stats: BTreeMap::new(),
            vocabulary: std::cell::OnceCell::new(),
            words_field: index.fields.words,
            stemmers: RefCell::new(Stemmers::default()),
            cache: RefCell::new(HashMap::new()),
        };
        snapshot.stats = snapshot.field_stats()?;
        Ok(snapshot)
    }

    /// Drops the documents' body text, which nothing reads once the texts
    /// of the export are made (a single build, where it is the largest
    /// part of the documents). Documents shared with a cache keep theirs.
    pub fn drop_body_texts(&mut self) {
        for doc in self.docs.iter_mut().filter_map(Arc::get_mut) {
            doc.blocks = Vec::new();
        }
    }

    /// Field statistics over the documents that can have the field: those
    /// of its language (all documents for `meta`). Averages use tantivy's
    /// quantised lengths, as scoring does.
    fn field_stats(&self) -> Result<BTreeMap<FieldKey, FieldStats>, SearchError> {
        // One pass over the documents, each language worked out once: the
        // statistics are taken again after every edit.
        let langs: Vec<Lang> = self.docs.iter().map(|doc| doc.lang()).collect();
        let mut totals: BTreeMap<FieldKey, (u32, u64)> = BTreeMap::new();
        for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            let norms = self
                .text_fields
                .iter()
                .map(|(&key, &field)| Ok((key, segment.get_fieldnorms_reader(field)?)))
                .collect::<Result<Vec<_>, SearchError>>()?;
            for doc in segment.doc_ids_alive() {
                let Some(number) = self.numbers[ord][doc as usize] else {
                    continue;
                };
                let lang = langs[number as usize];
                for (key, norms) in &norms {
                    if *key == FieldKey::Meta || *key == FieldKey::Text(part_of(*key), lang) {
                        let (docs, total) = totals.entry(*key).or_default();
                        *docs += 1;
                        *total += u64::from(norm_of(norms.fieldnorm_id(doc)));
                    }
                }
            }
        }
        let stats = totals
            .into_iter()
            .map(|(key, (docs, total))| {
                let average_norm = total as f64 / f64::from(docs);
                (key, FieldStats { docs, average_norm })
            })
            .collect();
        Ok(stats)
    }

    fn surface_words(&self, field: Field) -> Result<BTreeMap<String, u32>, SearchError> {
        let mut words: BTreeMap<String, u32> = BTreeMap::new();
        self.walk_terms(field, IndexRecordOption::Basic, &mut |term, postings| {
            if !postings.is_empty() {
                *words.entry(term.to_string()).or_insert(0) += postings.len() as u32;
            }
        })?;
        Ok(words)
    }

    /// Calls `visit` with every term of `field` and its live postings (in
    /// one segment at a time).
    fn walk_terms(
        &self,
        field: Field,
        record: IndexRecordOption,
        visit: &mut dyn FnMut(&str, Vec<Posting>),
    ) -> Result<(), SearchError> {
        for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            let inverted = segment.inverted_index(field)?;
            let norms = segment.get_fieldnorms_reader(field)?;
            let mut terms = inverted.terms().stream()?;
            while terms.advance() {
                let Ok(term) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                let mut postings = inverted.read_postings_from_terminfo(terms.value(), record)?;
                let found = self.collect(ord, &mut postings, &|doc| norms.fieldnorm_id(doc), record);
                visit(term, found);
            }
        }
        Ok(())
    }

    fn collect(
        &self,
        ord: usize,
        postings: &mut tantivy::postings::SegmentPostings,
        norm_id: &dyn Fn(DocId) -> u8,
        record: IndexRecordOption,
    ) -> Vec<Posting> {
        let mut found = Vec::new();
        let mut positions = Vec::new();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if let Some(number) = self.numbers[ord].get(doc as usize).copied().flatten() {
                positions.clear();
                if record.has_positions() {
                    postings.positions(&mut positions);
                }
                found.push(Posting {
                    doc: number,
                    norm_id: norm_id(doc),
                    positions: positions.clone(),
                });
            }
            doc = postings.advance();
        }
        found
    }

    /// Calls `visit` with every term of the searchable fields, in order,
    /// and its postings in each field, each list sorted by document: what
    /// the export writes. The term dictionaries of every field and segment
    /// are merged as they are read, so that only one term's postings are in
    /// memory at a time.
    pub fn each_term(&self, visit: &mut dyn FnMut(&str, TermPostings)) -> Result<(), SearchError> {
        let record = IndexRecordOption::WithFreqsAndPositions;
        let mut readers = Vec::new();
        for (&key, &field) in &self.text_fields {
            for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
                readers.push((
                    key,
                    ord,
                    segment.inverted_index(field)?,
                    segment.get_fieldnorms_reader(field)?,
                ));
            }
        }
        let mut streams = Vec::with_capacity(readers.len());
        for (_, _, inverted, _) in &readers {
            streams.push(inverted.terms().stream()?);
        }
        // The streams by their current key, smallest first: a term costs the
        // streams that hold it, not every field of every segment.
        let mut heads: BinaryHeap<Reverse<(Vec<u8>, usize)>> = BinaryHeap::new();
        for (i, stream) in streams.iter_mut().enumerate() {
            if stream.advance() {
                heads.push(Reverse((stream.key().to_vec(), i)));
            }
        }
        while let Some(Reverse((term, first))) = heads.pop() {
            let mut holding = vec![first];
            while heads.peek().is_some_and(|Reverse((key, _))| *key == term) {
                if let Some(Reverse((_, i))) = heads.pop() {
                    holding.push(i);
                }
            }
            // In the order of the readers, so that postings of one field
            // from several segments are joined in the same order always.
            holding.sort_unstable();
            let mut fields = TermPostings::new();
            for &i in &holding {
                let (key, ord, inverted, norms) = &readers[i];
                let mut postings = inverted.read_postings_from_terminfo(streams[i].value(), record)?;
                let found = self.collect(*ord, &mut postings, &|doc| norms.fieldnorm_id(doc), record);
                if !found.is_empty() {
                    fields.entry(*key).or_default().extend(found);
                }
                if streams[i].advance() {
                    heads.push(Reverse((streams[i].key().to_vec(), i)));
                }
            }
            let Ok(term) = std::str::from_utf8(&term) else {
                continue;
            };
            if !fields.is_empty() {
                for postings in fields.values_mut() {
                    postings.sort_by_key(|p| p.doc);
                }
                visit(term, fields);
            }
        }
        Ok(())
    }

    /// The indexed term of a normalised word in `lang`.
    pub fn stem(&self, lang: Lang, word: &str) -> String {
        self.stemmers.borrow_mut().stem(lang, word)
    }

    /// Every surface word with the number of documents it occurs in, read
    /// from the index the first time it is asked for.
    pub fn vocabulary(&self) -> &BTreeMap<String, u32> {
        // A term dictionary that read fine for the postings reads fine here.
        self.vocabulary
            .get_or_init(|| self.surface_words(self.words_field).unwrap_or_default())
    }

    /// Whether some document has this surface word, without reading the
    /// whole vocabulary.
    pub fn has_surface_word(&self, word: &str) -> bool {
        if let Some(vocabulary) = self.vocabulary.get() {
            return vocabulary.contains_key(word);
        }
        let term = Term::from_field_text(self.words_field, word);
        self.searcher
            .segment_readers()
            .iter()
            .enumerate()
            .any(|(ord, segment)| {
                let Ok(inverted) = segment.inverted_index(self.words_field) else {
                    return false;
                };
                let Ok(Some(mut postings)) = inverted.read_postings(&term, IndexRecordOption::Basic) else {
                    return false;
                };
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if self.numbers[ord].get(doc as usize).copied().flatten().is_some() {
                        return true;
                    }
                    doc = postings.advance();
                }
                false
            })
    }

    pub fn all_stats(&self) -> &BTreeMap<FieldKey, FieldStats> {
        &self.stats
    }

    /// A term's postings in those of `fields` where it occurs.
    pub fn term_postings_in(&self, term: &str, fields: &BTreeSet<FieldKey>) -> TermPostings {
        fields
            .iter()
            .map(|&key| (key, self.read_postings(key, term)))
            .filter(|(_, postings)| !postings.is_empty())
            .collect()
    }

    /// Where document `number` is in tantivy, to read its postings alone.
    pub fn locate(&self, number: u32) -> Option<DocAt> {
        self.numbers.iter().enumerate().find_map(|(segment, numbers)| {
            let doc = numbers.iter().position(|&n| n == Some(number))?;
            Some(DocAt {
                number,
                segment,
                doc: doc as DocId,
            })
        })
    }

    /// A document's posting of `term` in field `key`, if it has the term
    /// there, read by seeking to it in its segment's postings.
    pub fn doc_posting(&self, at: DocAt, key: FieldKey, term: &str) -> Result<Option<Posting>, SearchError> {
        let Some(&field) = self.text_fields.get(&key) else {
            return Ok(None);
        };
        let segment = self.searcher.segment_reader(at.segment as u32);
        let record = IndexRecordOption::WithFreqsAndPositions;
        let Some(mut postings) = segment
            .inverted_index(field)?
            .read_postings(&Term::from_field_text(field, term), record)?
        else {
            return Ok(None);
        };
        // `seek` asks not to be sent back: its first document may be past.
        if postings.doc() > at.doc || postings.seek(at.doc) != at.doc {
            return Ok(None);
        }
        let mut positions = Vec::new();
        postings.positions(&mut positions);
        Ok(Some(Posting {
            doc: at.number,
            norm_id: segment.get_fieldnorms_reader(field)?.fieldnorm_id(at.doc),
            positions,
        }))
    }

    fn read_postings(&self, key: FieldKey, term: &str) -> Vec<Posting> {
        let Some(&field) = self.text_fields.get(&key) else {
            return Vec::new();
        };
        let term = Term::from_field_text(field, term);
        let mut found = Vec::new();
        for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            let (Ok(inverted), Ok(norms)) = (segment.inverted_index(field), segment.get_fieldnorms_reader(field))
            else {
                continue;
            };
            if let Ok(Some(mut postings)) = inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions) {
                found.extend(self.collect(
                    ord,
                    &mut postings,
                    &|doc| norms.fieldnorm_id(doc),
                    IndexRecordOption::WithFreqsAndPositions,
                ));
            }
        }
        found.sort_by_key(|p| p.doc);
        found
    }
}

/// Per segment, per tantivy doc id: the number of the document, read from
/// the id field's terms (not from the stored entries, which are large).
/// Each entry is counted once, at its first live document, even if an
/// interrupted update left it indexed twice.
fn numbers_of(
    searcher: &Searcher,
    id_field: Field,
    docs: &[Arc<IndexDoc>],
) -> Result<Vec<Vec<Option<u32>>>, SearchError> {
    let mut number_of: HashMap<&str, u32> = docs
        .iter()
        .enumerate()
        .map(|(n, d)| (d.id.as_str(), n as u32))
        .collect();
    let mut numbers = Vec::new();
    for segment in searcher.segment_readers() {
        let mut segment_numbers = vec![None; segment.max_doc() as usize];
        let inverted = segment.inverted_index(id_field)?;
        let mut ids = inverted.terms().stream()?;
        while ids.advance() {
            let Ok(id) = std::str::from_utf8(ids.key()) else {
                continue;
            };
            let mut postings = inverted.read_postings_from_terminfo(ids.value(), IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if !segment.is_deleted(doc) {
                    if let Some(number) = number_of.remove(id) {
                        segment_numbers[doc as usize] = Some(number);
                    }
                    break;
                }
                doc = postings.advance();
            }
        }
        numbers.push(segment_numbers);
    }
    Ok(numbers)
}

fn part_of(key: FieldKey) -> super::field::Part {
    match key {
        FieldKey::Text(part, _) => part,
        FieldKey::Meta => super::field::Part::Body,
    }
}

impl SearchData for Snapshot {
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
        let found = Rc::new(self.read_postings(field, term));
        self.cache.borrow_mut().insert(key, Rc::clone(&found));
        found
    }

    fn has_word(&self, word: &str) -> bool {
        self.vocabulary().contains_key(word)
    }

    fn words_with_prefix(&self, prefix: &str, limit: usize) -> Vec<String> {
        self.vocabulary()
            .range(prefix.to_string()..)
            .take_while(|(w, _)| w.starts_with(prefix))
            .take(limit)
            .map(|(w, _)| w.clone())
            .collect()
    }

    fn word_terms(&self, word: &str) -> Vec<(Lang, String)> {
        let mut terms = Vec::new();
        for lang in Lang::ALL {
            let stem = self.stemmers.borrow_mut().stem(lang, word);
            let present = super::field::Part::ALL
                .into_iter()
                .any(|part| !self.postings(FieldKey::Text(part, lang), &stem).is_empty());
            if present {
                terms.push((lang, stem));
            }
        }
        terms
    }

    fn similar_words(&self, word: &str) -> Vec<(usize, String)> {
        super::suggest::within_reach(word, self.vocabulary().keys().map(String::as_str))
    }
}
