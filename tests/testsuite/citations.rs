//! Cross-references as a reader sees them: pinpoints, "Cited by" grouped by
//! type, typed relations both ways, related entries.

use std::sync::OnceLock;

use crate::support::{build, fixture, section, Site};

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&fixture("citations/corpus"), &[]))
}

#[test]
fn numbered_paragraphs_have_anchors_and_visible_pinpoints() {
    let page = site().page("cases/trial-judgment.html");
    assert!(page.contains(r##"<p id="p2" class="numbered"><a class="pinpoint" href="#p2" aria-label="Paragraph 2">[2]</a> Persecution on gender grounds was charged.</p>"##), "{page}");
}

#[test]
fn pinpoint_references_link_to_the_paragraph() {
    let page = site().page("cases/appeal-judgment.html");
    assert!(page.contains(r#"<a href="../cases/trial-judgment.html#p2" title="The Prosecutor v. Doe (trial judgment)">Doe (trial), ¶ 2</a>"#), "{page}");
    assert!(
        page.contains(r#"href="../cases/trial-judgment.html#findings""#),
        "{page}"
    );
    let trial = site().page("cases/trial-judgment.html");
    assert!(
        trial.contains(
            r#"<a href="../instruments/statute.html#p7" title="The Example Statute">article 7 of the Statute</a>"#
        ),
        "{trial}"
    );
}

#[test]
fn cited_by_is_grouped_by_type_with_the_pinpoints_cited() {
    let page = site().page("cases/trial-judgment.html");
    let cited_by = section(&page, r#"<h2 id="cited-by">"#, "</section>");
    let cases = cited_by.find("<h3>Cases").expect("cases group");
    let policies = cited_by.find("<h3>Policies").expect("policies group");
    assert!(cases < policies, "{cited_by}");
    assert!(cited_by.contains(r##"<a href="../cases/appeal-judgment.html" lang="en" dir="ltr">Doe (appeal)</a> <span class="muted">(1 June 2021)</span> — cites <a href="#p2">¶ 2</a>, <a href="#findings">§ findings</a>"##), "{cited_by}");
    assert!(cited_by.contains(r##"<a href="../policies/office-policy.html" lang="en" dir="ltr">Office policy</a> <span class="muted">(December 2022)</span> — cites <a href="#p1">¶ 1</a>"##), "{cited_by}");
}

#[test]
fn an_entry_nothing_cites_says_so() {
    let page = site().page("policies/office-policy.html");
    let cited_by = section(&page, r#"<h2 id="cited-by">"#, "</section>");
    assert!(
        cited_by.contains("No entry in this knowledge base cites it yet."),
        "{cited_by}"
    );
}

#[test]
fn relations_show_on_both_pages_with_inverse_labels() {
    let appeal = site().page("cases/appeal-judgment.html");
    let relations = section(&appeal, r#"<h2 id="relations">"#, "</section>");
    assert!(
        relations.contains("<dt>Appeal of</dt>") && relations.contains("../cases/trial-judgment.html"),
        "{relations}"
    );
    let trial = site().page("cases/trial-judgment.html");
    let relations = section(&trial, r#"<h2 id="relations">"#, "</section>");
    assert!(
        relations.contains("<dt>Appealed in</dt>") && relations.contains("../cases/appeal-judgment.html"),
        "{relations}"
    );
}

#[test]
fn cites_lists_front_matter_and_body_references() {
    let trial = site().page("cases/trial-judgment.html");
    let cites = section(&trial, r#"<h2 id="cites">"#, "</section>");
    assert!(
        cites.contains(r#"<a href="../instruments/statute.html" lang="en" dir="ltr">Statute</a>"#),
        "{cites}"
    );
    assert!(
        cites.contains(r#"at <a href="../instruments/statute.html#p7">¶ 7</a>"#),
        "{cites}"
    );
}

#[test]
fn metadata_links_to_taxonomy_pages() {
    let trial = site().page("cases/trial-judgment.html");
    let metadata = section(&trial, r#"<table class="metadata">"#, "</table>");
    for expected in [
        r#"<a href="../courts/example-trial-chamber.html">Example Trial Chamber</a>"#,
        r#"<td>EX-01/20</td>"#,
        r#"<a href="../countries/ml.html">Mali</a>"#,
        r#"<a href="../grounds/gender.html">Gender</a>, <a href="../grounds/religion.html">Religion</a>"#,
        r#"<a href="../years/2020.html">1 May 2020</a>"#,
    ] {
        assert!(metadata.contains(expected), "{expected} in {metadata}");
    }
}

#[test]
fn related_entries_share_grounds_or_crimes() {
    let appeal = site().page("cases/appeal-judgment.html");
    let related = section(&appeal, r#"<h2 id="related">"#, "</section>");
    assert!(related.contains("../cases/trial-judgment.html"), "{related}");
    assert!(
        !related.contains("../cases/appeal-judgment.html"),
        "not itself: {related}"
    );
}

#[test]
fn tables_and_footnotes_render() {
    let trial = site().page("cases/trial-judgment.html");
    assert!(trial.contains(r#"<th class="align-left">Count</th>"#), "{trial}");
    assert!(trial.contains(r#"class="footnote-definition""#), "{trial}");
    assert!(trial.contains(r#"<h2 id="findings">Findings</h2>"#), "{trial}");
}

#[test]
fn raw_html_in_a_body_is_inert() {
    let statute = site().page("instruments/statute.html");
    for forbidden in ["<script", "XSS-RAN", "tracker.example", "javascript:"] {
        assert!(!statute.contains(forbidden), "{forbidden} in {statute}");
    }
    assert!(statute.contains("Article 7 lists crimes against humanity."));
}
