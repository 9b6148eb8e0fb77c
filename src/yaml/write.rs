//! Writing a text as a YAML scalar that reads back as the same text, for
//! the front matter `amicus new` writes: plain when it can be, else in
//! single quotes, else (line breaks, control characters) in double quotes
//! with escapes.

use super::node::Value;
use super::read::parse;

/// `text` as a YAML scalar, on one line.
pub(crate) fn scalar(text: &str) -> String {
    if reads_plain(text) {
        text.to_string()
    } else if text.chars().all(is_printable) {
        format!("'{}'", text.replace('\'', "''"))
    } else {
        double_quoted(text)
    }
}

/// Whether `text`, written plain as a value, reads back as itself: not
/// empty, no space at either end, and no indicator, comment or other type
/// (`true`, `12`, `~`) in the way. The parser says, so that no rule of
/// YAML's is written twice.
fn reads_plain(text: &str) -> bool {
    if text.is_empty() || text.trim() != text || !text.chars().all(is_printable) {
        return false;
    }
    let Ok(Some(root)) = parse(&format!("x: {text}\n")) else {
        return false;
    };
    matches!(root.get("x").map(|node| &node.value), Some(Value::String(read)) if read == text)
}

/// A character a quoted scalar may hold as it is: not a control character
/// or a line break of any kind.
fn is_printable(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

fn double_quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if is_printable(c) => quoted.push(c),
            c if (c as u32) <= 0xFF => quoted.push_str(&format!("\\x{:02X}", c as u32)),
            c => quoted.push_str(&format!("\\u{:04X}", c as u32)),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scalar_reads_back_as_the_text_it_was_written_from() {
        assert_eq!(scalar("The Prosecutor v. Al Hassan"), "The Prosecutor v. Al Hassan");
        assert_eq!(
            scalar("The Prosecutor v. Doe: Appeal"),
            "'The Prosecutor v. Doe: Appeal'"
        );
        assert_eq!(scalar("It's #1"), "'It''s #1'");
        assert_eq!(scalar("2020"), "'2020'");
        for text in [
            "yes",
            "true",
            "~",
            "",
            " lead",
            "a # b",
            "- x",
            "[a]",
            "{a}",
            "&a",
            "*a",
            "!t",
            "'q'",
            "it's: x",
            "line\nbreak",
            "tab\there",
            "\"",
            "back\\slash",
            "nul\u{0}",
            "sep\u{2028}x",
            "x\u{85}y",
            "%x",
            "@x",
        ] {
            let written = scalar(text);
            let root = crate::yaml::parse(&format!("title: {written}\n")).unwrap().unwrap();
            assert_eq!(
                root.get("title").unwrap().as_str(),
                Some(text),
                "{text:?} written {written}"
            );
        }
    }
}
