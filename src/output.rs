//! Writing the site to disk, all or nothing.
//!
//! The files are written to a staging folder beside the output folder, and
//! only when every file is written is the old output swapped out for the new
//! one. A build that fails at any point leaves the previous output as it was.
//! A folder that amicus did not write (no marker file) is never replaced.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use thiserror::Error;

use crate::render::OutputFile;

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

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Replaces the contents of `out` with `files`, atomically as seen from
/// outside: either the old site or the new one, never a mix.
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    check_replaceable(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().to_string());
    let staging = parent.join(format!(".{name}.amicus-new"));
    let previous = parent.join(format!(".{name}.amicus-old"));
    remove_if_exists(&staging)?;
    if let Err(error) = write_all(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    swap_in(out, &staging, &previous)
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

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    fs::create_dir_all(staging).map_err(io_error(staging))?;
    let marker = staging.join(MARKER);
    fs::write(
        &marker,
        b"This folder is written by amicus and replaced on every build.\n",
    )
    .map_err(io_error(&marker))?;
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|file| staging.join(&file.path).parent().map(Path::to_path_buf))
        .collect();
    for folder in &folders {
        fs::create_dir_all(folder).map_err(io_error(folder))?;
    }
    // Files are independent: writing them in parallel overlaps the file
    // system's work on different folders.
    files.par_iter().try_for_each(|file| {
        let path = staging.join(&file.path);
        fs::write(&path, file.bytes.as_slice()).map_err(io_error(&path))
    })
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
