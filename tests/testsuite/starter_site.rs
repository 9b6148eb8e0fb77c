//! The bundled starter corpus builds into a complete site.

use crate::support::{corpus_entries, repo_root, starter_site, stdout};

#[test]
fn starter_corpus_builds_with_a_summary_line() {
    let site = starter_site();
    let summary = stdout(&site.output);
    assert!(summary.starts_with("Built "), "{summary}");
    assert!(
        summary.contains("entries (") && summary.contains(" files, "),
        "{summary}"
    );
}

#[test]
fn starter_corpus_has_at_least_eighteen_entries_of_every_type() {
    let entries = corpus_entries(&repo_root().join("corpus"));
    assert!(entries.len() >= 18, "{} entries", entries.len());
    for folder in [
        "cases",
        "policies",
        "principles",
        "recommendations",
        "instruments",
        "reports",
    ] {
        assert!(entries.iter().any(|(f, _)| f == folder), "no entry in {folder}/");
    }
}

#[test]
fn every_entry_has_a_page_with_its_title_and_sources() {
    let site = starter_site();
    let corpus = repo_root().join("corpus");
    for (folder, id) in corpus_entries(&corpus) {
        let page = site.page(&format!("{folder}/{id}.html"));
        // An entry in another language is shown in it, headings included.
        let text = std::fs::read_to_string(corpus.join(&folder).join(format!("{id}.md"))).unwrap();
        let lang = text
            .lines()
            .find_map(|line| line.strip_prefix("lang:"))
            .map_or("en", str::trim);
        let dir = if lang == "ar" { "rtl" } else { "ltr" };
        assert!(
            page.contains(&format!("<h1 lang=\"{lang}\" dir=\"{dir}\">")),
            "{folder}/{id}: no title in {lang}"
        );
        assert!(page.contains(r#"<h2 id="sources">"#), "{folder}/{id}: no sources");
        assert!(
            page.contains(r#"<h2 id="cited-by">"#),
            "{folder}/{id}: no cited-by section"
        );
        if lang == "en" {
            assert!(page.contains(r#"<h2 id="sources">Sources</h2>"#), "{folder}/{id}");
            assert!(page.contains(r#"<h2 id="cited-by">Cited by</h2>"#), "{folder}/{id}");
        }
    }
}

#[test]
fn every_listing_and_taxonomy_page_exists() {
    let site = starter_site();
    assert!(site.exists(&site.asset_path("style.css")));
    for page in ["index.html", "search.html", "404.html"] {
        assert!(site.exists(page), "{page}");
    }
    for folder in [
        "cases",
        "policies",
        "principles",
        "recommendations",
        "instruments",
        "reports",
    ] {
        assert!(site.exists(&format!("{folder}/index.html")), "{folder}/index.html");
    }
    for taxonomy in ["countries", "courts", "years", "grounds", "crimes"] {
        assert!(site.exists(&format!("{taxonomy}/index.html")), "{taxonomy}/index.html");
    }
    // Terms of the starter corpus, named the way readers look for them.
    for term in [
        "countries/ml.html",
        "countries/co.html",
        "years/2024.html",
        "grounds/gender.html",
        "crimes/persecution.html",
        "courts/icc-trial-chamber-x.html",
    ] {
        assert!(site.exists(term), "{term}");
    }
}

#[test]
fn taxonomy_pages_show_counts_and_names() {
    let site = starter_site();
    let countries = site.page("countries/index.html");
    assert!(
        countries.contains(r#"<a href="../countries/ml.html">Mali</a> <span class="count">"#),
        "{countries}"
    );
    let mali = site.page("countries/ml.html");
    assert!(mali.contains("<h1>Country: Mali</h1>"), "{mali}");
    assert!(mali.contains(r#"href="../cases/icc-al-hassan.html""#), "{mali}");
}

#[test]
fn home_page_counts_entries_per_type_and_lists_the_latest() {
    let site = starter_site();
    let home = site.page("index.html");
    assert!(home.contains("<h1>Gender Persecution Case Law</h1>"), "{home}");
    let cases = corpus_entries(&repo_root().join("corpus"))
        .iter()
        .filter(|(f, _)| f == "cases")
        .count();
    assert!(
        home.contains(&format!(
            r#"<a href="cases/index.html"><span class="count">{cases}</span> Cases</a>"#
        )),
        "{home}"
    );
    assert!(home.contains(r#"<h2 id="latest">Latest entries</h2>"#));
    assert!(home.contains(r#"action="search.html""#), "search box");
}

#[test]
fn listings_are_newest_first() {
    let site = starter_site();
    let cases = site.page("cases/index.html");
    let dates: Vec<String> = crate::support::attribute_values(&cases, "datetime");
    assert!(dates.len() >= 2);
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn pages_are_accessible_landmarks_and_language() {
    let site = starter_site();
    for page in [
        "index.html",
        "cases/index.html",
        "cases/icc-al-hassan.html",
        "countries/index.html",
    ] {
        let html = site.page(page);
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">"),
            "{page}"
        );
        assert!(
            html.contains(r##"<a class="skip-link" href="#main">"##),
            "{page}: skip link"
        );
        for landmark in [
            r#"role="banner""#,
            r#"<main id="main""#,
            r#"role="contentinfo""#,
            r#"<nav "#,
        ] {
            assert!(html.contains(landmark), "{page}: {landmark}");
        }
        assert_eq!(html.matches("<h1").count(), 1, "{page}: one h1");
        assert!(html.contains(r#"<meta name="viewport""#), "{page}");
    }
}

#[test]
fn nothing_is_loaded_from_another_host() {
    let site = starter_site();
    for (path, bytes) in site.files() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for value in crate::support::attribute_values(&html, "src") {
            assert!(!value.contains("//"), "{path}: loads {value}");
        }
        for tag in html.split("<link ").skip(1) {
            let tag = &tag[..tag.find('>').unwrap()];
            assert!(!tag.contains("http"), "{path}: <link {tag}>");
        }
    }
    let css = site.asset("style.css");
    assert!(!css.contains("url("), "the stylesheet loads nothing");
    assert!(!css.contains("@import"), "the stylesheet loads nothing");
}
