//! The output folder: replaced whole on success, never a folder amicus did
//! not write, never the corpus; the site configuration and themes.

use crate::support::{amicus, build, copy_tree, fixture, stderr, try_build};

#[test]
fn a_rebuild_removes_pages_of_deleted_entries() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&fixture("citations/corpus"), &corpus);
    let out = dir.path().join("public");
    let run = || {
        amicus(&[
            "build",
            "--corpus",
            corpus.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
    };
    assert!(run().status.success());
    assert!(out.join("policies/office-policy.html").exists());
    std::fs::remove_file(corpus.join("policies/office-policy.md")).unwrap();
    let output = run();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!out.join("policies/office-policy.html").exists());
}

#[test]
fn a_folder_amicus_did_not_write_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
    let corpus = fixture("citations/corpus");
    let output = amicus(&[
        "build",
        "--corpus",
        corpus.to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("refusing to replace"), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("thesis.docx")).unwrap(),
        "precious"
    );
}

#[test]
fn the_output_may_not_contain_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&fixture("citations/corpus"), &corpus);
    let output = amicus(&[
        "build",
        "--corpus",
        corpus.to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("overlap"), "{}", stderr(&output));
    assert!(corpus.join("cases/trial-judgment.md").exists());
}

#[test]
fn listings_paginate_past_a_hundred_entries() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("corpus/cases");
    std::fs::create_dir_all(&cases).unwrap();
    for n in 0..205 {
        let text = format!(
            "---\ntitle: Case {n}\ndate: 2020-01-{:02}\ncourt: Chamber\ngrounds: [gender]\n---\n[1] Text.\n",
            n % 28 + 1
        );
        std::fs::write(cases.join(format!("case-{n:03}.md")), text).unwrap();
    }
    let site = build(&dir.path().join("corpus"), &[]);
    assert!(site.exists("cases/index.html") && site.exists("cases/index-page-3.html"));
    assert!(!site.exists("cases/index-page-4.html"));
    let first = site.page("cases/index.html");
    assert_eq!(first.matches(r#"<li class="card">"#).count(), 100);
    assert!(first.contains("205 entries · page 1 of 3"), "{first}");
    assert!(
        first.contains(r#"<a href="../cases/index-page-2.html" rel="next">Next</a>"#),
        "{first}"
    );
    let last = site.page("cases/index-page-3.html");
    assert_eq!(last.matches(r#"<li class="card">"#).count(), 5);
    assert!(site.exists("grounds/gender-page-3.html"));
    // No page lists the whole corpus.
    let entry = site.page("cases/case-000.html");
    assert!(
        entry.matches("<li class=\"card\">").count() <= 5,
        "entry pages stay small"
    );
}

#[test]
fn site_configuration_sets_title_language_and_canonical_links() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    std::fs::write(
        dir.path().join("amicus.yaml"),
        "title: Base de connaissances\ndescription: Essai.\nbase_url: https://example.org/kb\nlanguage: fr\n",
    )
    .unwrap();
    let site = build(&dir.path().join("corpus"), &[]);
    let page = site.page("cases/trial-judgment.html");
    assert!(page.contains(r#"<html lang="fr" dir="ltr">"#), "{page}");
    assert!(page.contains(r#"<link rel="canonical" href="https://example.org/kb/cases/trial-judgment.html">"#));
    assert!(page.contains("· Base de connaissances</title>"));
    let not_found = site.page("404.html");
    assert!(
        not_found.contains(r#"href="https://example.org/kb/index.html""#),
        "404 links work at any depth"
    );
}

#[test]
fn unknown_configuration_key_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    std::fs::write(dir.path().join("amicus.yaml"), "title: T\nlangauge: fr\n").unwrap();
    let site = try_build(&dir.path().join("corpus"), &[]);
    assert_eq!(site.output.status.code(), Some(1));
    let text = stderr(&site.output);
    assert!(
        text.contains("unknown field `langauge`") && text.contains("amicus.yaml:2:"),
        "{text}"
    );
}

#[test]
fn a_theme_folder_overrides_the_embedded_theme_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    let theme = dir.path().join("themes/default");
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(theme.join("static/style.css"), "body { color: black; }\n").unwrap();
    std::fs::write(
        theme.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Lost</h1>{% endblock content %}",
    )
    .unwrap();
    let site = build(&dir.path().join("corpus"), &[]);
    assert_eq!(site.asset("style.css"), "body { color: black; }\n");
    assert!(site.page("404.html").contains("<h1>Lost</h1>"));
    assert!(
        site.page("index.html").contains("Latest entries"),
        "other templates embedded"
    );
}

#[test]
fn a_missing_theme_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    std::fs::write(dir.path().join("amicus.yaml"), "theme: fancy\n").unwrap();
    let site = try_build(&dir.path().join("corpus"), &[]);
    assert_eq!(site.output.status.code(), Some(1));
    assert!(
        stderr(&site.output).contains("theme `fancy` not found"),
        "{}",
        stderr(&site.output)
    );
}

#[test]
fn a_theme_search_page_that_does_not_name_the_index_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    let templates = dir.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("search.html"),
        "{% extends \"base.html\" %}{% block content %}<div id=\"search-app\"></div>\
         <script src=\"{{ root }}{{ assets[\"search.js\"] }}\"></script>{% endblock content %}",
    )
    .unwrap();
    let site = try_build(&dir.path().join("corpus"), &[]);
    assert_eq!(site.output.status.code(), Some(1));
    let said = stderr(&site.output);
    assert!(said.contains("does not name the search index"), "{said}");
    assert!(said.contains("data-index=\"{{ search_index }}\""), "{said}");
}
