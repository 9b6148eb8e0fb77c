//! Helpers shared by the integration tests: running the binary, building
//! fixture corpora into temporary folders, and reading the HTML written;
//! `search` for the search tests (a built copy of a corpus, `amicus
//! search`, the browser engine under Node, Chromium), `encoded` for what
//! the build writes encoded.

pub mod encoded;
pub mod search;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// Runs `amicus` with `args` in `cwd`.
pub fn amicus_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the amicus binary runs")
}

pub fn amicus(args: &[&str]) -> Output {
    amicus_in(&repo_root(), args)
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A site built into a temporary folder, removed when dropped.
pub struct Site {
    _dir: tempfile::TempDir,
    pub out: PathBuf,
    pub output: Output,
}

impl Site {
    pub fn page(&self, path: &str) -> String {
        std::fs::read_to_string(self.out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    pub fn exists(&self, path: &str) -> bool {
        self.out.join(path).is_file()
    }

    /// The path of the theme's file `name` (`style.css`) as published:
    /// `assets/style.TAG.css`.
    pub fn asset_path(&self, name: &str) -> String {
        format!("assets/{}", tagged_name(&self.out.join("assets"), name))
    }

    /// The theme's file `name` (`style.css`), as published.
    pub fn asset(&self, name: &str) -> String {
        self.page(&self.asset_path(name))
    }

    /// Every file of the site, by path relative to the output folder.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        read_tree(&self.out)
    }
}

/// Whether `text` is a tag of content, as files are named by: eight
/// lower-case hex digits.
pub fn is_tag(text: &str) -> bool {
    text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The name in `folder` of the file `name` (`style.css`) with a tag of its
/// content in its name (`style.8f2c1a9b.css`): there must be exactly one.
pub fn tagged_name(folder: &Path, name: &str) -> String {
    let (stem, extension) = name.rsplit_once('.').expect("a name with an extension");
    let found: Vec<String> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|file| {
            file.strip_prefix(&format!("{stem}."))
                .and_then(|rest| rest.strip_suffix(&format!(".{extension}")))
                .is_some_and(is_tag)
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{}: files {stem}.TAG.{extension}: {found:?}",
        folder.display()
    );
    found[0].clone()
}

/// Builds `corpus` (with the `amicus.yaml` beside it, if any) and asserts
/// that the build succeeded.
pub fn build(corpus: &Path, extra: &[&str]) -> Site {
    let site = try_build(corpus, extra);
    assert!(
        site.output.status.success(),
        "build of {} failed:\n{}",
        corpus.display(),
        stderr(&site.output)
    );
    site
}

/// Builds `corpus` into a temporary folder. Unless `extra` names a cache
/// folder, the cache goes there too, never beside a fixture in the source
/// tree.
pub fn try_build(corpus: &Path, extra: &[&str]) -> Site {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("public");
    let mut args = vec![
        "build",
        "--corpus",
        corpus.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let output = amicus(&args);
    Site { _dir: dir, out, output }
}

/// The bundled starter corpus, built once for all tests that read it.
pub fn starter_site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&repo_root().join("corpus"), &[]))
}

pub fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.expect("readable output");
        if entry.file_type().is_file() {
            let relative = entry
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(relative, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// The values of `attribute="…"` in `html`, entities decoded. amicus
/// writes every attribute with double quotes.
pub fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let needle = format!(" {attribute}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&needle) {
        let after = &rest[start + needle.len()..];
        let end = after.find('"').expect("closed attribute");
        values.push(decode_entities(&after[..end]));
        rest = &after[end..];
    }
    values
}

pub fn decode_entities(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The part of a page from the first `start` to the next `end` after it.
pub fn section<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start} in {html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The ids of all elements of a page.
pub fn ids(html: &str) -> Vec<String> {
    attribute_values(html, "id")
}

/// The corpus entries of a folder as (type folder, id).
pub fn corpus_entries(corpus: &Path) -> Vec<(String, String)> {
    let mut entries = Vec::new();
    for entry in walkdir::WalkDir::new(corpus).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) == Some("md") {
            let relative = path.strip_prefix(corpus).unwrap();
            let folder = relative
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .to_string();
            let id = path.file_stem().unwrap().to_string_lossy().to_string();
            entries.push((folder, id));
        }
    }
    entries
}

/// Copies a fixture so that a test may change it.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// `amicus serve` on a free port, stopped when dropped.
pub struct Server {
    child: Child,
    pub address: SocketAddr,
}

impl Server {
    pub fn start(project: &Path) -> Server {
        Server::start_with(project, &[])
    }

    /// `amicus serve --port 0` with more arguments.
    pub fn start_with(project: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_amicus"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(project)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("amicus serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .parse()
            .unwrap();
        Server { child, address }
    }

    /// Sends raw request bytes and returns (status line, headers+body).
    pub fn raw(&self, request: &[u8]) -> (String, String) {
        let mut stream = TcpStream::connect(self.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        stream.write_all(request).unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response.lines().next().unwrap_or_default().to_string();
        (status, response)
    }

    pub fn get(&self, path: &str) -> (String, String) {
        self.raw(format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes())
    }

    /// Opens the live-reload event stream.
    pub fn events(&self) -> BufReader<TcpStream> {
        let mut stream = TcpStream::connect(self.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
        stream
            .write_all(b"GET /__amicus/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        BufReader::new(stream)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `condition` until it holds, for at most 20 s.
pub fn eventually(what: &str, condition: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !condition() {
        assert!(Instant::now() < deadline, "{what}: not within 20 s");
        std::thread::sleep(Duration::from_millis(50));
    }
}
