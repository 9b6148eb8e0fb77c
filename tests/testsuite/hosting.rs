//! What a static host reads beside the site: `_headers` gives every file
//! the pages' Content-Security-Policy (with framing forbidden), no type
//! sniffing and no referrer, and asks the browser to check before reusing
//! a file.

use crate::common::starter_site;

/// The `content` of the page's `<meta http-equiv="Content-Security-Policy">`.
fn meta_policy(html: &str) -> String {
    let start = html
        .find("http-equiv=\"Content-Security-Policy\" content=\"")
        .expect("the page has a Content-Security-Policy")
        + "http-equiv=\"Content-Security-Policy\" content=\"".len();
    let end = html[start..].find('"').expect("closed attribute") + start;
    html[start..end].to_string()
}

#[test]
fn the_headers_file_serves_every_path_with_the_pages_policy() {
    let site = starter_site();
    let headers = site.page("_headers");
    let mut rules = headers.lines().filter(|line| !line.starts_with('#'));
    assert_eq!(rules.next(), Some("/*"), "one rule, for every path:\n{headers}");
    let values: Vec<(&str, &str)> = rules
        .map(|line| {
            assert!(line.starts_with("  "), "a header line is indented: {line:?}");
            line.trim().split_once(": ").expect("Name: value")
        })
        .collect();
    let value = |name: &str| {
        values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("no {name} in _headers:\n{headers}"))
    };
    let policy = meta_policy(&site.page("index.html"));
    assert_eq!(
        value("Content-Security-Policy"),
        format!("{policy}; frame-ancestors 'none'")
    );
    assert_eq!(meta_policy(&site.page("search.html")), policy);
    assert_eq!(value("X-Content-Type-Options"), "nosniff");
    assert_eq!(value("Referrer-Policy"), "no-referrer");
    assert_eq!(value("Cache-Control"), "public, max-age=0, must-revalidate");
}
