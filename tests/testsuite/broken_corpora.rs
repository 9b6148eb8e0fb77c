//! Broken corpora: each gives the expected message at the expected file and
//! line, a non-zero exit, and leaves an existing output untouched.

use std::path::Path;

use amicus::diagnostic::SHOWN_PER_FILE;

use crate::support::{amicus, amicus_in, build, copy_tree, fixture, read_tree, stderr};

/// Builds a good site into a folder, then builds the broken fixture into the
/// same folder, and returns the error output after checking that the build
/// failed and the previous site is byte for byte as it was.
fn build_broken(name: &str) -> String {
    build_broken_corpus(&fixture(&format!("broken/{name}/corpus")), name)
}

/// [`build_broken`] of a corpus anywhere (made by the test).
fn build_broken_corpus(corpus: &Path, name: &str) -> String {
    let good = build(&fixture("citations/corpus"), &[]);
    let before = read_tree(&good.out);
    let output = amicus(&[
        "build",
        "--corpus",
        corpus.to_str().unwrap(),
        "--out",
        good.out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{name}: exit code");
    assert_eq!(read_tree(&good.out), before, "{name}: the previous output changed");
    let parent = good.out.parent().unwrap();
    // Nothing beside `public/`.
    let leftovers: Vec<_> = std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers,
        vec![std::ffi::OsString::from("public")],
        "{name}: staging left behind"
    );
    let text = stderr(&output);
    assert!(!text.contains("panicked"), "{name}: {text}");
    assert!(
        text.ends_with("error: build failed; the previous output is unchanged\n"),
        "{name}: {text}"
    );
    text
}

/// Asserts that `text` reports `message` at `file:line:column` with `help`.
fn assert_reported(text: &str, message: &str, location: &str, help: Option<&str>) {
    let at = text
        .find(&format!("error: {message}\n"))
        .unwrap_or_else(|| panic!("no `{message}` in:\n{text}"));
    let block = &text[at..];
    let block = &block[..block[1..].find("\nerror").map_or(block.len(), |i| i + 1)];
    assert!(
        block.contains(&format!("{location}\n")),
        "`{location}` not in:\n{block}"
    );
    if let Some(help) = help {
        assert!(block.contains(&format!("= help: {help}")), "`{help}` not in:\n{block}");
    }
}

#[test]
fn misspelt_field_is_an_error_with_a_suggestion() {
    let text = build_broken("unknown-field");
    assert_reported(
        &text,
        "unknown field `counties`",
        "corpus/cases/example-case.md:6:1",
        Some("did you mean `countries`?"),
    );
    assert!(
        text.contains("6 | counties: [ML]\n  | ^^^^^^^^\n"),
        "caret under the field:\n{text}"
    );
}

#[test]
fn impossible_date_is_an_error() {
    let text = build_broken("bad-date");
    assert_reported(&text, "`2023-02-29` is not a valid date", "example-case.md:4:7", None);
}

#[test]
fn yaml_syntax_error_points_into_the_file() {
    let text = build_broken("bad-yaml");
    // `short_title: [Example` on line 3 opens a list that line 4 cannot
    // continue: the parser stops at the `:` of `date:`.
    assert_reported(
        &text,
        "invalid YAML in the front matter: did not find expected ',' or ']'",
        "cases/example-case.md:4:5",
        Some("front matter is YAML: `key: value` lines; quote values that contain `: ` or start with `[`, `{`, `*` or `&`"),
    );
    assert!(text.contains("4 | date: 2020-01-02\n  |     ^\n"), "{text}");
    assert!(text.contains("1 error in 1 file"), "{text}");
}

#[test]
fn file_without_front_matter_is_an_error() {
    let text = build_broken("no-front-matter");
    assert_reported(
        &text,
        "the file does not start with front matter",
        "example-case.md:1:1",
        None,
    );
}

#[test]
fn unclosed_front_matter_is_an_error() {
    let text = build_broken("unclosed-front-matter");
    assert_reported(
        &text,
        "the front matter is not closed",
        "example-case.md:1:1",
        Some("add a line `---` after the last field"),
    );
}

#[test]
fn empty_file_is_an_error() {
    let text = build_broken("empty-file");
    assert_reported(&text, "the file is empty", "example-case.md:1:1", None);
}

#[test]
fn non_utf8_file_is_an_error_at_the_bad_byte() {
    let text = build_broken("non-utf8");
    assert_reported(&text, "the file is not valid UTF-8", "example-case.md:14:11", None);
}

#[test]
fn duplicate_ids_across_types_are_an_error() {
    let text = build_broken("duplicate-id");
    let corpus = fixture("broken/duplicate-id/corpus");
    // The second file in walking order is reported; the help names the first.
    assert_reported(
        &text,
        "duplicate id `example-case`",
        &corpus.join("policies/example-case.md").display().to_string(),
        Some(&format!(
            "`{}` already uses this id; ids are unique across all types",
            corpus.join("cases/example-case.md").display()
        )),
    );
    assert!(text.contains("1 error in 1 file"), "{text}");
}

#[test]
fn unknown_reference_suggests_the_nearest_id() {
    let text = build_broken("unknown-reference");
    assert_reported(
        &text,
        "unknown entry `exmple-case`",
        "policies/example-policy.md:9:22",
        Some("did you mean `example-case`?"),
    );
}

#[test]
fn pinpoint_to_missing_paragraph_is_an_error() {
    let text = build_broken("missing-pinpoint");
    assert_reported(
        &text,
        "`example-case` has no numbered paragraph [9]",
        "policies/example-policy.md:9:22",
        Some("its numbered paragraphs are 1–2"),
    );
}

#[test]
fn missing_required_field_is_an_error() {
    let text = build_broken("missing-required");
    assert_reported(
        &text,
        "missing required field `court`",
        "example-case.md:1:1",
        Some("every entry in cases/ needs `court:`"),
    );
}

#[test]
fn unknown_country_code_is_an_error() {
    let text = build_broken("bad-country");
    assert_reported(
        &text,
        "`XX` is not an ISO 3166-1 country code",
        "example-case.md:6:17",
        None,
    );
}

#[test]
fn unknown_type_folder_is_an_error() {
    let text = build_broken("unknown-folder");
    assert!(text.contains("error: unknown type folder `casess`"), "{text}");
    assert!(text.contains("= help: did you mean `cases`?"), "{text}");
}

#[test]
fn reference_to_a_confidential_entry_is_an_error_that_names_only_its_id() {
    let text = build_broken("refers-to-confidential");
    assert_reported(
        &text,
        "`sealed-statement` is confidential: a published entry may not refer to it",
        "cases/example-case.md:16:9",
        None,
    );
    assert!(!text.contains("SEALED-TITLE-CANARY"), "{text}");
}

#[test]
fn every_problem_of_every_file_is_reported_in_one_run() {
    let text = build_broken("many");
    assert_reported(&text, "unknown field `counties`", "cases/example-case.md:6:1", None);
    assert_reported(
        &text,
        "`2021-13` is not a valid date",
        "policies/example-policy.md:3:7",
        None,
    );
    assert_reported(
        &text,
        "`example-case` has no numbered paragraph [7]",
        "policies/example-policy.md:9:22",
        None,
    );
    assert!(text.contains("reports/bad-yaml.md:"), "{text}");
    assert!(text.contains("4 errors in 3 files"), "{text}");
}

#[test]
fn check_reports_the_same_problems_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = fixture("broken/many/corpus");
    let output = crate::support::amicus_in(dir.path(), &["check", "--corpus", corpus.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("4 errors in 3 files") && text.ends_with("error: check failed\n"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "check wrote something"
    );
}

#[test]
fn check_of_a_good_corpus_succeeds_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = fixture("citations/corpus");
    let output = crate::support::amicus_in(dir.path(), &["check", "--corpus", corpus.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        crate::support::stdout(&output),
        "4 entries (2 cases, 1 policies, 1 instruments): no problems found\n"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "check wrote something"
    );
}

#[test]
fn missing_corpus_folder_is_an_error() {
    let output = amicus(&["check", "--corpus", "/nonexistent/corpus"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error: the corpus folder does not exist"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn unknown_relation_is_an_error_with_a_suggestion() {
    let text = build_broken("unknown-relation");
    assert_reported(
        &text,
        "unknown relation `overrules`",
        "a-case.md:6:3",
        Some("did you mean `overturns`? (more can be declared under `relations:` in amicus.yaml)"),
    );
}

#[test]
fn a_relation_to_an_unknown_entry_is_an_error_with_a_suggestion() {
    let text = build_broken("unknown-relation-target");
    assert_reported(
        &text,
        "unknown entry `b-cas`",
        "cases/a-case.md:6:21",
        Some("did you mean `b-case`?"),
    );
    assert!(text.contains("6 |   applies: [b-case, b-cas]\n"), "{text}");
}

#[test]
fn overturning_a_later_entry_is_an_error() {
    let text = build_broken("overturns-a-later-entry");
    assert_reported(
        &text,
        "`old` is dated 2010-01-01, before `new` (2015-01-01), which it says it overturns",
        "old.md:6:15",
        None,
    );
}

#[test]
fn a_yaml_alias_bomb_is_refused_at_once() {
    let text = build_broken("alias-bomb");
    assert_reported(
        &text,
        "invalid YAML in the front matter: repetition limit exceeded",
        "bomb.md:2:1",
        None,
    );
}

#[test]
fn values_of_the_wrong_type_are_errors_at_their_lines() {
    let text = build_broken("wrong-types");
    assert_reported(&text, "`title` must be text, found a list", "typed.md:2:1", None);
    assert_reported(&text, "`court` must be text, found a mapping", "typed.md:4:1", None);
    assert_reported(&text, "`cites` must be a list, found a number", "typed.md:6:1", None);
}

#[test]
fn ids_that_differ_only_in_case_are_refused() {
    let text = build_broken("case-ids");
    assert_reported(
        &text,
        "`Al-Hassan` is not a valid id",
        "cases/Al-Hassan.md",
        Some("the file name is the id: lowercase letters, digits and hyphens, e.g. `al-hassan.md`"),
    );
}

#[test]
fn ids_with_dots_separators_or_accents_are_refused() {
    let text = build_broken("bad-ids");
    assert_reported(&text, "`a..b` is not a valid id", "cases/a..b.md", None);
    assert_reported(
        &text,
        "`procès` is not a valid id",
        "cases/procès.md",
        Some("the file name is the id: lowercase letters, digits and hyphens, e.g. `proces.md`"),
    );
    assert_reported(&text, "`../cases/secret` is not a valid entry id", "good.md:5:9", None);
    assert_reported(&text, "`cases/good` is not a valid entry id", "good.md:5:26", None);
}

#[test]
fn raw_html_nested_without_end_is_refused() {
    let text = build_broken("deep-html");
    assert_reported(
        &text,
        "raw HTML nested more than 500 elements deep",
        "nested.md:14:1",
        Some("close the elements you open, or write the structure in Markdown"),
    );
}

#[test]
fn symbolic_links_are_never_followed() {
    let text = build_broken("symlinks");
    assert_reported(
        &text,
        "the corpus may not hold symbolic links",
        "cases/loop",
        Some("copy the file or folder into the corpus instead"),
    );
    assert_eq!(
        text.matches("error: the corpus may not hold symbolic links\n").count(),
        2,
        "{text}"
    );
    assert!(text.contains("cases/outside.md\n"), "{text}");
    assert!(!text.contains("# amicus"), "the linked file was read:\n{text}");
}

/// A temporary copy of the `citations` fixture, with a hostile file added
/// by `add` to its `cases/` folder.
fn corpus_with(name: &str, add: impl FnOnce(&Path)) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&fixture("citations/corpus"), &corpus);
    add(&corpus.join("cases"));
    let text = build_broken_corpus(&corpus, name);
    (dir, text)
}

#[test]
fn a_pipe_in_the_corpus_is_refused_without_blocking() {
    let (_dir, text) = corpus_with("pipe", |cases| {
        let fifo = cases.join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success(), "mkfifo");
    });
    assert_reported(
        &text,
        "not a regular file (a pipe, socket or device)",
        "cases/pipe.md",
        None,
    );
}

#[test]
fn an_enormous_file_is_refused_before_it_is_read() {
    let (_dir, text) = corpus_with("enormous", |cases| {
        let mut body = String::from("---\ntitle: Huge\n---\n");
        body.push_str(&"[[nowhere]] word word word\n".repeat(700_000));
        std::fs::write(cases.join("huge.md"), body).unwrap();
    });
    assert_reported(&text, "the file is larger than 16 MiB", "cases/huge.md", None);
    assert!(!text.contains("nowhere"), "the file was read:\n{text}");
}

/// A file well under the size limit made of what costs most per byte to
/// check: a `cites:` list of 200,000 items and 100,000 broken links. Each
/// item and link is placed in constant time, so the check takes about two
/// seconds in a debug build; when each look-up read the file from its start
/// it took over ten minutes. The bound is far from both, and the terminal
/// shows the first problems of the file and how many more it has.
#[test]
fn a_large_hostile_file_is_checked_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&fixture("citations/corpus"), &corpus);
    let mut text = String::from("---\ntitle: Hostile\ndate: 2020\ncourt: C\ncites:\n");
    text.push_str(&"  - trial-judgment\n".repeat(200_000));
    text.push_str("---\n");
    text.push_str(&"See [[nope]].\n".repeat(100_000));
    std::fs::write(corpus.join("cases/hostile.md"), text).unwrap();

    let started = std::time::Instant::now();
    let output = amicus_in(dir.path(), &["check", "--corpus", "corpus"]);
    let took = started.elapsed();
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert_reported(
        &text,
        "unknown entry `nope`",
        "corpus/cases/hostile.md:200007:5",
        Some("an id is the file name of an entry without `.md`"),
    );
    assert_eq!(
        text.matches("error: unknown entry `nope`\n").count(),
        SHOWN_PER_FILE,
        "{text}"
    );
    assert!(text.contains("corpus/cases/hostile.md:200056:5\n"), "the 50th is shown");
    assert!(
        text.ends_with(
            "note: 99950 more problems in corpus/cases/hostile.md not shown (`--format json` lists every one)\n\n\
             100000 errors in 1 file\nerror: check failed\n"
        ),
        "{}",
        &text[text.len().saturating_sub(600)..]
    );
    let json = amicus_in(dir.path(), &["check", "--corpus", "corpus", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["errors"], 100_000);
    assert_eq!(report["diagnostics"][99_999]["line"], 300_006);
    assert!(took < std::time::Duration::from_secs(60), "check took {took:?}");
}

/// `amicus check` on `corpus` as a user whom permission bits bind. Root
/// reads every file whatever its mode, so as root the check runs as
/// `nobody` (through util-linux's `setpriv`), with the folders above the
/// corpus opened to it: a locked file is then locked for amicus too.
fn check_unprivileged(root: &Path, corpus: &Path) -> std::process::Output {
    use std::os::unix::fs::PermissionsExt;
    let probe = root.join("probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).unwrap();
    let binary = env!("CARGO_BIN_EXE_amicus");
    let mut command = if privileged {
        std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut command = std::process::Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups", binary]);
        command
    } else {
        std::process::Command::new(binary)
    };
    command
        .args(["check", "--corpus"])
        .arg(corpus)
        .current_dir(root)
        .output()
        .expect("amicus check runs (as root, through setpriv: apt-get install util-linux)")
}

#[test]
fn an_unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&fixture("citations/corpus"), &corpus);
    let file = corpus.join("cases/locked.md");
    std::fs::write(&file, "---\ntitle: Locked\n---\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    let output = check_unprivileged(dir.path(), &corpus);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_reported(
        &stderr(&output),
        "cannot read the file: Permission denied (os error 13)",
        "cases/locked.md",
        None,
    );
}

#[test]
fn control_characters_and_spaced_urls_are_errors_at_their_place() {
    let text = build_broken("control-characters");
    assert_reported(
        &text,
        "the body holds 2 NUL characters (U+0000), the first here",
        "cases/nul-body.md:13:6",
        Some("NUL is not text (a copy from a binary file or a PDF can leave it): remove it"),
    );
    assert_reported(
        &text,
        "invalid YAML in the front matter: control characters are not allowed",
        "cases/control-in-yaml.md:5:12",
        None,
    );
    assert_reported(
        &text,
        "a source's `url` must be an http(s) address, found `https://example.org/a b`",
        "cases/nul-body.md:7:10",
        None,
    );
    // Written with an escape, the URL is not in the file as it reads: the
    // error points at the value after `url:`, not at `sources:`.
    assert_reported(
        &text,
        "a source's `url` must be an http(s) address, found `https://example.org/A b`",
        "cases/nul-body.md:9:10",
        None,
    );
    assert!(
        text.contains("9 |     url: \"https://example.org/\\x41 b\"\n  |          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"),
        "{text}"
    );
    assert!(text.contains("4 errors in 2 files"), "{text}");
}

#[test]
fn errors_in_files_with_a_bom_or_crlf_are_placed_as_editors_count() {
    // The byte-order mark is not a column, and `\r` ends no line and
    // widens no value.
    let text = build_broken("bom-and-crlf");
    assert_reported(
        &text,
        "`2020-13-02` is not a valid date",
        "cases/bom-error.md:3:7",
        None,
    );
    assert!(text.contains("3 | date: 2020-13-02\n  |       ^^^^^^^^^^\n"), "{text}");
    assert_reported(&text, "unknown entry `nowhere-bom`", "cases/bom-error.md:6:11", None);
    assert_reported(
        &text,
        "`XX` is not an ISO 3166-1 country code",
        "cases/crlf-error.md:5:17",
        None,
    );
    assert!(
        text.contains("5 | countries: [ML, XX]\n  |                 ^^\n"),
        "{text}"
    );
    assert_reported(&text, "unknown entry `nowhere-crlf`", "cases/crlf-error.md:9:11", None);
    assert!(
        text.contains("9 | [2] Cites [[nowhere-crlf]].\n  |           ^^^^^^^^^^^^^^^^\n"),
        "{text}"
    );
    assert!(!text.contains('\r') && !text.contains('\u{feff}'), "{text:?}");
    assert!(text.contains("4 errors in 2 files"), "{text}");
}

/// A folder the walk cannot open, whoever runs the test (root too): one
/// whose path is longer than the system allows.
#[test]
fn a_folder_too_deep_to_open_is_an_error_that_says_why() {
    let (_dir, text) = corpus_with("too-long", |cases| {
        // `mkdir -p` makes it a step at a time, as no single path may name it.
        let deep = vec!["d".repeat(200); 25].join("/");
        let made = std::process::Command::new("mkdir")
            .args(["-p", &deep])
            .current_dir(cases)
            .status()
            .unwrap();
        assert!(made.success(), "mkdir -p");
    });
    let block = &text[text.find("error: cannot read the folder").unwrap_or(0)..];
    assert!(
        block.starts_with("error: cannot read the folder: File name too long (os error 36)\n--> "),
        "{text}"
    );
    assert!(
        block.contains("= help: its path is longer than the system allows: shorten the names of its folders\n"),
        "{text}"
    );
}

#[test]
fn an_unreadable_folder_is_an_error_that_says_why() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&fixture("citations/corpus"), &corpus);
    let folder = corpus.join("cases/locked");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("inside.md"), "---\ntitle: Inside\n---\n").unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o000)).unwrap();
    let output = check_unprivileged(dir.path(), &corpus);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(!text.contains("inside.md"), "nothing in it is read: {text}");
    assert_reported(
        &text,
        "cannot read the folder: Permission denied (os error 13)",
        "cases/locked",
        Some("the user running amicus may not read it; nothing in it is checked or published"),
    );
}

#[test]
fn script_and_data_urls_are_refused_as_sources() {
    let text = build_broken("javascript-source-url");
    assert_reported(
        &text,
        "a source's `url` must be an http(s) address, found `javascript:alert('source')`",
        "tricky.md:7:11",
        None,
    );
    assert_reported(
        &text,
        "a source's `url` must be an http(s) address, found `data:text/html,<script>alert(1)</script>`",
        "tricky.md:9:11",
        None,
    );
}
