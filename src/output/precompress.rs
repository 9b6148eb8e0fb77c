//! Precompressed copies, for hosts that serve them (nginx's `gzip_static`,
//! Caddy's `precompressed`, many CDNs): `NAME.gz` beside every text file
//! that gzip makes more than a tenth smaller. A copy holds no time and no
//! name, so the same site gives the same copies; copies are kept with the
//! bytes they were made from, so that `build --watch` compresses only the
//! files a rebuild changed.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::file::{Bytes, OutputFile};
use crate::keep::Keep;

/// What a copy's name adds to its file's.
pub(crate) const SUFFIX: &str = ".gz";

/// The files worth a copy: text. Pictures are SVG (text too); the zip and
/// anything else already compressed is left alone.
const TEXT_EXTENSIONS: &[&str] = &["html", "css", "js", "json", "xml", "txt", "svg", "bib", "ris"];

/// Makes the copies of the files of a build, remembering them (when it
/// keeps) for the next build.
pub(crate) struct Precompressor {
    /// By path: the bytes a copy was made from, and the copy, if the file
    /// got one.
    made: HashMap<String, (Bytes, Option<Bytes>)>,
    /// With [`Keep::Nothing`] (a single build), every copy is forgotten
    /// once handed on.
    keep: Keep,
}

impl Precompressor {
    /// A precompressor keeping what `keep` says.
    pub(crate) fn new(keep: Keep) -> Self {
        Precompressor {
            made: HashMap::new(),
            keep,
        }
    }

    /// `files` followed by the copies of those that get one, made in
    /// parallel; a file with the bytes of the last build keeps its copy.
    pub(crate) fn with_copies(&mut self, mut files: Vec<OutputFile>) -> Vec<OutputFile> {
        let copies: Vec<Option<Bytes>> = files
            .par_iter()
            .map(|file| match self.made.get(&file.path) {
                Some((from, copy)) if *from == file.bytes => copy.clone(),
                _ => worth_a_copy(file, false),
            })
            .collect();
        let mut made = Vec::new();
        for (file, copy) in files.iter().zip(copies) {
            if self.keep.anything() {
                self.made.insert(file.path.clone(), (file.bytes.clone(), copy.clone()));
            }
            if let Some(copy) = copy {
                made.push(OutputFile {
                    path: copy_path(&file.path),
                    bytes: copy,
                });
            }
        }
        files.extend(made);
        files
    }

    /// The copy of `file`, which replaces the file of its path put before.
    /// A text file always gets one here, even one gzip barely shrinks: the
    /// copy it had, if any, must not outlive the bytes it was made from.
    pub(crate) fn copy_of_replacement(&mut self, file: &OutputFile) -> Option<OutputFile> {
        let copy = worth_a_copy(file, true)?;
        if self.keep.anything() {
            self.made
                .insert(file.path.clone(), (file.bytes.clone(), Some(copy.clone())));
        }
        Some(OutputFile {
            path: copy_path(&file.path),
            bytes: copy,
        })
    }
}

/// Where a file's copy goes.
pub(crate) fn copy_path(path: &str) -> String {
    format!("{path}{SUFFIX}")
}

/// Whether `path` names a copy (no other file of a site ends so).
pub(crate) fn is_copy(path: &str) -> bool {
    path.ends_with(SUFFIX)
}

/// The gzip copy of a text file, when it is more than a tenth smaller (or
/// whenever, with `always`).
fn worth_a_copy(file: &OutputFile, always: bool) -> Option<Bytes> {
    let extension = file.path.rsplit_once('.').map(|(_, extension)| extension)?;
    if !TEXT_EXTENSIONS.contains(&extension) {
        return None;
    }
    let gzipped = gzip(&file.bytes);
    (always || gzipped.len() * 10 < file.bytes.len() * 9).then(|| Bytes::Whole(Arc::new(gzipped)))
}

/// `bytes` in gzip, with no modification time and no file name, so that
/// the same bytes always give the same copy. A file joined from parts
/// (`entries.json`) is compressed part by part, never put together.
fn gzip(bytes: &Bytes) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .operating_system(255)
        .write(Vec::new(), flate2::Compression::default());
    // Writing to memory cannot fail.
    bytes
        .write_to(&mut encoder)
        .and_then(|()| encoder.finish())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn text(path: &str, words: usize) -> OutputFile {
        OutputFile::new(path, "gender persecution ".repeat(words).into_bytes())
    }

    fn gunzip(bytes: &Bytes) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes.to_vec()[..])
            .read_to_end(&mut out)
            .expect("a gzip stream");
        out
    }

    #[test]
    fn text_files_get_a_copy_that_reads_back_and_never_changes() {
        let files = Precompressor::new(Keep::Nothing).with_copies(vec![text("index.html", 100), text("a.bib", 100)]);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["index.html", "a.bib", "index.html.gz", "a.bib.gz"]);
        assert_eq!(gunzip(&files[2].bytes), files[0].bytes.to_vec());
        let again = Precompressor::new(Keep::Nothing).with_copies(vec![text("index.html", 100)]);
        assert_eq!(again[1].bytes, files[2].bytes, "byte-reproducible");
    }

    #[test]
    fn files_that_do_not_shrink_or_are_not_text_get_none() {
        let files = Precompressor::new(Keep::Nothing).with_copies(vec![
            text("site.zip", 100),
            OutputFile::new("tiny.css", b"a{}".to_vec()),
            OutputFile::new("noextension", b"x".repeat(1000)),
        ]);
        assert_eq!(files.len(), 3);
    }

    #[test]
    fn a_kept_copy_is_reused_only_for_the_same_bytes() {
        let mut precompressor = Precompressor::new(Keep::ForNextBuild);
        let first = precompressor.with_copies(vec![text("a.js", 100)]);
        let same = precompressor.with_copies(vec![text("a.js", 100)]);
        assert_eq!(first[1], same[1]);
        let changed = precompressor.with_copies(vec![text("a.js", 200)]);
        assert_eq!(gunzip(&changed[1].bytes), changed[0].bytes.to_vec());
    }

    #[test]
    fn a_replacement_always_gets_a_copy() {
        let mut precompressor = Precompressor::new(Keep::Nothing);
        let copy = precompressor
            .copy_of_replacement(&OutputFile::new("index.html", b"<p>".to_vec()))
            .expect("a copy");
        assert_eq!(copy.path, "index.html.gz");
        assert_eq!(gunzip(&copy.bytes), b"<p>");
    }
}
