//! CSL-JSON export, the format of citation processors (citeproc) and of
//! Zotero's CSL JSON import: an array of items. Cases are `legal_case`
//! (court as `authority`, case number as `number`), instruments
//! `legislation`, the other types `report` (issuer as author and
//! publisher, document symbol as `number`, kind as `genre`).

use std::sync::Arc;

use serde_json::{json, Map, Value};

use super::{date_parts, one_line, Record};
use crate::corpus::EntryType;
use crate::output::Joined;

/// One item, indented as it stands in the list of a file.
pub(super) fn record(record: &Record<'_>) -> String {
    let text = serde_json::to_string_pretty(&item(record)).unwrap_or_else(|_| "{}".into());
    text.lines()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The JSON list of `records`, as `serde_json` writes it pretty.
pub(super) fn joined(records: Vec<Arc<String>>) -> Joined {
    if records.is_empty() {
        return Joined::new("[]\n", "", "", records);
    }
    Joined::new("[\n", ",\n", "\n]\n", records)
}

fn item(record: &Record<'_>) -> Value {
    let entry = record.entry;
    let mut item = Map::new();
    let mut put = |key: &str, value: Value| {
        item.insert(key.to_string(), value);
    };
    put("id", json!(entry.id.as_str()));
    let kind = match entry.kind {
        EntryType::Case => "legal_case",
        EntryType::Instrument => "legislation",
        _ => "report",
    };
    put("type", json!(kind));
    put("title", json!(one_line(&entry.title)));
    if let Some(short) = &entry.short_title {
        put("title-short", json!(one_line(short)));
    }
    match entry.kind {
        EntryType::Case => {
            if let Some(court) = &entry.court {
                put("authority", json!(one_line(court)));
            }
            if let Some(number) = &entry.case_number {
                put("number", json!(one_line(number)));
            }
        }
        _ => {
            if let Some(issuer) = &entry.issuer {
                put("author", json!([{ "literal": one_line(issuer) }]));
                if entry.kind == EntryType::Instrument {
                    put("authority", json!(one_line(issuer)));
                } else {
                    put("publisher", json!(one_line(issuer)));
                }
            }
            if let Some(citation) = &entry.citation {
                put("number", json!(one_line(citation)));
            }
            if let Some(genre) = record.genre() {
                put("genre", json!(genre));
            }
        }
    }
    put("issued", json!({ "date-parts": [date_parts(&entry.date)] }));
    let countries = record.countries();
    if !countries.is_empty() {
        put("jurisdiction", json!(countries.join(", ")));
    }
    let keywords = record.keywords();
    if !keywords.is_empty() {
        put("keyword", json!(keywords.join(", ")));
    }
    put("language", json!(entry.lang));
    if let Some(summary) = &entry.summary {
        put("abstract", json!(one_line(summary)));
    }
    if let Some(url) = &record.url {
        put("URL", json!(url));
    }
    Value::Object(item)
}

#[cfg(test)]
mod tests {
    /// Items are written one by one and joined; the list must read exactly
    /// as `serde_json` writes it whole.
    #[test]
    fn joined_items_are_the_list_serde_json_would_write() {
        let items = [
            serde_json::json!({"id": "a", "author": [{"literal": "X"}], "issued": {"date-parts": [[2024, 6]]}}),
            serde_json::json!({"id": "b", "keyword": []}),
        ];
        for count in 0..=items.len() {
            let records: Vec<std::sync::Arc<String>> = items[..count]
                .iter()
                .map(|item| {
                    let text = serde_json::to_string_pretty(item).unwrap();
                    let lines: Vec<String> = text.lines().map(|line| format!("  {line}")).collect();
                    std::sync::Arc::new(lines.join("\n"))
                })
                .collect();
            let expected = serde_json::to_string_pretty(&items[..count]).unwrap() + "\n";
            let joined = crate::output::Bytes::from(super::joined(records));
            assert_eq!(String::from_utf8(joined.to_vec()).unwrap(), expected);
        }
    }
}
