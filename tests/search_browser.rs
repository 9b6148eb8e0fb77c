//! A real headless Chromium opens the built site's search page from
//! `file://` and from a local HTTP server on 127.0.0.1 and searches through
//! it: from the URL (`?q=`) and by typing; the checks (result titles, a
//! facet filter, a phrase, an exclusion, highlighted snippets, keyboard,
//! suggestions, escaping) are in `tests/search/browser-cdp.js`.
//!
//! Without Chromium the test fails on CI (`CI=true`) and is skipped with a
//! message elsewhere.

#[path = "search/common.rs"]
mod common;

use common::*;

#[test]
fn search_page_works_in_headless_chromium_from_file_and_http() {
    let test = "search_page_works_in_headless_chromium_from_file_and_http";
    let browser = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    if !tool_available("node", "--version", test) || !tool_available(&browser, "--version", test) {
        return;
    }
    let site = fixture_site();
    let output = std::process::Command::new("node")
        .arg(repo().join("tests/search/browser-cdp.js"))
        .arg(site.public())
        .env("CHROMIUM", &browser)
        .output()
        .expect("run node");
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}");
    assert!(
        output.status.success(),
        "the search page failed in Chromium:\n{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
