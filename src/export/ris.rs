//! RIS export: one record per entry, `TAG  - value` lines ending in CRLF as
//! the format asks, each record closed by `ER  - `. Cases are `CASE` (court
//! in `PB`, case number in `SV`, decision date in `DA`), instruments `STAT`
//! and the other types `RPRT`, the tags Zotero's RIS import reads for them.
//!
//! RIS has no tag for an organisation as author: readers (Zotero,
//! citation.js) read `AU` as "Last, First", and keep a name without a comma
//! whole, as one corporate name. An issuer is written as `AU` only when it
//! holds no comma; it is always the `PB` (a report's institution), which
//! readers take verbatim, so a name such as "UN Women, with … and MADRE" is
//! never mistaken for a person.

use super::{one_line, Record};
use crate::corpus::EntryType;

/// One record, closed by `ER  - `; a file is its records one after another.
pub(super) fn record(record: &Record<'_>) -> String {
    let mut out = String::new();
    write_one(&mut out, record);
    out
}

fn line(out: &mut String, tag: &str, value: &str) {
    let value = one_line(value);
    if !value.is_empty() {
        out.push_str(&format!("{tag}  - {value}\r\n"));
    }
}

fn write_one(out: &mut String, record: &Record<'_>) {
    let entry = record.entry;
    let kind = match entry.kind {
        EntryType::Case => "CASE",
        EntryType::Instrument => "STAT",
        _ => "RPRT",
    };
    line(out, "TY", kind);
    line(out, "TI", &entry.title);
    if let Some(short) = &entry.short_title {
        line(out, "ST", short);
    }
    match entry.kind {
        EntryType::Case => {
            if let Some(court) = &entry.court {
                line(out, "PB", court);
            }
            if let Some(number) = &entry.case_number {
                line(out, "SV", number);
            }
        }
        EntryType::Instrument => {
            if let Some(citation) = &entry.citation {
                line(out, "M1", citation);
            }
        }
        _ => {
            if let Some(issuer) = &entry.issuer {
                if !issuer.contains(',') {
                    line(out, "AU", issuer);
                }
                line(out, "PB", issuer);
            }
            if let Some(citation) = &entry.citation {
                line(out, "SN", citation);
            }
            if let Some(genre) = record.genre() {
                line(out, "M3", genre);
            }
        }
    }
    let date = &entry.date;
    let month = if date.month > 0 {
        format!("{:02}", date.month)
    } else {
        String::new()
    };
    let day = if date.day > 0 {
        format!("{:02}", date.day)
    } else {
        String::new()
    };
    line(out, "DA", &format!("{:04}/{month}/{day}/", date.year));
    line(out, "PY", &format!("{:04}", date.year));
    for country in record.countries() {
        line(out, "CY", country);
    }
    for keyword in record.keywords() {
        line(out, "KW", &keyword);
    }
    line(out, "LA", &entry.lang);
    if let Some(summary) = &entry.summary {
        line(out, "AB", summary);
    }
    if let Some(url) = &record.url {
        line(out, "UR", url);
    }
    out.push_str("ER  - \r\n");
}
