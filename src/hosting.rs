//! What static hosts read beside the site: `_headers` (Netlify, Cloudflare
//! Pages), the response headers every file of the site is served with.
//!
//! The pages carry their Content-Security-Policy in a `<meta>` element,
//! which is all a page opened from `file://` gets; served as a header it
//! also covers the search files and assets, and can forbid framing, which
//! a `<meta>` policy cannot. The README gives the same headers for hosts
//! that do not read `_headers` (nginx, Apache, buckets).

use crate::output::OutputFile;
use crate::search::export::FOLDER as SEARCH_FOLDER;

/// The policy of `themes/default/templates/base.html`'s `<meta>` element:
/// the site's own scripts, styles and pictures, nothing else (a test keeps
/// the two equal).
pub(crate) const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'";

/// The file's name, at the root of the output folder.
pub(crate) const HEADERS_FILE: &str = "_headers";

/// How long a browser may keep a file whose name carries a tag of its
/// content: a year, without asking again (a new version is a new name).
pub(crate) const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `_headers`: every path gets the page policy with framing forbidden, no
/// type sniffing, and no referrer (a reader's next site never learns which
/// entry they read). The files whose names carry a tag of their content
/// (`search/`, and the theme's style sheets and scripts, `tagged`) may be
/// kept for good; the others keep the host's default (Netlify and
/// Cloudflare Pages: revalidate on every use), so that a reader sees a
/// redeployed page at once. No path gets two `Cache-Control` rules: these
/// hosts join the values of every rule a path matches.
pub(crate) fn headers_file<'a>(tagged: impl IntoIterator<Item = &'a str>) -> OutputFile {
    let mut text = format!(
        "# Read by Netlify and Cloudflare Pages; see the README's deployment section for other hosts.\n\
         /*\n  \
         Content-Security-Policy: {PAGE_POLICY}; frame-ancestors 'none'\n  \
         X-Content-Type-Options: nosniff\n  \
         Referrer-Policy: no-referrer\n\
         /{SEARCH_FOLDER}/*\n  \
         Cache-Control: {IMMUTABLE}\n"
    );
    // A theme's file name is written as a path of the file: one with a
    // character a rule's path could take otherwise (a space, a line break
    // that would start a rule of its own) keeps the host's default.
    for path in tagged.into_iter().filter(|path| is_plain_path(path)) {
        text.push_str(&format!("/{path}\n  Cache-Control: {IMMUTABLE}\n"));
    }
    OutputFile::new(HEADERS_FILE, text.into_bytes())
}

/// Whether `path` holds only letters, digits and `.`, `-`, `_`, `/`.
fn is_plain_path(path: &str) -> bool {
    path.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_policy_is_the_pages_policy() {
        let base = include_str!("../themes/default/templates/base.html");
        assert!(
            base.contains(&format!("content=\"{PAGE_POLICY}\"")),
            "base.html's Content-Security-Policy differs from hosting::PAGE_POLICY"
        );
    }

    #[test]
    fn a_file_name_cannot_write_a_rule_of_its_own() {
        let file = headers_file([
            "assets/a.0123abcd.css\n/*\n  Access-Control-Allow-Origin: *",
            "assets/b c.0123abcd.js",
        ]);
        let text = String::from_utf8(file.bytes.to_vec()).unwrap();
        assert!(!text.contains("Access-Control"), "{text}");
        assert!(!text.contains("b c"), "{text}");
        assert_eq!(text.matches("/*").count(), 2, "{text}");
    }

    #[test]
    fn every_path_gets_the_security_headers() {
        let file = headers_file(["assets/style.0123abcd.css"]);
        let text = String::from_utf8(file.bytes.to_vec()).unwrap();
        let mut lines = text.lines().filter(|line| !line.starts_with('#'));
        assert_eq!(lines.next(), Some("/*"));
        let headers: Vec<&str> = lines.by_ref().take(3).map(str::trim).collect();
        assert!(headers.contains(&"X-Content-Type-Options: nosniff"));
        assert!(headers.contains(&"Referrer-Policy: no-referrer"));
        assert!(headers
            .iter()
            .any(|h| h.starts_with("Content-Security-Policy: default-src 'none';")
                && h.ends_with("frame-ancestors 'none'")));
        let rest: Vec<&str> = lines.collect();
        assert_eq!(
            rest,
            [
                "/search/*",
                "  Cache-Control: public, max-age=31536000, immutable",
                "/assets/style.0123abcd.css",
                "  Cache-Control: public, max-age=31536000, immutable"
            ]
        );
    }
}
