//! The invariants the fuzz targets (`fuzz/fuzz_targets/*.rs`) and the
//! property tests (`tests/properties.rs`) hold amicus to, shared by both
//! through `#[path]` so that the stable suite and the nightly fuzzers check
//! exactly the same things.
//!
//! Each `check_*` function runs one public entry point of the library on an
//! input and panics, with a message naming the broken invariant, when the
//! result is wrong. Nothing here touches the disk.

#![allow(dead_code)]

use std::path::Path;

use amicus::corpus::frontmatter::{self, FileInput};
use amicus::corpus::{Anchor, Entry, EntryId, EntryType, Relation};
use amicus::diagnostic::Diagnostic;
use amicus::markdown::{self, ResolvedLink};
use amicus::render::view::PinpointView;
use amicus::search::analyzer::word_texts;
use amicus::search::query::{self, Query, Unit};

// ---------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------

/// Characters that YAML takes for line breaks but `str::lines` does not.
pub const YAML_ONLY_LINE_BREAKS: [char; 3] = ['\u{85}', '\u{2028}', '\u{2029}'];

/// What `corpus::load` does to a file's bytes before parsing it: UTF-8
/// only, BOM removed, line endings made `\n`. `None` for bytes that are not
/// UTF-8 (load reports those itself, before the parser sees them).
pub fn decode(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Some(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Parses `text` as the file `<type folder>/fuzz-entry.md` of `kind` and
/// checks what comes out. Returns the entry and diagnostics for further
/// checks.
pub fn check_frontmatter(text: &str, kind: EntryType) -> (Option<Entry>, Vec<Diagnostic>) {
    let relations: Vec<String> = Relation::DEFAULTS.iter().map(|r| r.to_string()).collect();
    let path = Path::new(kind.folder()).join("fuzz-entry.md");
    let (entry, problems) = frontmatter::parse_entry(FileInput {
        path: &path,
        kind,
        id: EntryId::parse("fuzz-entry").expect("a valid id"),
        text,
        default_lang: "en",
        relations: &relations,
    });
    let lines: Vec<&str> = text.lines().collect();
    for problem in &problems {
        check_place(text, &lines, problem);
        // What the terminal shows must not panic either.
        let _ = problem.rendered(false);
        let _ = problem.location();
    }
    if let Some(entry) = &entry {
        let body = entry.body().expect("a parsed entry holds its body");
        assert!(text.ends_with(&*body), "the body is not the end of the file: {body:?}");
        // (An empty body after a last fence without a newline is said to
        // start on the line after it, which does not exist: harmless, as
        // nothing can be placed in it.)
        let head = &text[..text.len() - body.len()];
        if !body.is_empty() {
            assert_eq!(
                entry.body_line,
                head.matches('\n').count() + 1,
                "body_line does not name the line the body starts on"
            );
        }
        for reference in &entry.references {
            let span = reference.span;
            assert!(
                span.line >= 1 && span.line <= lines.len().max(1),
                "reference `{}` placed on line {} of a {}-line file",
                reference.target,
                span.line,
                lines.len()
            );
            assert!(
                EntryId::parse(&reference.target).is_some(),
                "a reference to an invalid id was accepted: {:?}",
                reference.target
            );
        }
        // What the body scan found is what the entry's outline says.
        let scan = markdown::scan(&body);
        assert_eq!(scan.paragraphs, entry.outline.paragraphs);
        assert_eq!(scan.headings, entry.outline.headings);
    } else {
        assert!(
            problems.iter().any(Diagnostic::is_error),
            "no entry and no error to say why"
        );
    }
    (entry, problems)
}

/// A diagnostic points into the file: a line that exists (line 1 for an
/// empty file), a column within that line or just after its end, and the
/// source line shown is that line.
fn check_place(text: &str, lines: &[&str], problem: &Diagnostic) {
    let span = problem.span;
    assert!(
        span.line >= 1 && span.line <= lines.len().max(1),
        "`{}` placed on line {} of a {}-line file",
        problem.message,
        span.line,
        lines.len()
    );
    assert!(span.column >= 1, "`{}` placed at column 0", problem.message);
    let line = lines.get(span.line - 1).copied().unwrap_or("");
    assert!(
        span.column <= line.chars().count() + 1,
        "`{}` placed at column {} of a line of {} characters: {:?}",
        problem.message,
        span.column,
        line.chars().count(),
        line
    );
    if !text.is_empty() {
        assert_eq!(
            problem.source_line.as_deref(),
            Some(line),
            "`{}` shows another line than the one it names",
            problem.message
        );
    }
}

// ---------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------

/// Ids the fuzz resolver knows; anything else is left unresolved.
pub const KNOWN_IDS: [&str; 3] = ["icc-al-hassan", "rome-statute", "known"];

/// Like the site's resolver (`render::entry::body_html`), but with a
/// hostile title and label, so that their escaping is checked too.
pub fn resolve(destination: &str) -> Option<ResolvedLink> {
    let (id, fragment) = match destination.split_once('#') {
        Some((id, fragment)) => (id.trim(), Some(fragment.trim())),
        None => (destination, None),
    };
    if !KNOWN_IDS.contains(&id) {
        return None;
    }
    let page = format!("../cases/{id}.html");
    let title = format!("{id} <script>alert(1)</script> \" onmouseover=\"alert(2)");
    Some(match fragment {
        Some(fragment) => {
            let pin = PinpointView::of(&Anchor::parse(fragment), &page);
            ResolvedLink {
                href: pin.url,
                label: format!("{title}, {}", pin.label),
                title,
            }
        }
        None => ResolvedLink {
            href: page,
            label: title.clone(),
            title,
        },
    })
}

/// Scans and renders `body`, and checks: byte ranges of references and
/// problems fall on the body's characters; the HTML can run no script and
/// loads nothing from another host; and the anchors `scan` found (which
/// `links` checks pinpoints against) are the anchors `render` wrote.
pub fn check_markdown(body: &str) -> String {
    let scan = markdown::scan(body);
    for link in &scan.links {
        let range = link.range.clone();
        let written = body
            .get(range.clone())
            .unwrap_or_else(|| panic!("reference range {range:?} is not on character boundaries of the body"));
        assert!(
            written.contains(link.destination.as_str()),
            "reference {:?} found at {range:?}, which holds {written:?}",
            link.destination
        );
    }
    for problem in &scan.problems {
        let range = problem.range.clone();
        assert!(
            body.get(range.clone()).is_some(),
            "problem range {range:?} is not on character boundaries of the body"
        );
    }
    let html = markdown::render(body, &resolve);
    if let Err(why) = check_html(&html) {
        panic!("unsafe HTML: {why}\n--- body ---\n{body:?}\n--- html ---\n{html}");
    }
    // Raw HTML can hide what follows it (an unclosed `<textarea>` turns the
    // rest of the page into its text), so the anchors are only compared
    // for bodies without it.
    if !has_raw_html(body) {
        let ids = html_ids(&html);
        for number in &scan.paragraphs {
            let id = format!("p{number}");
            assert!(
                ids.contains(&id),
                "paragraph [{number}] was scanned but not rendered:\n{html}"
            );
        }
        for heading in &scan.headings {
            assert!(
                ids.contains(heading),
                "heading #{heading} was scanned but not rendered:\n{html}"
            );
        }
    }
    let _ = markdown::plain_blocks(body, &|id| resolve(id).map(|link| link.label));
    html
}

/// Whether pulldown-cmark sees raw HTML in `body`: what makes `render`
/// run the sanitiser (with the options of `markdown::options`).
pub fn has_raw_html(body: &str) -> bool {
    use pulldown_cmark::{Event, Options, Parser};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS;
    Parser::new_ext(body, options).any(|event| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
}

/// Every `id="…"` of the HTML.
pub fn html_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for tag in tags(html) {
        for (name, value) in tag.attributes {
            if name == "id" {
                ids.push(decode_entities(&value));
            }
        }
    }
    ids
}

/// Elements that run script, embed other documents or restyle the page.
const FORBIDDEN_ELEMENTS: [&str; 16] = [
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "meta", "base", "form",
    "svg", "math", "template", "noscript",
];

/// Attributes holding a URL.
const URL_ATTRIBUTES: [&str; 9] = [
    "href",
    "src",
    "srcset",
    "poster",
    "action",
    "formaction",
    "background",
    "cite",
    "data",
];

/// Attributes whose URL is loaded by the browser without a click.
const LOADED_ATTRIBUTES: [&str; 5] = ["src", "srcset", "poster", "background", "data"];

/// Checks that `html` holds no element or attribute that can run script,
/// and no URL that loads from another host. Returns what is wrong.
pub fn check_html(html: &str) -> Result<(), String> {
    for tag in tags(html) {
        if FORBIDDEN_ELEMENTS.contains(&tag.name.as_str()) {
            return Err(format!("element <{}>", tag.name));
        }
        for (name, value) in &tag.attributes {
            let value = decode_entities(value);
            if name.starts_with("on") {
                return Err(format!("event handler {name}={value:?} on <{}>", tag.name));
            }
            if matches!(name.as_str(), "srcdoc" | "xlink:href" | "formaction" | "action") {
                return Err(format!("attribute {name} on <{}>", tag.name));
            }
            // Table alignment is a class: no inline style at all (the
            // Content-Security-Policy would refuse it anyway).
            if name == "style" {
                return Err(format!("style={value:?} on <{}>", tag.name));
            }
            if URL_ATTRIBUTES.contains(&name.as_str()) {
                let url = browser_url(&value);
                let scheme = scheme(&url);
                if LOADED_ATTRIBUTES.contains(&name.as_str()) {
                    if scheme.is_some() || url.starts_with("//") {
                        return Err(format!(
                            "<{} {name}={value:?}> loads from another host (a browser reads {url:?})",
                            tag.name
                        ));
                    }
                } else if let Some(scheme) = scheme {
                    if !matches!(scheme.as_str(), "http" | "https" | "mailto") {
                        return Err(format!("<{} {name}={value:?}> uses the scheme {scheme}:", tag.name));
                    }
                }
            }
        }
    }
    Ok(())
}

/// A URL as a browser's URL parser reads it (WHATWG URL standard): leading
/// and trailing C0 controls and spaces removed, tabs and newlines removed
/// anywhere, and `\` read as `/` (as for http, https and file URLs).
pub fn browser_url(value: &str) -> String {
    value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect()
}

/// The scheme of a URL as a browser reads it (`javascript`), lower case.
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then(|| candidate.to_ascii_lowercase())
}

/// One start tag of the HTML.
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    /// (lower-case name, value as written, entities not decoded).
    pub attributes: Vec<(String, String)>,
}

/// The start tags of `html`, read as an HTML tokenizer would: comments and
/// end tags skipped, attribute values quoted or not.
pub fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        if html[i..].starts_with("<!--") {
            i = html[i + 4..].find("-->").map_or(bytes.len(), |end| i + 4 + end + 3);
            continue;
        }
        if next == b'/' || next == b'!' || next == b'?' {
            i = html[i..].find('>').map_or(bytes.len(), |end| i + end + 1);
            continue;
        }
        if !next.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i + 1;
        i = start;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i += 1;
                break;
            }
            let name_start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let attribute = html[name_start..i].to_ascii_lowercase();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let end = html[i + 1..].find(quote as char).map_or(bytes.len(), |e| i + 1 + e);
                        value = html[i + 1..end].to_string();
                        i = end + 1;
                    }
                    _ => {
                        let value_start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                            i += 1;
                        }
                        value = html[value_start..i].to_string();
                    }
                }
            }
            attributes.push((attribute, value));
        }
        found.push(Tag { name, attributes });
    }
    found
}

/// Decodes the character references a serializer may write in an
/// attribute value (numeric ones and the few named ones that matter).
pub fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(decimal) = name.strip_prefix('#') {
                decimal.parse().ok().and_then(char::from_u32)
            } else {
                match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "colon" => Some(':'),
                    "Tab" => Some('\t'),
                    "NewLine" => Some('\n'),
                    "nbsp" => Some('\u{a0}'),
                    _ => None,
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------
// Search queries
// ---------------------------------------------------------------------------

/// Parses `input` both ways (as submitted and as typed) and checks the
/// query: every unit has words, each word normalised and non-empty, filters
/// have values; and parsing is deterministic.
pub fn check_query(input: &str) -> Query {
    let submitted = query::parse(input, false);
    let typed = query::parse(input, true);
    for parsed in [&submitted, &typed] {
        for clause in &parsed.clauses {
            assert!(!clause.is_empty(), "an empty clause from {input:?}");
            for unit in clause {
                check_unit(input, unit);
            }
        }
        for unit in &parsed.excluded {
            check_unit(input, unit);
        }
        // `a w/5 b` ties two neighbouring clauses of the query.
        for near in &parsed.near {
            assert!(
                near.left + 1 == near.right && near.right < parsed.clauses.len(),
                "{:?} ties clauses {} and {} of {} in {input:?}",
                near.within,
                near.left,
                near.right,
                parsed.clauses.len()
            );
        }
        for filter in &parsed.filters {
            assert!(
                !filter.value.trim().is_empty() && filter.value.trim() == filter.value,
                "filter {}:{:?} from {input:?}",
                filter.field.name(),
                filter.value
            );
        }
    }
    // Typing changes at most whether the last word is a prefix.
    assert_eq!(
        submitted.filters, typed.filters,
        "typing changed the filters of {input:?}"
    );
    assert_eq!(submitted.excluded.len(), typed.excluded.len());
    assert_eq!(
        submitted.clauses.len(),
        typed.clauses.len(),
        "typing changed the clauses of {input:?}"
    );
    assert_eq!(query::parse(input, false), submitted, "parse is not deterministic");
    // Every word asked for is a word of the input: the lexer splits only
    // where the analyzer would.
    let all = word_texts(input);
    for unit in submitted.clauses.iter().flatten().chain(&submitted.excluded) {
        let words: Vec<&String> = match unit {
            Unit::Word { text, .. } => vec![text],
            Unit::Phrase(words) => words.iter().collect(),
        };
        for word in words {
            assert!(all.contains(word), "{word:?} is not a word of {input:?} ({all:?})");
        }
    }
    submitted
}

fn check_unit(input: &str, unit: &Unit) {
    let words: Vec<&String> = match unit {
        Unit::Word { text, .. } => vec![text],
        Unit::Phrase(words) => {
            assert!(words.len() >= 2, "a phrase of {} word(s) from {input:?}", words.len());
            words.iter().collect()
        }
    };
    for word in words {
        assert!(!word.is_empty(), "an empty word from {input:?}");
        assert!(
            !word.chars().any(char::is_whitespace),
            "the word {word:?} from {input:?} holds whitespace"
        );
    }
}

/// Whether `word` is its own normal form (what the analyzer makes of it is
/// itself). Almost every word is; see `docs/fuzzing.md` for the exceptions.
pub fn is_normal(word: &str) -> bool {
    word_texts(word) == [word.to_string()]
}

/// Writing a unit back as the user would (`Unit::describe`, used in
/// notices) and parsing that gives the same unit, for units whose words are
/// their own normal form.
pub fn check_describe_round_trip(query: &Query) {
    for unit in query.clauses.iter().flatten().chain(&query.excluded) {
        let words: Vec<&String> = match unit {
            Unit::Word { text, .. } => vec![text],
            Unit::Phrase(words) => words.iter().collect(),
        };
        if !words.iter().all(|w| is_normal(w)) {
            continue;
        }
        let again = query::parse(&unit.describe(), false);
        assert_eq!(
            again.clauses,
            vec![vec![unit.clone()]],
            "{:?} described as {:?} parses back differently",
            unit,
            unit.describe()
        );
    }
}
