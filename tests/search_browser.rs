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
    let Some(browser) = browser(test) else { return };
    let site = fixture_site();
    run_browser_script(
        "tests/search/browser-cdp.js",
        &[&site.public()],
        &browser,
        "the search page failed in Chromium",
    );
}
