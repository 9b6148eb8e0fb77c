//! The stages a builder runs beside loading and linking: the search
//! stage (index, export) and the files beside the pages (feeds, headers,
//! assets, citation exports, `entries.json`), with what each keeps between
//! builds.

use std::time::{Duration, Instant};

use super::destination::Destination;
use super::error::BuildError;
use super::report::Report;
use crate::config::SiteConfig;
use crate::corpus::Corpus;
use crate::diagnostic::Diagnostics;
use crate::export;
use crate::feeds;
use crate::hosting;
use crate::keep::Keep;
use crate::links::Links;
use crate::output::OutputFile;
use crate::render::{self, RenderCache};
use crate::search;
use crate::search::document::GraphFacts;
use crate::search::inverted::{Inversion, Inverted, Kept};
use crate::theme::Theme;

/// What the search stage keeps between builds.
pub(super) struct SearchStage {
    /// The content hashes of the documents the previous build's export
    /// was made from.
    pub(super) last_export: Option<Vec<u64>>,
    /// The search documents of the last build, what its index keeps for
    /// the next (the documents of `last_export`), and its export: a rebuild
    /// remakes only what an edit touches (a rebuild that changes no
    /// document exports what the exporter kept, all of it).
    pub(super) documents: search::DocumentCache,
    pub(super) index: Option<Kept>,
    pub(super) exporter: search::export::Exporter,
    pub(super) keep: Keep,
}

/// The files of the site beside its pages: the feeds (with the sitemap
/// and robots.txt), the host's headers, the theme's assets, the citation
/// exports and `entries.json`, all made from the published corpus as the
/// pages are. Kept between builds, the exports and `entries.json` are made
/// again only for the entries that changed.
pub(super) struct BesidePages {
    pub(super) exports: export::ExportCache,
    pub(super) entries_json: export::entries::EntriesCache,
}

impl BesidePages {
    /// The files for `site`, whose pages are `pages`; each entry's exports
    /// are remembered for the next build when the builder keeps anything.
    pub(super) fn files(&mut self, site: &render::Site<'_>, pages: &[String]) -> Vec<OutputFile> {
        let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
        let (corpus, config) = (site.corpus, site.config);
        let mut files = feeds::files(corpus, config, site.ui(), &pages, site.newest());
        files.push(hosting::headers_file(site.theme.tagged_assets()));
        files.extend(site.theme.asset_files());
        files.extend(self.exports.files(corpus, config));
        files.push(self.entries_json.file(corpus, site.links, config));
        files
    }
}

/// What the search stage and the pages are made from.
pub(super) struct Inputs<'a> {
    pub(super) corpus: &'a Corpus,
    pub(super) links: &'a Links,
    pub(super) config: &'a SiteConfig,
    pub(super) theme: &'a Theme,
    pub(super) relations: GraphFacts<'a>,
}

impl<'a> Inputs<'a> {
    /// What every page renderer reads, its orderings taken from `cache`
    /// where the previous build's still hold.
    pub(super) fn site(&self, cache: &mut RenderCache) -> render::Site<'a> {
        render::Site::new(self.corpus, self.links, self.config, self.theme, cache)
    }
}

impl SearchStage {
    /// Indexes the search documents of `inputs` and hands the index's
    /// export to `destination`.
    /// After an edit, the index is patched from the changed documents and
    /// the export made from what the exporter kept: only the files of what
    /// changed are made anew (none, when no indexed document changed). What
    /// is made is kept for the next build when the stage keeps anything.
    pub(super) fn files(
        &mut self,
        inputs: &Inputs<'_>,
        destination: &mut dyn Destination,
    ) -> Result<Searched, BuildError> {
        if !self.keep.anything() {
            return self.single_build_files(inputs, destination);
        }
        let started = Instant::now();
        let (docs, hashes) = self
            .documents
            .documents(inputs.corpus, inputs.links, &inputs.relations)
            .map_err(BuildError::Corpus)?;
        let mut index = match (self.index.take(), &self.last_export) {
            (Some(kept), Some(before)) => Inverted::after(kept, before, docs, &hashes),
            _ => Inverted::of(docs),
        };
        let index_took = started.elapsed();
        let (files, manifest) = self.exporter.export(&mut index, &hashes);
        let size = bytes_of(&files);
        self.index = Some(index.keep());
        self.last_export = Some(hashes);
        destination.put(files)?;
        Ok(Searched {
            bytes: size,
            index_took,
            manifest,
        })
    }

    /// The search stage of a single build, which keeps nothing: the
    /// documents are made, their texts written and their postings inverted
    /// a chunk at a time, each chunk's body text dropped once inverted, so
    /// that the build never holds every body's text; then the rest of the
    /// export.
    fn single_build_files(
        &mut self,
        inputs: &Inputs<'_>,
        destination: &mut dyn Destination,
    ) -> Result<Searched, BuildError> {
        let started = Instant::now();
        let mut inversion = Inversion::default();
        let mut hashes = Vec::with_capacity(inputs.corpus.entries.len());
        let mut problems = Diagnostics::default();
        let mut size = 0;
        let mut emit = |files: Vec<OutputFile>| {
            size += bytes_of(&files);
            destination.put(files)
        };
        // The texts are the export's: its time, not the index's.
        let mut texts_took = Duration::ZERO;
        let total = inputs.corpus.entries.len();
        let chunk = search::export::documents_at_a_time(total);
        for first in (0..total).step_by(chunk) {
            let numbers = first..(first + chunk).min(total);
            match search::documents_of(inputs.corpus, &inputs.relations, numbers) {
                // Once a body could not be read, the others are only
                // checked, so that every such entry is reported.
                Ok(_) if problems.has_errors() => {}
                Ok((docs, chunk_hashes)) => {
                    let writing = Instant::now();
                    self.exporter.write_texts_first(&docs, total, &mut emit)?;
                    texts_took += writing.elapsed();
                    inversion.add_dropping_bodies(docs);
                    hashes.extend(chunk_hashes);
                }
                Err(unread) => problems.extend(unread.0),
            }
        }
        if problems.has_errors() {
            return Err(BuildError::Corpus(problems));
        }
        let mut index = inversion.finish();
        let index_took = started.elapsed() - texts_took;
        let manifest = self.exporter.export_into(&mut index, &hashes, &mut emit)?;
        Ok(Searched {
            bytes: size,
            index_took,
            manifest,
        })
    }
}

/// The bytes of `files`.
fn bytes_of(files: &[OutputFile]) -> u64 {
    files.iter().map(|f| f.bytes.len() as u64).sum()
}

/// What the search stage did.
pub(super) struct Searched {
    /// The export's bytes.
    pub(super) bytes: u64,
    /// How long the index took (its documents made, the postings inverted
    /// or the statistics patched); the rest of the stage is the export.
    pub(super) index_took: Duration,
    /// The export's manifest, which the search page names.
    pub(super) manifest: String,
}

impl Searched {
    /// Reports what the stage did, and makes the search page, which names
    /// the export's manifest.
    pub(super) fn finish(self, site: &render::Site<'_>, report: &mut Report) -> Result<OutputFile, BuildError> {
        report.search_bytes = self.bytes;
        Ok(render::render_search_page(site, &self.manifest)?)
    }
}
