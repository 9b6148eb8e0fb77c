//! Pictures: the timeline on the home page and term pages, the citation
//! graph on entry pages; inline SVG with text alternatives, no script.

use crate::common::{build, fixture, starter_site};

/// The first inline SVG of a page, parsed as XML.
fn svg_of(html: &str) -> String {
    let start = html.find("<svg").expect("an inline SVG");
    let end = html[start..].find("</svg>").expect("closed") + start + "</svg>".len();
    html[start..end].to_string()
}

#[test]
fn the_home_page_has_an_accessible_timeline_with_a_table() {
    let home = starter_site().page("index.html");
    let svg = svg_of(&home);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    let title = root.children().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some("Entries by year and type"));
    let desc = root.children().find(|n| n.has_tag_name("desc")).unwrap();
    assert_eq!(desc.text(), Some("Entries by year and type: 1998–2025, 23 entries."));
    // One bar segment per year and type present, counting every entry.
    let counted: usize = root
        .children()
        .filter(|n| n.has_tag_name("rect"))
        .map(|r| {
            let label = r.first_element_child().unwrap().text().unwrap();
            label
                .rsplit('(')
                .next()
                .unwrap()
                .trim_end_matches(')')
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(counted, 23);
    // The same counts as a table, each year linking its page.
    assert!(home.contains("<summary>The timeline as a table</summary>"), "{home}");
    assert!(
        home.contains(r#"<th scope="row"><a href="years/1998.html">1998</a></th>"#),
        "{home}"
    );
    assert!(!home.contains("<script"), "no script");
}

#[test]
fn a_term_page_has_the_timeline_of_its_entries() {
    let page = starter_site().page("countries/ml.html");
    let svg = svg_of(&page);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let desc = doc.root_element().children().find(|n| n.has_tag_name("desc")).unwrap();
    let count = page.matches(r#"<li class="card">"#).count();
    assert!(
        desc.text().unwrap().ends_with(&format!(", {count} entries.")),
        "{:?} vs {count}",
        desc.text()
    );
    // A year's page needs no timeline of one year.
    assert!(!starter_site().page("years/2024.html").contains("<svg"));
}

#[test]
fn an_entry_page_draws_what_it_cites_and_what_cites_it() {
    let site = build(&fixture("citations/corpus"), &[]);
    let page = site.page("cases/trial-judgment.html");
    assert!(page.contains(r#"<h2 id="citation-graph">Citation graph</h2>"#));
    let svg = svg_of(&page);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    let desc = root.children().find(|n| n.has_tag_name("desc")).unwrap();
    assert!(
        desc.text().unwrap().contains("cites 1 entry; cited by 2 entries."),
        "{:?}",
        desc.text()
    );
    let labels: Vec<&str> = root
        .children()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    for name in ["Doe (appeal)", "Office policy", "Statute", "Doe (trial)"] {
        assert!(labels.contains(&name), "{name} in {labels:?}");
    }
    // An entry with no citation either way has no graph.
    let lonely = build(&fixture("feeds-root/corpus"), &[]);
    assert!(!lonely.page("cases/a-case.html").contains("<svg"));
}

#[test]
fn titles_in_pictures_are_escaped() {
    let site = crate::citation_export::site();
    let page = site.page("cases/special-case.html");
    let svg = svg_of(&page);
    roxmltree::Document::parse(&svg).expect("well-formed despite <, & and quotes in titles");
    assert!(svg.contains("O&apos;Brien &amp; Sons"), "{svg}");
}
