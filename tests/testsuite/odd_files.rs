//! Files that are odd but valid — a byte-order mark, Windows line endings,
//! Markdown nested thousands of levels deep — build to clean pages.

use crate::common::{build, section};

#[test]
fn bom_crlf_and_deep_markdown_build_to_clean_pages() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("corpus/cases");
    std::fs::create_dir_all(&cases).unwrap();
    let entry = |title: &str, body: &str| {
        format!("---\ntitle: {title}\ndate: 2020-01-02\ncourt: Example Chamber\nsummary: An example.\n---\n{body}")
    };
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(entry("With a BOM", "[1] First.\n\n[2] Second.\n").bytes());
    std::fs::write(cases.join("bom.md"), bom).unwrap();
    let crlf = entry("With CRLF", "[1] Cites [[bom#p2]].\n").replace('\n', "\r\n");
    std::fs::write(cases.join("crlf.md"), crlf).unwrap();
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
