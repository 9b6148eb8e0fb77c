//! The build pipeline, one stage after another: the config →
//! `corpus::load_all_cached` → `LinkCache::link` → the search stage →
//! `render` → the files beside the pages, each file handed to its
//! destination as soon as it is made (ARCHITECTURE.md draws it).
//!
//! `check` runs the stages that validate (everything up to rendering) and
//! writes nothing.
//!
//! Here: the options, the `Builder` and the order of the stages. Beside
//! it: `stages` (the search stage and the files beside the pages, with
//! what each keeps), `destination` (where files go as they are made),
//! `report`, `timings` and `error`.

mod destination;
mod error;
mod report;
mod stages;
mod timings;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use self::destination::{add_bundle, Destination, InMemory, Precompressing};
pub use self::error::BuildError;
pub use self::report::Report;
use self::stages::{BesidePages, Inputs, SearchStage};
use self::timings::Timings;
use crate::config::SiteConfig;
use crate::corpus::{self, Corpus, EntryDate, EntryType, LoadCache, LoadOptions};
use crate::export;
use crate::keep::Keep;
use crate::links::{LinkCache, Links};
use crate::lint;
use crate::output::precompress::Precompressor;
use crate::output::{self, OutputFile};
use crate::render::{self, RenderCache};
use crate::search;
use crate::search::document::{GraphFacts, KeptRelationTags};
use crate::search::inverted::Inverted;
use crate::theme::Theme;

/// Where a build reads from and writes to.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The corpus folder, holding a folder per type.
    pub corpus: PathBuf,
    /// The output folder: replaced whole by `build`, file by file by
    /// `build --watch`; never one holding files amicus did not write
    /// (`output::MARKER`).
    pub out: PathBuf,
    /// `amicus.yaml`; by default the one next to the corpus folder.
    pub config: Option<PathBuf>,
    /// Publish `status: draft` entries too (`--drafts`, for a preview).
    pub include_drafts: bool,
    /// Also write the site as one zip, `amicus-site.zip`, linked from the
    /// home page.
    pub bundle: bool,
    /// Also write a gzip copy beside every text file worth one, for hosts
    /// that serve them (`output::precompress`).
    pub precompress: bool,
}

impl BuildOptions {
    /// Reads `corpus` and writes `out`, with `amicus.yaml` and the cache
    /// in their default places, no drafts, no zip, no gzip copies.
    pub fn new(corpus: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        BuildOptions {
            corpus: corpus.into(),
            out: out.into(),
            config: None,
            include_drafts: false,
            bundle: false,
            precompress: false,
        }
    }

    /// The folder holding the corpus folder, `amicus.yaml` and `themes/`.
    fn project_dir(&self) -> PathBuf {
        match self.corpus.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    pub(crate) fn config_path(&self) -> PathBuf {
        self.config
            .clone()
            .unwrap_or_else(|| self.project_dir().join("amicus.yaml"))
    }

    pub(crate) fn themes_dir(&self) -> PathBuf {
        self.config_path()
            .parent()
            .map_or_else(|| PathBuf::from("themes"), |dir| dir.join("themes"))
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
pub(crate) fn check(options: &BuildOptions) -> Result<Report, BuildError> {
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
    /// What the build did, for the command line to show.
    pub report: Report,
}

/// Builds a site again and again, parsing and rendering only what changed
/// since its previous build (for `serve`), or once (for `build`).
pub struct Builder {
    options: BuildOptions,
    load_cache: LoadCache,
    link_cache: LinkCache,
    render_cache: RenderCache,
    /// The theme of the last build, made again only when one of its files
    /// changed.
    theme: Option<Arc<Theme>>,
    /// The relation tags of the last build's links.
    relation_tags: KeptRelationTags,
    search: SearchStage,
    beside_pages: BesidePages,
    /// The precompressed copies, with `--precompress`.
    precompressor: Option<Precompressor>,
    /// What every cache keeps for a next build.
    keep: Keep,
}

impl Builder {
    /// A builder whose caches keep what `keep` says between builds.
    pub(crate) fn keeping(options: BuildOptions, keep: Keep) -> Self {
        Builder {
            load_cache: LoadCache::new(keep),
            link_cache: LinkCache::default(),
            render_cache: RenderCache::new(keep),
            theme: None,
            relation_tags: KeptRelationTags::default(),
            search: SearchStage {
                last_export: None,
                documents: search::DocumentCache::new(keep),
                index: None,
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

    /// Tells the next build which files changed since the last, as a file
    /// watcher reports them (absolute paths): it looks at these and takes
    /// the others as they were. See [`LoadCache::expect_changes`].
    pub fn expect_changes(&mut self, paths: Vec<PathBuf>) {
        self.load_cache.expect_changes(paths);
    }

    /// The files the site is read from: the corpus folder, the config file
    /// and the themes folder (for watching).
    pub(crate) fn inputs(&self) -> Vec<PathBuf> {
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

    /// The search index of the site, made as a build makes it (the corpus
    /// loaded and checked, its search documents inverted), its pages not
    /// made: what `amicus search` answers from.
    pub fn search_index(&mut self) -> Result<Inverted, BuildError> {
        let mut timings = Timings::start();
        let Checked { config, corpus, links } = self.load_and_link(&mut timings)?;
        let relations = GraphFacts::of_graph(&links, &config.relation_defs());
        let (docs, _) =
            search::documents_of(&corpus, &relations, 0..corpus.entries.len()).map_err(BuildError::Corpus)?;
        Ok(Inverted::of(docs))
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
        let theme = Theme::load_again(&self.options.themes_dir(), &config.theme, self.theme.as_ref())?;
        if self.keep.anything() {
            self.theme = Some(Arc::clone(&theme));
        }
        let defs = config.relation_defs();
        let relations = match self.keep.anything() {
            true => GraphFacts::of_graph_after(&links, &defs, &mut self.relation_tags),
            false => GraphFacts::of_graph(&links, &defs),
        };
        let inputs = Inputs {
            relations,
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
        let (search, render_cache, beside_pages) = (&mut self.search, &mut self.render_cache, &mut self.beside_pages);
        let (mut searched, mut drawn) = (InMemory::default(), InMemory::default());
        let ((search_result, search_took), (site, rendered, prepared, render_took)) = rayon::join(
            || {
                let started = Instant::now();
                let result = search.files(inputs, &mut searched);
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
        let searched = self.search.files(inputs, destination)?;
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

/// Builds the site into the output folder, writing each file as soon as it
/// is made, and swaps it in when all are written. `on_page` is called as
/// each page is rendered (for a progress bar).
pub fn build(options: &BuildOptions, on_page: &(dyn Fn() + Sync)) -> Result<Report, BuildError> {
    refuse_overlap(&options.corpus, &options.out)?;
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
