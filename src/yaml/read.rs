//! Reading a document: control characters refused and tabs after keys
//! made spaces (`tabs`), then the parser's events, each with its place,
//! handed to `build`.

use saphyr_parser::Parser;

use super::build::Builder;
use super::node::{Node, Place, YamlError};
use super::tabs::tabs_after_keys;

/// Reads `text` as one YAML document; `Ok(None)` when it holds none (only
/// blank lines and comments).
pub(crate) fn parse(text: &str) -> Result<Option<Node>, YamlError> {
    if let Some(place) = control_character(text) {
        return Err(YamlError::Syntax {
            message: "control characters are not allowed".into(),
            place,
        });
    }
    let text = tabs_after_keys(text);
    let mut builder = Builder::default();
    for event in Parser::new_from_str(&text) {
        match event {
            Ok((event, span)) => {
                let place = place_of(span);
                if builder.take(event, place)? {
                    break;
                }
            }
            Err(error) => return Err(builder.syntax_error(&error)),
        }
    }
    Ok(builder.document)
}

/// The place of the first character YAML refuses in a document: C0 and C1
/// controls (but tab, line feed, carriage return and NEL), DEL, U+FFFE and
/// U+FFFF. Refused before parsing, so that one is reported where it is
/// whatever the parser would have made of the text around it.
fn control_character(text: &str) -> Option<Place> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
            || c >= '\u{10000}'
    };
    let at = text.find(|c: char| !allowed(c))?;
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    Some(Place {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
        len: 1,
    })
}

/// The place of a parser span: its start, and its length when it ends on
/// the line it starts on (1 otherwise: a caret under where it starts).
fn place_of(span: saphyr_parser::Span) -> Place {
    let (start, end) = (span.start, span.end);
    let len = if end.line() == start.line() {
        end.col().saturating_sub(start.col()).max(1)
    } else {
        1
    };
    Place {
        line: start.line(),
        column: start.col() + 1,
        len,
    }
}
