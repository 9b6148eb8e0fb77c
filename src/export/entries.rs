//! `entries.json`: every published entry's metadata and links, for
//! scripts and other tools. The format is documented in
//! `docs/entries-json.md`; `FORMAT_VERSION` changes when a field changes
//! meaning or goes away (new fields may be added without it).

use rayon::prelude::*;
use serde::Serialize;

use super::{entry_file, Format};
use crate::config::SiteConfig;
use crate::corpus::{Corpus, Entry};
use crate::links::Links;

pub const PATH: &str = "entries.json";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    site: SiteInfo<'a>,
    entries: Vec<EntryData<'a>>,
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

pub fn file(corpus: &Corpus, links: &Links, config: &SiteConfig) -> crate::render::OutputFile {
    let document = Document {
        format: "amicus-entries",
        version: FORMAT_VERSION,
        site: SiteInfo {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: config.base_url.as_deref(),
        },
        entries: corpus
            .entries
            .par_iter()
            .map(|e| entry_data(e, links, config))
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    crate::render::OutputFile {
        path: PATH.into(),
        bytes: text.into_bytes().into(),
    }
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
