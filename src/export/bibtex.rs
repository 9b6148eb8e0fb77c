//! BibTeX (biblatex) export. Cases are `@jurisdiction`, instruments
//! `@legislation` and the other types `@report`, the entry types biblatex
//! and Zotero's BibTeX import know for legal material. The court is the
//! `institution` (Zotero's court), the case number the `number` (its docket
//! number). Values are brace-delimited with TeX specials escaped, so every
//! value is balanced whatever the corpus holds.

use super::{date_parts, one_line, Record};
use crate::corpus::EntryType;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

pub fn write(records: &[Record<'_>]) -> String {
    let mut out = String::new();
    for (index, record) in records.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        write_one(&mut out, record);
    }
    out
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
            fields.extend(entry.court.iter().map(|c| ("institution", escape(c))));
            fields.extend(entry.case_number.iter().map(|n| ("number", escape(n))));
        }
        _ => {
            // A corporate author is one name, protected by braces.
            fields.extend(entry.issuer.iter().map(|i| ("author", format!("{{{}}}", escape(i)))));
            if entry.kind != EntryType::Instrument {
                fields.extend(entry.issuer.iter().map(|i| ("institution", escape(i))));
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
        fields.push(("location", escape(&record.countries().join(" and "))));
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

/// Escapes TeX's special characters; other Unicode is kept, as biber and
/// Zotero read UTF-8.
pub fn escape(text: &str) -> String {
    let text = one_line(text);
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\textbackslash{}"),
            '{' => escaped.push_str("\\{"),
            '}' => escaped.push_str("\\}"),
            '&' => escaped.push_str("\\&"),
            '%' => escaped.push_str("\\%"),
            '$' => escaped.push_str("\\$"),
            '#' => escaped.push_str("\\#"),
            '_' => escaped.push_str("\\_"),
            '^' => escaped.push_str("\\^{}"),
            '~' => escaped.push_str("\\~{}"),
            _ => escaped.push(c),
        }
    }
    escaped
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
        assert_eq!(escape("back\\slash ~ ^"), "back\\textbackslash{}slash \\~{} \\^{}");
        assert_eq!(escape("two\nlines"), "two lines");
    }
}
