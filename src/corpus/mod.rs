//! Loading a corpus folder into checked [`Entry`] values.
//!
//! `load` walks the corpus, reads every `*.md` file under a type folder,
//! parses and checks its front matter and body, and returns the entries that
//! may be published. Its invariant: **nothing confidential passes
//! `corpus::load`** — confidential entries (and drafts, unless asked for) are
//! kept only as an id in [`Corpus::withheld`], so that a reference to one can
//! be refused without anything of it reaching later stages.
//!
//! One file, longer than most: the walk, the cache of parses and the load
//! share the list of candidate files and what a watcher said of them; the
//! entry model, an entry's body, reading a file and front matter are
//! files of their own.

pub(crate) mod body;
pub(crate) mod entry;
mod file;
pub mod frontmatter;

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

pub use body::{Body, BodyUnread};
pub use entry::{Anchor, BodyOutline, Country, Entry, EntryDate, EntryId, EntryType, Reference, Relation};
pub(crate) use entry::{ReferenceOrigin, Status};

pub(crate) use file::read_text;
use file::{decode_text, read_bytes};

use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, Span};
use crate::keep::Keep;

/// How to load a corpus.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Include `status: draft` entries (for local preview).
    pub(crate) include_drafts: bool,
    /// The language of entries without `lang:`.
    pub(crate) default_lang: String,
    /// The keys of the typed relations entries may declare.
    pub(crate) relations: Vec<String>,
}

impl LoadOptions {
    /// A hash of what decides how a file of `kind` is read: a cached file
    /// read with other options is read again.
    fn hash_for(&self, kind: EntryType) -> u64 {
        let mut hasher = DefaultHasher::new();
        (&self.default_lang, &self.relations, kind).hash(&mut hasher);
        hasher.finish()
    }
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            include_drafts: false,
            default_lang: "en".into(),
            relations: Relation::DEFAULTS.map(String::from).to_vec(),
        }
    }
}

/// The entries that may be published, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Shared with the load cache of `serve`, which keeps each parse.
    pub entries: Vec<Arc<Entry>>,
    /// Entries that exist but must not be published, by id. Only the id and
    /// status are kept.
    pub(crate) withheld: BTreeMap<EntryId, Status>,
    /// Entries whose file could not be read as an entry at all (only after
    /// [`load_all`]), so that references to them are not reported as
    /// unknown as well.
    pub(crate) failed: BTreeSet<EntryId>,
    /// Position of each entry by id; built by [`Corpus::index_entries`].
    positions: FxHashMap<EntryId, usize>,
}

impl Corpus {
    /// Sorts the entries by id and indexes them for [`Corpus::get`].
    pub(crate) fn index_entries(&mut self) {
        self.entries.sort_by(|a, b| a.id.cmp(&b.id));
        self.positions = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
    }

    /// The entry with this id (constant time: it is asked for at every
    /// reference of every page).
    pub(crate) fn get(&self, id: &str) -> Option<&Entry> {
        self.position(id).map(|index| &*self.entries[index])
    }

    /// The index in `entries` of the entry with this id.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        match self.positions.get(id) {
            Some(&index) => Some(index),
            // Not indexed (a corpus assembled by hand): search the sorted list.
            None if self.positions.len() != self.entries.len() => {
                self.entries.binary_search_by(|entry| entry.id.as_str().cmp(id)).ok()
            }
            None => None,
        }
    }

    pub(crate) fn of_type(&self, kind: EntryType) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .map(|entry| &**entry)
            .filter(move |entry| entry.kind == kind)
    }
}

/// One `*.md` file found under the corpus, before it is read.
#[derive(Debug, Clone)]
struct Candidate {
    path: PathBuf,
    kind: EntryType,
    id: EntryId,
}

/// Loads and checks every entry under `root`. Every problem of every file is
/// returned together.
pub fn load(root: &Path, options: &LoadOptions) -> Result<Corpus, Diagnostics> {
    let (corpus, diagnostics) = load_all(root, options);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(corpus)
}

/// Loads what can be loaded, with the problems of the rest: for a check
/// that goes on to report bad references among the good entries too.
pub fn load_all(root: &Path, options: &LoadOptions) -> (Corpus, Diagnostics) {
    load_all_cached(root, options, &mut LoadCache::new(Keep::Nothing))
}

/// The parse of each file of the previous load, keyed by its path and a
/// hash of its bytes, so that a rebuild parses only the files that changed.
#[derive(Debug, Default)]
pub(crate) struct LoadCache {
    files: FxHashMap<PathBuf, CachedFile>,
    /// The entry files the last load found, when its walk found nothing
    /// wrong; shared with that load, which is over before the next.
    candidates: Option<Arc<Vec<Candidate>>>,
    /// The files that may have changed since the last load, absolute, as a
    /// file watcher reports them (see [`LoadCache::expect_changes`]).
    changes: Option<Vec<PathBuf>>,
    /// With [`Keep::Nothing`] (a single build), nothing: a second copy of
    /// every entry would only double the memory it needs.
    keep: Keep,
}

impl LoadCache {
    /// A cache keeping what `keep` says.
    pub(crate) fn new(keep: Keep) -> Self {
        LoadCache {
            keep,
            ..LoadCache::default()
        }
    }

    /// Tells the next load that since the last one only `paths` (absolute,
    /// as a file watcher reports them) may have changed: it looks at these
    /// alone, not at every file of the corpus (at 10,000 entries, 40 ms of
    /// an edit in `serve`). Whatever it cannot account for that way (a
    /// folder, a link, a file that is no entry) has it walk the corpus as
    /// without them.
    pub(crate) fn expect_changes(&mut self, paths: Vec<PathBuf>) {
        self.changes = Some(paths);
    }
}

#[derive(Debug, Clone)]
struct CachedFile {
    /// Size and modification time when it was read, if trustworthy.
    stamp: Option<(u64, SystemTime)>,
    /// A hash of the bytes and of the load options.
    hash: u64,
    /// A hash of the load options alone.
    hash_of_options: u64,
    /// Shared, so that keeping it costs no copy.
    parsed: Arc<Parsed>,
}

/// A file modified this recently may be modified again within the same
/// timestamp tick (coarse on some file systems): its bytes are checked.
const SETTLED: Duration = Duration::from_secs(2);

/// The size and modification time of a file that has not changed for a
/// while, which identify its content well enough to skip reading it.
fn settled_stamp(metadata: &std::fs::Metadata) -> Option<(u64, SystemTime)> {
    let modified = metadata.modified().ok()?;
    let age = SystemTime::now().duration_since(modified).ok()?;
    (age >= SETTLED).then_some((metadata.len(), modified))
}

/// What one file became: the entry (when its front matter could be read)
/// and its problems.
type Parsed = (Option<Arc<Entry>>, Vec<Diagnostic>);

/// [`load_all`], parsing again only the files whose bytes changed since the
/// load that filled `cache`.
pub(crate) fn load_all_cached(root: &Path, options: &LoadOptions, cache: &mut LoadCache) -> (Corpus, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    if !root.is_dir() {
        diagnostics.push(
            Diagnostic::error(root, Span::default(), "the corpus folder does not exist")
                .with_help("give the folder that holds cases/, policies/, … with `--corpus DIR`"),
        );
        return (Corpus::default(), diagnostics);
    }
    let changed = cache.changes.take().and_then(|changes| corpus_paths(root, &changes));
    // A file the watcher reported is read and its bytes compared, whatever
    // its size and time say: a save may keep both (`touch -r`).
    let reported: FxHashSet<PathBuf> = changed.iter().flatten().cloned().collect();
    let known = cache.candidates.take();
    let hinted = changed
        .zip(known)
        .and_then(|(changed, known)| changed_candidates(root, known, &changed));
    let (candidates, looked_at) = match hinted {
        Some((candidates, looked_at)) => (candidates, Some(looked_at)),
        None => (Arc::new(find_candidates(root, &mut diagnostics)), None),
    };
    if cache.keep.anything() && diagnostics.0.is_empty() {
        cache.candidates = Some(Arc::clone(&candidates));
    }
    let options_hashes = EntryType::ALL.map(|kind| options.hash_for(kind));
    let parsed: Vec<(Remember, Parsed)> = candidates
        .par_iter()
        .map(|candidate| {
            // Without a watcher's word, every file is looked at.
            let unchanged = looked_at
                .as_ref()
                .is_some_and(|changed| !changed.contains(&candidate.path));
            let options_hash = options_hashes[candidate.kind as usize];
            let look = if unchanged {
                Look::Unchanged
            } else if reported.contains(&candidate.path) {
                Look::Bytes
            } else {
                Look::Stamp
            };
            read_entry(
                candidate,
                options,
                options_hash,
                &cache.files,
                cache.keep.anything(),
                look,
            )
        })
        .collect();
    let mut kept = 0;
    for (candidate, (remember, _)) in candidates.iter().zip(&parsed) {
        match remember {
            Remember::Same => kept += 1,
            Remember::New(cached) => {
                kept += 1;
                cache.files.insert(candidate.path.clone(), cached.clone());
            }
            Remember::Nothing => {
                cache.files.remove(&candidate.path);
            }
        }
    }
    // Files that are gone (each candidate has one path).
    if cache.files.len() > kept {
        let paths: FxHashSet<&Path> = candidates.iter().map(|c| c.path.as_path()).collect();
        cache.files.retain(|path, _| paths.contains(path.as_path()));
    }
    let parsed = parsed.into_iter().map(|(_, result)| result);

    let mut seen: FxHashMap<&EntryId, &Path> = FxHashMap::default();
    let mut corpus = Corpus::default();
    for (candidate, result) in candidates.iter().zip(parsed) {
        if let Some(first) = seen.get(&candidate.id) {
            diagnostics.push(
                Diagnostic::error(
                    &candidate.path,
                    Span::default(),
                    format!("duplicate id `{}`", candidate.id),
                )
                .with_help(format!(
                    "`{}` already uses this id; ids are unique across all types",
                    first.display()
                )),
            );
            continue;
        }
        seen.insert(&candidate.id, &candidate.path);
        let (entry, mut problems) = result;
        let published = entry.as_ref().is_some_and(|entry| is_published(entry.status, options));
        if !published {
            for problem in &mut problems {
                problem.withheld = true;
            }
        }
        diagnostics.extend(problems);
        match entry {
            None => {
                corpus.failed.insert(candidate.id.clone());
            }
            Some(entry) if published => corpus.entries.push(entry),
            Some(entry) => {
                corpus.withheld.insert(entry.id.clone(), entry.status);
            }
        }
    }
    diagnostics.sort();
    corpus.index_entries();
    (corpus, diagnostics)
}

/// The paths of `changes` (absolute, as a watcher reports them) inside the
/// corpus, as the walk names them: under `root` as given. The config file
/// and the themes, read again by every build, are left out. `None` when
/// the root cannot be resolved.
fn corpus_paths(root: &Path, changes: &[PathBuf]) -> Option<Vec<PathBuf>> {
    let absolute_root = root.canonicalize().ok()?;
    Some(
        changes
            .iter()
            .filter_map(|change| change.strip_prefix(&absolute_root).ok())
            .map(|relative| root.join(relative))
            .collect(),
    )
}

/// Whether an entry of this status is published with these options.
fn is_published(status: Status, options: &LoadOptions) -> bool {
    match status {
        Status::Published => true,
        Status::Draft => options.include_drafts,
        Status::Confidential => false,
    }
}

/// The entry files of the last load updated with the corpus paths a
/// watcher reported (`changed`, see [`corpus_paths`]), and which of them
/// to read; `None` when a change is one only a
/// walk of the corpus can account for.
fn changed_candidates(
    root: &Path,
    mut known: Arc<Vec<Candidate>>,
    changed: &[PathBuf],
) -> Option<(Arc<Vec<Candidate>>, FxHashSet<PathBuf>)> {
    // Kept in path order, which is the walk's: by name, folder by folder.
    let candidates = Arc::make_mut(&mut known);
    let mut looked_at = FxHashSet::default();
    for path in changed {
        // The walk skips hidden files and folders.
        let relative = path.strip_prefix(root).unwrap_or(path);
        if relative.components().any(|c| is_hidden(c.as_os_str())) {
            continue;
        }
        let path = path.clone();
        let is_markdown = path.extension().is_some_and(|e| e == "md");
        let place = candidates.binary_search_by(|c| c.path.cmp(&path));
        match std::fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.is_file() && is_markdown => {
                let mut problems = Diagnostics::default();
                let candidate = classify(root, &path, &mut problems).filter(|_| problems.0.is_empty())?;
                looked_at.insert(path);
                match place {
                    Ok(at) => candidates[at] = candidate,
                    Err(at) => candidates.insert(at, candidate),
                }
            }
            Ok(metadata) if metadata.is_file() => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound && is_markdown => {
                if let Ok(at) = place {
                    candidates.remove(at);
                }
            }
            // Gone, with no entry under it: a file that was no entry (the
            // temporary file an editor or `sed -i` saves through). A
            // folder of entries that went away has the corpus walked.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                if candidates.iter().any(|c| c.path.starts_with(&path)) {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some((known, looked_at))
}

/// Whether a file or folder is hidden (`.git`, an editor's swap file): the
/// corpus leaves it out.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Walks the corpus in a stable order and names the files that are entries.
fn find_candidates(root: &Path, diagnostics: &mut Diagnostics) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for item in walker {
        let item = match item {
            Ok(item) => item,
            Err(error) => {
                diagnostics.push(unreadable(root, &error));
                continue;
            }
        };
        let path = item.path();
        // Links are never followed: one could lead out of the corpus or
        // round in a loop. Saying so beats leaving entries out unseen.
        if item.depth() > 0 && item.path_is_symlink() {
            diagnostics.push(
                Diagnostic::error(path, Span::default(), "the corpus may not hold symbolic links")
                    .with_help("copy the file or folder into the corpus instead"),
            );
            continue;
        }
        if item.file_type().is_dir() || path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        // A pipe or device would block the build, or never end.
        if !item.file_type().is_file() {
            diagnostics.push(Diagnostic::error(
                path,
                Span::default(),
                "not a regular file (a pipe, socket or device)",
            ));
            continue;
        }
        if let Some(candidate) = classify(root, path, diagnostics) {
            candidates.push(candidate);
        }
    }
    candidates
}

/// A folder (or file) the walk could not read: what the system said, and
/// that nothing in it is checked or published.
fn unreadable(root: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().unwrap_or(root);
    // Walking fails on opening folders; a path too long to stat is one too.
    let what = match std::fs::symlink_metadata(path) {
        Ok(metadata) if !metadata.is_dir() => "file",
        _ => "folder",
    };
    let (reason, help) = match error.io_error() {
        Some(io) => (
            io.to_string(),
            match io.kind() {
                std::io::ErrorKind::PermissionDenied => {
                    "the user running amicus may not read it; nothing in it is checked or published"
                }
                std::io::ErrorKind::InvalidFilename => {
                    "its path is longer than the system allows: shorten the names of its folders"
                }
                _ => "nothing in it is checked or published",
            },
        ),
        None => (error.to_string(), "nothing in it is checked or published"),
    };
    Diagnostic::error(path, Span::default(), format!("cannot read the {what}: {reason}")).with_help(help)
}

/// Gives a file its type (from its first folder) and id (from its stem).
fn classify(root: &Path, path: &Path, diagnostics: &mut Diagnostics) -> Option<Candidate> {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let mut components = relative.components();
    let folder = components.next()?.as_os_str().to_string_lossy().to_string();
    let folders = EntryType::ALL.map(EntryType::folder);
    if components.next().is_none() {
        diagnostics.push(
            Diagnostic::error(path, Span::default(), "an entry must be inside a type folder")
                .with_help(format!("move it into one of: {}", folders.join(", "))),
        );
        return None;
    }
    let Some(kind) = EntryType::from_folder(&folder) else {
        let help =
            did_you_mean(&folder, folders).unwrap_or_else(|| format!("the type folders are: {}", folders.join(", ")));
        diagnostics
            .push(Diagnostic::error(path, Span::default(), format!("unknown type folder `{folder}`")).with_help(help));
        return None;
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    if stem.len() > entry::MAX_ID_LEN && entry::is_slug(&stem) {
        diagnostics.push(
            Diagnostic::error(
                path,
                Span::default(),
                format!(
                    "the id `{}…` is {} characters long; ids are at most {}",
                    &stem[..40],
                    stem.len(),
                    entry::MAX_ID_LEN
                ),
            )
            .with_help("the file name is the id, and names the entry's pages: shorten it"),
        );
        return None;
    }
    let Some(id) = EntryId::parse(&stem) else {
        let suggestion = crate::markdown::slugify(&stem);
        diagnostics.push(
            Diagnostic::error(path, Span::default(), format!("`{stem}` is not a valid id")).with_help(
                if suggestion.is_empty() {
                    "the file name is the id: lowercase letters, digits and hyphens".to_string()
                } else {
                    format!("the file name is the id: lowercase letters, digits and hyphens, e.g. `{suggestion}.md`")
                },
            ),
        );
        return None;
    };
    if is_reserved(&id) {
        diagnostics.push(
            Diagnostic::error(
                path,
                Span::default(),
                format!("`{id}` is reserved for the listing pages"),
            )
            .with_help("rename the file"),
        );
        return None;
    }
    Some(Candidate {
        path: path.to_path_buf(),
        kind,
        id,
    })
}

/// Ids whose page would overwrite a listing page (`index.html`,
/// `index-page-2.html`).
fn is_reserved(id: &EntryId) -> bool {
    let id = id.as_str();
    id == "index"
        || id
            .strip_prefix("index-page-")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Reads one file and parses it, unless `previous` holds the parse of the
/// same file: unchanged size and settled modification time, or else the
/// same bytes. Returns what to cache (when the file could be read and is
/// to be kept) with the result.
/// What the load cache is to keep of a file just read.
enum Remember {
    /// What it holds.
    Same,
    New(CachedFile),
    /// Nothing: the file could not be read, or the cache keeps nothing.
    Nothing,
}

/// How far to look at a file the load cache holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    /// Not at all: the watcher saw every change, and none to this file.
    Unchanged,
    /// At its size and settled modification time, then at its bytes.
    Stamp,
    /// At its bytes: the watcher saw it change.
    Bytes,
}

fn read_entry(
    candidate: &Candidate,
    options: &LoadOptions,
    options_hash: u64,
    previous: &FxHashMap<PathBuf, CachedFile>,
    keep: bool,
    look: Look,
) -> (Remember, Parsed) {
    let path = candidate.path.as_path();
    let cached = previous
        .get(path)
        .filter(|cached| cached.hash_of_options == options_hash);
    if let Some(cached) = cached.filter(|_| look == Look::Unchanged) {
        return (Remember::Same, (*cached.parsed).clone());
    }
    let stamp = std::fs::metadata(path).ok().as_ref().and_then(settled_stamp);
    if let Some(cached) = cached.filter(|_| look == Look::Stamp) {
        if stamp.is_some() && cached.stamp == stamp {
            return (Remember::Same, (*cached.parsed).clone());
        }
    }
    let bytes = match read_bytes(path) {
        Ok(bytes) => bytes,
        Err(problem) => return (Remember::Nothing, (None, vec![*problem])),
    };
    let bytes_hash = body::hash_of_bytes(&bytes);
    let mut hasher = DefaultHasher::new();
    (bytes_hash, options_hash).hash(&mut hasher);
    let hash = hasher.finish();
    let remember = |parsed: Arc<Parsed>| CachedFile {
        stamp,
        hash,
        hash_of_options: options_hash,
        parsed,
    };
    if let Some(cached) = cached {
        if cached.hash == hash {
            return (
                Remember::New(remember(Arc::clone(&cached.parsed))),
                (*cached.parsed).clone(),
            );
        }
    }
    let text = match decode_text(path, bytes) {
        Ok(text) => text,
        Err(problem) => {
            let parsed = (None, vec![*problem]);
            return (Remember::New(remember(Arc::new(parsed.clone()))), parsed);
        }
    };
    let (entry, problems) = frontmatter::parse_entry(frontmatter::FileInput {
        path,
        kind: candidate.kind,
        id: candidate.id.clone(),
        text: &text,
        default_lang: &options.default_lang,
        relations: &options.relations,
    });
    let entry = entry.map(|entry| {
        // A single build reads the body again where it needs it (see
        // `body`): what it parsed of it, the references and the outline,
        // is kept.
        let body = match entry.body {
            Body::Held(held) if !keep => Body::InFile {
                start: text.len() - held.len(),
                bytes: bytes_hash,
            },
            body => body,
        };
        Arc::new(Entry {
            revision: hash,
            body,
            ..entry
        })
    });
    let parsed = (entry, problems);
    if !keep {
        return (Remember::Nothing, parsed);
    }
    (Remember::New(remember(Arc::new(parsed.clone()))), parsed)
}
