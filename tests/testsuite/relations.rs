//! Typed relations as a researcher sees them: configurable in amicus.yaml,
//! shown both ways, and a warning on every entry a later one overturned.

use std::sync::OnceLock;

use crate::support::{build, fixture, section, Site};

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&fixture("relations/corpus"), &[]))
}

#[test]
fn an_overturned_entry_warns_at_the_top_and_names_the_later_one() {
    let page = site().page("cases/first-instance.html");
    let notice = section(&page, r#"<div class="notice notice-warning""#, "</div>");
    assert!(notice.contains("No longer good law."), "{notice}");
    assert!(
        notice.contains(r#"<li>Overturned by <a href="../cases/appeal.html" lang="en" dir="ltr">Doe (appeal)</a> <span class="muted">(15 June 2020)</span></li>"#),
        "{notice}"
    );
    let warning_at = page.find("notice-warning").unwrap();
    assert!(
        warning_at < page.find("<h1").unwrap(),
        "the warning comes before the title"
    );
}

#[test]
fn a_configured_relation_can_overturn_too() {
    let page = site().page("cases/appeal.html");
    let notice = section(&page, r#"<div class="notice notice-warning""#, "</div>");
    assert!(
        notice.contains(r#"<li>Reversed by <a href="../cases/supreme.html" lang="en" dir="ltr">Doe (supreme)</a> <span class="muted">(2021)</span></li>"#),
        "{notice}"
    );
}

#[test]
fn an_entry_that_was_not_overturned_has_no_warning() {
    let page = site().page("cases/supreme.html");
    assert!(!page.contains("notice-warning"), "{page}");
}

#[test]
fn configured_relations_show_both_ways_with_their_labels() {
    let supreme = site().page("cases/supreme.html");
    let relations = section(&supreme, r#"<h2 id="relations">"#, "</section>");
    assert!(relations.contains("<dt>Reverses</dt>"), "{relations}");
    assert!(relations.contains("<dt>Endorses</dt>"), "{relations}");
    let first = site().page("cases/first-instance.html");
    let relations = section(&first, r#"<h2 id="relations">"#, "</section>");
    for label in ["Appealed in", "Overturned by", "Endorsed by"] {
        assert!(relations.contains(&format!("<dt>{label}</dt>")), "{label}: {relations}");
    }
    // Built-in relations come first, in their order, then configured ones.
    let appealed = relations.find("Appealed in").unwrap();
    let overturned = relations.find("Overturned by").unwrap();
    let endorsed = relations.find("Endorsed by").unwrap();
    assert!(appealed < overturned && overturned < endorsed, "{relations}");
}

#[test]
fn a_configured_relation_without_labels_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("amicus.yaml"),
        "relations:\n  reverses: {label: Reverses}\n",
    )
    .unwrap();
    let corpus = fixture("relations/corpus");
    let output = crate::support::amicus(&[
        "check",
        "--corpus",
        corpus.to_str().unwrap(),
        "--config",
        dir.path().join("amicus.yaml").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = crate::support::stderr(&output);
    assert!(text.contains("the relation `reverses` needs a `label`"), "{text}");
    assert!(text.contains("amicus.yaml:2:3"), "{text}");
}

#[test]
fn relations_are_search_filters_both_ways() {
    let corpus = fixture("relations/corpus");
    let ids = |query: &str| -> Vec<String> {
        let output = crate::support::amicus(&["search", "--json", "--corpus", corpus.to_str().unwrap(), "--", query]);
        assert!(output.status.success(), "{query}: {}", crate::support::stderr(&output));
        let answer: serde_json::Value = serde_json::from_str(&crate::support::stdout(&output)).unwrap();
        let results = answer["results"].as_array().unwrap();
        results.iter().map(|r| r["id"].as_str().unwrap().to_string()).collect()
    };
    // Every entry with the "no longer good law" warning, built-in or configured.
    assert_eq!(ids("relation:overturned"), ["appeal", "first-instance"]);
    assert_eq!(ids("-relation:overturned"), ["supreme"]);
    // The declaring side by its key, the other by the passive or inverse label.
    assert_eq!(ids("relation:overturns"), ["appeal"]);
    assert_eq!(ids("relation:appeal_of"), ["appeal"]);
    assert_eq!(ids("relation:appealed"), ["first-instance"]);
    assert_eq!(ids("relation:endorsed-by"), ["first-instance"]);
    assert_eq!(ids("relation:reversed-by"), ["appeal"]);
    // Built-in relations by their inverse label, as the pages show it.
    assert_eq!(ids("relation:overturned-by"), ["first-instance"]);
    assert_eq!(ids("relation:appealed-in"), ["first-instance"]);
    assert_eq!(ids("relation:reverses"), ["supreme"]);
    assert!(ids("relation:applied").is_empty());
    assert!(ids("relation:applied-by").is_empty());
}
