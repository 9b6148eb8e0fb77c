//! Helpers shared by the search tests: building a fixture site with the
//! real binary, running `amicus search`, and finding Node and Chromium.
//!
//! A test that needs Node or Chromium says so in an attribute, so that
//! `cargo test` lists it as ignored where `build.rs` found the program
//! missing, and calls [`require_node`] or [`chromium`], which fail it when
//! the program does not run after all (on CI, where nothing is ignored):
//!
//! ```text
//! #[test]
//! #[cfg_attr(amicus_without_node, ignore = "needs Node: apt-get install nodejs (see README, Tests)")]
//! fn … () {
//!     require_node();
//! ```

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_amicus");

/// A copy of a corpus built into a temporary folder.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    pub fn public(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn build(&self) -> Output {
        let output = Command::new(BIN)
            .args(["build", "--quiet", "--corpus"])
            .arg(self.corpus())
            .arg("--out")
            .arg(self.public())
            .output()
            .expect("run amicus build");
        assert!(
            output.status.success(),
            "build failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// `amicus search --json` for one query.
    pub fn search(&self, query: &str, limit: usize) -> serde_json::Value {
        let output = Command::new(BIN)
            .args(["search", "--json", "--limit", &limit.to_string(), "--corpus"])
            .arg(self.corpus())
            .arg("--")
            .arg(query)
            .output()
            .expect("run amicus search");
        assert!(
            output.status.success(),
            "search {query:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("search --json prints JSON")
    }

    /// The ids of the results of `amicus search`.
    pub fn ids(&self, query: &str, limit: usize) -> Vec<String> {
        ids_of(&self.search(query, limit))
    }
}

pub fn ids_of(answer: &serde_json::Value) -> Vec<String> {
    answer["results"]
        .as_array()
        .map(|results| {
            results
                .iter()
                .map(|r| r["id"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `corpus` (and the `amicus.yaml` beside it) into a temporary
/// folder, so that nothing is written beside the repository's copy, and
/// builds it.
pub fn built_site(corpus: &Path) -> Site {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(corpus, &dir.path().join("corpus"));
    if let Some(config) = corpus.parent().map(|p| p.join("amicus.yaml")).filter(|p| p.exists()) {
        std::fs::copy(config, dir.path().join("amicus.yaml")).expect("copy amicus.yaml");
    }
    let site = Site { dir };
    site.build();
    site
}

pub fn fixture_site() -> Site {
    built_site(&repo().join("tests/fixtures/search/corpus"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for item in std::fs::read_dir(from).expect("read folder") {
        let item = item.expect("folder entry");
        let target = to.join(item.file_name());
        if item.file_type().expect("file type").is_dir() {
            copy_dir(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), target).expect("copy file");
        }
    }
}

/// Fails the test unless `program version_arg` runs. The tests that call
/// it are marked ignored when `build.rs` finds the program missing, so it
/// is missing here only on CI (`CI=true`), where every program the tests
/// need is required, or when it went away after the build.
pub fn require(program: &str, version_arg: &str, install: &str) {
    let output = Command::new(program)
        .arg(version_arg)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|error| panic!("`{program}` does not run ({error}): {install}"));
    assert!(
        output.status.success(),
        "`{program} {version_arg}` failed ({}): {install}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Fails the test unless Node runs.
pub fn require_node() {
    require("node", "--version", "install Node (apt-get install nodejs)");
}

/// Runs the browser engine under Node over a built site for `queries`.
pub fn node_engine(public: &Path, queries: &[&str], limit: usize, fresh: bool) -> Vec<serde_json::Value> {
    node_engine_with(public, queries, limit, fresh, &[])
}

/// [`node_engine`] with environment variables for `engine-node.js`
/// (`INFLATE=js`: inflate texts with search.js's own inflater).
pub fn node_engine_with(
    public: &Path,
    queries: &[&str],
    limit: usize,
    fresh: bool,
    env: &[(&str, &str)],
) -> Vec<serde_json::Value> {
    let file = tempfile::NamedTempFile::new().expect("temporary file");
    std::fs::write(file.path(), serde_json::to_string(queries).expect("queries as JSON")).expect("write queries");
    let output = Command::new("node")
        .arg(repo().join("tests/search/engine-node.js"))
        .arg(public)
        .arg(file.path())
        .arg(limit.to_string())
        .env("FRESH", if fresh { "1" } else { "0" })
        .envs(env.iter().copied())
        .output()
        .expect("run node");
    assert!(
        output.status.success(),
        "the browser engine failed under Node: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice::<Vec<serde_json::Value>>(&output.stdout).expect("engine-node.js prints JSON")
}

/// The Chromium to run (`CHROMIUM`, else `chromium`), once it and Node are
/// found to run.
pub fn chromium() -> String {
    require_node();
    let browser = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    require(
        &browser,
        "--version",
        "install Chromium (apt-get install chromium), or name it in CHROMIUM",
    );
    browser
}

/// One browser at a time: several Chromiums at once on a small machine
/// make the timed waits of the scripts needlessly tight.
static ONE_BROWSER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs the Node script `script` (relative to the repository) with `args`
/// and `browser`, printing its report; fails with the report and `what`.
/// Scripts run one at a time.
pub fn run_browser_script(script: &str, args: &[&Path], browser: &str, what: &str) {
    let _one = ONE_BROWSER.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let output = Command::new("node")
        .arg(repo().join(script))
        .args(args)
        .env("CHROMIUM", browser)
        .output()
        .expect("run node");
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}");
    assert!(
        output.status.success(),
        "{what}:\n{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
