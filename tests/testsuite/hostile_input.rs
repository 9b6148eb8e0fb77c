//! Input written to hurt: themes that link out of their folder, front
//! matter that would take the YAML parser minutes, names too long for the
//! file system, and text that would drive the terminal.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::{amicus_in, build, copy_tree, fixture, stderr, stdout, try_build};

fn project_with(entry: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    let path = dir.path().join("corpus").join(entry);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    dir
}

/// A theme `borrowed` in `project`, chosen by its amicus.yaml.
fn borrowed_theme(project: &Path) -> std::path::PathBuf {
    let theme = project.join("themes/borrowed");
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(project.join("amicus.yaml"), "title: T\ntheme: borrowed\n").unwrap();
    theme
}

#[cfg(unix)]
#[test]
fn a_theme_file_that_links_out_of_the_theme_is_refused_not_published() {
    use std::os::unix::fs::symlink;
    let cases: [(&str, &Path, &str); 4] = [
        ("static/env.txt", Path::new("/proc/self/environ"), "env.txt"),
        ("static/passwd.txt", Path::new("/etc/passwd"), "passwd.txt"),
        ("templates/404.html", Path::new("/etc/hostname"), "404.html"),
        ("static/fonts", Path::new("/etc"), "fonts"),
    ];
    for (place, target, named) in cases {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
        let theme = borrowed_theme(dir.path());
        symlink(target, theme.join(place)).unwrap();
        for extra in [&[][..], &["--bundle"][..]] {
            let site = try_build(&dir.path().join("corpus"), extra);
            let text = stderr(&site.output);
            assert_eq!(site.output.status.code(), Some(1), "{place}: {text}");
            assert!(
                text.contains("symbolic link") && text.contains(named),
                "{place}: the error names the link: {text}"
            );
            assert!(!site.out.exists(), "{place}: nothing is written");
        }
    }
}

#[test]
fn a_folder_in_a_theme_static_folder_is_named_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    let theme = borrowed_theme(dir.path());
    std::fs::create_dir_all(theme.join("static/fonts")).unwrap();
    std::fs::write(theme.join("static/fonts/a.woff2"), "x").unwrap();
    let site = try_build(&dir.path().join("corpus"), &[]);
    let text = stderr(&site.output);
    assert_eq!(site.output.status.code(), Some(1), "{text}");
    assert!(text.contains("fonts") && text.contains("is not a file"), "{text}");
}

#[test]
fn a_million_nested_brackets_are_refused_in_linear_time() {
    for (name, value) in [
        (
            "brackets",
            format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000)),
        ),
        ("maps", format!("{}1{}", "{a: ".repeat(200_000), "}".repeat(200_000))),
        // Closing brackets inside quotes do not hide the nesting.
        (
            "quoted",
            format!("[{}1{}]", "\"]]\", [".repeat(100_000), "]".repeat(100_000)),
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(corpus.join("cases")).unwrap();
        std::fs::write(
            corpus.join("cases/deep.md"),
            format!("---\ndate: 2020\ncourt: C\ntitle: {value}\n---\nBody.\n"),
        )
        .unwrap();
        let started = Instant::now();
        let output = amicus_in(dir.path(), &["check"]);
        let took = started.elapsed();
        let text = stderr(&output);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{name}: {}",
            &text[..text.len().min(500)]
        );
        assert!(
            text.contains("cases/deep.md:4:") && text.contains("more than 64 levels deep"),
            "{name}: {}",
            &text[..text.len().min(500)]
        );
        // Linear reading takes well under a second (a debug build on a
        // busy machine included); reading a million brackets in quadratic
        // time would take hours. The bound tells the two apart without
        // depending on the machine's load.
        assert!(took < Duration::from_secs(10), "{name}: refused in {took:?}");
    }
}

#[test]
fn nested_lists_of_ordinary_depth_still_load() {
    let dir = project_with(
        "cases/nested.md",
        "---\ntitle: \"[Sealed] A v. B [2]\"\ndate: 2020\ncourt: C\nsources:\n  - {title: \"A [b] {c}\", url: \"https://example.org/a?b=[1]\"}\nsummary: 'it''s [fine'\n---\nBody.\n",
    );
    let site = build(&dir.path().join("corpus"), &[]);
    assert!(site.page("cases/nested.html").contains("[Sealed] A v. B [2]"));
}

#[test]
fn a_duplicate_key_is_reported_where_it_is_written_again() {
    let dir = project_with(
        "cases/twice.md",
        "---\nstatus: published\ntitle: Twice\ndate: 2020\nstatus: confidential\ncourt: C\n---\nBody.\n",
    );
    let output = amicus_in(dir.path(), &["check"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("duplicate key `status`"), "{text}");
    assert!(text.contains("cases/twice.md:5:1"), "on line 5, not 2: {text}");
    assert!(text.contains("already given on line 2"), "{text}");

    let nested = project_with(
        "cases/twice.md",
        "---\ntitle: Twice\ndate: 2020\ncourt: C\nrelations:\n  applies: [rome]\n  follows: [rome]\n  applies: [other]\n---\nBody.\n",
    );
    let text = stderr(&amicus_in(nested.path(), &["check"]));
    assert!(
        text.contains("cases/twice.md:8:3") && text.contains("duplicate key `applies`"),
        "{text}"
    );
}

#[test]
fn an_over_long_id_or_value_is_reported_at_its_file_and_line() {
    let long_id = "a".repeat(251);
    let dir = project_with(
        &format!("cases/{long_id}.md"),
        "---\ntitle: T\ndate: 2020\ncourt: C\n---\nBody.\n",
    );
    let site = try_build(&dir.path().join("corpus"), &[]);
    let text = stderr(&site.output);
    assert_eq!(site.output.status.code(), Some(1), "{text}");
    assert!(text.contains("251 characters long; ids are at most 100"), "{text}");
    assert!(
        text.contains(&format!("cases/{long_id}.md")),
        "the file is named: {text}"
    );
    assert!(!text.contains("os error"), "{text}");

    let value = "g".repeat(150);
    let dir = project_with(
        "cases/long-value.md",
        &format!("---\ntitle: T\ndate: 2020\ncourt: C\ngrounds: [gender, {value}]\ncites: [{value}]\n---\nBody.\n"),
    );
    let text = stderr(&amicus_in(dir.path(), &["check"]));
    assert!(
        text.contains("cases/long-value.md:5:") && text.contains("this value of `grounds` is 150 characters long"),
        "{text}"
    );
    assert!(
        text.contains("cases/long-value.md:6:") && text.contains("too long for an id"),
        "{text}"
    );
}

#[test]
fn a_long_court_name_gets_a_page_with_a_short_name() {
    let court = format!("Chamber {}", "of the very long name ".repeat(15));
    let dir = project_with(
        "cases/long-court.md",
        &format!("---\ntitle: Long Court\ndate: 2020\ncourt: {court}\n---\nBody.\n"),
    );
    let site = build(&dir.path().join("corpus"), &[]);
    let pages: Vec<String> = site
        .files()
        .into_keys()
        .filter(|path| path.starts_with("courts/chamber-of-the-very"))
        .collect();
    assert_eq!(pages.len(), 1, "{pages:?}");
    let name = pages[0].trim_start_matches("courts/");
    assert!(name.len() <= 105, "{name}");
    assert!(
        site.page("cases/long-court.html").contains(&pages[0]),
        "the entry links its court page"
    );
}

#[test]
fn the_404_page_of_a_site_with_a_base_url_is_styled_when_opened_from_the_folder() {
    let site = build(&fixture("confidential/corpus"), &[]);
    let page = site.page("404.html");
    // The host serves it at any depth: its links start from base_url.
    assert!(page.contains(r#"href="https://example.org/index.html""#), "{page}");
    // From the folder, the style sheet beside it applies.
    assert!(
        page.contains(&format!(
            r#"<link rel="stylesheet" href="{}">"#,
            site.asset_path("style.css")
        )),
        "{page}"
    );
}

#[test]
fn search_results_cannot_drive_the_terminal() {
    let dir = project_with(
        "cases/escapes.md",
        "---\ntitle: \"Escapes \\e]0;PWNED\\a \\e[2J\"\ndate: 2020\ncourt: \"C\\e[31m\"\n---\nBody with escapes \u{1b}]0;PWNED\u{7} \u{1b}[2J and more.\n",
    );
    let built = amicus_in(dir.path(), &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let output = amicus_in(dir.path(), &["search", "escapes"]);
    let text = stdout(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(text.contains("Escapes"), "{text}");
    assert!(
        !text.contains(['\u{1b}', '\u{7}']),
        "no control character reaches the terminal: {text:?}"
    );
    assert!(text.contains("␛]0;PWNED␇"), "{text}");
}
