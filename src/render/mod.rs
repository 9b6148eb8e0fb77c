//! Rendering: a linked corpus and a theme become the files of the site.
//!
//! `render_site` lists every page (home, 404, a paginated listing per type,
//! an index and paginated pages per taxonomy term, one page per entry),
//! renders them in parallel and hands them on, batch by batch, ready to be
//! written. It writes nothing itself, and makes nothing but pages. The
//! search page, which names the search export's manifest, is made apart
//! once the export is (`render_search_page`).
//!
//! Rebuilds are incremental through a [`RenderCache`]: each page's template
//! context (and, for entry pages, the inputs of the body) is fingerprinted,
//! and a page whose fingerprint is unchanged is not rendered again. The
//! context is everything a template can see, so an unchanged fingerprint
//! means unchanged output; no hand-kept list of dependencies can go stale.
//!
//! One file, longer than most: the list of pages and the context of each
//! (its views are in `view.rs`, the entry page in `entry.rs`), so that what
//! a template can see, which the cache fingerprints, is in one place.

mod entry;
mod incremental;
mod orderings;
mod site;
pub mod view;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use serde::Serialize;

use crate::config::SiteConfig;
use crate::corpus::{BodyUnread, Corpus, EntryId, EntryType};
use crate::export::{self, Format};
use crate::feeds;
use crate::i18n::Strings;
use crate::keep::Keep;
use crate::links::Links;
use crate::output::{Bytes, OutputFile};
use crate::pictures;
use crate::taxonomy::TaxonomyKind;
use crate::theme::{Theme, ThemeError};
use orderings::OrderingsCache;
use site::direction;
pub(crate) use site::Site;
use view::{Card, CountLink, NavItem, PageLink, Pagination, SiteView};

/// Why a page could not be rendered.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PageError {
    #[error(transparent)]
    Theme(#[from] ThemeError),
    /// Its entry's body, left in its file, could not be read again.
    #[error(transparent)]
    Body(#[from] BodyUnread),
}

/// Entries per listing page.
pub(crate) const PAGE_SIZE: usize = 100;
/// Entries on the home page's "Latest entries".
const LATEST: usize = 10;

/// What a render leaves for the next: the pages by path with the
/// fingerprint of their inputs, what each entry page showed, and the
/// fingerprint of what all pages depend on.
#[derive(Debug, Default)]
pub(crate) struct RenderCache {
    pages: FxHashMap<String, (u64, Bytes)>,
    entries: FxHashMap<EntryId, Arc<incremental::EntryMemo>>,
    site: Option<u64>,
    orderings: OrderingsCache,
    /// With [`Keep::Nothing`] (a single build), no pages: it must not hold
    /// the whole site in memory.
    keep: Keep,
}

impl RenderCache {
    /// A cache keeping what `keep` says.
    pub(crate) fn new(keep: Keep) -> Self {
        RenderCache {
            keep,
            ..RenderCache::default()
        }
    }
}

/// One page of a render.
struct PageResult {
    file: OutputFile,
    fingerprint: u64,
    /// Rendered anew, not taken from the cache.
    fresh: bool,
    /// For an entry page rendered or looked at again, what it showed (none
    /// for one taken from the cache unexamined: its memo is there).
    memo: Option<(EntryId, Arc<incremental::EntryMemo>)>,
}

/// How many pages of a render had to be rendered again.
#[derive(Debug)]
pub(crate) struct Rendered {
    pub(crate) pages_rendered: usize,
    pub(crate) pages_reused: usize,
    /// The path of every page, in the order rendered (for the sitemap).
    pub(crate) pages: Vec<String>,
}

/// A page to render.
#[derive(Debug, Clone, Copy)]
enum Page {
    Home,
    NotFound,
    TypeListing {
        kind: EntryType,
        page: usize,
    },
    TaxonomyIndex {
        kind: TaxonomyKind,
    },
    Term {
        kind: TaxonomyKind,
        term: usize,
        page: usize,
    },
    Entry {
        index: usize,
    },
}

impl<'a> Site<'a> {
    /// The site of a linked corpus, its orderings taken from `cache` where
    /// the previous build's still hold.
    pub(crate) fn new(
        corpus: &'a Corpus,
        links: &'a Links,
        config: &'a SiteConfig,
        theme: &'a Theme,
        cache: &mut RenderCache,
    ) -> Site<'a> {
        let keep = cache.keep.anything();
        Site::with_orderings(corpus, links, config, theme, &mut cache.orderings, keep)
    }
}

/// The offline bundle as the home page links it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BundleLink {
    pub(crate) url: String,
    /// `1.2 MB`.
    pub(crate) size: String,
}

/// How many pages are rendered before they are handed on: enough to keep
/// every core busy, few enough that a big site is never held whole.
const BATCH: usize = 1024;

/// Renders every page of the site, handed to `emit` batch by batch as
/// they are made (the files beside the pages, feeds, assets and exports,
/// are `site`'s). Pages whose inputs did not change since the render
/// that filled `cache` are taken from it, and the new pages are left in it
/// (unless it keeps nothing). `on_page` is called once per page (for progress
/// display). The home page links no bundle; see [`render_home`].
pub(crate) fn render_site<E: From<PageError>>(
    site: &Site<'_>,
    cache: &mut RenderCache,
    on_page: &(dyn Fn() + Sync),
    emit: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), E>,
) -> Result<Rendered, E> {
    let pages = list_pages(site);
    let site_fingerprint = incremental::site_fingerprint(site);
    let previous = std::mem::take(&mut cache.pages);
    let memos = std::mem::take(&mut cache.entries);
    // Entry pages outside this set are taken from the cache unexamined.
    let revisit: Option<FxHashSet<usize>> =
        (cache.site == Some(site_fingerprint)).then(|| incremental::entries_to_revisit(site, &memos));
    let mut html = Vec::with_capacity(pages.len());
    let mut pages_rendered = 0;
    // What the cache lacks: the pages rendered (those taken from it are in
    // it), and what each entry page rendered or looked at again showed.
    let mut fresh = Vec::new();
    for batch in pages.chunks(BATCH) {
        let results: Vec<PageResult> = batch
            .par_iter()
            .map(|page| {
                let result = page_result(site, *page, site_fingerprint, &revisit, &previous, &memos);
                on_page();
                result
            })
            .collect::<Result<_, _>>()?;
        let mut files = Vec::with_capacity(results.len());
        for result in results {
            pages_rendered += usize::from(result.fresh);
            html.push(result.file.path.clone());
            if cache.keep.anything() && (result.fresh || result.memo.is_some()) {
                fresh.push((
                    result.fresh.then(|| result.file.clone()),
                    result.fingerprint,
                    result.memo,
                ));
            }
            files.push(result.file);
        }
        emit(files)?;
    }
    if cache.keep.anything() {
        cache.pages = previous;
        cache.entries = memos;
        for (file, fingerprint, memo) in fresh {
            if let Some(file) = file {
                cache.pages.insert(file.path, (fingerprint, file.bytes));
            }
            if let Some((id, memo)) = memo {
                cache.entries.insert(id, memo);
            }
        }
        let entry_pages = pages.iter().filter(|page| matches!(page, Page::Entry { .. })).count();
        forget_gone_pages(site, cache, &html, entry_pages);
    }
    cache.site = Some(site_fingerprint);
    Ok(Rendered {
        pages_reused: pages.len() - pages_rendered,
        pages_rendered,
        pages: html,
    })
}

/// Drops from `cache` the pages and entries of the last render that this
/// one (its pages `html`, `entry_pages` of them an entry's) no longer has:
/// the next render would take a gone entry for a changed one.
fn forget_gone_pages(site: &Site<'_>, cache: &mut RenderCache, html: &[String], entry_pages: usize) {
    if cache.pages.len() > html.len() {
        let now: FxHashSet<&str> = html.iter().map(String::as_str).collect();
        cache.pages.retain(|path, _| now.contains(path.as_str()));
    }
    if cache.entries.len() > entry_pages {
        cache.entries.retain(|id, _| site.corpus.get(id.as_str()).is_some());
    }
}

/// One page: taken from the previous render when its inputs did not
/// change, rendered otherwise.
fn page_result(
    site: &Site<'_>,
    page: Page,
    site_fingerprint: u64,
    revisit: &Option<FxHashSet<usize>>,
    previous: &FxHashMap<String, (u64, Bytes)>,
    memos: &FxHashMap<EntryId, Arc<incremental::EntryMemo>>,
) -> Result<PageResult, PageError> {
    let reused = match (page, revisit) {
        (Page::Entry { index }, Some(revisit)) if !revisit.contains(&index) => {
            reuse_entry_page(site, index, previous, memos)
        }
        _ => None,
    };
    match (reused, listing_key(site, page, site_fingerprint)) {
        (Some(result), _) => Ok(result),
        (None, Some((path, key))) => match previous.get(&path) {
            Some((old, bytes)) if *old == key => Ok(PageResult {
                file: OutputFile {
                    path,
                    bytes: bytes.clone(),
                },
                fingerprint: key,
                fresh: false,
                memo: None,
            }),
            _ => render_page(site, page, previous, memos).map(|result| PageResult {
                fingerprint: key,
                ..result
            }),
        },
        (None, None) => render_page(site, page, previous, memos),
    }
}

/// The home page, linking the offline bundle when there is one.
pub(crate) fn render_home(site: &Site<'_>, bundle: Option<&BundleLink>) -> Result<OutputFile, ThemeError> {
    let mut context = home(site);
    context.insert("bundle", &bundle);
    let html = render_template(site.theme, "index.html", context, site.ui())?;
    Ok(OutputFile::new("index.html", html.into_bytes()))
}

/// The search page, naming the manifest of the search export (`manifest`,
/// as [`crate::search::export::Exporter::export_into`] returns it), through
/// which it reaches every other search file: it is made once the export
/// is, apart from the other pages.
pub(crate) fn render_search_page(site: &Site<'_>, manifest: &str) -> Result<OutputFile, ThemeError> {
    let ui = site.ui();
    let mut context = base_context(site, ui, SEARCH_PAGE, ui.t("search_title"), None);
    context.insert("search_index", manifest);
    let html = render_template(site.theme, "search.html", context, ui)?;
    // A theme's own search page that loads the engine but does not name
    // the index would search nothing, and say only that the site changed.
    let engine = site.theme.asset_paths.get("search.js");
    if engine.is_some_and(|engine| html.contains(engine.as_str())) && !html.contains(manifest) {
        return Err(ThemeError::Template(
            "search.html loads the search engine but does not name the search index: \
             keep data-index=\"{{ search_index }}\" on the element with id search-app"
                .into(),
        ));
    }
    Ok(OutputFile::new(SEARCH_PAGE, html.into_bytes()))
}

/// The search page's path.
pub(crate) const SEARCH_PAGE: &str = "search.html";

/// The 404 page with its links relative to the site root, for a copy of
/// the site opened from a folder (the offline bundle), where it is never
/// served at another depth.
pub(crate) fn render_offline_not_found(site: &Site<'_>) -> Result<OutputFile, ThemeError> {
    let context = not_found_context(site);
    let html = render_template(site.theme, "404.html", context, site.ui())?;
    Ok(OutputFile::new("404.html", html.into_bytes()))
}

/// The 404 page's context. It names no canonical address: it is served at
/// every address that has no page.
fn not_found_context(site: &Site<'_>) -> tera::Context {
    let ui = site.ui();
    let mut context = base_context(site, ui, "404.html", ui.t("not_found_title"), None);
    context.insert("canonical", &None::<String>);
    context
}

/// The number of pages a listing of `count` entries needs (at least one).
fn page_count(count: usize) -> usize {
    count.div_ceil(PAGE_SIZE).max(1)
}

fn list_pages(site: &Site<'_>) -> Vec<Page> {
    let mut pages = vec![Page::Home, Page::NotFound];
    for kind in EntryType::ALL {
        let count = site.corpus.of_type(kind).count();
        pages.extend((1..=page_count(count)).map(|page| Page::TypeListing { kind, page }));
    }
    for taxonomy in site.taxonomies() {
        pages.push(Page::TaxonomyIndex { kind: taxonomy.kind });
        for (term, value) in taxonomy.terms.iter().enumerate() {
            pages.extend((1..=page_count(value.entries.len())).map(|page| Page::Term {
                kind: taxonomy.kind,
                term,
                page,
            }));
        }
    }
    pages.extend((0..site.corpus.entries.len()).map(|index| Page::Entry { index }));
    pages
}

/// The file of page `number` of a listing whose first page is `folder/stem.html`.
fn listing_path(folder: &str, stem: &str, number: usize) -> String {
    if number <= 1 {
        format!("{folder}/{stem}.html")
    } else {
        format!("{folder}/{stem}-page-{number}.html")
    }
}

fn pagination(folder: &str, stem: &str, current: usize, total: usize) -> Pagination {
    Pagination {
        current,
        total,
        previous: (current > 1).then(|| listing_path(folder, stem, current - 1)),
        next: (current < total).then(|| listing_path(folder, stem, current + 1)),
        links: (1..=total)
            .map(|number| PageLink {
                number,
                url: listing_path(folder, stem, number),
            })
            .collect(),
    }
}

/// The entries of one listing page, as cards.
fn page_of(site: &Site<'_>, ui: &Strings, indices: &[usize], page: usize) -> Vec<Card> {
    indices
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|&i| Card::of(&site.corpus.entries[i], ui))
        .collect()
}

/// The count line of a listing: `23 entries · page 1 of 2`.
fn listing_context(context: &mut tera::Context, ui: &Strings, count: usize, page: usize) {
    let total = page_count(count);
    let mut label = ui.count("entries", count);
    if total > 1 {
        let of = ui
            .t("page_of")
            .replace("{current}", &page.to_string())
            .replace("{total}", &total.to_string());
        label = format!("{label} · {of}");
    }
    context.insert("count", &count);
    context.insert("count_label", &label);
}

#[derive(Serialize)]
struct Crumb {
    label: String,
    url: String,
}

/// For a listing page, its path and a key that changes whenever the page
/// can: it shows only cards of its entries (which depend on nothing but the
/// entry) and, on a term's first page, a timeline of all the term's
/// entries. Cheaper than building the page's context to fingerprint it.
fn listing_key(site: &Site<'_>, page: Page, site_fingerprint: u64) -> Option<(String, u64)> {
    // Fx, not SipHash: a term's first page hashes every entry of the term,
    // some 100,000 ids at 10,000 entries for each rebuild; the keys are
    // compared within the process only.
    let mut hasher = FxHasher::default();
    site_fingerprint.hash(&mut hasher);
    let (path, entries, shown_whole) = match page {
        Page::TypeListing { kind, page } => {
            let entries = &site.orderings.newest_by_type[kind as usize];
            (listing_path(kind.folder(), "index", page), entries, false)
        }
        Page::Term { kind, term, page } => {
            let value = &site.taxonomy(kind).terms[term];
            (kind, &value.label).hash(&mut hasher);
            (
                listing_path(kind.folder(), &value.slug, page),
                &value.entries,
                page == 1,
            )
        }
        _ => return None,
    };
    let number = match page {
        Page::TypeListing { page, .. } | Page::Term { page, .. } => page,
        _ => 1,
    };
    (&path, number, entries.len()).hash(&mut hasher);
    let shown: &[usize] = if shown_whole {
        entries
    } else {
        let start = ((number - 1) * PAGE_SIZE).min(entries.len());
        &entries[start..(start + PAGE_SIZE).min(entries.len())]
    };
    // A listing shows what the entries' faces hold: an edit of an
    // entry's body leaves it as it was.
    for &index in shown {
        (&site.corpus.entries[index].id, site.faces[index]).hash(&mut hasher);
    }
    Some((path, hasher.finish()))
}

/// An entry page as the previous render left it, when it is there.
fn reuse_entry_page(
    site: &Site<'_>,
    index: usize,
    previous: &FxHashMap<String, (u64, Bytes)>,
    memos: &FxHashMap<EntryId, Arc<incremental::EntryMemo>>,
) -> Option<PageResult> {
    let entry = &site.corpus.entries[index];
    let path = entry.url();
    let (fingerprint, bytes) = previous.get(&path)?;
    // Its memo stays in the cache as it is.
    memos.get(&entry.id)?;
    Some(PageResult {
        file: OutputFile {
            path,
            bytes: bytes.clone(),
        },
        fingerprint: *fingerprint,
        fresh: false,
        memo: None,
    })
}

/// Renders one page, or takes it from `previous` when the fingerprint of its
/// inputs is unchanged.
fn render_page(
    site: &Site<'_>,
    page: Page,
    previous: &FxHashMap<String, (u64, Bytes)>,
    memos: &FxHashMap<EntryId, Arc<incremental::EntryMemo>>,
) -> Result<PageResult, PageError> {
    let PageContext {
        path,
        template,
        context,
        ui,
        entry: entry_view,
    } = page_context(site, page, memos);
    let memo = entry_view.as_ref().map(|pending| {
        let entry = &site.corpus.entries[pending.index];
        let dependencies = entry::dependencies(site, pending.index, &pending.related);
        let memo = incremental::EntryMemo {
            revision: entry.revision,
            face: site.faces[pending.index],
            links: incremental::links_of(site, &entry.id),
            related_facet: entry::related_facet(entry),
            values: incremental::values_of(entry),
            shown: incremental::EntryMemo::shown_of(&dependencies),
            dependencies,
            related: pending
                .related
                .iter()
                .map(|&other| site.corpus.entries[other].id.clone())
                .collect(),
        };
        (entry.id.clone(), Arc::new(memo))
    });
    let mut hasher = DefaultHasher::new();
    template.hash(&mut hasher);
    // The theme's fingerprint covers the interface strings: the page's
    // language names which.
    (site.theme.fingerprint(), &ui.lang).hash(&mut hasher);
    // Taken apart and put back together, not copied, to be hashed.
    let json = context.into_json();
    hash_json(&json, &mut hasher);
    let mut context = tera::Context::from_value(json).map_err(|e| ThemeError::Template(e.to_string()))?;
    // An entry page's view is most of its data: it is hashed directly, and
    // its body is rendered only when the page must be.
    if let Some(pending) = &entry_view {
        pending.view.hash(&mut hasher);
        entry::hash_body_inputs(site, &site.corpus.entries[pending.index], &mut hasher);
    }
    let fingerprint = hasher.finish();
    if let Some((old, bytes)) = previous.get(&path) {
        if *old == fingerprint {
            let file = OutputFile {
                path,
                bytes: bytes.clone(),
            };
            return Ok(PageResult {
                file,
                fingerprint,
                fresh: false,
                memo,
            });
        }
    }
    if let Some(mut pending) = entry_view {
        pending.view.body_html = entry::body_html(site, &site.corpus.entries[pending.index])?;
        context.insert("entry", &pending.view);
    }
    let html = render_template(site.theme, template, context, ui)?;
    Ok(PageResult {
        file: OutputFile::new(path, html.into_bytes()),
        fingerprint,
        fresh: true,
        memo,
    })
}

/// Feeds `hasher` the JSON text of `value`, without making it.
fn hash_json(value: &serde_json::Value, hasher: &mut impl Hasher) {
    struct Feed<'h, H>(&'h mut H);
    impl<H: Hasher> std::io::Write for Feed<'_, H> {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // Writing into a hasher cannot fail.
    let _ = serde_json::to_writer(Feed(hasher), value);
}

/// A page's template and context, before the interface strings are added
/// to it.
struct PageContext<'s> {
    path: String,
    template: &'static str,
    context: tera::Context,
    /// The interface strings of the page, `t` in its template.
    ui: &'s Strings,
    /// For an entry page, the entry's view (without its body).
    entry: Option<PendingEntry>,
}

/// Renders `template` with `context` and, as `t`, the strings of `ui`.
fn render_template(
    theme: &Theme,
    template: &str,
    mut context: tera::Context,
    ui: &Strings,
) -> Result<String, ThemeError> {
    context.insert("t", &ui.map);
    theme.render(template, &context)
}

/// An entry page's view, kept apart from the context until it is needed,
/// with the related entries it shows.
struct PendingEntry {
    index: usize,
    view: view::EntryView,
    related: Vec<usize>,
}

/// The output path, template and context of a page; for an entry page, the
/// entry's view (without its body) comes separately.
fn page_context<'s>(
    site: &'s Site<'_>,
    page: Page,
    memos: &FxHashMap<EntryId, Arc<incremental::EntryMemo>>,
) -> PageContext<'s> {
    let mut entry_view = None;
    let mut ui = site.ui();
    let (path, template, context) = match page {
        Page::Home => ("index.html".to_string(), "index.html", home(site)),
        Page::NotFound => {
            let mut context = not_found_context(site);
            // A host serves 404.html at any depth: links must not be
            // relative. Opened from the folder, the page takes its style
            // sheet from beside it (the Content-Security-Policy refuses
            // the one at `base_url`, and nothing is fetched from there).
            if let Some(base) = &site.config.base_url {
                context.insert("root", base);
                context.insert("local_stylesheet", &true);
            }
            ("404.html".into(), "404.html", context)
        }
        Page::TypeListing { kind, page } => {
            let indices = &site.orderings.newest_by_type[kind as usize];
            let path = listing_path(kind.folder(), "index", page);
            let heading = ui.type_plural(kind);
            let mut context = base_context(site, ui, &path, &heading, Some(kind));
            context.insert("feeds", &feed_links(site, ui, Some(kind)));
            context.insert("heading", &heading);
            listing_context(&mut context, ui, indices.len(), page);
            context.insert("entries", &page_of(site, ui, indices, page));
            context.insert(
                "pages",
                &pagination(kind.folder(), "index", page, page_count(indices.len())),
            );
            context.insert(
                "breadcrumbs",
                &[Crumb {
                    label: ui.t("home").into(),
                    url: "index.html".into(),
                }],
            );
            (path, "listing.html", context)
        }
        Page::TaxonomyIndex { kind } => {
            let taxonomy = site.taxonomy(kind);
            let path = taxonomy.index_url();
            let heading = ui.t(&format!("taxonomy_{}_plural", kind.key())).to_string();
            let mut context = base_context(site, ui, &path, &heading, None);
            let terms: Vec<CountLink> = taxonomy
                .terms
                .iter()
                .map(|term| CountLink {
                    label: term.label.clone(),
                    url: taxonomy.term_url(term),
                    count: term.entries.len(),
                })
                .collect();
            context.insert("heading", &heading);
            context.insert("terms", &terms);
            (path, "taxonomy.html", context)
        }
        Page::Term { kind, term, page } => {
            let taxonomy = site.taxonomy(kind);
            let value = &taxonomy.terms[term];
            let path = listing_path(kind.folder(), &value.slug, page);
            let title = format!("{}: {}", ui.t(&format!("taxonomy_{}", kind.key())), value.label);
            let mut context = base_context(site, ui, &path, &title, None);
            context.insert("heading", &title);
            listing_context(&mut context, ui, value.entries.len(), page);
            // The timeline of a term, on its first page; a year's own page
            // needs none.
            let timeline = (page == 1 && kind != TaxonomyKind::Year)
                .then(|| pictures::timeline(site.corpus, &value.entries, ui, "timeline-svg"))
                .flatten();
            context.insert("timeline", &timeline);
            context.insert("entries", &page_of(site, ui, &value.entries, page));
            context.insert(
                "pages",
                &pagination(kind.folder(), &value.slug, page, page_count(value.entries.len())),
            );
            context.insert(
                "breadcrumbs",
                &[
                    Crumb {
                        label: ui.t("home").into(),
                        url: "index.html".into(),
                    },
                    Crumb {
                        label: ui.t(&format!("taxonomy_{}_plural", kind.key())).into(),
                        url: taxonomy.index_url(),
                    },
                ],
            );
            (path, "listing.html", context)
        }
        Page::Entry { index } => {
            let entry = &site.corpus.entries[index];
            let path = entry.url();
            ui = site.ui_for(&entry.lang);
            let mut context = base_context(site, ui, &path, &entry.title, Some(entry.kind));
            let related = incremental::remembered_related(site, index, memos)
                .unwrap_or_else(|| entry::related_indices(site, index));
            let view = entry::entry_view(site, ui, index, &related);
            let alternates: Vec<view::Download> = view
                .translations
                .iter()
                .map(|t| view::Download {
                    label: t.lang.clone(),
                    url: t.url.clone(),
                })
                .collect();
            context.insert("alternates", &alternates);
            entry_view = Some(PendingEntry { index, view, related });
            (path, "entry.html", context)
        }
    };
    PageContext {
        path,
        template,
        context,
        ui,
        entry: entry_view,
    }
}

fn home(site: &Site<'_>) -> tera::Context {
    let ui = site.ui();
    let mut context = base_context(site, ui, "index.html", &site.config.title, None);
    context.insert("search_label", &ui.count("home_search", site.corpus.entries.len()));
    let all: Vec<usize> = (0..site.corpus.entries.len()).collect();
    context.insert("timeline", &pictures::timeline(site.corpus, &all, ui, "timeline-svg"));
    let downloads: Vec<view::Download> = Format::ALL
        .into_iter()
        .map(|format| view::Download {
            label: format.label().into(),
            url: export::corpus_file(format),
        })
        .collect();
    context.insert("corpus_exports", &downloads);
    context.insert("entries_json", export::entries::PATH);
    context.insert("bundle", &Option::<BundleLink>::None);
    let counts: Vec<CountLink> = EntryType::ALL
        .into_iter()
        .map(|kind| CountLink {
            label: ui.type_plural(kind),
            url: format!("{}/index.html", kind.folder()),
            count: site.corpus.of_type(kind).count(),
        })
        .collect();
    let latest: Vec<Card> = site
        .orderings
        .newest
        .iter()
        .take(LATEST)
        .map(|&i| Card::of(&site.corpus.entries[i], ui))
        .collect();
    let taxonomies: Vec<CountLink> = site
        .taxonomies()
        .iter()
        .map(|t| CountLink {
            label: ui.t(&format!("taxonomy_{}_plural", t.kind.key())).into(),
            url: t.index_url(),
            count: t.terms.len(),
        })
        .collect();
    context.insert("counts", &counts);
    context.insert("total", &site.corpus.entries.len());
    context.insert("latest", &latest);
    context.insert("taxonomies", &taxonomies);
    context
}

/// `""` at the root, `"../"` one folder down, …
fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// What every page's template gets but `t`, the interface strings of the
/// page's language ([`render_template`] adds them).
fn base_context(
    site: &Site<'_>,
    ui: &Strings,
    path: &str,
    page_title: &str,
    current: Option<EntryType>,
) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert(
        "site",
        &SiteView {
            title: site.config.title.clone(),
            description: site.config.description.clone(),
            language: site.config.language.clone(),
        },
    );
    context.insert("root", &root_of(path));
    context.insert("assets", &site.theme.asset_paths);
    context.insert("page_path", path);
    context.insert("page_title", page_title);
    // The site's pages are in its language even where the interface falls
    // back to English; an entry page in another interface language is in
    // that language.
    let lang = if ui.lang == site.ui().lang {
        site.config.language.as_str()
    } else {
        ui.lang.as_str()
    };
    context.insert("lang", lang);
    context.insert("dir", direction(lang));
    context.insert("alternates", &Vec::<view::Download>::new());
    let browse: Vec<view::Download> = site
        .taxonomies()
        .iter()
        .map(|t| view::Download {
            label: ui.t(&format!("taxonomy_{}_plural", t.kind.key())).into(),
            url: t.index_url(),
        })
        .collect();
    context.insert("browse", &browse);
    let canonical = site.config.base_url.as_ref().map(|base| {
        let path = path.strip_suffix("index.html").unwrap_or(path);
        format!("{base}{path}")
    });
    context.insert("canonical", &canonical);
    let nav: Vec<NavItem> = EntryType::ALL
        .into_iter()
        .map(|kind| NavItem {
            label: ui.type_plural(kind),
            url: format!("{}/index.html", kind.folder()),
            current: current == Some(kind),
        })
        .collect();
    context.insert("nav", &nav);
    context.insert("feeds", &feed_links(site, ui, None));
    context
}

/// The Atom feeds a page announces with `<link rel="alternate">`: the
/// site's, and on a type's pages that type's.
fn feed_links(site: &Site<'_>, ui: &Strings, kind: Option<EntryType>) -> Vec<view::Download> {
    let mut links = vec![view::Download {
        label: site.config.title.clone(),
        url: feeds::MAIN_FEED.into(),
    }];
    if let Some(kind) = kind {
        links.push(view::Download {
            label: format!("{} · {}", ui.type_plural(kind), site.config.title),
            url: feeds::type_feed(kind),
        });
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_climb_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("cases/x.html"), "../");
    }

    #[test]
    fn listings_paginate_past_a_hundred() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(100), 1);
        assert_eq!(page_count(101), 2);
        let p = pagination("cases", "index", 2, 3);
        assert_eq!(p.previous.as_deref(), Some("cases/index.html"));
        assert_eq!(p.next.as_deref(), Some("cases/index-page-3.html"));
    }
}
