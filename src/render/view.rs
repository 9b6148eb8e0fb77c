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
pub(crate) struct SiteView {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) language: String,
}

/// A file to download or subscribe to.
#[derive(Debug, Clone, Hash, Serialize)]
pub(crate) struct Download {
    pub(crate) label: String,
    pub(crate) url: String,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub(crate) struct NavItem {
    pub(crate) label: String,
    pub(crate) url: String,
    pub(crate) current: bool,
}

/// A link with a count: home-page tiles and taxonomy terms.
#[derive(Debug, Clone, Hash, Serialize)]
pub(crate) struct CountLink {
    pub(crate) label: String,
    pub(crate) url: String,
    pub(crate) count: usize,
}

/// One entry as a listing shows it.
#[derive(Debug, Clone, Hash, Serialize)]
pub(crate) struct Card {
    pub(crate) title: String,
    /// The language of the entry's title, summary and byline, and its
    /// direction, which may differ from the page's.
    pub(crate) lang: String,
    pub(crate) dir: &'static str,
    pub(crate) type_label: String,
    pub(crate) url: String,
    pub(crate) date: String,
    pub(crate) date_iso: String,
    /// The court or issuer.
    pub(crate) byline: Option<String>,
    pub(crate) case_number: Option<String>,
    pub(crate) summary: Option<String>,
}

impl Card {
    pub(crate) fn of(entry: &Entry, ui: &Strings) -> Card {
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
pub(crate) struct PageLink {
    pub(crate) number: usize,
    pub(crate) url: String,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub(crate) struct Pagination {
    pub(crate) current: usize,
    pub(crate) total: usize,
    pub(crate) previous: Option<String>,
    pub(crate) next: Option<String>,
    pub(crate) links: Vec<PageLink>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub(crate) struct MetaValue {
    pub(crate) text: String,
    pub(crate) url: Option<String>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub(crate) struct MetaRow {
    pub(crate) label: String,
    pub(crate) values: Vec<MetaValue>,
}

/// A pinpoint shown in a citation list: `¶ 12` → `#p12`.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct PinpointView {
    /// What a reader sees: `¶ 12` for a paragraph, `§ slug` for a heading.
    pub label: String,
    /// The page given and the fragment: `cases/x.html#p12` in the
    /// citation lists (relative to the site root, as every URL of a
    /// template context), `#p12` for a pinpoint into the page itself.
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
pub(crate) struct CitationView {
    pub(crate) title: String,
    /// The language of the title, and its direction.
    pub(crate) lang: String,
    pub(crate) dir: &'static str,
    pub(crate) type_label: String,
    pub(crate) url: String,
    pub(crate) date: String,
    pub(crate) pinpoints: Vec<PinpointView>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub(crate) struct CitationGroup {
    pub(crate) label: String,
    pub(crate) items: Vec<CitationView>,
}

#[derive(Debug, Clone, Hash, Serialize)]
pub(crate) struct SourceView {
    pub(crate) title: String,
    pub(crate) url: String,
}

/// Everything the entry page shows.
#[derive(Debug, Clone, Hash, Serialize)]
pub(crate) struct EntryView {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) type_label: String,
    pub(crate) type_plural: String,
    pub(crate) type_url: String,
    /// The language of the entry's text, and its direction.
    pub(crate) lang: String,
    pub(crate) dir: &'static str,
    pub(crate) summary: Option<String>,
    pub(crate) metadata: Vec<MetaRow>,
    pub(crate) body_html: String,
    pub(crate) sources: Vec<SourceView>,
    pub(crate) relations: Vec<CitationGroup>,
    /// Entries that overturn this one, by relation: a warning at the top.
    pub(crate) overturned_by: Vec<CitationGroup>,
    pub(crate) cites: Vec<CitationView>,
    pub(crate) cited_by: Vec<CitationGroup>,
    pub(crate) related: Vec<Card>,
    /// The citation as plain text, to copy.
    pub(crate) citation_text: String,
    /// The citation as BibTeX, RIS and CSL-JSON files.
    pub(crate) exports: Vec<Download>,
    /// The same entry in other languages.
    pub(crate) translations: Vec<TranslationLink>,
    /// The citation graph as inline SVG, when the entry cites or is cited.
    pub(crate) graph: Option<String>,
}

/// A link to the entry in another language.
#[derive(Debug, Clone, Hash, Serialize)]
pub(crate) struct TranslationLink {
    pub(crate) lang: String,
    pub(crate) dir: &'static str,
    /// The language's name in that language.
    pub(crate) language: String,
    pub(crate) title: String,
    pub(crate) url: String,
}
