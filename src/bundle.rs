//! The offline bundle: the whole site as one zip (`amicus build --bundle`),
//! for readers who carry the knowledge base on a laptop or a USB stick and
//! open it with no connection and no server.
//!
//! The zip holds every file of the site under one folder, `amicus-site/`,
//! so that unzipping never scatters files. It is deterministic: entries in
//! path order, every timestamp 1980-01-01 00:00, fixed permissions. It
//! lies in the site (`amicus-site.zip`) but is built before it is added, so
//! it never contains itself; the home page inside the zip therefore has no
//! download link, and the home page of the site links the zip with its
//! size. Every link in it is relative: the site's `404.html`, whose links
//! start from the `base_url` so that a host can serve it at any depth, is
//! replaced in the zip by one whose links start from its folder. The
//! precompressed copies of `--precompress` stay out: a browser opening the
//! zip's files reads the originals.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Cursor, Seek, Write};
use std::path::Path;

use thiserror::Error;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::output::precompress::is_copy;
use crate::output::OutputFile;

/// The zip, relative to the site root.
pub(crate) const FILE: &str = "amicus-site.zip";
/// The folder the site unzips into.
pub(crate) const FOLDER: &str = "amicus-site";

/// Why the offline zip could not be made.
#[derive(Debug, Error)]
pub enum BundleError {
    /// The zip writer refused an entry or could not finish the archive.
    #[error("cannot write the offline bundle: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// A file of the staged site could not be read back, or the zip file
    /// could not be created or written.
    #[error("cannot write the offline bundle: {0}")]
    Io(#[from] std::io::Error),
}

/// Zips `files` into `amicus-site/…`, in path order; a file of `replaced`
/// takes the place of the one with its path.
pub(crate) fn zip(files: &[OutputFile], replaced: &[OutputFile]) -> Result<Vec<u8>, BundleError> {
    let mut sorted: Vec<&OutputFile> = files.iter().filter(|file| !is_copy(&file.path)).collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let sorted = sorted.into_iter().map(|file| {
        let file = replaced.iter().find(|r| r.path == file.path).unwrap_or(file);
        Ok((file.path.as_str(), file.bytes.contiguous()))
    });
    Ok(write_zip(Cursor::new(Vec::new()), sorted)?.into_inner())
}

/// Zips the files `paths` (sorted) of the site in `folder` into the file
/// `zip`, reading one file at a time, a file of `replaced` in place of the
/// one with its path; returns the zip's size.
pub(crate) fn zip_folder(
    folder: &Path,
    paths: &[&str],
    replaced: &[OutputFile],
    zip: &Path,
) -> Result<u64, BundleError> {
    let files =
        paths
            .iter()
            .filter(|path| !is_copy(path))
            .map(|path| match replaced.iter().find(|r| r.path == *path) {
                Some(file) => Ok((*path, file.bytes.contiguous())),
                None => Ok((*path, Cow::Owned(std::fs::read(folder.join(path))?))),
            });
    let file = write_zip(BufWriter::new(File::create(zip)?), files)?;
    file.into_inner().map_err(|e| e.into_error())?;
    Ok(std::fs::metadata(zip)?.len())
}

/// Writes a deterministic zip of `files` (path, bytes; in the order given)
/// under `amicus-site/`.
fn write_zip<'a, W: Write + Seek>(
    writer: W,
    files: impl Iterator<Item = Result<(&'a str, Cow<'a, [u8]>), BundleError>>,
) -> Result<W, BundleError> {
    let mut writer = ZipWriter::new(writer);
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for file in files {
        let (path, bytes) = file?;
        writer.start_file(format!("{FOLDER}/{path}"), options)?;
        writer.write_all(&bytes)?;
    }
    Ok(writer.finish()?)
}

/// `830 KB`, `1.2 MB`: a size as a download link shows it.
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    let bytes = bytes as f64;
    if bytes < KB * KB {
        format!("{} KB", (bytes / KB).ceil().max(1.0))
    } else {
        format!("{:.1} MB", bytes / (KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_download_link() {
        assert_eq!(human_size(10), "1 KB");
        assert_eq!(human_size(829_100), "830 KB");
        assert_eq!(human_size(1_234_567), "1.2 MB");
    }

    #[test]
    fn the_same_files_give_the_same_zip() {
        let files = vec![
            OutputFile {
                path: "b.html".into(),
                bytes: b"b".to_vec().into(),
            },
            OutputFile {
                path: "a/a.html".into(),
                bytes: b"a".to_vec().into(),
            },
        ];
        let reversed: Vec<OutputFile> = files.iter().rev().cloned().collect();
        assert_eq!(zip(&files, &[]).unwrap(), zip(&reversed, &[]).unwrap());
    }

    #[test]
    fn a_replaced_file_is_zipped_in_place_of_the_site_one() {
        let files = vec![OutputFile {
            path: "404.html".into(),
            bytes: b"site".to_vec().into(),
        }];
        let offline = vec![OutputFile {
            path: "404.html".into(),
            bytes: b"offline".to_vec().into(),
        }];
        let zipped = zip(&files, &offline).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(zipped)).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("amicus-site/404.html").unwrap(), &mut text).unwrap();
        assert_eq!(text, "offline");
    }
}
