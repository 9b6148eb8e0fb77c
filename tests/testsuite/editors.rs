//! The editor's loop: `amicus new`, `amicus check` (text and JSON, warnings)
//! and `amicus serve` with live reload, error overlay and recovery.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{amicus_in, copy_tree, eventually, fixture, repo_root, stderr, stdout, Server};

#[test]
fn a_new_entry_passes_check_once_its_required_fields_are_filled() {
    let dir = tempfile::tempdir().unwrap();
    let output = amicus_in(dir.path(), &["new", "case", "The Prosecutor v. Doe: Appeal"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let path = dir.path().join(stdout(&output).trim());
    assert!(
        path.ends_with("corpus/cases/the-prosecutor-v-doe-appeal.md"),
        "{}",
        path.display()
    );

    let again = amicus_in(dir.path(), &["new", "case", "The Prosecutor v. Doe: Appeal"]);
    assert_eq!(again.status.code(), Some(1), "refuses to overwrite");
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));

    let check = amicus_in(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1));
    let text = stderr(&check);
    assert!(
        text.contains("missing required field `date`") && text.contains("missing required field `court`"),
        "{text}"
    );

    let filled = std::fs::read_to_string(&path)
        .unwrap()
        .replace("date:          #", "date: 2024-06-26 #")
        .replace("court:         #", "court: Example Chamber #")
        .replace("status: draft", "status: published");
    std::fs::write(&path, filled).unwrap();
    let check = amicus_in(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let build = amicus_in(dir.path(), &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let page = std::fs::read_to_string(dir.path().join("public/cases/the-prosecutor-v-doe-appeal.html")).unwrap();
    assert!(page.contains(">The Prosecutor v. Doe: Appeal</h1>"), "{page}");
}

#[test]
fn new_refuses_an_id_used_by_another_type_and_unknown_types() {
    let dir = tempfile::tempdir().unwrap();
    assert!(amicus_in(dir.path(), &["new", "policy", "Shared Name"])
        .status
        .success());
    let clash = amicus_in(dir.path(), &["new", "report", "Shared Name"]);
    assert_eq!(clash.status.code(), Some(1));
    assert!(stderr(&clash).contains("already used by"), "{}", stderr(&clash));
    let unknown = amicus_in(dir.path(), &["new", "casse", "X"]);
    assert!(
        stderr(&unknown).contains("did you mean `case`?"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn a_reader_that_goes_away_does_not_make_check_panic() {
    // `amicus check | head -1`: the pipe closes before check writes.
    for (corpus, code) in [(repo_root().join("corpus"), 0), (fixture("broken/many/corpus"), 1)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_amicus"))
            .args(["check", "--corpus", corpus.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(code), "{}", stderr(&output));
        assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    }
}

#[test]
fn check_json_lists_every_diagnostic_with_its_place() {
    let corpus = fixture("broken/many/corpus");
    let output = amicus_in(
        Path::new("."),
        &["check", "--format", "json", "--corpus", corpus.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(json["errors"], 4);
    let first = &json["diagnostics"][0];
    assert!(
        first["file"].as_str().unwrap().ends_with("cases/example-case.md"),
        "{first}"
    );
    assert_eq!(first["line"], 6);
    assert_eq!(first["column"], 1);
    assert_eq!(first["message"], "unknown field `counties`");
    assert_eq!(first["help"], "did you mean `countries`?");
    assert_eq!(first["severity"], "error");
}

#[test]
fn warnings_are_reported_without_failing_unless_denied() {
    let corpus = fixture("warnings/corpus");
    let corpus = corpus.to_str().unwrap();
    let output = amicus_in(Path::new("."), &["check", "--corpus", corpus]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stderr(&output);
    for expected in [
        "warning: `lonely-case` cites no entry and no entry cites it",
        "warning: `lonely-case` has no sources",
        "warning: `lonely-case` has no summary",
        "warning: the date 2999-01-01 is in the future",
        "lonely-case.md:3:1",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(
        !text.contains("`cited-case`") && !text.contains("`citing-case`"),
        "{text}"
    );
    assert_eq!(
        stdout(&output),
        "3 entries (3 cases): no errors, 4 warnings in 1 file\n"
    );

    let denied = amicus_in(Path::new("."), &["check", "--deny-warnings", "--corpus", corpus]);
    assert_eq!(denied.status.code(), Some(1));
    let json = amicus_in(Path::new("."), &["check", "--format", "json", "--corpus", corpus]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!((json["errors"].as_u64(), json["warnings"].as_u64()), (Some(0), Some(4)));
}

/// Reads events until a `state` event satisfies `wanted`, for at most 20 s.
fn wait_for_state(events: &mut BufReader<TcpStream>, wanted: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut event = String::new();
    while Instant::now() < deadline {
        let mut line = String::new();
        match events.read_line(&mut line) {
            Ok(0) => panic!("the event stream closed"),
            Ok(_) => {}
            Err(_) => continue, // read timeout: poll again until the deadline
        }
        if let Some(name) = line.strip_prefix("event: ") {
            event = name.trim().to_string();
        } else if let Some(data) = line.strip_prefix("data: ") {
            if event == "state" {
                let state: serde_json::Value = serde_json::from_str(data.trim()).unwrap();
                if wanted(&state) {
                    return state;
                }
            }
        }
    }
    panic!("no such state within 20 s");
}

/// Saves an edit the way most editors do: write a temporary file, then
/// rename it over the entry, so the watcher never sees a half-written file.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from));
    let temporary = path.with_extension("md.tmp");
    std::fs::write(&temporary, text.replace(from, to)).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

#[test]
fn serve_reloads_on_save_shows_problems_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    let server = Server::start(dir.path());
    let policy = dir.path().join("corpus/policies/office-policy.md");

    let (status, page) = server.get("/policies/office-policy.html");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(page.contains("Content-Type: text/html; charset=utf-8"), "{page}");
    assert!(page.contains("draws on") && page.contains(r#"<script src="/__amicus/live.js"></script>"#));

    let mut events = server.events();
    let first = wait_for_state(&mut events, |s| s["error"].is_null());
    let version = first["version"].as_u64().unwrap();

    edit(&policy, "draws on", "builds on");
    wait_for_state(&mut events, |s| s["version"].as_u64() > Some(version));
    eventually("the edit is served", || {
        server.get("/policies/office-policy.html").1.contains("builds on")
    });

    edit(&policy, "date: 2022-12", "date: 2022-13");
    let broken = wait_for_state(&mut events, |s| {
        s["error"]
            .as_str()
            .is_some_and(|e| e.contains("`2022-13` is not a valid date"))
    });
    let error = broken["error"].as_str().unwrap();
    assert!(
        error.contains("`2022-13` is not a valid date") && error.contains("office-policy.md:4:7"),
        "{error}"
    );
    let (status, page) = server.get("/policies/office-policy.html");
    assert_eq!(status, "HTTP/1.1 200 OK", "the last good page is still served");
    assert!(page.contains("builds on"), "{page}");

    edit(&policy, "date: 2022-13", "date: 2022-12");
    let fixed = wait_for_state(&mut events, |s| s["error"].is_null());
    assert!(fixed["version"].as_u64() > Some(version + 1), "{fixed}");
}

#[test]
fn serve_picks_up_new_and_deleted_entries() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    std::fs::create_dir_all(dir.path().join("corpus/reports")).unwrap();
    let server = Server::start(dir.path());
    let new = dir.path().join("corpus/reports/new-report.md");
    std::fs::write(
        &new,
        "---\ntitle: A New Report\ndate: 2023\nissuer: Office\n---\n[1] New.\n",
    )
    .unwrap();
    eventually("the new entry is served", || {
        server.get("/reports/new-report.html").0 == "HTTP/1.1 200 OK"
    });
    std::fs::remove_file(&new).unwrap();
    eventually("the deleted entry is gone", || {
        server.get("/reports/new-report.html").0 == "HTTP/1.1 404 Not Found"
    });
    let (_, page) = server.get("/reports/new-report.html");
    assert!(page.contains("<h1>Page not found</h1>"), "the theme's 404 page: {page}");
    let (_, listing) = server.get("/reports/index.html");
    assert!(!listing.contains("A New Report"), "{listing}");
}

#[test]
fn serve_refuses_path_traversal_and_bad_requests_and_keeps_serving() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    std::fs::write(dir.path().join("secret.txt"), "TOP-SECRET").unwrap();
    let server = Server::start(dir.path());
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/cases/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/%252e%252e/secret.txt",
        "/cases/%00.html",
        "/%25",
        "/%zz",
        "/%u002e%u002e/secret.txt",
    ] {
        let (status, response) = server.get(target);
        assert_eq!(status, "HTTP/1.1 400 Bad Request", "{target}");
        assert!(!response.contains("TOP-SECRET"), "{target}");
    }
    assert_eq!(server.raw(b"NONSENSE\r\n\r\n").0, "HTTP/1.1 400 Bad Request");
    assert_eq!(
        server.raw(b"POST / HTTP/1.1\r\n\r\n").0,
        "HTTP/1.1 405 Method Not Allowed"
    );
    let huge = format!("GET / HTTP/1.1\r\nX-Filler: {}\r\n\r\n", "a".repeat(64 * 1024));
    assert_eq!(
        server.raw(huge.as_bytes()).0,
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
    // A client that sends half a request and goes away does not stop others.
    let mut half = TcpStream::connect(server.address).unwrap();
    half.write_all(b"GET /index.ht").unwrap();
    let (_, home) = server.get("/index.html");
    let style = home
        .split(r#"<link rel="stylesheet" href=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the home page names its style sheet");
    let (status, css) = server.get(&format!("/{style}"));
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(css.contains("Content-Type: text/css; charset=utf-8"), "{css}");
    assert_eq!(server.get("/").0, "HTTP/1.1 200 OK");
}

#[test]
fn serve_answers_only_requests_addressed_to_loopback() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    let server = Server::start(dir.path());
    // A page elsewhere whose name was rebound to 127.0.0.1 sends its own
    // name as the host: the preview must not answer it.
    let (status, response) = server.raw(b"GET / HTTP/1.1\r\nHost: attacker.example:80\r\n\r\n");
    assert_eq!(status, "HTTP/1.1 421 Misdirected Request");
    assert!(!response.contains("<html"), "{response}");
    let port = server.address.port();
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "[::1]".to_string(),
    ] {
        let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");
        assert_eq!(server.raw(request.as_bytes()).0, "HTTP/1.1 200 OK", "{host}");
    }
}

#[test]
fn serve_binds_loopback_by_default() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    let server = Server::start(dir.path());
    assert!(server.address.ip().is_loopback(), "{}", server.address);
}

/// `amicus build --watch`, stopped when dropped; its stderr goes to a file.
struct Watcher {
    child: Child,
    errors: std::path::PathBuf,
}

impl Watcher {
    /// Starts it in `project` and waits for the first build to be written.
    fn start(project: &Path) -> Watcher {
        Watcher::start_with(project, &[])
    }

    /// [`start`](Self::start), with further options.
    fn start_with(project: &Path, options: &[&str]) -> Watcher {
        let errors = project.join("watch-errors.txt");
        let mut child = Command::new(env!("CARGO_BIN_EXE_amicus"))
            .args(["build", "--watch"])
            .args(options)
            .current_dir(project)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&errors).unwrap())
            .spawn()
            .expect("amicus build --watch starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let watching = lines.next().unwrap().unwrap();
        assert!(watching.starts_with("Watching corpus for changes"), "{watching}");
        let built = lines.next().unwrap().unwrap();
        assert!(built.contains("files written, 0 removed"), "{built}");
        // Later lines are not read: the pipe's buffer holds far more than a
        // test makes it print.
        Watcher { child, errors }
    }

    fn errors(&self) -> String {
        std::fs::read_to_string(&self.errors).unwrap_or_default()
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn build_watch_writes_each_change_to_the_output_and_keeps_it_through_errors() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    let public = dir.path().join("public");
    let read = |path: &str| std::fs::read_to_string(public.join(path)).unwrap_or_default();
    let watcher = Watcher::start(dir.path());
    let policy = dir.path().join("corpus/policies/office-policy.md");
    assert!(read("policies/office-policy.html").contains("draws on"));
    // The theme's files change with no entry.
    let style = public
        .join("assets")
        .join(crate::support::tagged_name(&public.join("assets"), "style.css"));
    let untouched = std::fs::metadata(&style).unwrap().modified().unwrap();

    edit(&policy, "draws on", "builds on");
    eventually("the edit is written", || {
        read("policies/office-policy.html").contains("builds on")
    });

    // A broken entry leaves the output as it was, and says why.
    edit(&policy, "date: 2022-12", "date: 2022-13");
    eventually("the error is reported", || {
        watcher.errors().contains("`2022-13` is not a valid date")
    });
    assert!(
        watcher.errors().contains("office-policy.md:4:7"),
        "{}",
        watcher.errors()
    );
    assert!(read("policies/office-policy.html").contains("builds on"));
    edit(&policy, "date: 2022-13", "date: 2022-12");

    // A new entry is written, with the listing that shows it; once deleted,
    // its files are removed.
    let new = dir.path().join("corpus/policies/new-policy.md");
    std::fs::write(
        &new,
        "---\ntitle: A New Policy\ndate: 2023\nissuer: Office\n---\n[1] New.\n",
    )
    .unwrap();
    eventually("the new entry is written", || {
        read("policies/new-policy.html").contains("A New Policy")
            && read("policies/index.html").contains("A New Policy")
    });
    std::fs::remove_file(&new).unwrap();
    eventually("the deleted entry is removed", || {
        !public.join("policies/new-policy.html").exists() && !read("policies/index.html").contains("A New Policy")
    });
    assert!(!public.join("policies/new-policy.bib").exists());

    // Only changed files were written; none is left half-made.
    assert_eq!(
        std::fs::metadata(&style).unwrap().modified().unwrap(),
        untouched,
        "the style sheet never changed, so it was never written again"
    );
    let leftovers: Vec<_> = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|item| item.file_name().to_string_lossy().ends_with(".amicus-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // The output equals what a fresh build of the same corpus writes.
    let fresh = dir.path().join("fresh");
    let built = amicus_in(dir.path(), &["build", "--out", "fresh"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert_eq!(crate::support::read_tree(&public), crate::support::read_tree(&fresh));
}

#[test]
fn build_watch_sees_a_save_that_keeps_the_size_and_time_of_a_file() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    let entry = dir.path().join("corpus/policies/office-policy.md");
    let published = std::fs::read_to_string(&entry)
        .unwrap()
        .replacen("---\n", "---\nstatus: published   \n", 1);
    std::fs::write(&entry, &published).unwrap();
    // Long settled: its size and time alone would say it is unchanged.
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    let set_old = || {
        std::fs::File::options()
            .write(true)
            .open(&entry)
            .unwrap()
            .set_modified(old)
            .unwrap()
    };
    set_old();
    let public = dir.path().join("public");
    let _watcher = Watcher::start(dir.path());
    assert!(public.join("policies/office-policy.html").exists());

    let confidential = published.replacen("status: published   ", "status: confidential", 1);
    assert_eq!(confidential.len(), published.len());
    std::fs::write(&entry, confidential).unwrap();
    set_old();
    eventually("the confidential entry's files are removed", || {
        !public.join("policies/office-policy.html").exists()
    });
    let leaked: Vec<String> = crate::support::read_tree(&public)
        .into_iter()
        .filter(|(path, bytes)| {
            !path.starts_with("search/") && String::from_utf8_lossy(bytes).contains("office-policy")
        })
        .map(|(path, _)| path)
        .collect();
    assert!(leaked.is_empty(), "files still naming the entry: {leaked:?}");
}

#[test]
fn build_watch_keeps_precompressed_copies_in_step_with_their_files() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    let public = dir.path().join("public");
    let gunzipped = |path: &str| {
        let bytes = std::fs::read(public.join(format!("{path}.gz"))).unwrap_or_default();
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut out)
            .map(|_| out)
            .unwrap_or_default()
    };
    let _watcher = Watcher::start_with(dir.path(), &["--precompress"]);
    let page = "policies/office-policy.html";
    assert_eq!(gunzipped(page), std::fs::read(public.join(page)).unwrap());
    edit(
        &dir.path().join("corpus/policies/office-policy.md"),
        "draws on",
        "builds on",
    );
    eventually("the edit and its copy are written", || {
        let written = std::fs::read(public.join(page)).unwrap_or_default();
        String::from_utf8_lossy(&written).contains("builds on") && gunzipped(page) == written
    });
}
