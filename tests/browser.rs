//! The default theme and the live preview in a real headless Chromium,
//! driven over the DevTools protocol by the Node scripts of
//! `tests/browser/` (which print one line per check):
//!
//! - `a11y.js`: axe-core finds no serious or critical accessibility
//!   violation on the built starter site (home, listing, entry, taxonomy,
//!   search with results) nor on an Arabic, right-to-left page, in the light
//!   and the dark colour scheme;
//! - `print.js`: printed, an entry page has no navigation, search box or
//!   footer, keeps its title, body and pictures, and shows the address of
//!   each external link;
//! - `serve.js`: `amicus serve` reloads the open page after an edit, shows
//!   the problems over the last good page while the corpus is broken, and
//!   takes them away once it is fixed;
//! - `cross-origin.js`: pages of other origins on this machine
//!   (`localhost:OTHER`, `127.0.0.1:OTHER`) read nothing of `amicus serve`
//!   (search shards as scripts, fetch, frames), drafts or not, while the
//!   preview's own search still works;
//! - `xss.js`: a corpus of XSS vectors (`tests/fixtures/xss/`) runs no
//!   script in any page, from `file://` and over HTTP; every page carries the
//!   Content-Security-Policy, which has nothing left to block, and the search
//!   shows hostile titles and snippets as text.
//!
//! They need Node and Debian's `chromium`, and the accessibility test also
//! axe-core (`npm ci` at the repository root; `.ci/run` runs it). On CI
//! (`CI=true`) a missing one is a failure; elsewhere the test is skipped with
//! a message. Nothing is fetched while testing.

#[path = "search/common.rs"]
mod common;

use std::path::Path;
use std::sync::Mutex;

use common::*;

/// One browser at a time: three Chromiums at once on a small machine make
/// the timed waits of the scripts needlessly tight.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

/// Whether axe-core is installed (`npm ci`); required on CI.
fn axe_available(test: &str) -> bool {
    let axe = repo().join("node_modules/axe-core/axe.min.js");
    if axe.exists() {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{test}: axe-core is required on CI but {} is missing; run `npm ci` at the repository root (.ci/run does it when Node is there)",
            axe.display()
        );
    }
    eprintln!(
        "SKIPPED {test}: axe-core is not installed (run `npm ci` at the repository root to run this test; on CI it is required)"
    );
    false
}

/// Runs `tests/browser/<script>` with `args` and fails with its report.
fn run_script(script: &str, args: &[&Path], browser: &str, what: &str) {
    run_browser_script(&format!("tests/browser/{script}"), args, browser, what);
}

#[test]
fn pages_have_no_serious_accessibility_violations_in_chromium() {
    let test = "pages_have_no_serious_accessibility_violations_in_chromium";
    let Some(browser) = browser(test) else { return };
    if !axe_available(test) {
        return;
    }
    let _one = ONE_BROWSER.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let starter = built_site(&repo().join("corpus"));
    // The starter corpus is in English only; this fixture has an Arabic entry.
    let languages = built_site(&repo().join("tests/fixtures/languages/corpus"));
    run_script(
        "a11y.js",
        &[&starter.public(), &languages.public()],
        &browser,
        "axe-core found accessibility violations",
    );
}

#[test]
fn entry_pages_print_without_navigation_and_with_link_addresses() {
    let test = "entry_pages_print_without_navigation_and_with_link_addresses";
    let Some(browser) = browser(test) else { return };
    let _one = ONE_BROWSER.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let starter = built_site(&repo().join("corpus"));
    run_script(
        "print.js",
        &[&starter.public()],
        &browser,
        "the print style sheet failed in Chromium",
    );
}

#[test]
fn serve_reloads_the_open_page_and_shows_problems_in_chromium() {
    let test = "serve_reloads_the_open_page_and_shows_problems_in_chromium";
    let Some(browser) = browser(test) else { return };
    let _one = ONE_BROWSER.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    // The script copies corpus/, amicus.yaml and themes/ of the repository
    // to a temporary folder and runs `amicus serve` there.
    run_script(
        "serve.js",
        &[Path::new(BIN), &repo()],
        &browser,
        "the live preview failed in Chromium",
    );
}

#[test]
fn no_script_from_the_corpus_runs_in_chromium() {
    let test = "no_script_from_the_corpus_runs_in_chromium";
    let Some(browser) = browser(test) else { return };
    let _one = ONE_BROWSER.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let site = built_site(&repo().join("tests/fixtures/xss/corpus"));
    run_script(
        "xss.js",
        &[&site.public()],
        &browser,
        "a script from the corpus could run in Chromium",
    );
}

#[test]
fn no_other_origin_reads_the_preview_in_chromium() {
    let test = "no_other_origin_reads_the_preview_in_chromium";
    let Some(browser) = browser(test) else { return };
    let _one = ONE_BROWSER.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    // The fixture holds a draft; the script serves it with and without
    // --drafts and tries to read it from pages on localhost:OTHER and
    // 127.0.0.1:OTHER.
    run_script(
        "cross-origin.js",
        &[Path::new(BIN), &repo().join("tests/fixtures/confidential")],
        &browser,
        "another origin could read the live preview",
    );
}
