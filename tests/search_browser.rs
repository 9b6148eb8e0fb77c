//! A real headless Chromium opens the built site's search page from
//! `file://` and from a local HTTP server on 127.0.0.1 and searches through
//! it: from the URL (`?q=`) and by typing; the checks (result titles, a
//! facet filter, a phrase, an exclusion, highlighted snippets, keyboard,
//! suggestions, escaping) are in `tests/search/browser-cdp.js`.
//!
//! Without Node or Chromium the test is ignored, and fails on CI
//! (`CI=true`).

#[path = "search/common.rs"]
mod common;

use common::*;

#[test]
#[cfg_attr(
    any(amicus_without_node, amicus_without_chromium),
    ignore = "needs Node and Chromium: apt-get install nodejs chromium (see README, Tests)"
)]
fn search_page_works_in_headless_chromium_from_file_and_http() {
    let browser = chromium();
    let site = fixture_site();
    run_browser_script(
        "tests/search/browser-cdp.js",
        &[&site.public()],
        &browser,
        "the search page failed in Chromium",
    );
}
