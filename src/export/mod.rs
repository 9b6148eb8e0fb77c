//! Citation export: every published entry as BibTeX, RIS and CSL-JSON, one
//! file per entry beside its page (`cases/<id>.bib`, `.ris`, `.json`) and
//! the whole corpus in `citations/all.*`, so that a reference manager such
//! as Zotero can import one entry or all of them; plus the plain-text
//! citation shown on each entry page.
//!
//! Everything here is built from the published [`Corpus`] only, so nothing
//! withheld can be exported. Output is deterministic: entries in id order,
//! no clock.

mod bibtex;
mod csl;
pub(crate) mod entries;
mod parts;
mod ris;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::corpus::{Corpus, Entry, EntryDate, EntryType};
use crate::keep::Keep;
use crate::output::{Joined, OutputFile};

/// The folder of the whole-corpus exports.
pub(crate) const CORPUS_FOLDER: &str = "citations";

/// The three formats, with their file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    BibTex,
    Ris,
    CslJson,
}

impl Format {
    pub(crate) const ALL: [Format; 3] = [Format::BibTex, Format::Ris, Format::CslJson];

    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::BibTex => "bib",
            Format::Ris => "ris",
            Format::CslJson => "json",
        }
    }

    /// The name a reader knows the format by.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Format::BibTex => "BibTeX",
            Format::Ris => "RIS",
            Format::CslJson => "CSL-JSON",
        }
    }

    /// One record, as it stands in a list of records.
    fn record(self, record: &Record<'_>) -> String {
        match self {
            Format::BibTex => bibtex::record(record),
            Format::Ris => ris::record(record),
            Format::CslJson => csl::record(record),
        }
    }

    /// A file of records, sharing them.
    fn joined(self, records: Vec<Arc<String>>) -> Joined {
        match self {
            Format::BibTex => bibtex::joined(records),
            Format::Ris => Joined::new("", "", "", records),
            Format::CslJson => csl::joined(records),
        }
    }
}

/// The export of one entry in one format, relative to the site root.
pub(crate) fn entry_file(entry: &Entry, format: Format) -> String {
    format!("{}/{}.{}", entry.kind.folder(), entry.id, format.extension())
}

/// The export of the whole corpus in one format, relative to the site root.
pub(crate) fn corpus_file(format: Format) -> String {
    format!("{CORPUS_FOLDER}/all.{}", format.extension())
}

/// What the formats need to know about one entry.
pub(crate) struct Record<'a> {
    pub(crate) entry: &'a Entry,
    /// The entry's page as an absolute URL, when the site has a `base_url`.
    pub(crate) url: Option<String>,
}

impl<'a> Record<'a> {
    fn of(entry: &'a Entry, config: &SiteConfig) -> Record<'a> {
        Record {
            entry,
            url: config.base_url.as_ref().map(|base| format!("{base}{}", entry.url())),
        }
    }

    /// Grounds and crimes, as subject keywords.
    pub(crate) fn keywords(&self) -> Vec<String> {
        let mut keywords: Vec<String> = Vec::new();
        for value in self.entry.grounds.iter().chain(&self.entry.crimes) {
            let word = crate::taxonomy::humanise(value).to_lowercase();
            if !keywords.contains(&word) {
                keywords.push(word);
            }
        }
        keywords
    }

    /// The kind of document, for types that reference managers file as a
    /// report ("Policy", "Principles", …).
    pub(crate) fn genre(&self) -> Option<&'static str> {
        match self.entry.kind {
            EntryType::Policy => Some("Policy"),
            EntryType::Principle => Some("Principles"),
            EntryType::Recommendation => Some("Recommendations"),
            EntryType::Report => Some("Report"),
            EntryType::Case | EntryType::Instrument => None,
        }
    }

    /// The countries concerned, by name.
    pub(crate) fn countries(&self) -> Vec<&'static str> {
        self.entry.countries.iter().map(|c| c.name()).collect()
    }
}

/// Each entry's records in every format, by a hash of what they are made
/// from (the entry's file and the site's base URL), so that a rebuild
/// formats only the entries that changed and joins the rest.
#[derive(Debug, Default)]
pub(crate) struct ExportCache {
    records: parts::Parts<Formatted>,
    /// With [`Keep::Nothing`] (a single build), no records between builds.
    keep: Keep,
}

/// One entry's record in each format ([`Format::ALL`] order), as it stands
/// in a list of records, and its own files.
#[derive(Debug)]
struct Formatted {
    records: [Arc<String>; 3],
    files: [OutputFile; 3],
}

impl ExportCache {
    /// A cache keeping what `keep` says.
    pub(crate) fn new(keep: Keep) -> Self {
        ExportCache {
            records: parts::Parts::default(),
            keep,
        }
    }

    /// The per-entry and whole-corpus export files, formatting again only
    /// the entries that changed since the last call. Entries are formatted
    /// in parallel; the result is in a fixed order all the same.
    pub(crate) fn files(&mut self, corpus: &Corpus, config: &SiteConfig) -> Vec<OutputFile> {
        let formatted = self.records.update(
            corpus,
            |entry| record_key(entry, config),
            |_| false,
            |entry| format_entry(&Record::of(entry, config)),
        );
        let mut files: Vec<OutputFile> = formatted.iter().flat_map(|(_, f)| f.files.iter().cloned()).collect();
        files.par_extend(Format::ALL.into_par_iter().enumerate().map(|(at, format)| {
            let records = formatted.iter().map(|(_, f)| Arc::clone(&f.records[at])).collect();
            OutputFile {
                path: corpus_file(format),
                bytes: format.joined(records).into(),
            }
        }));
        if !self.keep.anything() {
            self.records = parts::Parts::default();
        }
        files
    }
}

/// A hash of what an entry's records are made of.
fn record_key(entry: &Entry, config: &SiteConfig) -> u64 {
    let mut hasher = DefaultHasher::new();
    (entry.revision, &entry.id, &config.base_url).hash(&mut hasher);
    hasher.finish()
}

fn format_entry(record: &Record<'_>) -> Formatted {
    let records = Format::ALL.map(|format| Arc::new(format.record(record)));
    let files = std::array::from_fn(|at| {
        let format = Format::ALL[at];
        OutputFile {
            path: entry_file(record.entry, format),
            bytes: format.joined(vec![Arc::clone(&records[at])]).into(),
        }
    });
    Formatted { records, files }
}

/// The citation a reader copies, as plain text: court decisions by title,
/// case number, court and date; instruments by title, date and official
/// citation; other documents by issuer, title, date and symbol. `date` is
/// the date as the page shows it (in the page's language).
pub(crate) fn formatted(entry: &Entry, date: &str, config: &SiteConfig) -> String {
    let mut parts: Vec<String> = Vec::new();
    match entry.kind {
        EntryType::Case => {
            parts.push(entry.title.clone());
            parts.extend(entry.case_number.clone());
            parts.extend(entry.court.clone());
            parts.push(date.to_string());
        }
        _ => {
            parts.extend(entry.issuer.clone());
            parts.push(entry.title.clone());
            parts.push(date.to_string());
            parts.extend(entry.citation.clone());
        }
    }
    let mut text = parts.join(", ");
    text.push('.');
    if let Some(base) = &config.base_url {
        text.push_str(&format!(" <{base}{}>", entry.url()));
    }
    text
}

/// `[2024, 6, 26]`, `[2021, 12]` or `[2021]`: a date as precise as known.
pub(crate) fn date_parts(date: &EntryDate) -> Vec<u32> {
    let mut parts = vec![date.year.max(0) as u32];
    if date.month > 0 {
        parts.push(date.month);
        if date.day > 0 {
            parts.push(date.day);
        }
    }
    parts
}

/// Whitespace, line breaks included, collapsed to single spaces: every
/// value in these formats is one line.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
