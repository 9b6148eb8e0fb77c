//! Writing the site to disk: all or nothing, or (for `build --watch`) only
//! what changed.
//!
//! The files are written to a staging folder beside the output folder (as
//! they are made, batch by batch: [`Staging`]), and only when every file is
//! written is the old output swapped out for the new one. A build that
//! fails at any point leaves the previous output as it was. [`Published`]
//! keeps a written site up to date by replacing only the files a rebuild
//! changed, each whole. A folder that amicus did not write (no marker
//! file) is never replaced or written into.

mod file;
pub(crate) mod precompress;

pub use file::{Bytes, Joined, OutputFile};

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use thiserror::Error;

/// Marks a folder as amicus output, so that it may be replaced.
pub const MARKER: &str = ".amicus-output";

/// Why the output folder could not be written.
#[derive(Debug, Error)]
pub enum OutputError {
    /// The folder holds files but no [`MARKER`]: it may be someone's work,
    /// so it is left alone.
    #[error("refusing to replace {}: it is not empty and was not written by amicus (no {MARKER} file); choose another --out folder or empty it", .0.display())]
    NotOurs(PathBuf),
    /// The output path exists and is not a folder.
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    /// The file system refused to write, move or remove something.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file or folder it was about.
        path: PathBuf,
        /// What the file system said.
        source: io::Error,
    },
}

/// The largest buffer a joined file is written through.
const MAX_WRITE_BUFFER: usize = 1 << 20;

/// Writes a file's bytes, part by part when they are joined.
fn write_file(path: &Path, bytes: &Bytes) -> io::Result<()> {
    match bytes {
        Bytes::Whole(whole) => fs::write(path, whole.as_slice()),
        Bytes::Joined(_) => {
            // A buffer no larger than the file: most joined files are one
            // entry's citation records, a few hundred bytes, and a
            // megabyte allocated and freed for each of tens of thousands
            // of them costs the allocator a return of pages to the system
            // every time.
            let capacity = bytes.len().clamp(1, MAX_WRITE_BUFFER);
            let mut out = io::BufWriter::with_capacity(capacity, fs::File::create(path)?);
            bytes.write_to(&mut out)?;
            io::Write::flush(&mut out)
        }
    }
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Replaces the contents of `out` with `files`, atomically as seen from
/// outside: either the old site or the new one, never a mix.
pub(crate) fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let mut staging = Staging::begin(out)?;
    staging.write(files)?;
    staging.commit()
}

/// A new site being written beside the output folder, file batch by file
/// batch, so that a big site is never held in memory whole. Dropped before
/// [`Staging::commit`], it is removed and the output folder stays as it was.
pub(crate) struct Staging {
    out: PathBuf,
    folder: PathBuf,
    previous: PathBuf,
    /// The size of each file written, by path.
    sizes: HashMap<String, u64>,
    /// Folders known to exist.
    folders: HashSet<PathBuf>,
    committed: bool,
}

impl Staging {
    /// Starts a new site for `out`, refusing a folder amicus did not write.
    pub(crate) fn begin(out: &Path) -> Result<Self, OutputError> {
        check_replaceable(out)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        let name = out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().to_string());
        let folder = parent.join(format!(".{name}.amicus-new"));
        remove_if_exists(&folder)?;
        let staging = Staging {
            out: out.to_path_buf(),
            previous: parent.join(format!(".{name}.amicus-old")),
            folder,
            sizes: HashMap::new(),
            folders: HashSet::new(),
            committed: false,
        };
        fs::create_dir_all(&staging.folder).map_err(io_error(&staging.folder))?;
        let marker = staging.folder.join(MARKER);
        fs::write(
            &marker,
            b"This folder is written by amicus and replaced on every build.\n",
        )
        .map_err(io_error(&marker))?;
        Ok(staging)
    }

    /// The folder the new site is written to.
    pub(crate) fn folder(&self) -> &Path {
        &self.folder
    }

    /// Writes `files`, replacing any written before under the same path.
    pub(crate) fn write(&mut self, files: &[OutputFile]) -> Result<(), OutputError> {
        create_folders(&self.folder, files, &mut self.folders)?;
        // Files are independent: writing them in parallel overlaps the file
        // system's work on different folders.
        files.par_iter().try_for_each(|file| {
            let path = self.folder.join(&file.path);
            write_file(&path, &file.bytes).map_err(io_error(&path))
        })?;
        for file in files {
            self.sizes.insert(file.path.clone(), file.bytes.len() as u64);
        }
        Ok(())
    }

    /// Counts a file that was written into [`Staging::folder`] directly.
    pub(crate) fn adopt(&mut self, path: &str, bytes: u64) {
        self.sizes.insert(path.to_string(), bytes);
    }

    /// The paths written so far, sorted.
    pub(crate) fn paths(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = self.sizes.keys().map(String::as_str).collect();
        paths.sort_unstable();
        paths
    }

    /// How many files were written, and their bytes.
    pub(crate) fn totals(&self) -> (usize, u64) {
        (self.sizes.len(), self.sizes.values().sum())
    }

    /// Swaps the new site in for the old one.
    pub(crate) fn commit(mut self) -> Result<(), OutputError> {
        self.committed = true;
        swap_in(&self.out, &self.folder, &self.previous)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.folder);
        }
    }
}

/// The site as `build --watch` last wrote it into the output folder: a
/// rebuild writes only the files whose bytes changed and removes those
/// that are gone.
///
/// Each file is written beside its place, then moved into it, so a reader
/// (a web server, a browser on `file://`) never sees half a file; for the
/// moments an update takes, the folder mixes old and new files. The pages,
/// search shards and per-entry files go first, the corpus-wide files
/// (`entries.json`, `citations/all.*`: tens of MB on a big corpus) last.
/// The first write, and any after a failed one or after the folder went
/// away, is a whole one ([`write_site`]): all or nothing.
#[derive(Debug, Default)]
pub struct Published {
    /// The files in the output folder, by path; empty when the next write
    /// must be a whole one.
    files: FxHashMap<String, Written>,
}

/// A file of the last write, and whether an update found it among its new
/// files: marked as the new files are looked up, so that the gone ones are
/// found without a set of every new path (at 10,000 entries, an edit's
/// update hashed 80,000 paths a second time for that).
type Written = (Bytes, bool);

/// What [`Published::update`] wrote and removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Update {
    pub(crate) written: usize,
    pub(crate) removed: usize,
    /// When, from the start of the update, every changed file but the
    /// corpus-wide ones was in place.
    pub pages_written: Duration,
}

impl Published {
    /// Makes the output folder `out` hold `files`, and nothing else.
    pub fn update(&mut self, out: &Path, files: Vec<OutputFile>) -> Result<Update, OutputError> {
        let started = Instant::now();
        // Until this update succeeds, what the folder holds is not known.
        let mut previous = std::mem::take(&mut self.files);
        if previous.is_empty() || !out.join(MARKER).is_file() {
            write_site(out, &files)?;
            self.files = files.into_iter().map(|file| (file.path, (file.bytes, false))).collect();
            return Ok(Update {
                written: self.files.len(),
                removed: 0,
                pages_written: started.elapsed(),
            });
        }
        let update = write_changes(out, &mut previous, &files, started)?;
        self.files = previous;
        // Freeing every file's path (80,000 at 10,000 entries, 3 ms) need
        // not keep the editor waiting. (Without a thread, they are freed
        // here as the closure is.)
        let _ = std::thread::Builder::new().spawn(move || drop(files));
        Ok(update)
    }
}

/// Writes the files of `files` that differ from `previous` into `out`,
/// removes those of `previous` that `files` lacks, and makes `previous`
/// what `out` now holds.
fn write_changes(
    out: &Path,
    previous: &mut FxHashMap<String, Written>,
    files: &[OutputFile],
    started: Instant,
) -> Result<Update, OutputError> {
    let mut kept = 0;
    let mut changed: Vec<&OutputFile> = Vec::new();
    for file in files {
        match previous.get_mut(&file.path) {
            Some((bytes, seen)) => {
                kept += 1;
                *seen = true;
                if *bytes != file.bytes {
                    changed.push(file);
                }
            }
            None => changed.push(file),
        }
    }
    create_folders(out, changed.iter().copied(), &mut HashSet::new())?;
    let (corpus_wide, pieces): (Vec<&OutputFile>, Vec<&OutputFile>) =
        changed.iter().partition(|file| matches!(file.bytes, Bytes::Joined(_)));
    replace_files(out, &pieces)?;
    let pages_written = started.elapsed();
    replace_files(out, &corpus_wide)?;
    // Files come and go with entries; most updates only replace some.
    let gone: Vec<String> = if kept == previous.len() {
        Vec::new()
    } else {
        (previous.iter())
            .filter(|(_, (_, seen))| !seen)
            .map(|(path, _)| path.clone())
            .collect()
    };
    let removed = remove_files(out, &gone)?;
    for path in &gone {
        previous.remove(path);
    }
    for (_, seen) in previous.values_mut() {
        *seen = false;
    }
    for file in &changed {
        previous.insert(file.path.clone(), (file.bytes.clone(), false));
    }
    Ok(Update {
        written: changed.len(),
        removed,
        pages_written,
    })
}

/// Creates the folders under `root` that `files` go into, but those in
/// `known`, which it adds them to.
fn create_folders<'f>(
    root: &Path,
    files: impl IntoIterator<Item = &'f OutputFile>,
    known: &mut HashSet<PathBuf>,
) -> Result<(), OutputError> {
    let new_folders: BTreeSet<PathBuf> = files
        .into_iter()
        .filter_map(|file| root.join(&file.path).parent().map(Path::to_path_buf))
        .filter(|folder| !known.contains(folder))
        .collect();
    for folder in new_folders {
        fs::create_dir_all(&folder).map_err(io_error(&folder))?;
        known.insert(folder);
    }
    Ok(())
}

/// Replaces the files of `out` by `files`, side by side.
fn replace_files(out: &Path, files: &[&OutputFile]) -> Result<(), OutputError> {
    files.par_iter().try_for_each(|file| {
        let path = out.join(&file.path);
        replace_file(&path, &file.bytes).map_err(io_error(&path))
    })
}

/// Writes `bytes` beside `path`, then puts them in its place: `path`
/// holds the old file or the new one, whole, whenever it is read.
fn replace_file(path: &Path, bytes: &Bytes) -> io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.amicus-tmp"));
    write_file(&temporary, bytes)?;
    put_in_place(&temporary, path).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}

/// Moves `temporary` to `path`. On Linux the two are exchanged, then the
/// old file is removed: ext4 writes out a file renamed over another before
/// the rename returns (`auto_da_alloc`), which made replacing a page five
/// times slower (150 µs a file) than writing it.
#[cfg(target_os = "linux")]
fn put_in_place(temporary: &Path, path: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    // Only a file is exchanged: a rename over anything else fails, as it
    // should.
    let replaces_file = fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
    match replaces_file && renameat_with(CWD, temporary, CWD, path, RenameFlags::EXCHANGE).is_ok() {
        true => fs::remove_file(temporary),
        // A new file, or a file system that cannot exchange.
        false => fs::rename(temporary, path),
    }
}

#[cfg(not(target_os = "linux"))]
fn put_in_place(temporary: &Path, path: &Path) -> io::Result<()> {
    fs::rename(temporary, path)
}

/// Removes the files at `paths` in `out`, and the folders they leave empty;
/// returns how many there were.
fn remove_files(out: &Path, paths: &[String]) -> Result<usize, OutputError> {
    let mut removed = 0;
    for path in paths {
        let file = out.join(path);
        match fs::remove_file(&file) {
            Ok(()) => removed += 1,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(io_error(&file)(error)),
        }
        remove_empty_folders(out, &file);
    }
    Ok(removed)
}

/// Removes the folders above `file` that are left empty, up to `out`.
fn remove_empty_folders(out: &Path, file: &Path) {
    let mut folder = file.parent();
    while let Some(current) = folder.filter(|f| f.starts_with(out) && *f != out) {
        // Fails, as it should, on a folder that is not empty.
        if fs::remove_dir(current).is_err() {
            break;
        }
        folder = current.parent();
    }
}

/// `out` may be replaced if it does not exist, is empty, or is ours.
fn check_replaceable(out: &Path) -> Result<(), OutputError> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(OutputError::NotAFolder(out.to_path_buf()));
    }
    let empty = fs::read_dir(out).map_err(io_error(out))?.next().is_none();
    if empty || out.join(MARKER).is_file() {
        Ok(())
    } else {
        Err(OutputError::NotOurs(out.to_path_buf()))
    }
}

fn remove_if_exists(path: &Path) -> Result<(), OutputError> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_error(path)(e)),
        _ => Ok(()),
    }
}

/// Moves the old output aside, the new one in, and removes the old one. If
/// the new one cannot be moved in, the old one is put back.
fn swap_in(out: &Path, staging: &Path, previous: &Path) -> Result<(), OutputError> {
    remove_if_exists(previous)?;
    let had_output = out.exists();
    if had_output {
        fs::rename(out, previous).map_err(io_error(out))?;
    }
    if let Err(error) = fs::rename(staging, out) {
        if had_output {
            let _ = fs::rename(previous, out);
        }
        let _ = fs::remove_dir_all(staging);
        return Err(io_error(out)(error));
    }
    if had_output {
        let _ = fs::remove_dir_all(previous);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile::new(path, text.as_bytes().to_vec())
    }

    #[test]
    fn replaces_previous_output_completely() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[file("a.html", "1"), file("x/b.html", "2")]).unwrap();
        write_site(&out, &[file("c.html", "3")]).unwrap();
        assert!(!out.join("a.html").exists());
        assert_eq!(fs::read_to_string(out.join("c.html")).unwrap(), "3");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn never_replaces_a_folder_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        let error = write_site(dir.path(), &[file("a.html", "1")]).unwrap_err();
        assert!(matches!(error, OutputError::NotOurs(_)));
        assert!(dir.path().join("precious.txt").exists());
    }

    /// Every file under `out` but the marker, with its text.
    fn tree(out: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walkdir::WalkDir::new(out)
            .into_iter()
            .map(Result::unwrap)
            .filter(|item| item.file_type().is_file() && item.file_name() != MARKER)
            .map(|item| {
                let path = item
                    .path()
                    .strip_prefix(out)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (path, fs::read_to_string(item.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn an_update_writes_what_changed_and_removes_what_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut published = Published::default();
        let first = published
            .update(
                &out,
                vec![file("a.html", "1"), file("x/b.html", "2"), file("y/c.html", "3")],
            )
            .unwrap();
        assert_eq!((first.written, first.removed), (3, 0));

        let update = published
            .update(
                &out,
                vec![file("a.html", "1"), file("x/b.html", "two"), file("z/d.html", "4")],
            )
            .unwrap();
        assert_eq!((update.written, update.removed), (2, 1));
        let expected = [("a.html", "1"), ("x/b.html", "two"), ("z/d.html", "4")];
        assert_eq!(tree(&out), expected.map(|(p, t)| (p.to_string(), t.to_string())));
        assert!(!out.join("y").exists(), "the folder left empty is removed");

        let unchanged = published
            .update(
                &out,
                vec![file("a.html", "1"), file("x/b.html", "two"), file("z/d.html", "4")],
            )
            .unwrap();
        assert_eq!((unchanged.written, unchanged.removed), (0, 0));
    }

    #[test]
    fn a_file_is_replaced_whole_and_nothing_else_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("page.html");
        replace_file(&page, &file("", "new").bytes).unwrap();
        assert_eq!(fs::read_to_string(&page).unwrap(), "new");
        replace_file(&page, &file("", "newer").bytes).unwrap();
        assert_eq!(fs::read_to_string(&page).unwrap(), "newer");

        let folder = dir.path().join("folder.html");
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("inside"), "kept").unwrap();
        assert!(replace_file(&folder, &file("", "page").bytes).is_err());
        assert_eq!(fs::read_to_string(folder.join("inside")).unwrap(), "kept");

        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|item| item.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["folder.html", "page.html"], "no temporary file is left");
    }

    #[test]
    fn an_update_after_the_folder_went_away_writes_the_whole_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut published = Published::default();
        published
            .update(&out, vec![file("a.html", "1"), file("b.html", "2")])
            .unwrap();
        fs::remove_dir_all(&out).unwrap();
        let update = published
            .update(&out, vec![file("a.html", "1"), file("b.html", "3")])
            .unwrap();
        assert_eq!(update.written, 2);
        assert_eq!(
            tree(&out),
            [
                ("a.html".to_string(), "1".to_string()),
                ("b.html".to_string(), "3".to_string())
            ]
        );
    }

    #[test]
    fn an_update_never_writes_into_a_folder_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        let error = Published::default()
            .update(dir.path(), vec![file("a.html", "1")])
            .unwrap_err();
        assert!(matches!(error, OutputError::NotOurs(_)));
    }
}
