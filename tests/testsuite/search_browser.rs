//! A real headless Chromium opens the built site's search page from
//! `file://` and from a local HTTP server on 127.0.0.1 and searches through
//! it: from the URL (`?q=`) and by typing; the checks (result titles, a
//! facet filter, a phrase, an exclusion, highlighted snippets, keyboard,
//! suggestions, escaping, the header's box, the year facet's order,
//! searching without filters) are in `tests/search/browser-cdp.js`. The
//! same script checks the page on a phone and on a slow link (the starter
//! corpus), and the result lines of a French and an Arabic site.
//!
//! Without Node or Chromium the test is ignored, and fails on CI
//! (`CI=true`).

use std::path::Path;

use crate::support::search::*;

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

/// The starter corpus on a phone (390 × 844: the results on the first
/// screen, the filters folded above them, Tab in the order seen), on a
/// wide screen (the filters open, a column before the results), and over
/// a link that delays every `search/` file by 1.5 s ("Searching…", then
/// the count).
#[test]
#[cfg_attr(
    any(amicus_without_node, amicus_without_chromium),
    ignore = "needs Node and Chromium: apt-get install nodejs chromium (see README, Tests)"
)]
fn search_page_fits_a_phone_and_says_it_is_searching_in_headless_chromium() {
    let browser = chromium();
    let site = built_site(&repo().join("corpus"));
    run_browser_script(
        "tests/search/browser-cdp.js",
        &[&site.public(), Path::new("phone")],
        &browser,
        "the search page failed on a phone or a slow link",
    );
}

/// A French and an Arabic site (`tests/fixtures/languages`): a result line
/// shows the type and the date in the site's language, as the pages do
/// (`Affaire · 26 juin 2024`), and so do the facets.
#[test]
#[cfg_attr(
    any(amicus_without_node, amicus_without_chromium),
    ignore = "needs Node and Chromium: apt-get install nodejs chromium (see README, Tests)"
)]
fn search_results_speak_the_sites_language_in_headless_chromium() {
    let browser = chromium();
    for (lang, config) in [("fr", "french.yaml"), ("ar", "arabic.yaml")] {
        let fixture = repo().join("tests/fixtures/languages");
        let dir = tempfile::tempdir().expect("temporary folder");
        copy_dir(&fixture.join("corpus"), &dir.path().join("corpus"));
        std::fs::copy(fixture.join(config), dir.path().join("amicus.yaml")).expect("copy the configuration");
        let site = Site { dir };
        site.build();
        run_browser_script(
            "tests/search/browser-cdp.js",
            &[&site.public(), Path::new("labels"), Path::new(lang)],
            &browser,
            &format!("the search page of the {lang} site failed"),
        );
    }
}
