//! Warnings: what an editor should fix, though the site can be built.
//!
//! - an entry that nothing cites and that cites nothing (an island in the
//!   citation graph, easily missed by readers);
//! - an entry without `sources:`;
//! - an entry without a `summary:` (listings and search show it);
//! - a date in the future (usually a typo in the year).

use crate::corpus::frontmatter::key_span;
use crate::corpus::{read_text, Corpus, Entry, EntryDate};
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::links::Links;

/// The warnings of a checked corpus, sorted by file and line.
pub(crate) fn warnings(corpus: &Corpus, links: &Links, today: &EntryDate) -> Diagnostics {
    let mut warnings = Diagnostics::default();
    for entry in &corpus.entries {
        let found = entry_warnings(entry, links, today);
        if found.is_empty() {
            continue;
        }
        // Warnings are few; reading the file again for their places keeps
        // spans out of the entry model.
        let text = read_text(&entry.path).unwrap_or_default();
        for (field, message, help) in found {
            let span = field.map_or(Span::new(1, 1, 3), |field| key_span(&text, field));
            warnings.push(
                Diagnostic::warning(&entry.path, span, message)
                    .with_help(help)
                    .with_source(&text),
            );
        }
    }
    warnings.sort();
    warnings
}

/// (field to point at, message, help) for each problem of one entry.
fn entry_warnings(
    entry: &Entry,
    links: &Links,
    today: &EntryDate,
) -> Vec<(Option<&'static str>, String, &'static str)> {
    let mut found = Vec::new();
    if links.cites(&entry.id).next().is_none() && links.cited_by(&entry.id).next().is_none() {
        found.push((
            None,
            format!("`{}` cites no entry and no entry cites it", entry.id),
            "link it to related entries with `cites:` or `[[id]]` so readers can find it",
        ));
    }
    if entry.sources.is_empty() {
        found.push((
            None,
            format!("`{}` has no sources", entry.id),
            "add `sources:` with the title and address of each document its facts come from",
        ));
    }
    if entry.summary.is_none() {
        found.push((
            None,
            format!("`{}` has no summary", entry.id),
            "add `summary:`, one paragraph shown in listings and search results",
        ));
    }
    if entry.date.is_after(today) {
        found.push((
            Some("date"),
            format!("the date {} is in the future", entry.date.iso()),
            "check the year",
        ));
    }
    found
}
