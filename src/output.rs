//! Writing the site to disk, all or nothing.
//!
//! The files are written to a staging folder beside the output folder (as
//! they are made, batch by batch: [`Staging`]), and only when every file is
//! written is the old output swapped out for the new one. A build that fails at any point leaves the previous output as it was.
//! A folder that amicus did not write (no marker file) is never replaced.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use thiserror::Error;

use crate::render::{Bytes, OutputFile};

/// Marks a folder as amicus output, so that it may be replaced.
pub const MARKER: &str = ".amicus-output";

#[derive(Debug, Error)]
pub enum OutputError {
    #[error("refusing to replace {}: it is not empty and was not written by amicus (no {MARKER} file); choose another --out folder or empty it", .0.display())]
    NotOurs(PathBuf),
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// Writes a file's bytes, part by part when they are joined.
fn write_file(path: &Path, bytes: &Bytes) -> io::Result<()> {
    match bytes {
        Bytes::Whole(whole) => fs::write(path, whole.as_slice()),
        Bytes::Joined(_) => {
            let mut out = io::BufWriter::with_capacity(1 << 20, fs::File::create(path)?);
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
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let mut staging = Staging::begin(out)?;
    staging.write(files)?;
    staging.commit()
}

/// A new site being written beside the output folder, file batch by file
/// batch, so that a big site is never held in memory whole. Dropped before
/// [`Staging::commit`], it is removed and the output folder stays as it was.
pub struct Staging {
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
    pub fn begin(out: &Path) -> Result<Self, OutputError> {
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
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Writes `files`, replacing any written before under the same path.
    pub fn write(&mut self, files: &[OutputFile]) -> Result<(), OutputError> {
        let new_folders: BTreeSet<PathBuf> = files
            .iter()
            .filter_map(|file| self.folder.join(&file.path).parent().map(Path::to_path_buf))
            .filter(|folder| !self.folders.contains(folder))
            .collect();
        for folder in new_folders {
            fs::create_dir_all(&folder).map_err(io_error(&folder))?;
            self.folders.insert(folder);
        }
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
    pub fn adopt(&mut self, path: &str, bytes: u64) {
        self.sizes.insert(path.to_string(), bytes);
    }

    /// The paths written so far, sorted.
    pub fn paths(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = self.sizes.keys().map(String::as_str).collect();
        paths.sort_unstable();
        paths
    }

    /// How many files were written, and their bytes.
    pub fn totals(&self) -> (usize, u64) {
        (self.sizes.len(), self.sizes.values().sum())
    }

    /// Swaps the new site in for the old one.
    pub fn commit(mut self) -> Result<(), OutputError> {
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
}
