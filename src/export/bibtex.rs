//! BibTeX (biblatex) export. Cases are `@jurisdiction`, instruments
//! `@legislation` and the other types `@report`, the entry types biblatex
//! and Zotero's BibTeX import know for legal material. The court is the
//! `institution` (Zotero's court), the case number the `number` (its docket
//! number). Values are brace-delimited with TeX specials escaped, so every
//! value is balanced whatever the corpus holds.
//!
//! biblatex reads `author`, `institution` and `location` as lists separated
//! by "and": a name is wrapped in its own braces, so "Chamber of Appeals
//! and Review" stays one institution. BibTeX and biber count braces without
//! regard to backslashes, so a brace in a value is written as `\{` … `\}`
//! only when it has a partner, and a lone one as `\textbraceleft{}` or
//! `\textbraceright{}`, which holds no brace of its own.

use std::sync::Arc;

use super::{date_parts, one_line, Record};
use crate::corpus::EntryType;
use crate::output::Joined;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// One record.
pub(super) fn record(record: &Record<'_>) -> String {
    let mut out = String::new();
    write_one(&mut out, record);
    out
}

/// Records one after another, a blank line between two.
pub(super) fn joined(records: Vec<Arc<String>>) -> Joined {
    Joined::new("", "\n", "", records)
}

fn write_one(out: &mut String, record: &Record<'_>) {
    let entry = record.entry;
    let kind = match entry.kind {
        EntryType::Case => "jurisdiction",
        EntryType::Instrument => "legislation",
        _ => "report",
    };
    let mut fields: Vec<(&str, String)> = Vec::new();
    // Double braces keep a style from lower-casing the title.
    fields.push(("title", format!("{{{}}}", escape(&entry.title))));
    if let Some(short) = &entry.short_title {
        fields.push(("shorttitle", format!("{{{}}}", escape(short))));
    }
    match entry.kind {
        EntryType::Case => {
            fields.extend(entry.court.iter().map(|c| ("institution", one_name(c))));
            fields.extend(entry.case_number.iter().map(|n| ("number", escape(n))));
        }
        _ => {
            // A corporate author is one name, protected by braces.
            fields.extend(entry.issuer.iter().map(|i| ("author", one_name(i))));
            if entry.kind != EntryType::Instrument {
                fields.extend(entry.issuer.iter().map(|i| ("institution", one_name(i))));
            }
            fields.extend(entry.citation.iter().map(|c| ("number", escape(c))));
            fields.extend(record.genre().map(|g| ("type", escape(g))));
        }
    }
    let parts = date_parts(&entry.date);
    fields.push(("date", entry.date.iso()));
    fields.push(("year", parts[0].to_string()));
    if let Some(&month) = parts.get(1) {
        fields.push(("month", MONTHS[month as usize - 1].to_string()));
    }
    if !entry.countries.is_empty() {
        // One item per country: "Trinidad and Tobago" is one place.
        let places: Vec<String> = record.countries().into_iter().map(one_name).collect();
        fields.push(("location", places.join(" and ")));
    }
    let keywords = record.keywords();
    if !keywords.is_empty() {
        fields.push(("keywords", escape(&keywords.join(", "))));
    }
    fields.push(("langid", escape(&entry.lang)));
    if let Some(summary) = &entry.summary {
        fields.push(("abstract", escape(summary)));
    }
    if let Some(url) = &record.url {
        fields.push(("url", url_value(url)));
    }
    out.push_str(&format!("@{kind}{{{},\n", entry.id));
    let last = fields.len() - 1;
    for (index, (name, value)) in fields.into_iter().enumerate() {
        let comma = if index == last { "" } else { "," };
        // `month` is a macro name, written bare.
        if name == "month" {
            out.push_str(&format!("  {name} = {value}{comma}\n"));
        } else {
            out.push_str(&format!("  {name} = {{{value}}}{comma}\n"));
        }
    }
    out.push_str("}\n");
}

/// One item of a list field (a name, an institution, a place), braced so
/// that an "and" or a comma in it does not split it.
fn one_name(text: &str) -> String {
    format!("{{{}}}", escape(text))
}

/// Escapes TeX's special characters; other Unicode is kept, as biber and
/// Zotero read UTF-8. Braces that pair up are written `\{` and `\}`, which
/// balance each other for a parser that counts them as braces; a brace
/// without a partner is written as a command with no brace in its name.
pub(super) fn escape(text: &str) -> String {
    let text = one_line(text);
    let chars: Vec<char> = text.chars().collect();
    let paired = paired_braces(&chars);
    let mut escaped = String::with_capacity(text.len());
    for (index, &c) in chars.iter().enumerate() {
        match c {
            '\\' => escaped.push_str("\\textbackslash{}"),
            '{' if paired[index] => escaped.push_str("\\{"),
            '}' if paired[index] => escaped.push_str("\\}"),
            '{' => escaped.push_str("\\textbraceleft{}"),
            '}' => escaped.push_str("\\textbraceright{}"),
            '&' => escaped.push_str("\\&"),
            '%' => escaped.push_str("\\%"),
            '$' => escaped.push_str("\\$"),
            '#' => escaped.push_str("\\#"),
            '_' => escaped.push_str("\\_"),
            // `\^{}` and `\~{}` are accents, read as an accent on nothing.
            '^' => escaped.push_str("\\textasciicircum{}"),
            '~' => escaped.push_str("\\textasciitilde{}"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// Which braces of `chars` have a partner: each `}` closes the nearest
/// open `{` before it.
fn paired_braces(chars: &[char]) -> Vec<bool> {
    let mut paired = vec![false; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    for (index, &c) in chars.iter().enumerate() {
        match c {
            '{' => open.push(index),
            '}' => {
                if let Some(start) = open.pop() {
                    paired[start] = true;
                    paired[index] = true;
                }
            }
            _ => {}
        }
    }
    paired
}

/// `url` is read verbatim, so nothing is escaped; only braces and spaces,
/// which would unbalance or end the value, are percent-encoded.
fn url_value(url: &str) -> String {
    url.replace('{', "%7B")
        .replace('}', "%7D")
        .replace(' ', "%20")
        .replace('\\', "%5C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specials_are_escaped_and_braces_stay_balanced() {
        assert_eq!(escape("A & B {x} 50% #1 a_b"), "A \\& B \\{x\\} 50\\% \\#1 a\\_b");
        assert_eq!(
            escape("back\\slash ~ ^"),
            "back\\textbackslash{}slash \\textasciitilde{} \\textasciicircum{}"
        );
        assert_eq!(escape("two\nlines"), "two lines");
    }

    #[test]
    fn a_brace_without_partner_holds_no_brace() {
        assert_eq!(escape("a { b"), "a \\textbraceleft{} b");
        assert_eq!(escape("} {x} {"), "\\textbraceright{} \\{x\\} \\textbraceleft{}");
        assert_eq!(escape("{{x}"), "\\textbraceleft{}\\{x\\}");
    }
}
