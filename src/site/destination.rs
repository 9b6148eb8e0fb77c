//! Where a build puts its files as they are made: memory (`serve`, tests),
//! the output's staging folder (`build`), either with the precompressed
//! copies beside them; and the offline bundle, made from what was put.

use super::error::BuildError;
use crate::bundle;
use crate::output::precompress::Precompressor;
use crate::output::{self, OutputFile};
use crate::render;

/// Where a build puts its files as they are made: memory (for `serve`), or
/// the staging folder of the output (for `build`).
pub(super) trait Destination {
    /// Adds `files`, whose paths were not put before.
    fn put(&mut self, files: Vec<OutputFile>) -> Result<(), BuildError>;
    /// Puts `file` in place of the one put before under its path.
    fn replace(&mut self, file: OutputFile) -> Result<(), BuildError>;
    /// Zips every file put so far into [`bundle::FILE`], a file of
    /// `replaced` in place of the one with its path, adds it and returns its
    /// size.
    fn bundle(&mut self, replaced: &[OutputFile]) -> Result<u64, BuildError>;
    /// How many files were put, and their bytes.
    fn totals(&self) -> (usize, u64);
}

/// A site held in memory.
#[derive(Default)]
pub(super) struct InMemory {
    pub(super) files: Vec<OutputFile>,
}

impl InMemory {
    pub(super) fn into_files(self) -> Vec<OutputFile> {
        debug_assert!(
            {
                let mut paths: Vec<&str> = self.files.iter().map(|f| f.path.as_str()).collect();
                paths.sort_unstable();
                paths.windows(2).all(|pair| pair[0] != pair[1])
            },
            "a build made two files with one path"
        );
        self.files
    }
}

impl Destination for InMemory {
    fn put(&mut self, files: Vec<OutputFile>) -> Result<(), BuildError> {
        self.files.extend(files);
        Ok(())
    }

    fn replace(&mut self, file: OutputFile) -> Result<(), BuildError> {
        // Once a build (the home page, after the bundle): a search is cheap.
        match self.files.iter_mut().rfind(|f| f.path == file.path) {
            Some(old) => *old = file,
            None => self.files.push(file),
        }
        Ok(())
    }

    fn bundle(&mut self, replaced: &[OutputFile]) -> Result<u64, BuildError> {
        let zip = bundle::zip(&self.files, replaced)?;
        let size = zip.len() as u64;
        self.put(vec![OutputFile::new(bundle::FILE, zip)])?;
        Ok(size)
    }

    fn totals(&self) -> (usize, u64) {
        (self.files.len(), self.files.iter().map(|f| f.bytes.len() as u64).sum())
    }
}

/// A destination that also gets the precompressed copy of every file
/// worth one, beside it.
pub(super) struct Precompressing<'a> {
    pub(super) inner: &'a mut dyn Destination,
    pub(super) copies: &'a mut Precompressor,
}

impl Destination for Precompressing<'_> {
    fn put(&mut self, files: Vec<OutputFile>) -> Result<(), BuildError> {
        self.inner.put(self.copies.with_copies(files))
    }

    fn replace(&mut self, file: OutputFile) -> Result<(), BuildError> {
        let copy = self.copies.copy_of_replacement(&file);
        self.inner.replace(file)?;
        match copy {
            Some(copy) => self.inner.replace(copy),
            None => Ok(()),
        }
    }

    fn bundle(&mut self, replaced: &[OutputFile]) -> Result<u64, BuildError> {
        // The zip leaves the copies out (see `bundle`), and is no text.
        self.inner.bundle(replaced)
    }

    fn totals(&self) -> (usize, u64) {
        self.inner.totals()
    }
}

impl Destination for output::Staging {
    fn put(&mut self, files: Vec<OutputFile>) -> Result<(), BuildError> {
        Ok(self.write(&files)?)
    }

    fn replace(&mut self, file: OutputFile) -> Result<(), BuildError> {
        Ok(self.write(&[file])?)
    }

    fn bundle(&mut self, replaced: &[OutputFile]) -> Result<u64, BuildError> {
        let zip = self.folder().join(bundle::FILE);
        let size = bundle::zip_folder(self.folder(), &self.paths(), replaced, &zip)?;
        self.adopt(bundle::FILE, size);
        Ok(size)
    }

    fn totals(&self) -> (usize, u64) {
        output::Staging::totals(self)
    }
}

/// Zips the site, adds the zip and links it from the home page; returns its
/// size. The zip holds the site as it was before, so it never contains
/// itself, with a 404 page whose links are relative, as in every other page.
pub(super) fn add_bundle(site: &render::Site<'_>, destination: &mut dyn Destination) -> Result<u64, BuildError> {
    let size = destination.bundle(&[render::render_offline_not_found(site)?])?;
    let link = render::BundleLink {
        url: bundle::FILE.into(),
        size: bundle::human_size(size),
    };
    destination.replace(render::render_home(site, Some(&link))?)?;
    Ok(size)
}
