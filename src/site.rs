//! The build pipeline, one stage after another:
//! config → `corpus::load` → `links::link` → `search` → `render` → `output`,
//! each file handed to the output as soon as it is made.
//!
//! `check` runs the stages that validate (everything up to rendering) and
//! writes nothing.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use thiserror::Error;

use crate::bundle::{self, BundleError};
use crate::config::SiteConfig;
use crate::corpus::{self, Corpus, EntryDate, EntryType, LoadCache, LoadOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::export;
use crate::feeds;
use crate::hosting;
use crate::keep::Keep;
use crate::links::{LinkCache, Links};
use crate::lint;
use crate::output::precompress::Precompressor;
use crate::output::OutputFile;
use crate::output::{self, OutputError};
use crate::render::{self, RenderCache};
use crate::search::document::GraphFacts;
use crate::search::index::{SearchIndex, UpdateReport};
use crate::search::snapshot::Snapshot;
use crate::search::{self, SearchError};
use crate::theme::{Theme, ThemeError};

/// The default cache folder's name, next to the corpus folder.
pub const CACHE_FOLDER: &str = ".amicus-cache";

/// Where a build reads from and writes to.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub corpus: PathBuf,
    pub out: PathBuf,
    /// `amicus.yaml`; by default the one next to the corpus folder.
    pub config: Option<PathBuf>,
    pub include_drafts: bool,
    /// Where the search index is kept; by default `.amicus-cache/` next to
    /// the corpus folder.
    pub cache: Option<PathBuf>,
    /// Also write the site as one zip, `amicus-site.zip`, linked from the
    /// home page.
    pub bundle: bool,
    /// Also write a gzip copy beside every text file worth one, for hosts
    /// that serve them (`output::precompress`).
    pub precompress: bool,
}

impl BuildOptions {
    pub fn new(corpus: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        BuildOptions {
            corpus: corpus.into(),
            out: out.into(),
            config: None,
            include_drafts: false,
            cache: None,
            bundle: false,
            precompress: false,
        }
    }

    /// The cache folder, which holds the search index.
    pub fn cache_dir(&self) -> PathBuf {
        self.cache
            .clone()
            .unwrap_or_else(|| self.project_dir().join(CACHE_FOLDER))
    }

    /// The folder holding the corpus folder, `amicus.yaml` and `themes/`.
    fn project_dir(&self) -> PathBuf {
        match self.corpus.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    pub fn config_path(&self) -> PathBuf {
        self.config
            .clone()
            .unwrap_or_else(|| self.project_dir().join("amicus.yaml"))
    }

    pub fn themes_dir(&self) -> PathBuf {
        self.config_path()
            .parent()
            .map_or_else(|| PathBuf::from("themes"), |dir| dir.join("themes"))
    }
}

#[derive(Debug, Error)]
pub enum BuildError {
    #[error("{0}")]
    Corpus(Diagnostics),
    #[error("{0}")]
    Config(Box<Diagnostic>),
    #[error(transparent)]
    Theme(#[from] ThemeError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Bundle(#[from] BundleError),
    #[error("{0}")]
    Overlap(String),
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// What a build or check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Published entries per type, in `EntryType::ALL` order.
    pub counts: Vec<(EntryType, usize)>,
    /// Entries left out (drafts, confidential).
    pub withheld: usize,
    /// Files written (0 for a check).
    pub files: usize,
    pub bytes: u64,
    /// What the search index update did.
    pub indexed: UpdateReport,
    /// Bytes of the browser's search index (`search/`).
    pub search_bytes: u64,
    /// Pages rendered anew, and pages whose inputs had not changed.
    pub pages_rendered: usize,
    pub pages_reused: usize,
    /// What editors should fix (only from `check`).
    pub warnings: Diagnostics,
    /// How long each stage took (`load`, `link`, `render`, …).
    pub timings: Vec<(&'static str, Duration)>,
    /// The size of the offline bundle, when one was written.
    pub bundle_bytes: Option<u64>,
}

impl Report {
    pub fn entries(&self) -> usize {
        self.counts.iter().map(|(_, n)| n).sum()
    }

    /// `23 entries (12 cases, 2 policies, …)`.
    pub fn describe_entries(&self) -> String {
        let parts: Vec<String> = self
            .counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(kind, n)| format!("{n} {}", kind.folder()))
            .collect();
        format!("{} entries ({})", self.entries(), parts.join(", "))
    }
}

/// Stage durations, measured one after another.
struct Timings {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn start() -> Self {
        Timings {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends the lap of `stage`; returns how long it took.
    fn lap(&mut self, stage: &'static str) -> Duration {
        let now = Instant::now();
        let took = now - self.last;
        self.laps.push((stage, took));
        self.last = now;
        took
    }

    /// The two parts of the search stage just timed, listed under it:
    /// `index` (documents, tantivy, snapshot) and `export` (the shards).
    fn search_parts(&mut self, search: Duration, index: Duration) {
        self.laps.push(("· index", index));
        self.laps.push(("· export", search.saturating_sub(index)));
    }

    /// Stages that ran at the same time, each with its own duration (they
    /// add up to more than the time they took together).
    fn side_by_side(&mut self, stages: &[(&'static str, Duration)]) {
        self.laps.extend_from_slice(stages);
        self.last = Instant::now();
    }
}

/// The validated input of a build.
struct Checked {
    config: SiteConfig,
    corpus: Corpus,
    /// Shared with the link cache, which patches them after an edit.
    links: Arc<Links>,
}

fn report_of(corpus: &Corpus) -> Report {
    Report {
        counts: EntryType::ALL
            .into_iter()
            .map(|kind| (kind, corpus.of_type(kind).count()))
            .collect(),
        withheld: corpus.withheld.len(),
        ..Report::default()
    }
}

/// Validates everything a build would, writing nothing, and finds the
/// warnings of the corpus.
pub fn check(options: &BuildOptions) -> Result<Report, BuildError> {
    let mut builder = Builder::new(options.clone());
    let checked = builder.load_and_link(&mut Timings::start())?;
    Theme::load(&options.themes_dir(), &checked.config.theme)?;
    let mut report = report_of(&checked.corpus);
    report.warnings = lint::warnings(&checked.corpus, &checked.links, &EntryDate::today());
    Ok(report)
}

/// A site rendered in memory.
#[derive(Debug)]
pub struct Built {
    /// In the order they were made: `serve` looks them up by path, and
    /// sorting 85,000 paths after every edit would cost it 30 ms.
    pub files: Vec<OutputFile>,
    pub report: Report,
}

/// Builds a site again and again, parsing and rendering only what changed
/// since its previous build (for `serve`), or once (for `build`).
pub struct Builder {
    options: BuildOptions,
    load_cache: LoadCache,
    link_cache: LinkCache,
    render_cache: RenderCache,
    search: SearchStage,
    beside_pages: BesidePages,
    /// The precompressed copies, with `--precompress`.
    precompressor: Option<Precompressor>,
    /// What every cache keeps for a next build.
    keep: Keep,
}

/// What the search stage keeps between builds.
struct SearchStage {
    /// The search export of the previous build (its files and its
    /// manifest's name), with the content hashes of the documents it was
    /// made from.
    last_export: Option<(Vec<String>, Vec<OutputFile>, String)>,
    /// The search documents of the last build, what the index held after
    /// it, and its export: a rebuild remakes only what an edit touches.
    documents: search::DocumentCache,
    indexed: Option<search::index::Indexed>,
    exporter: search::export::Exporter,
    keep: Keep,
}

impl Builder {
    /// A builder whose caches keep what `keep` says between builds.
    pub fn keeping(options: BuildOptions, keep: Keep) -> Self {
        Builder {
            load_cache: LoadCache::new(keep),
            link_cache: LinkCache::default(),
            render_cache: RenderCache::new(keep),
            search: SearchStage {
                last_export: None,
                documents: search::DocumentCache::new(keep),
                indexed: None,
                exporter: search::export::Exporter::new(keep),
                keep,
            },
            beside_pages: BesidePages {
                exports: export::ExportCache::new(keep),
                entries_json: export::entries::EntriesCache::new(keep),
            },
            precompressor: options.precompress.then(|| Precompressor::new(keep)),
            keep,
            options,
        }
    }

    /// A builder for many builds (`serve`, `build --watch`): each keeps
    /// what the next can reuse.
    pub fn new(options: BuildOptions) -> Self {
        Builder::keeping(options, Keep::ForNextBuild)
    }

    /// A builder for one build (`build`), which keeps nothing for a next
    /// one: every file goes its way as soon as it is made.
    pub fn once(options: BuildOptions) -> Self {
        Builder::keeping(options, Keep::Nothing)
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Tells the next build which files changed since the last, as a file
    /// watcher reports them (absolute paths): it looks at these and takes
    /// the others as they were. See [`LoadCache::expect_changes`].
    pub fn expect_changes(&mut self, paths: Vec<PathBuf>) {
        self.load_cache.expect_changes(paths);
    }

    /// The files the site is read from: the corpus folder, the config file
    /// and the themes folder (for watching).
    pub fn inputs(&self) -> Vec<PathBuf> {
        vec![
            self.options.corpus.clone(),
            self.options.config_path(),
            self.options.themes_dir(),
        ]
    }

    fn load_and_link(&mut self, timings: &mut Timings) -> Result<Checked, BuildError> {
        let options = &self.options;
        let config = SiteConfig::load(&options.config_path()).map_err(BuildError::Config)?;
        let relation_defs = config.relation_defs();
        let load_options = LoadOptions {
            include_drafts: options.include_drafts,
            default_lang: config.language.clone(),
            relations: relation_defs.iter().map(|d| d.relation.key().to_string()).collect(),
        };
        let (corpus, mut diagnostics) = corpus::load_all_cached(&options.corpus, &load_options, &mut self.load_cache);
        timings.lap("load");
        let overturning: Vec<_> = relation_defs
            .iter()
            .filter(|d| d.overturns)
            .map(|d| d.relation.clone())
            .collect();
        // References are checked among the entries that loaded, so one run
        // reports the problems of both stages.
        let links = self.link_cache.link(&corpus, &overturning);
        timings.lap("link");
        if let Err(link_problems) = &links {
            diagnostics.extend(link_problems.iter().cloned());
        }
        match links {
            Ok(links) if !diagnostics.has_errors() => Ok(Checked { config, corpus, links }),
            _ => {
                diagnostics.sort();
                Err(BuildError::Corpus(diagnostics))
            }
        }
    }

    /// Checks and renders the site in memory. `on_page` is called as each
    /// page is done (for a progress bar).
    pub fn render(&mut self, on_page: &(dyn Fn() + Sync)) -> Result<Built, BuildError> {
        let mut memory = InMemory::default();
        let report = self.make(on_page, &mut memory)?;
        Ok(Built {
            files: memory.into_files(),
            report,
        })
    }

    /// Checks and renders the site, handing its files to `destination` as
    /// they are made.
    fn make(&mut self, on_page: &(dyn Fn() + Sync), destination: &mut dyn Destination) -> Result<Report, BuildError> {
        let Some(mut copies) = self.precompressor.take() else {
            return self.make_into(on_page, destination);
        };
        let made = self.make_into(
            on_page,
            &mut Precompressing {
                inner: destination,
                copies: &mut copies,
            },
        );
        self.precompressor = Some(copies);
        made
    }

    /// [`make`](Self::make), every file handed to `destination` as it is.
    fn make_into(
        &mut self,
        on_page: &(dyn Fn() + Sync),
        destination: &mut dyn Destination,
    ) -> Result<Report, BuildError> {
        let mut timings = Timings::start();
        let Checked { config, corpus, links } = self.load_and_link(&mut timings)?;
        let theme = Theme::load(&self.options.themes_dir(), &config.theme)?;
        let inputs = Inputs {
            relations: GraphFacts::of_graph(&links, &config.relation_defs()),
            corpus: &corpus,
            links: &links,
            config: &config,
            theme: &theme,
        };
        let mut report = report_of(&corpus);
        let (site, rendered) = if self.keep.anything() {
            self.search_beside_pages(&inputs, on_page, destination, &mut report, &mut timings)?
        } else {
            self.search_then_pages(&inputs, on_page, destination, &mut report, &mut timings)?
        };
        if self.options.bundle {
            report.bundle_bytes = Some(add_bundle(&site, destination)?);
            timings.lap("bundle");
        }
        (report.files, report.bytes) = destination.totals();
        report.timings = timings.laps;
        report.pages_rendered = rendered.pages_rendered;
        report.pages_reused = rendered.pages_reused;
        Ok(report)
    }

    /// In `serve`, the search stage runs beside the pages: neither reads
    /// the other, and the editor waits for the longer alone. Each fills a
    /// list of its own, handed on in the order of a single build.
    fn search_beside_pages<'a>(
        &mut self,
        inputs: &Inputs<'a>,
        on_page: &(dyn Fn() + Sync),
        destination: &mut dyn Destination,
        report: &mut Report,
        timings: &mut Timings,
    ) -> Result<(render::Site<'a>, render::Rendered), BuildError> {
        let cache_dir = self.options.cache_dir();
        let (search, render_cache, beside_pages) = (&mut self.search, &mut self.render_cache, &mut self.beside_pages);
        let (mut searched, mut drawn) = (InMemory::default(), InMemory::default());
        let ((search_result, search_took), (site, rendered, prepared, render_took)) = rayon::join(
            || {
                let started = Instant::now();
                let result = search.files(&cache_dir, inputs, &mut searched);
                (result, started.elapsed())
            },
            || {
                let started = Instant::now();
                let site = inputs.site(render_cache);
                let prepared = started.elapsed();
                let rendered = render::render_site(&site, render_cache, on_page, &mut |files| drawn.put(files))
                    .and_then(|mut rendered| {
                        // Made once the search export is, below.
                        rendered.pages.push(render::SEARCH_PAGE.into());
                        drawn.put(beside_pages.files(&site, &rendered.pages))?;
                        Ok(rendered)
                    });
                (site, rendered, prepared, started.elapsed() - prepared)
            },
        );
        let search_result = search_result?;
        let index_took = search_result.index_took;
        let search_page = search_result.finish(&site, report)?;
        let rendered = rendered?;
        destination.put(searched.into_files())?;
        destination.put(vec![search_page])?;
        destination.put(drawn.into_files())?;
        timings.side_by_side(&[("search", search_took)]);
        timings.search_parts(search_took, index_took);
        timings.side_by_side(&[("prepare", prepared), ("render", render_took)]);
        Ok((site, rendered))
    }

    /// A single build makes the search stage first: its working memory is
    /// freed before the pages are made, so the two never add up.
    fn search_then_pages<'a>(
        &mut self,
        inputs: &Inputs<'a>,
        on_page: &(dyn Fn() + Sync),
        destination: &mut dyn Destination,
        report: &mut Report,
        timings: &mut Timings,
    ) -> Result<(render::Site<'a>, render::Rendered), BuildError> {
        let cache_dir = self.options.cache_dir();
        let searched = self.search.files(&cache_dir, inputs, destination)?;
        let search_took = timings.lap("search");
        timings.search_parts(search_took, searched.index_took);
        let site = inputs.site(&mut self.render_cache);
        timings.lap("prepare");
        destination.put(vec![searched.finish(&site, report)?])?;
        let mut rendered = render::render_site(&site, &mut self.render_cache, on_page, &mut |files| {
            destination.put(files)
        })?;
        rendered.pages.push(render::SEARCH_PAGE.into());
        destination.put(self.beside_pages.files(&site, &rendered.pages))?;
        timings.lap("render");
        Ok((site, rendered))
    }
}

/// The files of the site beside its pages: the feeds (with the sitemap
/// and robots.txt), the host's headers, the theme's assets, the citation
/// exports and `entries.json`, all made from the published corpus as the
/// pages are. Kept between builds, the exports and `entries.json` are made
/// again only for the entries that changed.
struct BesidePages {
    exports: export::ExportCache,
    entries_json: export::entries::EntriesCache,
}

impl BesidePages {
    /// The files for `site`, whose pages are `pages`; each entry's exports
    /// are remembered for the next build when the builder keeps anything.
    fn files(&mut self, site: &render::Site<'_>, pages: &[String]) -> Vec<OutputFile> {
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
struct Inputs<'a> {
    corpus: &'a Corpus,
    links: &'a Links,
    config: &'a SiteConfig,
    theme: &'a Theme,
    relations: GraphFacts,
}

impl<'a> Inputs<'a> {
    /// What every page renderer reads, its orderings taken from `cache`
    /// where the previous build's still hold.
    fn site(&self, cache: &mut RenderCache) -> render::Site<'a> {
        render::Site::new(self.corpus, self.links, self.config, self.theme, cache)
    }
}

impl SearchStage {
    /// Updates the search index in `cache_dir` and hands its export to
    /// `destination`.
    /// The export of the previous build is reused when no indexed document
    /// changed (a rebuild after an edit of a template, or of nothing the
    /// search holds). What is made is kept for the next build when the
    /// stage keeps anything.
    fn files(
        &mut self,
        cache_dir: &Path,
        inputs: &Inputs<'_>,
        destination: &mut dyn Destination,
    ) -> Result<Searched, BuildError> {
        let started = Instant::now();
        let (docs, hashes) = self.documents.documents(inputs.corpus, inputs.links, &inputs.relations);
        let index = SearchIndex::open_or_create(cache_dir)?;
        let (indexed, state) = index.update_known(&docs, &hashes, self.indexed.as_ref())?;
        self.indexed = Some(state);
        let bytes = |files: &[OutputFile]| files.iter().map(|f| f.bytes.len() as u64).sum::<u64>();
        if let Some((previous, files, manifest)) = &self.last_export {
            if *previous == hashes {
                destination.put(files.clone())?;
                return Ok(Searched {
                    indexed,
                    bytes: bytes(files),
                    index_took: started.elapsed(),
                    manifest: manifest.clone(),
                });
            }
        }
        let mut snapshot = Snapshot::with_docs(&index, docs)?;
        let index_took = started.elapsed();
        if !self.keep.anything() {
            let mut size = 0;
            let manifest = self.exporter.export_into(&mut snapshot, &hashes, &mut |files| {
                size += bytes(&files);
                destination.put(files)
            })?;
            return Ok(Searched {
                indexed,
                bytes: size,
                index_took,
                manifest,
            });
        }
        let (files, manifest) = self.exporter.export(&mut snapshot, &hashes)?;
        let size = bytes(&files);
        self.last_export = Some((hashes, files.clone(), manifest.clone()));
        destination.put(files)?;
        Ok(Searched {
            indexed,
            bytes: size,
            index_took,
            manifest,
        })
    }
}

/// What the search stage did.
struct Searched {
    indexed: UpdateReport,
    /// The export's bytes.
    bytes: u64,
    /// How long the index took (its documents made, tantivy updated, the
    /// snapshot taken); the rest of the stage is the export.
    index_took: Duration,
    /// The export's manifest, which the search page names.
    manifest: String,
}

impl Searched {
    /// Reports what the stage did, and makes the search page, which names
    /// the export's manifest.
    fn finish(self, site: &render::Site<'_>, report: &mut Report) -> Result<OutputFile, BuildError> {
        (report.indexed, report.search_bytes) = (self.indexed, self.bytes);
        Ok(render::render_search_page(site, &self.manifest)?)
    }
}

/// Where a build puts its files as they are made: memory (for `serve`), or
/// the staging folder of the output (for `build`).
trait Destination {
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
struct InMemory {
    files: Vec<OutputFile>,
}

impl InMemory {
    fn into_files(self) -> Vec<OutputFile> {
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
struct Precompressing<'a> {
    inner: &'a mut dyn Destination,
    copies: &'a mut Precompressor,
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
fn add_bundle(site: &render::Site<'_>, destination: &mut dyn Destination) -> Result<u64, BuildError> {
    let size = destination.bundle(&[render::render_offline_not_found(site)?])?;
    let link = render::BundleLink {
        url: bundle::FILE.into(),
        size: bundle::human_size(size),
    };
    destination.replace(render::render_home(site, Some(&link))?)?;
    Ok(size)
}

/// Builds the site into the output folder, writing each file as soon as it
/// is made, and swaps it in when all are written. `on_page` is called as
/// each page is rendered (for a progress bar).
pub fn build(options: &BuildOptions, on_page: &(dyn Fn() + Sync)) -> Result<Report, BuildError> {
    refuse_overlap(&options.corpus, &options.out)?;
    refuse_cache_in_output(&options.cache_dir(), &options.out)?;
    let mut staging = output::Staging::begin(&options.out)?;
    let mut report = Builder::once(options.clone()).make(on_page, &mut staging)?;
    let started = Instant::now();
    staging.commit()?;
    report.timings.push(("swap", started.elapsed()));
    Ok(report)
}

/// The output replaces its folder wholesale, so it must not contain the
/// corpus (or sit inside it).
fn refuse_overlap(corpus: &Path, out: &Path) -> Result<(), BuildError> {
    let (Ok(corpus), Some(out)) = (corpus.canonicalize(), absolute(out)) else {
        return Ok(());
    };
    if corpus.starts_with(&out) || out.starts_with(&corpus) {
        return Err(BuildError::Overlap(format!(
            "the output folder {} and the corpus folder {} overlap; the output is replaced on every build, so choose an --out folder outside the corpus",
            out.display(),
            corpus.display()
        )));
    }
    Ok(())
}

/// The output folder is replaced on every build, so the cache (the search
/// index) must live outside it.
fn refuse_cache_in_output(cache: &Path, out: &Path) -> Result<(), BuildError> {
    let (Some(cache), Some(out)) = (absolute(cache), absolute(out)) else {
        return Ok(());
    };
    if cache.starts_with(&out) {
        return Err(BuildError::Overlap(format!(
            "the cache folder {} is inside the output folder {}, which is replaced on every build; choose a --cache folder outside it",
            cache.display(),
            out.display()
        )));
    }
    Ok(())
}

/// `path` made absolute through its nearest existing ancestor.
fn absolute(path: &Path) -> Option<PathBuf> {
    if let Ok(path) = path.canonicalize() {
        return Some(path);
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(absolute(parent)?.join(path.file_name()?))
}
