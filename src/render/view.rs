//! The data each template sees. Kept small on purpose: a page gets the
//! entries it shows, never the whole corpus.
//!
//! Every `url` here is relative to the site root; templates prefix it with
//! `root` (`""` or `"../"`), so the site works from `file://` and under any
//! sub-path.

use serde::Serialize;

use super::site::direction;
use crate::corpus::{Anchor, Entry};
use crate::i18n::Strings;

#[derive(Debug, Clone, Hash, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
}

/// A file to download or subscribe to.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct Download {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct NavItem {
    pub label: String,
    pub url: String,
    pub current: bool,
}

/// A link with a count: home-page tiles and taxonomy terms.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct CountLink {
    pub label: String,
    pub url: String,
    pub count: usize,
}

/// One entry as a listing shows it.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct Card {
    pub title: String,
    /// The language of the entry's title, summary and byline, and its
    /// direction, which may differ from the page's.
    pub lang: String,
    pub dir: &'static str,
    pub type_label: String,
    pub url: String,
    pub date: String,
    pub date_iso: String,
    /// The court or issuer.
    pub byline: Option<String>,
    pub case_number: Option<String>,
    pub summary: Option<String>,
}

impl Card {
    pub fn of(entry: &Entry, ui: &Strings) -> Card {
        Card {
            title: entry.title.clone(),
            lang: entry.lang.clone(),
            dir: direction(&entry.lang),
            type_label: ui.type_label(entry.kind),
            url: entry.url(),
            date: ui.date(&entry.date),
            date_iso: entry.date.iso(),
            byline: entry.court.clone().or_else(|| entry.issuer.clone()),
            case_number: entry.case_number.clone(),
            summary: entry.summary.clone(),
        }
    }
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub links: Vec<PageLink>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct MetaValue {
    pub text: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct MetaRow {
    pub label: String,
    pub values: Vec<MetaValue>,
}

/// A pinpoint shown in a citation list: `¶ 12` → `#p12`.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct PinpointView {
    pub label: String,
    pub url: String,
}

impl PinpointView {
    /// `page` is the page the anchor is on (empty for the current page).
    pub fn of(anchor: &Anchor, page: &str) -> PinpointView {
        PinpointView {
            label: match anchor {
                Anchor::Paragraph(n) => format!("¶ {n}"),
                Anchor::Heading(slug) => format!("§ {slug}"),
            },
            url: format!("{page}#{}", anchor.fragment()),
        }
    }
}

/// Another entry in the "Cites", "Cited by" and "Relations" lists.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct CitationView {
    pub title: String,
    /// The language of the title, and its direction.
    pub lang: String,
    pub dir: &'static str,
    pub type_label: String,
    pub url: String,
    pub date: String,
    pub pinpoints: Vec<PinpointView>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct CitationGroup {
    pub label: String,
    pub items: Vec<CitationView>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub struct SourceView {
    pub title: String,
    pub url: String,
}

/// Everything the entry page shows.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct EntryView {
    pub id: String,
    pub title: String,
    pub type_label: String,
    pub type_plural: String,
    pub type_url: String,
    /// The language of the entry's text, and its direction.
    pub lang: String,
    pub dir: &'static str,
    pub summary: Option<String>,
    pub metadata: Vec<MetaRow>,
    pub body_html: String,
    pub sources: Vec<SourceView>,
    pub relations: Vec<CitationGroup>,
    /// Entries that overturn this one, by relation: a warning at the top.
    pub overturned_by: Vec<CitationGroup>,
    pub cites: Vec<CitationView>,
    pub cited_by: Vec<CitationGroup>,
    pub related: Vec<Card>,
    /// The citation as plain text, to copy.
    pub citation_text: String,
    /// The citation as BibTeX, RIS and CSL-JSON files.
    pub exports: Vec<Download>,
    /// The same entry in other languages.
    pub translations: Vec<TranslationLink>,
    /// The citation graph as inline SVG, when the entry cites or is cited.
    pub graph: Option<String>,
}

/// A link to the entry in another language.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct TranslationLink {
    pub lang: String,
    pub dir: &'static str,
    /// The language's name in that language.
    pub language: String,
    pub title: String,
    pub url: String,
}
