//! Files that are odd but valid — a byte-order mark, Windows line endings,
//! Markdown nested thousands of levels deep — build to clean pages.

use crate::support::{build, copy_tree, fixture, section};

#[test]
fn bom_crlf_and_deep_markdown_build_to_clean_pages() {
    // `bom.md` starts with a byte-order mark, `crlf.md` has Windows line
    // endings (kept by tests/fixtures/.gitattributes); the deep file is
    // made here, being large.
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("odd-files/corpus"), &dir.path().join("corpus"));
    let cases = dir.path().join("corpus/cases");
    assert!(std::fs::read(cases.join("bom.md"))
        .unwrap()
        .starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(std::fs::read_to_string(cases.join("crlf.md"))
        .unwrap()
        .contains("---\r\n"));
    let entry = |title: &str, body: &str| {
        format!("---\ntitle: {title}\ndate: 2020-01-02\ncourt: Example Chamber\nsummary: An example.\n---\n{body}")
    };
    let deep = format!(
        "{}\n{}\n{}\n",
        ">".repeat(50_000) + " quoted",
        "- ".repeat(10_000) + "listed",
        "[".repeat(20_000)
    );
    std::fs::write(cases.join("deep.md"), entry("Deep", &deep)).unwrap();

    let site = build(&dir.path().join("corpus"), &[]);
    for (path, bytes) in site.files() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains('\u{feff}'), "{path} holds a byte-order mark");
        if path.ends_with(".html") {
            assert!(!text.contains('\r'), "{path} holds a carriage return");
        }
    }
    assert!(site.page("cases/bom.html").contains(r#"dir="ltr">With a BOM</h1>"#));
    let crlf = site.page("cases/crlf.html");
    let paragraph = section(&crlf, r#"<p id="p1""#, "</p>");
    assert!(paragraph.contains(r#"href="../cases/bom.html#p2""#), "{paragraph}");
    let deep = site.page("cases/deep.html");
    assert!(
        deep.contains("quoted") && deep.contains("listed"),
        "the deep page lost its text"
    );
}
