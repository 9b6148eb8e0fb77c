//! What stops a front matter from being read at all: flow nesting too deep
//! for the parser (refused before it sees the text), and the parser's
//! errors, placed in the file and worded for an editor.

use std::path::Path;

use super::split::Parts;
use crate::diagnostic::{Diagnostic, Span};
use crate::yaml::YamlError;

/// The deepest nesting of flow collections (`[…]`, `{…}`) a front matter
/// may have. No field needs more than two; the YAML parser takes time
/// quadratic in the depth (100,000 levels: half a minute).
pub(crate) const MAX_FLOW_DEPTH: usize = 64;

/// The line (from 1, within `yaml`) and column of the bracket that opens
/// flow nesting deeper than [`MAX_FLOW_DEPTH`], found in one pass before
/// the YAML parser sees the text.
///
/// It errs on the side of counting: a bracket is skipped only inside a
/// quoted scalar of a flow collection or a comment, which the parser would
/// skip too; a bracket in plain text or a block scalar counts (nobody
/// writes 64 of them unclosed). Block nesting needs no such check:
/// `crate::yaml` refuses it past 128 levels, at once.
pub(super) fn too_deep_flow(yaml: &str) -> Option<(usize, usize)> {
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

/// The error of a front matter the YAML parser refused, placed in the file
/// rather than in the front matter.
pub(super) fn yaml_error(path: &Path, text: &str, parts: &Parts<'_>, error: &YamlError) -> Diagnostic {
    // Places within the front matter: line 1 is the file's `yaml_line`.
    let in_file = |line: usize| parts.yaml_line + line - 1;
    let (span, message) = match error {
        YamlError::DuplicateKey { key, first, again } => {
            let span = Span::new(in_file(again.line), again.column, key.chars().count());
            return Diagnostic::error(path, span, format!("duplicate key `{key}` in the front matter"))
                .with_help(format!(
                    "`{key}` may be given once; it is already given on line {}",
                    in_file(first.line)
                ))
                .with_source(text);
        }
        YamlError::Syntax { place, .. } | YamlError::TooDeep { place } => {
            (Span::new(in_file(place.line), place.column, 1), error.to_string())
        }
        // Aliases repeated too often are the whole front matter's doing.
        YamlError::TooRepetitive => (Span::new(parts.yaml_line, 1, 1), error.to_string()),
    };
    Diagnostic::error(path, span, format!("invalid YAML in the front matter: {message}"))
        .with_help("front matter is YAML: `key: value` lines; quote values that contain `: ` or start with `[`, `{`, `*` or `&`")
        .with_source(text)
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
}
