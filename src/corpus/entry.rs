//! The entry model: what one corpus file means once it has been validated.
//!
//! These types are the contract between `corpus::load` and every later stage
//! (`links`, `render`, …). They carry meaning rather than bare strings:
//! an [`EntryId`] is known to be a valid id, an [`EntryDate`] a real date.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

use super::body::{Body, BodyUnread};
use crate::diagnostic::Span;

/// The id of an entry: its file stem, `[a-z0-9][a-z0-9-]*`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId(String);

/// Lets maps keyed by id be searched with a `&str`.
impl std::borrow::Borrow<str> for EntryId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// The longest id (and taxonomy value) there may be. Each names files
/// (`cases/<id>.html`, `citations/<id>.bib`), and a file name may have at
/// most 255 bytes on most systems; a hundred characters is more than any
/// readable id needs.
pub(crate) const MAX_ID_LEN: usize = 100;

impl EntryId {
    /// Accepts only lowercase ASCII letters, digits and hyphens, not
    /// starting with a hyphen, at most [`MAX_ID_LEN`] of them.
    pub fn parse(text: &str) -> Option<EntryId> {
        (text.len() <= MAX_ID_LEN && is_slug(text)).then(|| EntryId(text.to_string()))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `[a-z0-9][a-z0-9-]*`: the shape of ids and taxonomy slugs.
pub(crate) fn is_slug(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The six kinds of entry; the folder an entry sits in gives its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryType {
    /// A decision of a court or tribunal (`cases/`): the one type that
    /// names a `court` (required) and a `case_number`.
    Case,
    /// A policy (`policies/`). Policies, principles, recommendations and
    /// reports name their `issuer`.
    Policy,
    /// A principle or set of principles (`principles/`).
    Principle,
    /// A recommendation (`recommendations/`).
    Recommendation,
    /// A treaty, statute or other instrument (`instruments/`), exported as
    /// legislation; its `issuer` may be left out.
    Instrument,
    /// A report (`reports/`).
    Report,
}

impl EntryType {
    /// Every type, in the order the site lists them: the navigation, the
    /// groups of "Cited by", the build's summary.
    pub const ALL: [EntryType; 6] = [
        EntryType::Case,
        EntryType::Policy,
        EntryType::Principle,
        EntryType::Recommendation,
        EntryType::Instrument,
        EntryType::Report,
    ];

    /// The corpus folder, which is also the output folder.
    pub fn folder(self) -> &'static str {
        match self {
            EntryType::Case => "cases",
            EntryType::Policy => "policies",
            EntryType::Principle => "principles",
            EntryType::Recommendation => "recommendations",
            EntryType::Instrument => "instruments",
            EntryType::Report => "reports",
        }
    }

    /// The name used in queries and data (`type:case`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            EntryType::Case => "case",
            EntryType::Policy => "policy",
            EntryType::Principle => "principle",
            EntryType::Recommendation => "recommendation",
            EntryType::Instrument => "instrument",
            EntryType::Report => "report",
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            EntryType::Case => "Case",
            EntryType::Policy => "Policy",
            EntryType::Principle => "Principle",
            EntryType::Recommendation => "Recommendation",
            EntryType::Instrument => "Instrument",
            EntryType::Report => "Report",
        }
    }

    pub(crate) fn from_folder(folder: &str) -> Option<EntryType> {
        EntryType::ALL.into_iter().find(|t| t.folder() == folder)
    }
}

/// Whether an entry may be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Status {
    Published,
    Draft,
    Confidential,
}

/// A date known to the day, the month or only the year. Legal documents are
/// often known only by month ("December 2021"); a day is never invented.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryDate {
    pub(crate) year: i32,
    /// 1–12, or 0 when only the year is known.
    pub(crate) month: u32,
    /// 1–31, or 0 when only the year or month is known.
    pub(crate) day: u32,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl EntryDate {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, checking that the day
    /// exists in that month.
    pub(crate) fn parse(text: &str) -> Option<EntryDate> {
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, width: usize| -> Option<u32> {
            (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        };
        let year = number(parts.first()?, 4)? as i32;
        let (month, day) = match parts.len() {
            1 => (0, 0),
            2 => (number(parts[1], 2)?, 0),
            3 => (number(parts[1], 2)?, number(parts[2], 2)?),
            _ => return None,
        };
        if parts.len() >= 2 && !(1..=12).contains(&month) {
            return None;
        }
        if parts.len() == 3 && !(1..=days_in_month(year, month)).contains(&day) {
            return None;
        }
        Some(EntryDate { year, month, day })
    }

    /// Today's date (UTC), from the system clock.
    pub(crate) fn today() -> EntryDate {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        EntryDate::from_days_since_epoch((seconds / 86_400) as i64)
    }

    /// The civil date `days` after 1970-01-01 (the proleptic Gregorian
    /// calendar, after Howard Hinnant's `civil_from_days`).
    fn from_days_since_epoch(days: i64) -> EntryDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        EntryDate { year, month, day }
    }

    /// Whether any day this date may stand for is after `today`.
    pub(crate) fn is_after(&self, today: &EntryDate) -> bool {
        let earliest = (self.year, self.month.max(1), self.day.max(1));
        earliest > (today.year, today.month, today.day)
    }

    /// As written in the front matter: `2024-06-26`, `2021-12` or `2021`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (0, _) => format!("{:04}", self.year),
            (m, 0) => format!("{:04}-{:02}", self.year, m),
            (m, d) => format!("{:04}-{:02}-{:02}", self.year, m, d),
        }
    }

    /// For readers: `26 June 2024`, `December 2021`, `2021`.
    pub(crate) fn human(&self) -> String {
        match (self.month, self.day) {
            (0, _) => self.year.to_string(),
            (m, 0) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            (m, d) => format!("{} {} {}", d, MONTHS[m as usize - 1], self.year),
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A country by its ISO 3166-1 alpha-2 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country(isocountry::CountryCode);

impl Country {
    pub(crate) fn from_alpha2(code: &str) -> Option<Country> {
        isocountry::CountryCode::for_alpha2(code).ok().map(Country)
    }

    /// Upper case, as written: `ML`.
    pub fn code(&self) -> &'static str {
        self.0.alpha2()
    }

    pub(crate) fn name(&self) -> &'static str {
        self.0.name()
    }
}

/// Countries sort by code, whatever order the ISO crate gives its enum.
impl PartialOrd for Country {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Country {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

/// A place inside an entry that a reference may point to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Anchor {
    /// A numbered paragraph: `#p12`.
    Paragraph(u32),
    /// A heading slug: `#article-7`.
    Heading(String),
}

impl Anchor {
    /// Reads a URL fragment, without `#`: `p` and a number not starting
    /// with `0` is a paragraph (`p12`), anything else a heading slug (`p`,
    /// `p07` and `preamble` are headings).
    pub fn parse(fragment: &str) -> Anchor {
        match fragment.strip_prefix('p').and_then(|n| n.parse::<u32>().ok()) {
            Some(n) if fragment.len() > 1 && !fragment[1..].starts_with('0') => Anchor::Paragraph(n),
            _ => Anchor::Heading(fragment.to_string()),
        }
    }

    /// The fragment in a URL, without `#`.
    pub(crate) fn fragment(&self) -> String {
        match self {
            Anchor::Paragraph(n) => format!("p{n}"),
            Anchor::Heading(slug) => slug.clone(),
        }
    }
}

/// A typed relation an entry can declare (a small citator), by its key in
/// front matter: `appeal_of`, `overturns`, or one configured in
/// `amicus.yaml`. Which keys exist, and how they are labelled, is the site's
/// [`RelationDef`](crate::config::RelationDef) list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Relation(String);

impl Relation {
    /// The six relations every site has.
    pub const DEFAULTS: [&'static str; 6] = [
        "appeal_of",
        "applies",
        "interprets",
        "follows",
        "distinguishes",
        "overturns",
    ];

    pub(crate) fn new(key: &str) -> Relation {
        Relation(key.to_string())
    }

    /// The key in front matter.
    pub(crate) fn key(&self) -> &str {
        &self.0
    }
}

/// Where a reference was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum ReferenceOrigin {
    /// `cites:` in the front matter.
    Cites,
    /// `relations:` in the front matter.
    Relation(Relation),
    /// `[[…]]` in the body.
    Body,
    /// `translations:` in the front matter: the entry in this language.
    Translation(String),
}

/// A reference from one entry to another, as written, with its place in the
/// file so that a bad one can be reported precisely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The target id exactly as written (it may not exist).
    pub target: String,
    pub(crate) anchor: Option<Anchor>,
    pub(crate) origin: ReferenceOrigin,
    /// Where it is written: the id's value in the front matter, or the
    /// whole `[[…]]` in the body (as a line and column of the file).
    pub span: Span,
}

/// A source an entry's facts come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Source {
    pub(crate) title: String,
    pub(crate) url: String,
}

/// What the body offers as link targets, and where it refers elsewhere.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyOutline {
    /// Numbered paragraphs (`[12] …`), the targets of pinpoints.
    pub paragraphs: BTreeSet<u32>,
    /// Heading anchors.
    pub headings: BTreeSet<String>,
}

/// One validated corpus entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub(crate) id: EntryId,
    pub(crate) kind: EntryType,
    /// The file, as found under the corpus folder (for messages).
    pub(crate) path: PathBuf,
    pub(crate) status: Status,
    /// The title as written in the front matter, trimmed, shown as plain
    /// text (escaped, never read as Markdown). An entry whose title is
    /// missing or invalid has its id instead; it was reported, and is never
    /// rendered.
    pub title: String,
    pub(crate) short_title: Option<String>,
    /// The date of the decision or document, as precise as the front
    /// matter gives it; the default (year 0) stands in for a missing or
    /// invalid one, reported like a missing title.
    pub date: EntryDate,
    /// The court or tribunal that decided a case, as written; required for
    /// cases, refused on other types.
    pub court: Option<String>,
    pub(crate) case_number: Option<String>,
    pub(crate) issuer: Option<String>,
    pub(crate) citation: Option<String>,
    /// `countries`, in the order written, each once; a code that is not
    /// ISO 3166-1 alpha-2 was reported and left out.
    pub countries: Vec<Country>,
    pub(crate) grounds: Vec<String>,
    pub(crate) crimes: Vec<String>,
    pub(crate) sources: Vec<Source>,
    pub(crate) lang: String,
    pub(crate) summary: Option<String>,
    /// Every reference: `cites`, `relations` and `[[…]]` in the body.
    pub references: Vec<Reference>,
    /// The Markdown body, held or left in the file: read it with
    /// [`Entry::body`](Entry::body).
    pub(crate) body: Body,
    /// The 1-based line of the file on which the body starts.
    pub body_line: usize,
    /// The paragraph numbers and heading anchors of the body, which
    /// pinpoints to this entry are checked against.
    pub outline: BodyOutline,
    /// A hash of the file's bytes (and the load options): equal revisions
    /// mean an unchanged entry, which lets rebuilds skip it.
    pub(crate) revision: u64,
}

impl Entry {
    /// The Markdown body, line endings normalised to `\n`: borrowed when
    /// held, read from the file when left there (a single build), or an
    /// error when the file changed since it was loaded.
    pub fn body(&self) -> Result<Cow<'_, str>, BodyUnread> {
        self.body.text(&self.path)
    }

    /// The name used in link labels: the short title, or the title.
    pub(crate) fn display_title(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }

    /// The page of this entry, relative to the site root.
    pub(crate) fn url(&self) -> String {
        format!("{}/{}.html", self.kind.folder(), self.id)
    }

    /// Whether `anchor` names a place that exists in this entry.
    pub(crate) fn has_anchor(&self, anchor: &Anchor) -> bool {
        match anchor {
            Anchor::Paragraph(n) => self.outline.paragraphs.contains(n),
            Anchor::Heading(slug) => self.outline.headings.contains(slug),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(EntryDate::parse("2024-06-26").unwrap().human(), "26 June 2024");
        assert_eq!(EntryDate::parse("2021-12").unwrap().human(), "December 2021");
        assert_eq!(EntryDate::parse("2014").unwrap().iso(), "2014");
    }

    #[test]
    fn days_since_epoch_become_civil_dates() {
        assert_eq!(EntryDate::from_days_since_epoch(0).iso(), "1970-01-01");
        assert_eq!(EntryDate::from_days_since_epoch(19_723).iso(), "2024-01-01");
        assert_eq!(EntryDate::from_days_since_epoch(19_782).iso(), "2024-02-29");
        assert_eq!(EntryDate::from_days_since_epoch(20_415).iso(), "2025-11-23");
    }

    #[test]
    fn future_dates_are_recognised_at_their_precision() {
        let today = EntryDate::parse("2026-11-23").unwrap();
        assert!(EntryDate::parse("2026-11-24").unwrap().is_after(&today));
        assert!(EntryDate::parse("2026-12").unwrap().is_after(&today));
        assert!(!EntryDate::parse("2026-11").unwrap().is_after(&today));
        assert!(!EntryDate::parse("2026").unwrap().is_after(&today));
        assert!(EntryDate::parse("2027").unwrap().is_after(&today));
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for bad in [
            "2023-02-29",
            "2024-13",
            "2024-6-1",
            "24-06-26",
            "2024-06-31",
            "2024/06/26",
            "",
        ] {
            assert_eq!(EntryDate::parse(bad), None, "{bad}");
        }
        assert!(EntryDate::parse("2024-02-29").is_some());
    }

    #[test]
    fn ids_are_lowercase_slugs() {
        assert!(EntryId::parse("icc-al-hassan").is_some());
        for bad in ["", "-x", "Al", "a_b", "a/b", "..", "é"] {
            assert!(EntryId::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn anchors_distinguish_paragraphs_from_headings() {
        assert_eq!(Anchor::parse("p12"), Anchor::Paragraph(12));
        assert_eq!(Anchor::parse("p"), Anchor::Heading("p".into()));
        assert_eq!(Anchor::parse("preamble"), Anchor::Heading("preamble".into()));
        assert_eq!(Anchor::parse("p012"), Anchor::Heading("p012".into()));
    }
}
