//! `entries.json`: every published entry's metadata and links, for
//! scripts and other tools. The format is documented in
//! `docs/entries-json.md`; `FORMAT_VERSION` changes when a field changes
//! meaning or goes away (new fields may be added without it).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use serde::Serialize;

use super::{entry_file, Format};
use crate::config::SiteConfig;
use crate::corpus::{Corpus, Entry};
use crate::keep::Keep;
use crate::links::Links;
use crate::output::{Joined, OutputFile};

pub(crate) const PATH: &str = "entries.json";
pub(crate) const FORMAT_VERSION: u32 = 1;

/// What `entries.json` holds before its entries.
#[derive(Serialize)]
struct Head<'a> {
    format: &'static str,
    version: u32,
    site: SiteInfo<'a>,
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: Option<&'a str>,
}

#[derive(Serialize)]
struct EntryData<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    short_title: Option<&'a str>,
    date: String,
    court: Option<&'a str>,
    case_number: Option<&'a str>,
    issuer: Option<&'a str>,
    citation: Option<&'a str>,
    countries: Vec<&'static str>,
    grounds: &'a [String],
    crimes: &'a [String],
    lang: &'a str,
    summary: Option<&'a str>,
    url: String,
    absolute_url: Option<String>,
    sources: Vec<SourceData<'a>>,
    cites: Vec<Link>,
    cited_by: Vec<Link>,
    relations: Vec<RelationData>,
    translations: Vec<TranslationData>,
    exports: ExportData,
}

#[derive(Serialize)]
struct SourceData<'a> {
    title: &'a str,
    url: &'a str,
}

/// A reference to or from another entry, with the pinpoints cited.
#[derive(Serialize)]
struct Link {
    id: String,
    pinpoints: Vec<String>,
}

#[derive(Serialize)]
struct RelationData {
    relation: String,
    /// `outgoing`: this entry declares it; `incoming`: the other one does.
    direction: &'static str,
    id: String,
}

#[derive(Serialize)]
struct TranslationData {
    lang: String,
    id: String,
}

#[derive(Serialize)]
struct ExportData {
    bibtex: String,
    ris: String,
    csl_json: String,
}

/// Each entry's part of `entries.json`, by a hash of what it is made from,
/// so that a rebuild writes again only the entries that changed or whose
/// links did.
#[derive(Debug, Default)]
pub(crate) struct EntriesCache {
    entries: super::parts::Parts<String>,
    /// The version of the links the parts were made with.
    links: Option<u64>,
    /// With [`Keep::Nothing`] (a single build), no parts between builds.
    keep: Keep,
}

impl EntriesCache {
    /// A cache keeping what `keep` says.
    pub(crate) fn new(keep: Keep) -> Self {
        EntriesCache {
            keep,
            ..EntriesCache::default()
        }
    }

    /// `entries.json`, writing again only the entries that changed since
    /// the last call.
    pub(crate) fn file(&mut self, corpus: &Corpus, links: &Links, config: &SiteConfig) -> OutputFile {
        let moved = links.version.moves_since(self.links);
        let parts = self.entries.update(
            corpus,
            |entry| part_key(entry, config),
            |entry| moved.of(&entry.id),
            |entry| indented(&entry_data(entry, links, config), "    "),
        );
        let head = Head {
            format: "amicus-entries",
            version: FORMAT_VERSION,
            site: SiteInfo {
                title: &config.title,
                description: &config.description,
                language: &config.language,
                base_url: config.base_url.as_deref(),
            },
        };
        let document = document(&head, parts.iter().map(|(_, text)| Arc::clone(text)).collect());
        self.links = Some(links.version.number);
        if !self.keep.anything() {
            *self = EntriesCache::new(Keep::Nothing);
        }
        OutputFile {
            path: PATH.into(),
            bytes: document.into(),
        }
    }
}

/// The document as `serde_json` writes it pretty, from its head and its
/// entries' parts (each indented as it stands in the list), which it
/// shares: at 10,000 entries it is tens of megabytes, remade after every
/// edit in `serve`.
fn document(head: &Head<'_>, entries: Vec<Arc<String>>) -> Joined {
    let head = serde_json::to_string_pretty(head).unwrap_or_default();
    let head = head.strip_suffix("\n}").unwrap_or(&head);
    if entries.is_empty() {
        return Joined::new(&format!("{head},\n  \"entries\": []\n}}\n"), "", "", entries);
    }
    Joined::new(&format!("{head},\n  \"entries\": [\n"), ",\n", "\n  ]\n}\n", entries)
}

/// `value` written pretty, each line indented by `indent`.
fn indented(value: &impl Serialize, indent: &str) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.lines()
        .map(|line| format!("{indent}{line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A hash of what an entry's part is made of besides its links (which
/// other entries' changes can move, and [`Links::version`] tells): its
/// file and the base URL.
fn part_key(entry: &Entry, config: &SiteConfig) -> u64 {
    let mut hasher = DefaultHasher::new();
    (entry.revision, &config.base_url).hash(&mut hasher);
    hasher.finish()
}

fn entry_data<'a>(entry: &'a Entry, links: &Links, config: &SiteConfig) -> EntryData<'a> {
    let link = |(id, citation): (&crate::corpus::EntryId, &crate::links::Citation)| Link {
        id: id.to_string(),
        pinpoints: citation.anchors.iter().map(|a| a.fragment()).collect(),
    };
    let mut relations: Vec<RelationData> = Vec::new();
    for (direction, pairs) in [
        ("outgoing", links.cites(&entry.id).collect::<Vec<_>>()),
        ("incoming", links.cited_by(&entry.id).collect::<Vec<_>>()),
    ] {
        for (id, citation) in pairs {
            for relation in &citation.relations {
                relations.push(RelationData {
                    relation: relation.key().to_string(),
                    direction,
                    id: id.to_string(),
                });
            }
        }
    }
    EntryData {
        id: entry.id.as_str(),
        kind: entry.kind.name(),
        title: &entry.title,
        short_title: entry.short_title.as_deref(),
        date: entry.date.iso(),
        court: entry.court.as_deref(),
        case_number: entry.case_number.as_deref(),
        issuer: entry.issuer.as_deref(),
        citation: entry.citation.as_deref(),
        countries: entry.countries.iter().map(|c| c.code()).collect(),
        grounds: &entry.grounds,
        crimes: &entry.crimes,
        lang: &entry.lang,
        summary: entry.summary.as_deref(),
        url: entry.url(),
        absolute_url: config.base_url.as_ref().map(|base| format!("{base}{}", entry.url())),
        sources: entry
            .sources
            .iter()
            .map(|s| SourceData {
                title: &s.title,
                url: &s.url,
            })
            .collect(),
        cites: links.cites(&entry.id).map(link).collect(),
        cited_by: links.cited_by(&entry.id).map(link).collect(),
        relations,
        translations: links
            .translations_of(&entry.id)
            .map(|(lang, id)| TranslationData {
                lang: lang.clone(),
                id: id.to_string(),
            })
            .collect(),
        exports: ExportData {
            bibtex: entry_file(entry, Format::BibTex),
            ris: entry_file(entry, Format::Ris),
            csl_json: entry_file(entry, Format::CslJson),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document is put together by hand from its parts; it must read
    /// exactly as `serde_json` writes the whole.
    #[test]
    fn the_parts_make_the_document_serde_json_would_write() {
        let head = Head {
            format: "amicus-entries",
            version: FORMAT_VERSION,
            site: SiteInfo {
                title: "T",
                description: "D",
                language: "en",
                base_url: None,
            },
        };
        let entries = [
            serde_json::json!({"id": "a", "cites": [{"id": "b", "pinpoints": ["p1"]}], "empty": []}),
            serde_json::json!({"id": "b", "nested": {"x": [1, 2]}}),
        ];
        for count in 0..=entries.len() {
            let parts: Vec<Arc<String>> = entries[..count].iter().map(|e| Arc::new(indented(e, "    "))).collect();
            #[derive(Serialize)]
            struct Whole<'a> {
                format: &'a str,
                version: u32,
                site: &'a SiteInfo<'a>,
                entries: &'a [serde_json::Value],
            }
            let whole = Whole {
                format: head.format,
                version: head.version,
                site: &head.site,
                entries: &entries[..count],
            };
            let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
            let document = crate::output::Bytes::from(document(&head, parts));
            assert_eq!(String::from_utf8(document.to_vec()).unwrap(), expected);
        }
    }
}
