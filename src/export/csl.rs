//! CSL-JSON export, the format of citation processors (citeproc) and of
//! Zotero's CSL JSON import: an array of items. Cases are `legal_case`
//! (court as `authority`, case number as `number`), instruments
//! `legislation`, the other types `report` (issuer as author and
//! publisher, document symbol as `number`, kind as `genre`).

use serde_json::{json, Map, Value};

use super::{date_parts, one_line, Record};
use crate::corpus::EntryType;

pub fn write(records: &[Record<'_>]) -> String {
    let items: Vec<Value> = records.iter().map(item).collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
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
