//! Tabs after a key's colon (`title:<tab>X`), which YAML allows as the
//! space after `:` and amicus has always read, but `saphyr-parser` refuses
//! before a plain value. They are made spaces before parsing: one
//! character for another, so that no place moves, and only where they
//! separate a block key from its value: block scalars, whose lines may hold
//! anything, are passed over. (A line of a quoted value broken over lines
//! that reads like `key:<tab>…` would be taken for a key: one pass over
//! lines cannot know it is in quotes, and nobody writes that.)

use std::borrow::Cow;

/// `text` with the tabs after each block key's colon made spaces.
pub(super) fn tabs_after_keys(text: &str) -> Cow<'_, str> {
    if !text.contains(":\t") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    // The indentation of the key whose block scalar is being passed over.
    let mut block_scalar: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(key_indent) = block_scalar {
            if line.trim().is_empty() || indent > key_indent {
                out.push_str(line);
                continue;
            }
            block_scalar = None;
        }
        let (line, starts_block_scalar) = separate_key(line);
        out.push_str(&line);
        if let Some(column) = starts_block_scalar {
            block_scalar = Some(column);
        }
    }
    Cow::Owned(out)
}

/// A line with the tabs after its key's colon made spaces, and the column
/// of its key when its value starts a block scalar (`|`, `>`).
fn separate_key(line: &str) -> (Cow<'_, str>, Option<usize>) {
    // Past the indentation and any `- ` of sequence entries.
    let mut key_start = line.len() - line.trim_start_matches(' ').len();
    while let Some(rest) = line[key_start..].strip_prefix('-') {
        let after = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if after == 0 {
            break;
        }
        key_start += 1 + after;
    }
    let rest = &line[key_start..];
    // A plain key: no quote, comment, flow collection or other indicator.
    let Some(colon) = rest.find(':') else {
        return (Cow::Borrowed(line), None);
    };
    let key = &rest[..colon];
    let plain_key = !key.is_empty()
        && !key.starts_with(['?', '&', '*', '!', '|', '>', '%', '@', '`'])
        && !key.contains(['"', '\'', '#', '[', ']', '{', '}', ',']);
    let after_colon = &rest[colon + 1..];
    if !plain_key || !after_colon.starts_with([' ', '\t']) {
        return (Cow::Borrowed(line), None);
    }
    let value = after_colon.trim_start_matches([' ', '\t']);
    let starts_block_scalar = value.starts_with(['|', '>']).then_some(key_start);
    if !after_colon.starts_with('\t') {
        return (Cow::Borrowed(line), starts_block_scalar);
    }
    let separator = after_colon.len() - value.len();
    let at = key_start + colon + 1;
    let mut made = String::with_capacity(line.len());
    made.push_str(&line[..at]);
    made.push_str(&" ".repeat(separator));
    made.push_str(&line[at + separator..]);
    (Cow::Owned(made), starts_block_scalar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_after_a_key_become_spaces_and_nothing_else_moves() {
        assert_eq!(tabs_after_keys("title:\tX\ndate:\t\t2020\n"), "title: X\ndate:  2020\n");
        assert_eq!(tabs_after_keys("sources:\n  - title:\tT\n"), "sources:\n  - title: T\n");
        // In values, quoted or in a block scalar, tabs stay.
        let kept = "title: \"a:\tb\"\nsummary: |\n  key:\tvalue\n\n  more:\tx\ndate:\t2020\n";
        assert_eq!(
            tabs_after_keys(kept),
            "title: \"a:\tb\"\nsummary: |\n  key:\tvalue\n\n  more:\tx\ndate: 2020\n"
        );
        assert_eq!(tabs_after_keys("\"quoted\":\tX\n"), "\"quoted\":\tX\n");
    }
}
