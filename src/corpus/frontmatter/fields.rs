//! The fields of an entry: which a type may and must have, and reading each
//! one, checked, out of the front matter's tree. Every problem is collected
//! with the place of the key or value it is about, as the tree gives it.

use std::path::Path;

use crate::corpus::entry::{is_slug, Country, EntryDate, EntryType, Status, MAX_ID_LEN};
use crate::diagnostic::{did_you_mean, Diagnostic, SourceLines, Span};
use crate::markdown;
use crate::yaml::{Node, Place, Value};

const COMMON_FIELDS: [&str; 13] = [
    "title",
    "short_title",
    "date",
    "status",
    "lang",
    "summary",
    "countries",
    "grounds",
    "crimes",
    "cites",
    "relations",
    "sources",
    "translations",
];

/// The fields an entry of `kind` may have, and which of them it must have.
pub(crate) fn fields_of(kind: EntryType) -> (Vec<&'static str>, Vec<&'static str>) {
    let mut allowed = COMMON_FIELDS.to_vec();
    let mut required = vec!["title", "date"];
    match kind {
        EntryType::Case => {
            allowed.extend(["court", "case_number"]);
            required.push("court");
        }
        EntryType::Instrument => allowed.extend(["issuer", "citation"]),
        _ => {
            allowed.extend(["issuer", "citation"]);
            required.push("issuer");
        }
    }
    (allowed, required)
}

/// Reads checked fields out of one front-matter mapping, collecting a
/// diagnostic for each problem.
pub(crate) struct FieldReader<'a> {
    file: &'a Path,
    source: SourceLines<'a>,
    /// The front matter: a mapping.
    map: &'a Node,
    /// The line of the file on which the front matter starts.
    yaml_line: usize,
    /// The keys of the site's typed relations.
    pub(super) relations: &'a [String],
    pub(crate) problems: Vec<Diagnostic>,
}

impl<'a> FieldReader<'a> {
    pub(crate) fn new(file: &'a Path, text: &'a str, map: &'a Node, yaml_line: usize, relations: &'a [String]) -> Self {
        FieldReader {
            file,
            source: SourceLines::new(text),
            map,
            yaml_line,
            relations,
            problems: Vec::new(),
        }
    }

    pub(super) fn report(&mut self, span: Span, message: String, help: Option<String>) {
        self.problems.push(
            Diagnostic::error(self.file, span, message)
                .with_help_opt(help)
                .with_line_of(&self.source),
        );
    }

    /// The place of a node in the file.
    pub(super) fn span(&self, node: &Node) -> Span {
        file_span(node.place, self.yaml_line)
    }

    /// The place of the key `key`; the opening `---` when there is none.
    pub(super) fn key(&self, key: &str) -> Span {
        key_span(self.map, key, self.yaml_line)
    }

    pub(super) fn pairs(&self) -> &'a [(Node, Node)] {
        match &self.map.value {
            Value::Mapping(pairs) => pairs,
            _ => &[],
        }
    }

    /// The value of `key`, unless it is missing or null.
    pub(super) fn get(&self, key: &str) -> Option<&'a Node> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// Every key must be a field of this type.
    pub(crate) fn check_keys(&mut self, kind: EntryType) {
        let (allowed, _) = fields_of(kind);
        for (key, _) in self.pairs() {
            let span = self.span(key);
            let Some(name) = key.as_str() else {
                self.report(span, format!("`{}` is not a field name", scalar_text(key)), None);
                continue;
            };
            if allowed.contains(&name) {
                continue;
            }
            let belongs_elsewhere = EntryType::ALL
                .into_iter()
                .find(|other| fields_of(*other).0.contains(&name));
            let help = match belongs_elsewhere {
                Some(_) if name == "court" || name == "case_number" => Some(format!(
                    "`{name}` is a field of cases; a {} names its `issuer`",
                    kind.name()
                )),
                Some(other) => Some(format!(
                    "`{name}` is a field of {}, not of {}",
                    other.folder(),
                    kind.folder()
                )),
                None => did_you_mean(name, allowed.iter().copied())
                    .or_else(|| Some(format!("the fields of {} are: {}", kind.folder(), allowed.join(", ")))),
            };
            self.report(span, format!("unknown field `{name}`"), help);
        }
    }

    /// Every required field of this type is present and not empty.
    pub(crate) fn check_required(&mut self, kind: EntryType) {
        let (_, required) = fields_of(kind);
        for name in required {
            if self.get(name).is_none() {
                let span = if self.map.get(name).is_some() {
                    self.key(name)
                } else {
                    Span::new(1, 1, 3)
                };
                self.report(
                    span,
                    format!("missing required field `{name}`"),
                    Some(format!("every entry in {}/ needs `{name}:`", kind.folder())),
                );
            }
        }
    }

    /// A text field; numbers are taken as their text.
    pub(crate) fn text(&mut self, key: &str) -> Option<String> {
        let value = self.get(key)?;
        match &value.value {
            Value::String(s) if s.trim().is_empty() => {
                let span = self.key(key);
                self.report(span, format!("`{key}` is empty"), None);
                None
            }
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            other => {
                let span = self.key(key);
                self.report(span, format!("`{key}` must be text, found {}", describe(other)), None);
                None
            }
        }
    }

    pub(crate) fn date(&mut self, key: &str) -> Option<EntryDate> {
        let value = self.get(key)?;
        let written = match &value.value {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            other => {
                let span = self.key(key);
                self.report(span, format!("`{key}` must be a date, found {}", describe(other)), None);
                return None;
            }
        };
        let date = EntryDate::parse(&written);
        if date.is_none() {
            let span = self.span(value);
            self.report(
                span,
                format!("`{written}` is not a valid date"),
                Some("write `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only the month or year is known".into()),
            );
        }
        date
    }

    pub(crate) fn status(&mut self) -> Status {
        let Some(written) = self.text("status") else {
            // A status that is not text was reported, and is not safe to publish.
            return if self.get("status").is_some() {
                Status::Confidential
            } else {
                Status::Published
            };
        };
        match written.as_str() {
            "published" => Status::Published,
            "draft" => Status::Draft,
            "confidential" => Status::Confidential,
            other => {
                let span = self.value_span("status");
                let help = did_you_mean(other, ["published", "draft", "confidential"])
                    .unwrap_or_else(|| "use `published`, `draft` or `confidential`".into());
                self.report(span, format!("unknown status `{other}`"), Some(help));
                // Unknown means not safe to publish.
                Status::Confidential
            }
        }
    }

    pub(crate) fn lang(&mut self, default: &str) -> String {
        let Some(written) = self.text("lang") else {
            return default.to_string();
        };
        if !is_language_tag(&written) {
            let span = self.value_span("lang");
            self.report(
                span,
                format!("`{written}` is not a language code"),
                Some("use a lowercase ISO 639 code such as `en`, `fr`, `es`, `ar` or `ru`".into()),
            );
        }
        written
    }

    /// The place of the value of `key`, which is there.
    fn value_span(&self, key: &str) -> Span {
        self.get(key).map_or_else(|| self.key(key), |value| self.span(value))
    }

    /// A list of text items, each with its span. A single text is taken as a
    /// list of one.
    pub(super) fn list(&mut self, key: &str) -> Vec<(String, Span)> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let items: &[Node] = match &value.value {
            Value::Sequence(items) => items,
            Value::String(_) => std::slice::from_ref(value),
            other => {
                let span = self.key(key);
                self.report(span, format!("`{key}` must be a list, found {}", describe(other)), None);
                return Vec::new();
            }
        };
        let mut found = Vec::new();
        for item in items {
            match &item.value {
                Value::String(s) => found.push((s.trim().to_string(), self.span(item))),
                other => {
                    let span = self.key(key);
                    self.report(
                        span,
                        format!("the items of `{key}` must be text, found {}", describe(other)),
                        None,
                    );
                }
            }
        }
        found
    }

    pub(crate) fn countries(&mut self) -> Vec<Country> {
        let mut countries = Vec::new();
        for (code, span) in self.list("countries") {
            match Country::from_alpha2(&code) {
                Some(country) if !countries.contains(&country) => countries.push(country),
                Some(_) => {}
                None => {
                    let upper = code.to_ascii_uppercase();
                    let help = match Country::from_alpha2(&upper) {
                        Some(country) => format!("write it in upper case: `{upper}` ({})", country.name()),
                        None => "use an ISO 3166-1 alpha-2 code such as `ML`, `AF` or `CO`".into(),
                    };
                    self.report(span, format!("`{code}` is not an ISO 3166-1 country code"), Some(help));
                }
            }
        }
        countries
    }

    /// `grounds` and `crimes`: lowercase slugs.
    pub(crate) fn slugs(&mut self, key: &str) -> Vec<String> {
        let mut slugs: Vec<String> = Vec::new();
        for (slug, span) in self.list(key) {
            if slug.len() > MAX_ID_LEN && is_slug(&slug) {
                self.report(
                    span,
                    format!("this value of `{key}` is {} characters long", slug.len()),
                    Some(format!(
                        "values are at most {MAX_ID_LEN} characters: each names a page of the site"
                    )),
                );
            } else if !is_slug(&slug) {
                let suggestion = markdown::slugify(&slug);
                self.report(
                    span,
                    format!("`{slug}` is not a valid value for `{key}`"),
                    Some(format!(
                        "values are lowercase words joined by hyphens, such as `{}`",
                        if suggestion.is_empty() {
                            "sexual-orientation"
                        } else {
                            &suggestion
                        }
                    )),
                );
            } else if !slugs.contains(&slug) {
                slugs.push(slug);
            }
        }
        slugs
    }
}

/// A place within the front matter as a span of the file.
pub(super) fn file_span(place: Place, yaml_line: usize) -> Span {
    Span::new(yaml_line + place.line - 1, place.column, place.len)
}

/// The place in the file of the top-level key `key` of `map`; the opening
/// `---` when there is none.
pub(super) fn key_span(map: &Node, key: &str, yaml_line: usize) -> Span {
    match map.entry(key) {
        Some((key, _)) => file_span(key.place, yaml_line),
        None => Span::new(yaml_line.saturating_sub(1).max(1), 1, 3),
    }
}

/// `en`, `fr`, `pt-BR`, `zh-Hant`.
pub(super) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

pub(super) fn scalar_text(node: &Node) -> String {
    match &node.value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        other => describe(other).to_string(),
    }
}

pub(super) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}
