//! Front matter: turning one entry file into a checked [`Entry`].
//!
//! The file is cut at its fences (`split`), the YAML read into a tree whose
//! every node knows its line and column (`crate::yaml`; what stops it from
//! being read is `syntax`'s), its fields read and checked (`fields`, and
//! `references` for those that point elsewhere), and its body scanned
//! (`body`). Each problem is collected; a file with several bad fields
//! reports all of them.

mod body;
mod fields;
mod references;
mod split;
mod syntax;

use std::path::Path;

pub(crate) use fields::{fields_of, FieldReader};
pub(crate) use split::{split, Parts};
pub(crate) use syntax::MAX_FLOW_DEPTH;

use crate::corpus::body::Body;
use crate::corpus::entry::{Entry, EntryId, EntryType};
use crate::diagnostic::{Diagnostic, SourceLines, Span};
use crate::yaml::{self, Node, Value};

/// Everything `load` knows about one file before it is checked.
pub struct FileInput<'a> {
    /// The path shown in messages.
    pub path: &'a Path,
    /// The type its folder gives it.
    pub kind: EntryType,
    /// Its id, from the file name.
    pub id: EntryId,
    /// The file's text, BOM removed and line endings normalised to `\n`.
    pub text: &'a str,
    /// The site's language (`amicus.yaml`), the entry's when it gives no
    /// `lang`.
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
    let (parts, map) = match read_front_matter(path, kind, text) {
        Ok(read) => read,
        Err(problem) => return (None, vec![*problem]),
    };
    let mut reader = FieldReader::new(path, text, &map, parts.yaml_line, relations);
    reader.check_keys(kind);
    reader.check_required(kind);
    let title = reader.text("title");
    let date = reader.date("date");
    let (short_title, court, case_number, issuer, citation, summary) = (
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

    let body = body::scan_body(path, &SourceLines::new(text), parts.body, parts.body_line);
    references.extend(body.references);
    problems.extend(body.problems);
    // A missing or invalid title or date has been reported; the stand-ins
    // only let the entry's references be checked, as it is never rendered.
    let title = title.unwrap_or_else(|| id.to_string());
    let date = date.unwrap_or_default();
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
        body: Body::Held(parts.body.to_string()),
        body_line: parts.body_line,
        outline: body.outline,
        // Set by `corpus::load`, which hashes the file's bytes.
        revision: 0,
    };
    (Some(entry), problems)
}

/// The file cut at its fences and its front matter read into a mapping, or
/// the one problem that stops it.
fn read_front_matter<'a>(path: &Path, kind: EntryType, text: &'a str) -> Result<(Parts<'a>, Node), Box<Diagnostic>> {
    let parts = split(text).map_err(|(message, help)| {
        Diagnostic::error(path, Span::new(1, 1, 3), message)
            .with_help(help)
            .with_source(text)
    })?;
    if let Some((line, column)) = syntax::too_deep_flow(parts.yaml) {
        return Err(Box::new(
            Diagnostic::error(
                path,
                Span::new(parts.yaml_line + line - 1, column, 1),
                format!("the front matter nests `[` and `{{` more than {MAX_FLOW_DEPTH} levels deep"),
            )
            .with_help("fields hold at most a list of maps; quote a value that starts with `[` or `{`")
            .with_source(text),
        ));
    }
    let root = yaml::parse(parts.yaml).map_err(|error| syntax::yaml_error(path, text, &parts, &error))?;
    match root {
        Some(
            map @ Node {
                value: Value::Mapping(_),
                ..
            },
        ) => Ok((parts, map)),
        None | Some(Node { value: Value::Null, .. }) => Err(Box::new(
            Diagnostic::error(path, Span::new(1, 1, 3), "the front matter is empty")
                .with_help(format!(
                    "an entry in {}/ needs at least {}",
                    kind.folder(),
                    fields_of(kind).1.join(", ")
                ))
                .with_source(text),
        )),
        Some(other) => Err(Box::new(
            Diagnostic::error(
                path,
                Span::new(parts.yaml_line, 1, 1),
                format!(
                    "the front matter must be fields (`key: value`), found {}",
                    fields::describe(&other.value)
                ),
            )
            .with_source(text),
        )),
    }
}

/// The place of the top-level field `key` in the front matter of `text`;
/// the opening `---` when it is not there or the front matter cannot be
/// read.
pub(crate) fn key_span(text: &str, key: &str) -> Span {
    let Ok(parts) = split(text) else {
        return Span::new(1, 1, 3);
    };
    match yaml::parse(parts.yaml) {
        Ok(Some(map)) => fields::key_span(&map, key, parts.yaml_line),
        _ => Span::new(1, 1, 3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, column, length, message) of each problem of a case whose
    /// front matter is `title`, `date`, `court` and then `fields`.
    fn problems(fields: &str) -> Vec<(usize, usize, usize, String)> {
        let text = format!("---\ntitle: T\ndate: 2020\ncourt: C\n{fields}---\nBody.\n");
        let (_, problems) = parse_entry(FileInput {
            path: Path::new("cases/x.md"),
            kind: EntryType::Case,
            id: EntryId::parse("x").unwrap(),
            text: &text,
            default_lang: "en",
            relations: &["applies".to_string()],
        });
        problems
            .into_iter()
            .map(|p| (p.span.line, p.span.column, p.span.len, p.message))
            .collect()
    }

    fn places(fields: &str) -> Vec<(usize, usize)> {
        problems(fields)
            .into_iter()
            .map(|(line, column, ..)| (line, column))
            .collect()
    }

    #[test]
    fn a_value_also_written_in_a_comment_is_placed_where_it_is_the_value() {
        assert_eq!(places("countries:\n  # XX is not a code\n  - ML\n  - XX\n"), [(8, 5)]);
        assert_eq!(places("countries: [ML, XX]  # XX\n"), [(5, 17)]);
    }

    #[test]
    fn a_value_also_written_as_an_earlier_key_or_value_is_placed_where_it_is() {
        // `ftp` is the title before it is the address.
        assert_eq!(places("sources:\n  - title: ftp\n    url: ftp\n"), [(7, 10)]);
        // `url` is a key before it is the address.
        let sources = "sources:\n  - url: https://example.org/a\n    title: A\n  - {url: url, title: U}\n";
        assert_eq!(places(sources), [(8, 11)]);
        assert_eq!(places("relations:\n  applies: [Applies]\n"), [(6, 13)]);
    }

    #[test]
    fn a_value_also_written_in_a_multi_line_string_is_placed_where_it_is() {
        // A block scalar holding the next item's text.
        assert_eq!(
            places("crimes:\n  - |\n    Persecution\n  - Persecution\n"),
            [(7, 5), (8, 5)]
        );
        // A flow list whose first item is a quoted string over two lines.
        assert_eq!(places("countries: [\"Mali\n  XX\", XX]\n"), [(5, 13), (6, 8)]);
    }

    #[test]
    fn quoted_values_are_placed_on_their_text_and_escaped_ones_on_all_of_it() {
        let quoted = problems("countries: ['XX']\n");
        assert_eq!((quoted[0].0, quoted[0].1, quoted[0].2), (5, 14, 2));
        let escaped = problems("sources:\n  - {title: T, url: \"h\\x74tp\"}\n");
        assert_eq!((escaped[0].0, escaped[0].1, escaped[0].2), (6, 21, 9));
    }

    #[test]
    fn a_key_given_twice_is_reported_at_the_second_with_the_first_named() {
        let found = problems("relations: {applies: [a], applies: [b]}\n");
        assert_eq!(found.len(), 1);
        let (line, column, len, message) = &found[0];
        assert_eq!((*line, *column, *len), (5, 27, 7));
        assert_eq!(message, "duplicate key `applies` in the front matter");
    }

    #[test]
    fn yaml_errors_are_placed_in_the_file() {
        let found = problems("x: y: z\n");
        assert_eq!((found[0].0, found[0].1), (5, 5));
        assert_eq!(
            found[0].3,
            "invalid YAML in the front matter: mapping values are not allowed in this context"
        );
        let deep = problems(&format!("x:\n  {}1\n", "- ".repeat(200)));
        assert_eq!(deep[0].3, "invalid YAML in the front matter: recursion limit exceeded");
    }

    #[test]
    fn a_tab_after_a_colon_separates_but_a_tab_cannot_indent() {
        assert_eq!(problems("summary:\tA tab after the colon\ncountries:\t[ML]\n"), []);
        let found = problems("cites:\n\t- a\n");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].3.starts_with("invalid YAML in the front matter: "),
            "{}",
            found[0].3
        );
        assert_eq!(found[0].0, 6);
    }

    #[test]
    fn the_place_of_a_key_is_read_from_the_front_matter() {
        let text = "---\n# date: 2019\ntitle: T\ndate: 2020\n---\n";
        assert_eq!(key_span(text, "date"), Span::new(4, 1, 4));
        assert_eq!(key_span(text, "court"), Span::new(1, 1, 3));
        assert_eq!(key_span("no front matter", "date"), Span::new(1, 1, 3));
    }

    #[test]
    fn a_list_of_a_million_items_is_read_and_placed_in_linear_time() {
        let items = vec!["a-b"; 1_000_000].join(", ");
        // Quadratic time would take hours: the bound leaves room for a
        // debug build on a busy machine.
        let started = std::time::Instant::now();
        let found = problems(&format!("cites: [{items}, Bad]\n"));
        assert_eq!((found[0].0, found[0].1), (5, 9 + 5 * 1_000_000));
        assert!(started.elapsed().as_secs_f64() < 60.0, "took {:?}", started.elapsed());
    }
}
