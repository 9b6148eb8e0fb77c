//! Front matter: splitting a file into YAML and body, parsing the YAML, and
//! turning its fields into a checked [`Entry`].
//!
//! The YAML parser reports a line and column only for syntax errors, so the
//! place of every field and value is found by [`FieldLines`], which reads the
//! front matter's lines. Each problem is collected; a file with several bad
//! fields reports all of them.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::Path;

use serde_yaml_ng::{Mapping, Value};

use super::entry::{
    is_slug, Anchor, BodyOutline, Country, Entry, EntryDate, EntryId, EntryType, Reference, ReferenceOrigin, Relation,
    Source, Status, MAX_ID_LEN,
};
use crate::diagnostic::{did_you_mean, Diagnostic, SourceLines, Span};
use crate::markdown;

/// A file cut at its front matter fences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts<'a> {
    pub yaml: &'a str,
    /// The 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// The 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Cuts `text` (with `\n` line endings) into front matter and body.
pub fn split(text: &str) -> Result<Parts<'_>, (String, String)> {
    if text.trim().is_empty() {
        return Err((
            "the file is empty".into(),
            "an entry starts with front matter between two `---` lines, then the body".into(),
        ));
    }
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text.trim_end() == "---").then_some(""))
    else {
        return Err((
            "the file does not start with front matter".into(),
            "the first line must be `---`, followed by the fields and another `---`".into(),
        ));
    };
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if matches!(line.trim_end(), "---" | "...") {
            return Ok(Parts {
                yaml: &rest[..offset],
                yaml_line: 2,
                body: &rest[offset + line.len()..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err((
        "the front matter is not closed".into(),
        "add a line `---` after the last field".into(),
    ))
}

/// Where each top-level field and its values stand in the file.
///
/// Values are looked up in order (each list item after the one before), so
/// every look-up must cost about the size of what it finds, not of the
/// field: a file of 16 MiB may hold a list of a million items.
pub struct FieldLines<'a> {
    lines: Vec<&'a str>,
    first_line: usize,
    /// (key, index into `lines`) of every top-level key, in order.
    keys: Vec<(String, usize)>,
    /// The position in `keys` of the first line of each key.
    first_of_key: HashMap<String, usize>,
    /// For each field (by position in `keys`) looked into, where each of
    /// its words stands: a value made only of word characters is found
    /// where a whole word equals it, by a binary search.
    words: RefCell<HashMap<usize, WordPlaces<'a>>>,
    /// The last (line index, byte, column) converted, to count on from.
    place: Cell<(usize, usize, usize)>,
}

/// The places of each word of one field: (line index, column from 0 in
/// characters), in file order.
type WordPlaces<'a> = HashMap<&'a str, Vec<(usize, usize)>>;

/// How far after the previous value a value that is not a single word is
/// looked for: lines, and bytes beyond its own length.
const SEARCH_LINES: usize = 64;
const SEARCH_BYTES: usize = 4096;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

impl<'a> FieldLines<'a> {
    pub fn new(yaml: &'a str, first_line: usize) -> Self {
        let lines: Vec<&str> = yaml.lines().collect();
        let keys: Vec<(String, usize)> = lines
            .iter()
            .enumerate()
            .filter_map(|(index, line)| top_level_key(line).map(|key| (key, index)))
            .collect();
        let mut first_of_key = HashMap::new();
        for (position, (key, _)) in keys.iter().enumerate() {
            first_of_key.entry(key.clone()).or_insert(position);
        }
        FieldLines {
            lines,
            first_line,
            keys,
            first_of_key,
            words: RefCell::new(HashMap::new()),
            place: Cell::new((usize::MAX, 0, 0)),
        }
    }

    /// The key itself.
    pub fn key(&self, key: &str) -> Span {
        match self.first_of_key.get(key).map(|&position| &self.keys[position]) {
            Some((k, index)) => {
                let column = self.lines[*index].find(k.as_str()).map_or(1, |c| c + 1);
                Span::new(self.first_line + index, column, k.chars().count())
            }
            None => Span::new(self.first_line.saturating_sub(1).max(1), 1, 3),
        }
    }

    /// The first occurrence of `value` under `key` after `after`, falling
    /// back to the key.
    pub fn value(&self, key: &str, value: &str, after: Option<Span>) -> Span {
        self.find_value(key, value, after).unwrap_or_else(|| self.key(key))
    }

    /// The first occurrence of `value` under `key` after `after`, where it
    /// is not part of a longer word. A value written otherwise than it reads
    /// (escaped, folded) may not be found.
    pub fn find_value(&self, key: &str, value: &str, after: Option<Span>) -> Option<Span> {
        let &position = self.first_of_key.get(key)?;
        if value.is_empty() {
            return None;
        }
        let start = self.keys[position].1;
        let end = self.keys.get(position + 1).map_or(self.lines.len(), |(_, i)| *i);
        // The cursor: (line index, column in characters) where the search starts.
        let cursor = match after {
            Some(after) if after.line >= self.first_line + start => {
                (after.line - self.first_line, after.column.saturating_sub(1) + after.len)
            }
            _ => (start, 0),
        };
        let found = if value.chars().all(is_word_char) {
            self.find_word_value(position, start..end, value, cursor)
        } else {
            self.find_text_value(start..end, value, cursor)
        }?;
        Some(Span::new(self.first_line + found.0, found.1 + 1, value.chars().count()))
    }

    /// A value of word characters only: a word of the field equal to it.
    fn find_word_value(
        &self,
        position: usize,
        field: std::ops::Range<usize>,
        value: &str,
        cursor: (usize, usize),
    ) -> Option<(usize, usize)> {
        let mut words = self.words.borrow_mut();
        let places = words.entry(position).or_insert_with(|| {
            let mut places: WordPlaces<'a> = HashMap::new();
            for index in field {
                let line = self.lines[index];
                // On the key's line, the words after its `:`.
                let from = if index == self.keys[position].1 {
                    line.find(':').map_or(0, |c| c + 1)
                } else {
                    0
                };
                for (byte, column, word) in words_of(line) {
                    if byte >= from {
                        places.entry(word).or_default().push((index, column));
                    }
                }
            }
            places
        });
        let list = places.get(value)?;
        list.get(list.partition_point(|&place| place < cursor)).copied()
    }

    /// Any other value: looked for as text a little way after the cursor.
    fn find_text_value(
        &self,
        field: std::ops::Range<usize>,
        value: &str,
        cursor: (usize, usize),
    ) -> Option<(usize, usize)> {
        let mut budget = SEARCH_BYTES + value.len();
        for index in (cursor.0.max(field.start)..field.end).take(SEARCH_LINES) {
            let line = self.lines[index];
            let mut from = 0;
            if index == field.start {
                from = line.find(':').map_or(0, |c| c + 1);
            }
            if index == cursor.0 {
                from = from.max(self.byte_of_column(index, cursor.1));
            }
            let from = from.min(line.len());
            let to = from + floor_char_boundary(&line[from..], budget);
            if let Some(byte) = find_word(line, from..to, value) {
                return Some((index, self.column_of_byte(index, byte)));
            }
            budget = budget.saturating_sub(line.len() - from + 1);
            if budget == 0 {
                break;
            }
        }
        None
    }

    /// What follows `key` (a span of a `key:` within a field) and its colon
    /// on its line, trimmed: the place of its value.
    pub fn value_after(&self, key: Span) -> Span {
        let index = key.line - self.first_line;
        let line = self.lines[index];
        let end = self.byte_of_column(index, key.column.saturating_sub(1) + key.len);
        let rest = &line[end..];
        let value = rest.trim_start_matches([' ', '\t']);
        let value = value.strip_prefix(':').unwrap_or(value).trim_start_matches([' ', '\t']);
        let start = line.len() - value.len();
        let column = self.column_of_byte(index, start);
        Span::new(key.line, column + 1, value.trim_end().chars().count().max(1))
    }

    /// The byte of line `index` at `column` (in characters, from 0), or its
    /// end. Counted on from the last place asked for when it is on the same
    /// line and before, so that walking along one long line costs its
    /// length once, not once per value.
    fn byte_of_column(&self, index: usize, column: usize) -> usize {
        let line = self.lines[index];
        let (last_index, last_byte, last_column) = self.place.get();
        let (mut byte, mut at) = if last_index == index && last_column <= column {
            (last_byte, last_column)
        } else {
            (0, 0)
        };
        let mut chars = line[byte..].chars();
        while at < column {
            let Some(c) = chars.next() else { break };
            byte += c.len_utf8();
            at += 1;
        }
        self.place.set((index, byte, at));
        byte
    }

    /// The column (in characters, from 0) of `byte` of line `index`,
    /// counted on like [`FieldLines::byte_of_column`].
    fn column_of_byte(&self, index: usize, byte: usize) -> usize {
        let line = self.lines[index];
        let (last_index, last_byte, last_column) = self.place.get();
        let (from, column) = if last_index == index && last_byte <= byte {
            (last_byte, last_column)
        } else {
            (0, 0)
        };
        let column = column + line[from..byte].chars().count();
        self.place.set((index, byte, column));
        column
    }
}

/// The largest char boundary of `text` at or before `byte`.
fn floor_char_boundary(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// Each maximal run of word characters of `line`: (byte, column in
/// characters, the run).
fn words_of(line: &str) -> Vec<(usize, usize, &str)> {
    let mut words = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for (column, (byte, c)) in line.char_indices().enumerate() {
        match (is_word_char(c), current) {
            (true, None) => current = Some((byte, column)),
            (false, Some((start, start_column))) => {
                words.push((start, start_column, &line[start..byte]));
                current = None;
            }
            _ => {}
        }
    }
    if let Some((start, start_column)) = current {
        words.push((start, start_column, &line[start..]));
    }
    words
}

/// The byte offset of `value` in `line` within `range`, where it is not
/// part of a longer word.
fn find_word(line: &str, range: std::ops::Range<usize>, value: &str) -> Option<usize> {
    if value.is_empty() {
        return None;
    }
    let mut start = range.start;
    while let Some(found) = line.get(start..range.end).and_then(|tail| tail.find(value)) {
        let byte = start + found;
        let before = line[..byte].chars().next_back();
        let after = line[byte + value.len()..].chars().next();
        if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
            return Some(byte);
        }
        start = byte + value.len();
    }
    None
}

/// `key` of a line `key: …` that is not indented, a comment or a list item.
fn top_level_key(line: &str) -> Option<String> {
    let first = line.chars().next()?;
    if first.is_whitespace() || matches!(first, '#' | '-' | '[' | '{' | '}' | ']') {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    Some(key.trim().trim_matches(['"', '\'']).to_string())
}

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
pub fn fields_of(kind: EntryType) -> (Vec<&'static str>, Vec<&'static str>) {
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
pub struct FieldReader<'a> {
    file: &'a Path,
    source: SourceLines<'a>,
    lines: FieldLines<'a>,
    map: &'a Mapping,
    /// The keys of the site's typed relations.
    relations: &'a [String],
    pub problems: Vec<Diagnostic>,
}

impl<'a> FieldReader<'a> {
    pub fn new(
        file: &'a Path,
        text: &'a str,
        lines: FieldLines<'a>,
        map: &'a Mapping,
        relations: &'a [String],
    ) -> Self {
        FieldReader {
            file,
            source: SourceLines::new(text),
            lines,
            map,
            relations,
            problems: Vec::new(),
        }
    }

    fn report(&mut self, span: Span, message: String, help: Option<String>) {
        self.problems.push(
            Diagnostic::error(self.file, span, message)
                .with_help_opt(help)
                .with_line_of(&self.source),
        );
    }

    /// The place of `value` under `key` after `after`, which moves on to it;
    /// the key when it is not found, and then `after` stays where it was.
    fn locate(&self, key: &str, value: &str, after: &mut Option<Span>) -> Span {
        match self.lines.find_value(key, value, *after) {
            Some(span) => {
                *after = Some(span);
                span
            }
            None => self.lines.key(key),
        }
    }

    /// The place of a source's `url` value: where it is written, or, when
    /// it is written otherwise than it reads (quoted with escapes), what
    /// follows the next `url:`.
    fn source_url(&self, url: &str, after: &mut Option<Span>) -> Span {
        if let Some(span) = self.lines.find_value("sources", url, *after) {
            *after = Some(span);
            return span;
        }
        match self.lines.find_value("sources", "url", *after) {
            Some(key) => {
                let span = self.lines.value_after(key);
                *after = Some(span);
                span
            }
            None => self.lines.key("sources"),
        }
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// Every key must be a field of this type.
    pub fn check_keys(&mut self, kind: EntryType) {
        let (allowed, _) = fields_of(kind);
        let keys: Vec<&Value> = self.map.keys().collect();
        for key in keys {
            let Some(name) = key.as_str() else {
                let span = self.lines.key(&scalar_text(key));
                self.report(span, format!("`{}` is not a field name", scalar_text(key)), None);
                continue;
            };
            if allowed.contains(&name) {
                continue;
            }
            let span = self.lines.key(name);
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
    pub fn check_required(&mut self, kind: EntryType) {
        let (_, required) = fields_of(kind);
        for name in required {
            if self.get(name).is_none() {
                let span = if self.map.contains_key(name) {
                    self.lines.key(name)
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
    pub fn text(&mut self, key: &str) -> Option<String> {
        let value = self.get(key)?;
        match value {
            Value::String(s) if s.trim().is_empty() => {
                let span = self.lines.key(key);
                self.report(span, format!("`{key}` is empty"), None);
                None
            }
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            other => {
                let span = self.lines.key(key);
                self.report(span, format!("`{key}` must be text, found {}", describe(other)), None);
                None
            }
        }
    }

    pub fn date(&mut self, key: &str) -> Option<EntryDate> {
        let value = self.get(key)?;
        let written = match value {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            other => {
                let span = self.lines.key(key);
                self.report(span, format!("`{key}` must be a date, found {}", describe(other)), None);
                return None;
            }
        };
        let date = EntryDate::parse(&written);
        if date.is_none() {
            let span = self.lines.value(key, &written, None);
            self.report(
                span,
                format!("`{written}` is not a valid date"),
                Some("write `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only the month or year is known".into()),
            );
        }
        date
    }

    pub fn status(&mut self) -> Status {
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
                let span = self.lines.value("status", other, None);
                let help = did_you_mean(other, ["published", "draft", "confidential"])
                    .unwrap_or_else(|| "use `published`, `draft` or `confidential`".into());
                self.report(span, format!("unknown status `{other}`"), Some(help));
                // Unknown means not safe to publish.
                Status::Confidential
            }
        }
    }

    pub fn lang(&mut self, default: &str) -> String {
        let Some(written) = self.text("lang") else {
            return default.to_string();
        };
        if !is_language_tag(&written) {
            let span = self.lines.value("lang", &written, None);
            self.report(
                span,
                format!("`{written}` is not a language code"),
                Some("use a lowercase ISO 639 code such as `en`, `fr`, `es`, `ar` or `ru`".into()),
            );
        }
        written
    }

    /// A list of text items, each with its span. A single text is taken as a
    /// list of one.
    fn list(&mut self, key: &str) -> Vec<(String, Span)> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let items: Vec<&Value> = match value {
            Value::Sequence(items) => items.iter().collect(),
            Value::String(_) => vec![value],
            other => {
                let span = self.lines.key(key);
                self.report(span, format!("`{key}` must be a list, found {}", describe(other)), None);
                return Vec::new();
            }
        };
        let mut found = Vec::new();
        let mut after = None;
        for item in items {
            match item {
                Value::String(s) => {
                    let span = self.locate(key, s, &mut after);
                    found.push((s.trim().to_string(), span));
                }
                other => {
                    let span = self.lines.key(key);
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

    pub fn countries(&mut self) -> Vec<Country> {
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
    pub fn slugs(&mut self, key: &str) -> Vec<String> {
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

    /// `cites:` and `relations:`, as references to check later.
    pub fn references(&mut self) -> Vec<Reference> {
        let mut references = Vec::new();
        for (written, span) in self.list("cites") {
            if let Some(reference) = self.reference(&written, span, ReferenceOrigin::Cites) {
                references.push(reference);
            }
        }
        let Some(value) = self.get("relations") else {
            return references;
        };
        let Value::Mapping(relations) = value else {
            let span = self.lines.key("relations");
            self.report(
                span,
                format!("`relations` must be a mapping, found {}", describe(value)),
                Some("write e.g. `relations: {applies: [rome-statute]}`".into()),
            );
            return references;
        };
        let mut after = None;
        for (key, targets) in relations {
            let name = scalar_text(key);
            let key_span = self.locate("relations", &name, &mut after);
            if !self.relations.contains(&name) {
                let keys = self.relations.iter().map(String::as_str);
                let help = did_you_mean(&name, keys.clone())
                    .unwrap_or_else(|| format!("the relations are: {}", keys.collect::<Vec<_>>().join(", ")));
                self.report(
                    key_span,
                    format!("unknown relation `{name}`"),
                    Some(format!(
                        "{help} (more can be declared under `relations:` in amicus.yaml)"
                    )),
                );
                continue;
            }
            let relation = Relation::new(&name);
            let targets: Vec<&Value> = match targets {
                Value::Sequence(items) => items.iter().collect(),
                single => vec![single],
            };
            for target in targets {
                let written = scalar_text(target);
                let span = self.locate("relations", &written, &mut after);
                if let Some(reference) = self.reference(&written, span, ReferenceOrigin::Relation(relation.clone())) {
                    references.push(reference);
                }
            }
        }
        references
    }

    /// `translations: {fr: id}`: the same entry in other languages, as
    /// references to check later.
    pub fn translations(&mut self, own_lang: &str) -> Vec<Reference> {
        let Some(value) = self.get("translations") else {
            return Vec::new();
        };
        let Value::Mapping(map) = value else {
            let span = self.lines.key("translations");
            self.report(
                span,
                format!("`translations` must be a mapping, found {}", describe(value)),
                Some("write e.g. `translations: {fr: icc-al-hassan-fr}`".into()),
            );
            return Vec::new();
        };
        let mut references = Vec::new();
        let mut after = None;
        for (key, target) in map {
            let lang = scalar_text(key);
            let span = self.locate("translations", &lang, &mut after);
            if !is_language_tag(&lang) {
                self.report(
                    span,
                    format!("`{lang}` is not a language code"),
                    Some("use a lowercase ISO 639 code such as `fr`, `es`, `ar` or `ru`".into()),
                );
                continue;
            }
            if lang == own_lang {
                self.report(
                    span,
                    format!("this entry is itself in `{lang}`"),
                    Some("`translations` names the entry's versions in other languages".into()),
                );
                continue;
            }
            let written = scalar_text(target);
            let span = self.locate("translations", &written, &mut after);
            if let Some(reference) = self.reference(&written, span, ReferenceOrigin::Translation(lang)) {
                references.push(reference);
            }
        }
        references
    }

    fn reference(&mut self, written: &str, span: Span, origin: ReferenceOrigin) -> Option<Reference> {
        parse_reference(written, span, origin)
            .map_err(|(message, help)| self.report(span, message, Some(help)))
            .ok()
    }

    pub fn sources(&mut self) -> Vec<Source> {
        let Some(value) = self.get("sources") else {
            return Vec::new();
        };
        let Value::Sequence(items) = value else {
            let span = self.lines.key("sources");
            self.report(
                span,
                format!("`sources` must be a list, found {}", describe(value)),
                Some("write each source as `- title: …` and `url: https://…`".into()),
            );
            return Vec::new();
        };
        let mut sources = Vec::new();
        let mut after = None;
        for item in items {
            let Value::Mapping(fields) = item else {
                let span = self.lines.value("sources", &scalar_text(item), after);
                self.report(
                    span,
                    format!("each source must have `title` and `url`, found {}", describe(item)),
                    None,
                );
                continue;
            };
            for key in fields.keys() {
                let name = scalar_text(key);
                if name != "title" && name != "url" {
                    let span = self.lines.value("sources", &name, after);
                    let help = did_you_mean(&name, ["title", "url"])
                        .unwrap_or_else(|| "a source has `title` and `url`".into());
                    self.report(span, format!("unknown field `{name}` in a source"), Some(help));
                }
            }
            let title = fields.get("title").map(scalar_text).unwrap_or_default();
            let url = fields.get("url").map(scalar_text).unwrap_or_default();
            let span = if url.is_empty() {
                self.locate("sources", &title, &mut after)
            } else {
                self.source_url(&url, &mut after)
            };
            if title.trim().is_empty() {
                self.report(span, "a source has no `title`".into(), None);
            }
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(char::is_whitespace) {
                let shown = if url.is_empty() {
                    "(none)".to_string()
                } else {
                    format!("`{url}`")
                };
                self.report(
                    span,
                    format!("a source's `url` must be an http(s) address, found {shown}"),
                    None,
                );
            }
            if !title.trim().is_empty() && !url.is_empty() {
                sources.push(Source {
                    title: title.trim().to_string(),
                    url,
                });
            }
        }
        sources
    }
}

/// Parses `id` or `id#anchor`; the id must have the shape of an id.
pub fn parse_reference(written: &str, span: Span, origin: ReferenceOrigin) -> Result<Reference, (String, String)> {
    let (target, anchor) = match written.split_once('#') {
        Some((target, fragment)) => (target.trim(), Some(Anchor::parse(fragment.trim()))),
        None => (written.trim(), None),
    };
    if target.len() > MAX_ID_LEN && is_slug(target) {
        return Err((
            format!(
                "`{}…` is {} characters long, too long for an id",
                &target[..40],
                target.len()
            ),
            format!("ids are at most {MAX_ID_LEN} characters"),
        ));
    }
    if EntryId::parse(target).is_none() {
        let lower = markdown::slugify(target);
        return Err((
            format!("`{target}` is not a valid entry id"),
            if lower.is_empty() {
                "ids are lowercase letters, digits and hyphens".into()
            } else {
                format!("ids are lowercase letters, digits and hyphens: `{lower}`?")
            },
        ));
    }
    Ok(Reference {
        target: target.to_string(),
        anchor,
        origin,
        span,
    })
}

/// `en`, `fr`, `pt-BR`, `zh-Hant`.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        other => describe(other).to_string(),
    }
}

fn describe(value: &Value) -> &'static str {
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

/// Everything `load` knows about one file before it is checked.
pub struct FileInput<'a> {
    /// The path shown in messages.
    pub path: &'a Path,
    pub kind: EntryType,
    pub id: EntryId,
    /// The file's text, BOM removed and line endings normalised to `\n`.
    pub text: &'a str,
    pub default_lang: &'a str,
    /// The keys of the site's typed relations.
    pub relations: &'a [String],
}

/// Turns one file into an entry and the list of its problems. The entry is
/// there whenever the front matter could be read, even with problems in
/// its fields, so that its references can be checked in the same run.
pub fn parse_entry(input: FileInput<'_>) -> (Option<Entry>, Vec<Diagnostic>) {
    let FileInput {
        path,
        kind,
        id,
        text,
        default_lang,
        relations,
    } = input;
    let parts = match split(text) {
        Ok(parts) => parts,
        Err((message, help)) => {
            let problem = Diagnostic::error(path, Span::new(1, 1, 3), message)
                .with_help(help)
                .with_source(text);
            return (None, vec![problem]);
        }
    };
    if let Some((line, column)) = too_deep_flow(parts.yaml) {
        let problem = Diagnostic::error(
            path,
            Span::new(parts.yaml_line + line - 1, column, 1),
            format!("the front matter nests `[` and `{{` more than {MAX_FLOW_DEPTH} levels deep"),
        )
        .with_help("fields hold at most a list of maps; quote a value that starts with `[` or `{`")
        .with_source(text);
        return (None, vec![problem]);
    }
    let value: Value = match serde_yaml_ng::from_str(parts.yaml) {
        Ok(value) => value,
        Err(error) => return (None, vec![yaml_error(path, text, &parts, &error)]),
    };
    let map = match &value {
        Value::Mapping(map) => map,
        Value::Null => {
            let problem = Diagnostic::error(path, Span::new(1, 1, 3), "the front matter is empty")
                .with_help(format!(
                    "an entry in {}/ needs at least {}",
                    kind.folder(),
                    fields_of(kind).1.join(", ")
                ))
                .with_source(text);
            return (None, vec![problem]);
        }
        other => {
            let problem = Diagnostic::error(
                path,
                Span::new(parts.yaml_line, 1, 1),
                format!(
                    "the front matter must be fields (`key: value`), found {}",
                    describe(other)
                ),
            )
            .with_source(text);
            return (None, vec![problem]);
        }
    };
    let mut reader = FieldReader::new(path, text, FieldLines::new(parts.yaml, parts.yaml_line), map, relations);
    reader.check_keys(kind);
    reader.check_required(kind);
    let title = reader.text("title");
    let date = reader.date("date");
    let entry_fields = (
        reader.text("short_title"),
        reader.text("court"),
        reader.text("case_number"),
        reader.text("issuer"),
        reader.text("citation"),
        reader.text("summary"),
    );
    let status = reader.status();
    let lang = reader.lang(default_lang);
    let countries = reader.countries();
    let grounds = reader.slugs("grounds");
    let crimes = reader.slugs("crimes");
    let mut references = reader.references();
    references.extend(reader.translations(&lang));
    let sources = reader.sources();
    let mut problems = reader.problems;
    let source = SourceLines::new(text);

    let scan = markdown::scan(parts.body);
    let body_place = BodyPlace::new(parts.body, parts.body_line);
    for link in &scan.links {
        let span = body_place.span(link.range.clone());
        match parse_reference(&link.destination, span, ReferenceOrigin::Body) {
            Ok(reference) => references.push(reference),
            Err((message, help)) => problems.push(
                Diagnostic::error(path, span, message)
                    .with_help(help)
                    .with_line_of(&source),
            ),
        }
    }
    for problem in &scan.problems {
        let span = body_place.span(problem.range.clone());
        problems.push(
            Diagnostic::error(path, span, problem.message.clone())
                .with_help_opt(problem.help.clone())
                .with_line_of(&source),
        );
    }
    if let Some(at) = parts.body.find('\0') {
        let more = parts.body[at + 1..].matches('\0').count();
        problems.push(
            Diagnostic::error(
                path,
                body_place.span(at..at + 1),
                match more {
                    0 => "the body holds a NUL character (U+0000)".to_string(),
                    n => format!("the body holds {} NUL characters (U+0000), the first here", n + 1),
                },
            )
            .with_help("NUL is not text (a copy from a binary file or a PDF can leave it): remove it")
            .with_line_of(&source),
        );
    }
    // A missing or invalid title or date has been reported; the stand-ins
    // only let the entry's references be checked, as it is never rendered.
    let title = title.unwrap_or_else(|| id.to_string());
    let date = date.unwrap_or_default();
    let (short_title, court, case_number, issuer, citation, summary) = entry_fields;
    let entry = Entry {
        id,
        kind,
        path: path.to_path_buf(),
        status,
        title,
        short_title,
        date,
        court,
        case_number,
        issuer,
        citation,
        countries,
        grounds,
        crimes,
        sources,
        lang,
        summary,
        references,
        body: parts.body.to_string(),
        body_line: parts.body_line,
        outline: BodyOutline {
            paragraphs: scan.paragraphs,
            headings: scan.headings,
        },
        // Set by `corpus::load`, which hashes the file's bytes.
        revision: 0,
    };
    (Some(entry), problems)
}

/// Maps byte ranges of the body to lines and columns of the file.
struct BodyPlace<'a> {
    body: &'a str,
    first_line: usize,
    /// Byte offsets where lines start, so that placing a range does not
    /// count the newlines before it again for every reference.
    line_starts: Vec<usize>,
}

impl<'a> BodyPlace<'a> {
    fn new(body: &'a str, first_line: usize) -> Self {
        let line_starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        BodyPlace {
            body,
            first_line,
            line_starts,
        }
    }

    fn span(&self, range: std::ops::Range<usize>) -> Span {
        let start = range.start.min(self.body.len());
        let line_index = self.line_starts.partition_point(|&s| s <= start) - 1;
        let line = self.first_line + line_index;
        let line_start = self.line_starts[line_index];
        let column = self.body[line_start..start].chars().count() + 1;
        let rest = &self.body[range.start.min(self.body.len())..range.end.min(self.body.len())];
        let len = rest.split('\n').next().unwrap_or_default().chars().count();
        Span::new(line, column, len)
    }
}

/// The deepest nesting of flow collections (`[…]`, `{…}`) a front matter
/// may have. No field needs more than two; the YAML parser takes time
/// quadratic in the depth (100,000 levels: half a minute).
pub const MAX_FLOW_DEPTH: usize = 64;

/// The line (from 1, within `yaml`) and column of the bracket that opens
/// flow nesting deeper than [`MAX_FLOW_DEPTH`], found in one pass before
/// the YAML parser sees the text.
///
/// It errs on the side of counting: a bracket is skipped only inside a
/// quoted scalar of a flow collection or a comment, which the parser would
/// skip too; a bracket in plain text or a block scalar counts (nobody
/// writes 64 of them unclosed). Block nesting needs no such check: the
/// parser refuses it past 128 levels, in linear time.
fn too_deep_flow(yaml: &str) -> Option<(usize, usize)> {
    #[derive(PartialEq)]
    enum In {
        Text,
        Single,
        Double,
        Comment,
    }
    let mut state = In::Text;
    let mut depth = 0usize;
    let (mut line, mut column) = (1, 0);
    // The last character that was not white space: inside a flow
    // collection a quote starts a quoted scalar only after one of `[{,:?`
    // and white space (or right after `[{,`), as in the parser.
    let mut last_significant = '\n';
    let mut previous = '\n';
    let mut chars = yaml.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        match state {
            // An escape takes the next character with it.
            In::Double if c == '\\' && chars.next_if(|&next| next != '\n').is_some() => column += 1,
            In::Double if c == '"' => state = In::Text,
            In::Single if c == '\'' => {
                if chars.next_if_eq(&'\'').is_some() {
                    column += 1;
                } else {
                    state = In::Text;
                }
            }
            In::Comment if c == '\n' => state = In::Text,
            In::Text => match c {
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some((line, column));
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                '#' if depth > 0 && previous.is_whitespace() => state = In::Comment,
                '"' | '\''
                    if depth > 0
                        && matches!(last_significant, '[' | '{' | ',' | ':' | '?')
                        && (previous.is_whitespace() || matches!(previous, '[' | '{' | ',')) =>
                {
                    state = if c == '"' { In::Double } else { In::Single };
                }
                _ => {}
            },
            _ => {}
        }
        if c == '\n' {
            (line, column) = (line + 1, 0);
        } else if !c.is_whitespace() && state != In::Comment {
            last_significant = c;
        }
        previous = c;
    }
    None
}

/// A YAML syntax error, placed in the file rather than in the front matter.
fn yaml_error(path: &Path, text: &str, parts: &Parts<'_>, error: &serde_yaml_ng::Error) -> Diagnostic {
    let message = error.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    // Some errors (a control character) give a byte offset instead of a place.
    let position = message
        .rsplit_once(" at position ")
        .and_then(|(before, offset)| Some((before.to_string(), offset.parse::<usize>().ok()?)));
    let duplicate = message
        .split_once("duplicate entry with key \"")
        .and_then(|(_, rest)| rest.strip_suffix('"'))
        .zip(error.location())
        .and_then(|(key, location)| Some((key, second_key_place(parts.yaml, key, location.line())?)));
    if let Some((key, place)) = duplicate {
        let span = Span::new(parts.yaml_line + place.line - 1, place.column, key.chars().count());
        return Diagnostic::error(path, span, format!("duplicate key `{key}` in the front matter"))
            .with_help(format!(
                "`{key}` may be given once; it is already given on line {}",
                parts.yaml_line + place.first_line - 1
            ))
            .with_source(text);
    }
    let (message, span) = match (position, error.location()) {
        (Some((message, offset)), _) if parts.yaml.is_char_boundary(offset.min(parts.yaml.len())) => {
            let before = &parts.yaml[..offset.min(parts.yaml.len())];
            let line = before.matches('\n').count();
            let column = before[before.rfind('\n').map_or(0, |n| n + 1)..].chars().count() + 1;
            (message, Span::new(parts.yaml_line + line, column, 1))
        }
        (_, Some(location)) => {
            let (line, column) = file_place(parts.yaml, location.line(), location.column());
            (message, Span::new(parts.yaml_line + line - 1, column, 1))
        }
        _ => (message, Span::new(parts.yaml_line, 1, 1)),
    };
    Diagnostic::error(path, span, format!("invalid YAML in the front matter: {message}"))
        .with_help("front matter is YAML: `key: value` lines; quote values that contain `: ` or start with `[`, `{`, `*` or `&`")
        .with_source(text)
}

/// Where a key is written again in its mapping (lines from 1, within the
/// front matter).
struct KeyAgain {
    first_line: usize,
    line: usize,
    column: usize,
}

/// The second `key:` of the mapping that starts on line `from`: the parser
/// names a duplicate key by the place of its mapping, but the mistake is
/// the key written again. Keys are matched at the indentation of the first
/// one found; `None` when the text is not laid out so simply.
fn second_key_place(yaml: &str, key: &str, from: usize) -> Option<KeyAgain> {
    let spellings = [key.to_string(), format!("\"{key}\""), format!("'{key}'")];
    let indent_of_key = |line: &str| -> Option<usize> {
        let rest = line.trim_start_matches([' ', '-']);
        let written = spellings.iter().find(|written| {
            rest.strip_prefix(written.as_str())
                .is_some_and(|after| after.trim_start().starts_with(':'))
        })?;
        (!written.is_empty()).then(|| line[..line.len() - rest.len()].chars().count())
    };
    let mut keys = yaml
        .split('\n')
        .enumerate()
        .skip(from.saturating_sub(1))
        .filter_map(|(index, line)| indent_of_key(line).map(|indent| (index + 1, indent)));
    let (first_line, indent) = keys.next()?;
    let (line, _) = keys.find(|&(_, other)| other == indent)?;
    Some(KeyAgain {
        first_line,
        line,
        column: indent + 1,
    })
}

/// The file's line (from 1, within `yaml`) and column of the YAML parser's
/// `line` and `column`: YAML also breaks lines at U+0085, U+2028 and
/// U+2029, which text pasted from PDFs can hold; the file's lines end at
/// `\n` only.
fn file_place(yaml: &str, line: usize, column: usize) -> (usize, usize) {
    let (mut yaml_line, mut yaml_column) = (1, 1);
    let (mut file_line, mut file_column) = (1, 1);
    for c in yaml.chars() {
        if (yaml_line, yaml_column) == (line, column) {
            break;
        }
        match c {
            '\n' => (yaml_line, yaml_column, file_line, file_column) = (yaml_line + 1, 1, file_line + 1, 1),
            '\u{85}' | '\u{2028}' | '\u{2029}' => {
                (yaml_line, yaml_column, file_column) = (yaml_line + 1, 1, file_column + 1)
            }
            _ => (yaml_column, file_column) = (yaml_column + 1, file_column + 1),
        }
    }
    (file_line, file_column + column.saturating_sub(yaml_column))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_nesting_is_measured_past_quotes_and_comments_but_not_hidden_by_them() {
        let deep = |prefix: &str| format!("x: {prefix}{}", "[".repeat(MAX_FLOW_DEPTH + 1));
        assert_eq!(too_deep_flow(&"[".repeat(MAX_FLOW_DEPTH)), None);
        assert_eq!(too_deep_flow(&deep("")), Some((1, 4 + MAX_FLOW_DEPTH)));
        // Closing brackets in quoted scalars and comments close nothing.
        for prefix in ["[\"]]]\", ", "['a]]''b', ", "[ # ]]]\n ", "{k: \"}}\", v: "] {
            assert!(too_deep_flow(&deep(prefix)).is_some(), "{prefix:?}");
        }
        // A quote inside a plain scalar, or at the block level, opens nothing.
        for prefix in ["[it's, ", "[a'b\n 'c, ", "'", "\""] {
            assert!(too_deep_flow(&deep(prefix)).is_some(), "{prefix:?}");
        }
        // Brackets in quoted values of ordinary front matter are fine.
        assert_eq!(too_deep_flow("title: \"[[[[\"\nsources: [{title: \"a]]]\"}]\n"), None);
        assert_eq!(too_deep_flow(&format!("x: \"{}\"", "]".repeat(200))), None);
    }

    #[test]
    fn a_key_written_twice_is_found_where_it_is_written_again() {
        let yaml = "title: A\nstatus: x\nrelations:\n  status: [a]\nstatus: y\n";
        let place = second_key_place(yaml, "status", 1).unwrap();
        assert_eq!((place.first_line, place.line, place.column), (2, 5, 1));
        let nested = "title: A\nrelations:\n  applies: [a]\n  \"applies\": [b]\n";
        let place = second_key_place(nested, "applies", 3).unwrap();
        assert_eq!((place.first_line, place.line, place.column), (3, 4, 3));
        assert!(second_key_place("a: {b: 1, b: 2}\n", "b", 1).is_none());
    }

    #[test]
    fn yaml_places_become_file_places_across_unicode_line_breaks() {
        let yaml = "title: T\u{2028}date: 2020\ncourt: C\nx: y: z\n";
        // YAML sees `x: y: z` on its line 4; the file has it on line 3.
        assert_eq!(file_place(yaml, 4, 5), (3, 5));
        assert_eq!(file_place(yaml, 2, 3), (1, 12));
        assert_eq!(file_place("a: b\nc: d\n", 2, 1), (2, 1));
    }

    #[test]
    fn split_finds_front_matter_and_body_lines() {
        let parts = split("---\ntitle: X\n---\nBody\n").unwrap();
        assert_eq!(parts.yaml, "title: X\n");
        assert_eq!(parts.body, "Body\n");
        assert_eq!(parts.body_line, 4);
        assert!(split("").is_err());
        assert!(split("title: X\n").is_err());
        assert!(split("---\ntitle: X\n").is_err());
    }

    #[test]
    fn values_are_found_on_their_lines() {
        let yaml = "title: X\ncountries: [ML, XX]\ncites:\n  - a\n  - b\n";
        let lines = FieldLines::new(yaml, 2);
        assert_eq!(lines.key("countries"), Span::new(3, 1, 9));
        assert_eq!(lines.value("countries", "XX", None), Span::new(3, 17, 2));
        let a = lines.value("cites", "a", None);
        assert_eq!(a, Span::new(5, 5, 1));
        assert_eq!(lines.value("cites", "b", Some(a)), Span::new(6, 5, 1));
    }

    #[test]
    fn values_are_found_in_order_along_one_line_and_past_unfound_ones() {
        let yaml = "cites: [a, «b», a, \"\\x61\", a]\nsources:\n  - url: \"h\\x74tp\"\n";
        let lines = FieldLines::new(yaml, 2);
        let first = lines.find_value("cites", "a", None).unwrap();
        assert_eq!(first, Span::new(2, 9, 1));
        let second = lines.find_value("cites", "a", Some(first)).unwrap();
        assert_eq!(second, Span::new(2, 17, 1));
        // Written escaped: not found, and the next is still found after `second`.
        assert_eq!(lines.find_value("cites", "a b", Some(second)), None);
        assert_eq!(lines.find_value("cites", "a", Some(second)), Some(Span::new(2, 28, 1)));
        assert_eq!(lines.find_value("cites", "«b»", None), Some(Span::new(2, 12, 3)));
        let url = lines.find_value("sources", "url", None).unwrap();
        assert_eq!(lines.value_after(url), Span::new(4, 10, 9));
    }
}
