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
//! - `redeploy.js`: a search page open while its folder is replaced by a
//!   new build reloads into the new build, never mixing the two or
//!   showing an error, from `file://` and over HTTP; a page a cache keeps
//!   stale says that the site changed instead of reloading in a loop;
//! - `xss.js`: a corpus of XSS vectors (`tests/fixtures/xss/`) runs no
//!   script in any page, from `file://` and over HTTP; every page carries the
//!   Content-Security-Policy, which has nothing left to block, and the search
//!   shows hostile titles and snippets as text.
//!
//! They need Node and Debian's `chromium`, and the accessibility test also
//! axe-core, which it installs with `npm ci` (as `package-lock.json` pins it)
//! when `node_modules/` lacks it. Where a program is missing the tests are
//! ignored (`build.rs`), on CI (`CI=true`) they fail. Nothing else is
//! fetched while testing.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::support::search::*;

/// Where `npm ci` installs axe-core, relative to the repository.
const AXE: &str = "node_modules/axe-core/axe.min.js";

/// How long `npm ci` may take: offline, npm retries for a minute or more
/// before it gives up, and a test must not hang.
const NPM_TIMEOUT: Duration = Duration::from_secs(300);

/// Fails the test unless axe-core is installed, installing it first when it
/// is missing; the tests of this binary install it once between them.
fn require_axe() {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    if let Err(message) = INSTALLED.get_or_init(install_axe) {
        panic!("{message}");
    }
}

/// Installs axe-core unless it is there already.
fn install_axe() -> Result<(), String> {
    if repo().join(AXE).is_file() {
        return Ok(());
    }
    npm_ci()?;
    if repo().join(AXE).is_file() {
        Ok(())
    } else {
        Err(format!("`npm ci` succeeded, yet {AXE} is missing; check package.json"))
    }
}

/// Runs `npm ci` at the repository root, which installs the development
/// dependencies exactly as `package-lock.json` pins them (from npm's cache
/// when it has them); fails with npm's output, or when it takes longer than
/// [`NPM_TIMEOUT`].
fn npm_ci() -> Result<(), String> {
    let context = "axe-core, for the accessibility test, is not installed";
    let log_error = |error: std::io::Error| format!("{context}, and npm's output cannot be kept: {error}");
    let mut log = tempfile::tempfile().map_err(log_error)?;
    let mut npm = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--prefer-offline"])
        .current_dir(repo())
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(log_error)?)
        .stderr(log.try_clone().map_err(log_error)?)
        .spawn()
        .map_err(|error| {
            format!(
                "{context}, and `npm` does not run ({error}): install npm (apt-get install npm), \
                 or run `npm ci` at the repository root"
            )
        })?;
    let status = wait_at_most(&mut npm, NPM_TIMEOUT);
    let mut said = String::new();
    let _ = log.seek(SeekFrom::Start(0)).and_then(|_| log.read_to_string(&mut said));
    match status {
        Some(status) if status.success() => Ok(()),
        Some(status) => Err(format!("{context}, and `npm ci` failed ({status}):\n{said}")),
        None => Err(format!(
            "{context}, and `npm ci` did not finish within {} s (is this machine offline?):\n{said}",
            NPM_TIMEOUT.as_secs()
        )),
    }
}

/// The exit status of `child`, or `None` when it did not end within
/// `timeout` (it is then killed).
fn wait_at_most(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(200)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// Runs `tests/browser/<script>` with `args` and fails with its report.
fn run_script(script: &str, args: &[&Path], browser: &str, what: &str) {
    run_browser_script(&format!("tests/browser/{script}"), args, browser, what);
}

#[test]
#[cfg_attr(
    any(amicus_without_node, amicus_without_chromium, amicus_without_axe),
    ignore = "needs Node, Chromium and npm (which installs axe-core): apt-get install nodejs chromium npm (see README, Tests)"
)]
fn pages_have_no_serious_accessibility_violations_in_chromium() {
    let browser = chromium();
    require_axe();
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
#[cfg_attr(
    any(amicus_without_node, amicus_without_chromium),
    ignore = "needs Node and Chromium: apt-get install nodejs chromium (see README, Tests)"
)]
fn entry_pages_print_without_navigation_and_with_link_addresses() {
    let browser = chromium();
    let starter = built_site(&repo().join("corpus"));
    run_script(
        "print.js",
        &[&starter.public()],
        &browser,
        "the print style sheet failed in Chromium",
    );
}

#[test]
#[cfg_attr(
    any(amicus_without_node, amicus_without_chromium),
    ignore = "needs Node and Chromium: apt-get install nodejs chromium (see README, Tests)"
)]
fn serve_reloads_the_open_page_and_shows_problems_in_chromium() {
    let browser = chromium();
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
#[cfg_attr(
    any(amicus_without_node, amicus_without_chromium),
    ignore = "needs Node and Chromium: apt-get install nodejs chromium (see README, Tests)"
)]
fn no_script_from_the_corpus_runs_in_chromium() {
    let browser = chromium();
    let site = built_site(&repo().join("tests/fixtures/xss/corpus"));
    run_script(
        "xss.js",
        &[&site.public()],
        &browser,
        "a script from the corpus could run in Chromium",
    );
}

#[test]
#[cfg_attr(
    any(amicus_without_node, amicus_without_chromium),
    ignore = "needs Node and Chromium: apt-get install nodejs chromium (see README, Tests)"
)]
fn no_other_origin_reads_the_preview_in_chromium() {
    let browser = chromium();
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

#[test]
#[cfg_attr(
    any(amicus_without_node, amicus_without_chromium),
    ignore = "needs Node and Chromium: apt-get install nodejs chromium (see README, Tests)"
)]
fn a_search_page_open_through_a_redeploy_never_mixes_two_builds_in_chromium() {
    let browser = chromium();
    let site = fixture_site();
    let before = tempfile::tempdir().expect("temporary folder");
    copy_dir(&site.public(), before.path());
    // The next build: an entry added, one changed.
    std::fs::write(
        site.corpus().join("cases/quillwort-decision.md"),
        "---\ntitle: A Quillwort Decision\ndate: 2025-02-03\ncourt: Trial Chamber I\n---\n\
         [1] The chamber found that the quillwort trade financed the persecution.\n",
    )
    .expect("add an entry");
    let ongwen = site.corpus().join("cases/icc-ongwen.md");
    let text = std::fs::read_to_string(&ongwen).expect("read an entry");
    let text = text.replacen(
        "title: The Prosecutor v. Dominic Ongwen",
        "title: Ongwen Appeal Revisited",
        1,
    );
    std::fs::write(&ongwen, text).expect("change an entry");
    site.build();
    let work = tempfile::tempdir().expect("temporary folder");
    run_script(
        "redeploy.js",
        &[before.path(), &site.public(), work.path()],
        &browser,
        "a search page open through a redeploy mixed two builds",
    );
}
