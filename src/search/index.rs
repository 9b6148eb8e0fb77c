//! The tantivy index in the cache folder: its schema, and keeping it up to
//! date with the corpus.
//!
//! Each entry is one tantivy document. Text fields exist once per language
//! (`title_en`, `body_fr`, …) because a field has one analyzer and each
//! language has its own stemmer; an entry fills the fields of its language.
//! `meta` holds language-neutral words (court, case number, countries, …)
//! and `words` every surface word (once an entry), for the vocabulary. The entry itself is
//! stored as JSON with a content hash, so that a build re-indexes only the
//! entries that changed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::schema::{
    Field, IndexRecordOption, Schema, SchemaBuilder, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::{Index, IndexReader, IndexWriter, TantivyDocument, Term};

use super::analyzer::{self, DISTINCT, PLAIN};
use super::document::IndexDoc;
use super::error::SearchError;
use super::field::FieldKey;

/// Bumped whenever the schema or the analyzers change; an index of another
/// version is rebuilt from scratch.
const SCHEMA_VERSION: &str = "amicus-search-4";
const VERSION_FILE: &str = "amicus-schema-version";
/// How long an update waits for another process's writer lock.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(120);
/// Memory for the index writer; tantivy's minimum is 15 MB.
const WRITER_MEMORY: usize = 50_000_000;
/// How much body text may wait for the index writer before a commit.
const QUEUED_TEXT_BYTES: usize = 32_000_000;
/// An update of at most this many documents (an edit in `serve`) merges
/// only small segments: see [`small_segments_only`].
const SMALL_UPDATE: usize = 100;

/// The merge policy of a small update. tantivy's default puts every
/// segment under 10,000 documents on one level and merges the level once
/// it has 8 segments: after a full build of a few such segments, the first
/// edit would merge the whole index while the editor waits (3 s at 10,000
/// entries). This one merges only segments of a few hundred documents (the
/// edits'), among themselves.
fn small_segments_only() -> tantivy::indexer::LogMergePolicy {
    let mut policy = tantivy::indexer::LogMergePolicy::default();
    policy.set_max_docs_before_merge(500);
    policy.set_min_layer_size(1);
    policy
}

/// A field's name in the tantivy schema (`title_en`).
fn schema_name(key: FieldKey) -> String {
    key.name().replace('.', "_")
}

/// The handles of the schema's fields.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: Field,
    pub hash: Field,
    pub stored: Field,
    pub kind: Field,
    pub lang: Field,
    pub country: Field,
    pub grounds: Field,
    pub crimes: Field,
    pub year: Field,
    pub words: Field,
    pub text: BTreeMap<FieldKey, Field>,
}

fn text_options(analyzer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record),
    )
}

fn build_schema() -> (Schema, Fields) {
    let mut builder = SchemaBuilder::new();
    let positions = IndexRecordOption::WithFreqsAndPositions;
    let mut text = BTreeMap::new();
    for key in FieldKey::all() {
        let analyzer = match key {
            FieldKey::Text(_, lang) => lang.analyzer_name(),
            FieldKey::Meta => PLAIN.to_string(),
        };
        text.insert(
            key,
            builder.add_text_field(&schema_name(key), text_options(&analyzer, positions)),
        );
    }
    let fields = Fields {
        // Columns too, so that what the index holds is read without
        // decompressing every stored entry.
        id: builder.add_text_field("id", STRING | STORED | FAST),
        hash: builder.add_text_field("hash", STRING | STORED | FAST),
        stored: builder.add_text_field("entry", STORED),
        kind: builder.add_text_field("type", STRING),
        lang: builder.add_text_field("lang", STRING),
        country: builder.add_text_field("country", STRING),
        grounds: builder.add_text_field("grounds", STRING),
        crimes: builder.add_text_field("crimes", STRING),
        year: builder.add_i64_field("year", INDEXED),
        // Each word of an entry once, without frequencies: the vocabulary
        // counts documents.
        words: builder.add_text_field("words", text_options(DISTINCT, IndexRecordOption::Basic)),
        text,
    };
    (builder.build(), fields)
}

/// Fields of a schema opened from disk.
fn fields_of(schema: &Schema) -> Result<Fields, SearchError> {
    let (expected, mut fields) = build_schema();
    let find = |name: &str| {
        schema
            .get_field(name)
            .map_err(|_| SearchError::Corrupt(format!("the index has no field `{name}`")))
    };
    for (key, field) in fields.text.iter_mut() {
        *field = find(&schema_name(*key))?;
    }
    for (slot, name) in [
        (&mut fields.id, "id"),
        (&mut fields.hash, "hash"),
        (&mut fields.stored, "entry"),
        (&mut fields.kind, "type"),
        (&mut fields.lang, "lang"),
        (&mut fields.country, "country"),
        (&mut fields.grounds, "grounds"),
        (&mut fields.crimes, "crimes"),
        (&mut fields.year, "year"),
        (&mut fields.words, "words"),
    ] {
        *slot = find(name)?;
    }
    drop(expected);
    Ok(fields)
}

/// An open index and its fields. It holds a lock on the cache folder until
/// dropped, so drop it before opening the same cache again.
pub struct SearchIndex {
    pub index: Index,
    pub fields: Fields,
    pub reader: IndexReader,
    /// Held as long as the index is open: shared for searching, exclusive
    /// for a build, so that two processes never see the folder half made.
    _lock: CacheLock,
}

/// A lock on a cache folder, across processes. tantivy's own writer lock
/// does not cover creating or recreating the index folder, nor a writer's
/// clean-up removing files another process is about to read.
struct CacheLock {
    /// The lock lasts as long as the file is open.
    _file: std::fs::File,
}

impl CacheLock {
    const FILE: &'static str = "amicus.lock";

    fn shared(cache: &Path) -> Result<CacheLock, SearchError> {
        Self::take(cache, false)
    }

    fn exclusive(cache: &Path) -> Result<CacheLock, SearchError> {
        std::fs::create_dir_all(cache).map_err(io_error(cache))?;
        Self::take(cache, true)
    }

    /// Waits up to [`LOCK_WAIT`] for another amicus process to finish.
    fn take(cache: &Path, exclusive: bool) -> Result<CacheLock, SearchError> {
        let path = cache.join(Self::FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_error(&path))?;
        let started = std::time::Instant::now();
        loop {
            let attempt = if exclusive {
                file.try_lock()
            } else {
                file.try_lock_shared()
            };
            match attempt {
                Ok(()) => return Ok(CacheLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::WouldBlock) => return Err(SearchError::Locked),
                Err(std::fs::TryLockError::Error(source)) => return Err(SearchError::Io { path, source }),
            }
        }
    }
}

/// What an update did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpdateReport {
    pub added: usize,
    pub replaced: usize,
    pub removed: usize,
    pub unchanged: usize,
}

/// The folder of the tantivy index inside a cache folder.
pub fn index_dir(cache: &Path) -> PathBuf {
    cache.join("search-index")
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl SearchIndex {
    /// Opens the index of `cache` for searching.
    pub fn open(cache: &Path) -> Result<SearchIndex, SearchError> {
        let dir = index_dir(cache);
        if !is_current_version(&dir) {
            return Err(SearchError::Missing(dir));
        }
        let lock = CacheLock::shared(cache)?;
        if !is_current_version(&dir) {
            return Err(SearchError::Missing(dir));
        }
        let index = Index::open_in_dir(&dir)?;
        Self::from_index(index, lock)
    }

    /// Opens the index of `cache`, creating it (or recreating one of an
    /// older version) when needed.
    pub fn open_or_create(cache: &Path) -> Result<SearchIndex, SearchError> {
        let lock = CacheLock::exclusive(cache)?;
        let dir = index_dir(cache);
        if dir.exists() && is_current_version(&dir) {
            if let Ok(index) = Index::open_in_dir(&dir) {
                return Self::from_index(index, lock);
            }
        }
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(io_error(&dir))?;
        }
        std::fs::create_dir_all(&dir).map_err(io_error(&dir))?;
        write_cache_readme(cache)?;
        let (schema, _) = build_schema();
        let index = Index::create_in_dir(&dir, schema)?;
        let version = dir.join(VERSION_FILE);
        std::fs::write(&version, SCHEMA_VERSION).map_err(io_error(&version))?;
        Self::from_index(index, lock)
    }

    fn from_index(index: Index, lock: CacheLock) -> Result<SearchIndex, SearchError> {
        analyzer::register(index.tokenizers());
        let fields = fields_of(&index.schema())?;
        let reader = index.reader()?;
        Ok(SearchIndex {
            index,
            fields,
            reader,
            _lock: lock,
        })
    }

    /// Brings the index in line with `docs`: adds new entries, replaces
    /// changed ones, removes those gone. Unchanged entries are not touched.
    pub fn update(&self, docs: &[Arc<IndexDoc>]) -> Result<UpdateReport, SearchError> {
        let hashes: Vec<String> = docs.iter().map(|doc| doc.content_hash()).collect();
        Ok(self.update_known(docs, &hashes, None)?.0)
    }

    /// [`update`](Self::update) with the documents' content hashes, and
    /// what this process last left in the index, if anything: it is taken
    /// as the index's content, instead of reading every entry back, when no
    /// other process wrote to the index since.
    pub fn update_known(
        &self,
        docs: &[Arc<IndexDoc>],
        hashes: &[String],
        known: Option<&Indexed>,
    ) -> Result<(UpdateReport, Indexed), SearchError> {
        let opstamp = self.index.load_metas()?.opstamp;
        let indexed = match known {
            Some(known) if known.opstamp == opstamp => known.hashes.clone(),
            _ => self.indexed_hashes()?,
        };
        if is_current(&indexed, docs, hashes) {
            let report = UpdateReport {
                unchanged: docs.len(),
                ..UpdateReport::default()
            };
            return Ok((
                report,
                Indexed {
                    opstamp,
                    hashes: indexed,
                },
            ));
        }
        // Nobody else writes while this process holds the cache's lock.
        let mut writer = self.lock_writer()?;
        let updates = docs
            .iter()
            .zip(hashes)
            .filter(|(doc, hash)| !holds(&indexed, doc, hash))
            .count();
        if updates <= SMALL_UPDATE {
            writer.set_merge_policy(Box::new(small_segments_only()));
        }
        let wanted: BTreeMap<&str, &str> = docs
            .iter()
            .zip(hashes)
            .map(|(d, h)| (d.id.as_str(), h.as_str()))
            .collect();
        let mut report = UpdateReport::default();
        let mut changed = false;
        for (id, hashes) in &indexed {
            let current = wanted.get(id.as_str());
            let stale =
                hashes.len() > 1 || current.is_none_or(|hash| hashes.first().map(String::as_str) != Some(*hash));
            if stale {
                writer.delete_term(Term::from_field_text(self.fields.id, id));
                changed = true;
                if current.is_none() {
                    report.removed += 1;
                }
            }
        }
        let mut queued = 0;
        for (doc, hash) in docs.iter().zip(hashes) {
            if holds(&indexed, doc, hash) {
                report.unchanged += 1;
                continue;
            }
            // tantivy queues thousands of documents for its indexing
            // threads, each holding its text several times over: a commit
            // now and then bounds what waits in memory.
            queued += doc.blocks.iter().map(|block| block.text.len()).sum::<usize>();
            if queued > QUEUED_TEXT_BYTES {
                writer.commit()?;
                queued = 0;
            }
            writer.add_document(self.document(doc, hash)?)?;
            changed = true;
            if indexed.contains_key(&doc.id) {
                report.replaced += 1;
            } else {
                report.added += 1;
            }
        }
        if changed {
            writer.commit()?;
        }
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        let hashes = docs
            .iter()
            .zip(hashes)
            .map(|(doc, hash)| (doc.id.clone(), vec![hash.clone()]))
            .collect();
        let opstamp = self.index.load_metas()?.opstamp;
        Ok((report, Indexed { opstamp, hashes }))
    }

    /// The index writer, waiting a while for another amicus process that
    /// holds it (a build running at the same time) to finish.
    fn lock_writer(&self) -> Result<IndexWriter, SearchError> {
        let started = std::time::Instant::now();
        loop {
            match self.index.writer(WRITER_MEMORY).map_err(SearchError::from_writer) {
                Err(SearchError::Locked) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                other => return other,
            }
        }
    }

    /// The content hashes of the entries in the index, by id (more than one
    /// only if an earlier run was interrupted half-way).
    fn indexed_hashes(&self) -> Result<BTreeMap<String, Vec<String>>, SearchError> {
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        let mut hashes: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let missing = || SearchError::Corrupt("the index has no id or hash column".into());
        for segment in searcher.segment_readers() {
            let columns = segment.fast_fields();
            let ids = columns.str("id")?.ok_or_else(missing)?;
            let hash_column = columns.str("hash")?.ok_or_else(missing)?;
            let (mut id, mut hash) = (String::new(), String::new());
            for doc in segment.doc_ids_alive() {
                let (Some(id_ord), Some(hash_ord)) = (ids.term_ords(doc).next(), hash_column.term_ords(doc).next())
                else {
                    continue;
                };
                if ids.ord_to_str(id_ord, &mut id)? && hash_column.ord_to_str(hash_ord, &mut hash)? {
                    hashes.entry(id.clone()).or_default().push(hash.clone());
                }
            }
        }
        Ok(hashes)
    }

    fn document(&self, doc: &IndexDoc, hash: &str) -> Result<TantivyDocument, SearchError> {
        let f = &self.fields;
        let mut document = TantivyDocument::default();
        document.add_text(f.id, &doc.id);
        document.add_text(f.hash, hash);
        document.add_text(
            f.stored,
            serde_json::to_string(doc).map_err(|e| SearchError::Corrupt(e.to_string()))?,
        );
        document.add_text(f.kind, &doc.kind);
        document.add_text(f.lang, doc.lang().code());
        for value in &doc.countries {
            document.add_text(f.country, value);
        }
        for value in &doc.grounds {
            document.add_text(f.grounds, value);
        }
        for value in &doc.crimes {
            document.add_text(f.crimes, value);
        }
        document.add_i64(f.year, i64::from(doc.year));
        for (key, text) in doc.field_texts() {
            if let Some(field) = f.text.get(&key) {
                document.add_text(*field, text);
            }
        }
        document.add_text(f.words, doc.all_text());
        Ok(document)
    }

    /// The entries stored in the index, sorted by id.
    pub fn stored_docs(&self) -> Result<Vec<Arc<IndexDoc>>, SearchError> {
        let searcher = self.reader.searcher();
        let mut docs = Vec::new();
        let mut seen = BTreeSet::new();
        for segment in searcher.segment_readers() {
            let store = segment.get_store_reader(1)?;
            for doc in segment.doc_ids_alive() {
                let stored: TantivyDocument = store.get(doc)?;
                let json = stored
                    .get_first(self.fields.stored)
                    .and_then(|v| v.as_str())
                    .ok_or_else(|| SearchError::Corrupt("a document has no stored entry".into()))?;
                let entry: IndexDoc = serde_json::from_str(json).map_err(|e| SearchError::Corrupt(e.to_string()))?;
                if seen.insert(entry.id.clone()) {
                    docs.push(Arc::new(entry));
                }
            }
        }
        docs.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(docs)
    }
}

/// Whether the index holds exactly `docs` already (then an update takes
/// no lock and writes nothing).
fn is_current(indexed: &BTreeMap<String, Vec<String>>, docs: &[Arc<IndexDoc>], hashes: &[String]) -> bool {
    indexed.len() == docs.len() && docs.iter().zip(hashes).all(|(doc, hash)| holds(indexed, doc, hash))
}

/// Whether the index holds `doc` as it is (its content hash, once).
fn holds(indexed: &BTreeMap<String, Vec<String>>, doc: &IndexDoc, hash: &str) -> bool {
    indexed
        .get(&doc.id)
        .is_some_and(|held| held.len() == 1 && held[0] == hash)
}

/// What an index held when this process last updated it: its content
/// hashes by entry id, and tantivy's operation stamp then (which any later
/// write changes).
#[derive(Debug, Clone)]
pub struct Indexed {
    opstamp: u64,
    hashes: BTreeMap<String, Vec<String>>,
}

/// Whether the folder holds an index of this version of amicus.
fn is_current_version(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join(VERSION_FILE)).is_ok_and(|v| v.trim() == SCHEMA_VERSION)
}

/// Tells whoever finds the cache folder what it is.
fn write_cache_readme(cache: &Path) -> Result<(), SearchError> {
    let path = cache.join("README.txt");
    if !path.exists() {
        let text = "amicus cache: the search index of the last build, used by `amicus search`.\nSafe to delete; the next `amicus build` recreates it. Do not publish or commit it.\n";
        std::fs::write(&path, text).map_err(io_error(&path))?;
    }
    Ok(())
}
