//! Cutting an entry file at its front matter fences: the YAML between the
//! first two `---` lines, and the body after them. Nothing here reads the
//! YAML.

/// A file cut at its front matter fences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parts<'a> {
    pub(crate) yaml: &'a str,
    /// The 1-based line of the file on which the YAML starts.
    pub(crate) yaml_line: usize,
    pub(crate) body: &'a str,
    /// The 1-based line of the file on which the body starts.
    pub(crate) body_line: usize,
}

/// Cuts `text` (with `\n` line endings) into front matter and body.
pub(crate) fn split(text: &str) -> Result<Parts<'_>, (String, String)> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
