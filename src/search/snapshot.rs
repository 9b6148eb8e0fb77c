//! A consistent view of the tantivy index for the engine and the export:
//! documents numbered by their place among the entries sorted by id (so
//! numbers never depend on tantivy's segments or on the order of updates),
//! postings read from tantivy's inverted index, field statistics from its
//! field norms, and the vocabulary from the `words` field.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocId, DocSet, Searcher, TantivyDocument, Term, TERMINATED};

use super::analyzer::{Lang, Stemmers};
use super::document::IndexDoc;
use super::engine::{norm_of, FieldStats, Posting, SearchData};
use super::index::{FieldKey, SearchIndex};
use super::SearchError;

/// Postings read so far, by field and term.
type PostingsCache = HashMap<(FieldKey, String), Rc<Vec<Posting>>>;

pub struct Snapshot {
    searcher: Searcher,
    text_fields: BTreeMap<FieldKey, Field>,
    docs: Vec<IndexDoc>,
    /// Per segment, per tantivy doc id: the document's number.
    numbers: Vec<Vec<Option<u32>>>,
    stats: BTreeMap<FieldKey, FieldStats>,
    /// Every surface word with the number of documents it occurs in.
    vocabulary: BTreeMap<String, u32>,
    stemmers: RefCell<Stemmers>,
    cache: RefCell<PostingsCache>,
}

impl Snapshot {
    pub fn of(index: &SearchIndex) -> Result<Snapshot, SearchError> {
        index.reader.reload()?;
        let searcher = index.reader.searcher();
        let docs = index.stored_docs()?;
        let mut number_of: HashMap<&str, u32> = docs
            .iter()
            .enumerate()
            .map(|(n, d)| (d.id.as_str(), n as u32))
            .collect();
        let mut numbers = Vec::new();
        for segment in searcher.segment_readers() {
            let store = segment.get_store_reader(1)?;
            let mut segment_numbers = vec![None; segment.max_doc() as usize];
            for doc in segment.doc_ids_alive() {
                let stored: TantivyDocument = store.get(doc)?;
                let id = stored
                    .get_first(index.fields.id)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default();
                // Each entry is counted once, even if an interrupted update
                // left it indexed twice.
                segment_numbers[doc as usize] = number_of.remove(id);
            }
            numbers.push(segment_numbers);
        }
        let mut snapshot = Snapshot {
            searcher,
            text_fields: index.fields.text.clone(),
            docs,
            numbers,
            stats: BTreeMap::new(),
            vocabulary: BTreeMap::new(),
            stemmers: RefCell::new(Stemmers::default()),
            cache: RefCell::new(HashMap::new()),
        };
        snapshot.stats = snapshot.field_stats()?;
        snapshot.vocabulary = snapshot.surface_words(index.fields.words)?;
        Ok(snapshot)
    }

    /// Field statistics over the documents that can have the field: those
    /// of its language (all documents for `meta`). Averages use tantivy's
    /// quantised lengths, as scoring does.
    fn field_stats(&self) -> Result<BTreeMap<FieldKey, FieldStats>, SearchError> {
        let mut stats = BTreeMap::new();
        for (&key, &field) in &self.text_fields {
            let (mut docs, mut total) = (0u32, 0u64);
            for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
                let norms = segment.get_fieldnorms_reader(field)?;
                for doc in segment.doc_ids_alive() {
                    let Some(number) = self.numbers[ord][doc as usize] else {
                        continue;
                    };
                    let lang = self.docs[number as usize].lang();
                    if key == FieldKey::Meta || key == FieldKey::Text(part_of(key), lang) {
                        docs += 1;
                        total += u64::from(norm_of(norms.fieldnorm_id(doc)));
                    }
                }
            }
            if docs > 0 {
                stats.insert(
                    key,
                    FieldStats {
                        docs,
                        average_norm: total as f64 / f64::from(docs),
                    },
                );
            }
        }
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

    /// Every term of every searchable field with its postings, sorted by
    /// term, then field, each list sorted by document: what the export
    /// writes.
    pub fn all_postings(&self) -> Result<BTreeMap<String, BTreeMap<FieldKey, Vec<Posting>>>, SearchError> {
        let mut all: BTreeMap<String, BTreeMap<FieldKey, Vec<Posting>>> = BTreeMap::new();
        for (&key, &field) in &self.text_fields {
            self.walk_terms(
                field,
                IndexRecordOption::WithFreqsAndPositions,
                &mut |term, postings| {
                    if !postings.is_empty() {
                        all.entry(term.to_string())
                            .or_default()
                            .entry(key)
                            .or_default()
                            .extend(postings);
                    }
                },
            )?;
        }
        for fields in all.values_mut() {
            for postings in fields.values_mut() {
                postings.sort_by_key(|p| p.doc);
            }
        }
        Ok(all)
    }

    /// The indexed term of a normalised word in `lang`.
    pub fn stem(&self, lang: Lang, word: &str) -> String {
        self.stemmers.borrow_mut().stem(lang, word)
    }

    pub fn vocabulary(&self) -> &BTreeMap<String, u32> {
        &self.vocabulary
    }

    pub fn all_stats(&self) -> &BTreeMap<FieldKey, FieldStats> {
        &self.stats
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

fn part_of(key: FieldKey) -> super::index::Part {
    match key {
        FieldKey::Text(part, _) => part,
        FieldKey::Meta => super::index::Part::Body,
    }
}

impl SearchData for Snapshot {
    fn docs(&self) -> &[IndexDoc] {
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
            let stem = self.stemmers.borrow_mut().stem(lang, word);
            let present = super::index::Part::ALL
                .into_iter()
                .any(|part| !self.postings(FieldKey::Text(part, lang), &stem).is_empty());
            if present {
                terms.push((lang, stem));
            }
        }
        terms
    }

    fn similar_words(&self, word: &str) -> Vec<String> {
        super::suggest::similar(word, self.vocabulary.iter().map(|(w, n)| (w.as_str(), *n)))
    }
}
