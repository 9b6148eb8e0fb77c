//! Escaping text for the markup amicus writes: HTML (pages, templates,
//! the body's attributes) and XML (feeds, the sitemap, inline SVG). One
//! place, so that every writer escapes alike.

/// Escapes what HTML needs escaped in text and quoted attributes. Unlike
/// tera's default it leaves `/` alone, so URLs stay readable.
pub(crate) fn html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 16);
    let mut plain = 0;
    // The characters escaped are ASCII: their bytes are never inside
    // another character's, and the runs between them are copied whole.
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        escaped.push_str(&text[plain..at]);
        escaped.push_str(entity);
        plain = at + 1;
    }
    escaped.push_str(&text[plain..]);
    escaped
}

/// Escapes text for XML content and double-quoted attributes, and drops
/// the control characters XML 1.0 cannot hold.
pub(crate) fn xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped_and_other_text_kept() {
        assert_eq!(
            html(r#"<a href="x/y">Tom & 'Jerry'</a> — دعوى"#),
            "&lt;a href=&quot;x/y&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt; — دعوى"
        );
        assert_eq!(html("&&"), "&amp;&amp;");
        assert_eq!(html("plain"), "plain");
        assert_eq!(html(""), "");
    }

    #[test]
    fn xml_escapes_markup_and_drops_control_characters() {
        assert_eq!(
            xml("a < b & \"c\" 'd'\u{1}"),
            "a &lt; b &amp; &quot;c&quot; &apos;d&apos;"
        );
    }
}
