//! Pictures: the timeline on the home page and term pages, the citation
//! graph on entry pages; inline SVG with text alternatives, no script.

use crate::support::{build, corpus_entries, fixture, repo_root, section, starter_site};

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
    let entries = corpus_entries(&repo_root().join("corpus")).len();
    let described = desc.text().unwrap_or_default();
    assert!(
        described.starts_with("Entries by year and type: 1998–")
            && described.ends_with(&format!(", {entries} entries.")),
        "{described}"
    );
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
    assert_eq!(counted, entries);
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

/// The greyscale value (Rec. 601 luma, 0–255) of `#rrggbb`, as a
/// black-and-white printer renders a colour.
fn luma(hex: &str) -> f64 {
    let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
    0.299 * channel(1) + 0.587 * channel(3) + 0.114 * channel(5)
}

#[test]
fn timeline_types_stay_apart_in_black_and_white_print() {
    let css = starter_site().asset("style.css");
    let mut greys: Vec<(f64, &str)> = ["case", "policy", "principle", "recommendation", "instrument", "report"]
        .into_iter()
        .map(|kind| {
            let rule = format!(".kind-{kind} {{ fill: ");
            let at = css.find(&rule).unwrap_or_else(|| panic!("no {rule}")) + rule.len();
            (luma(&css[at..at + 7]), kind)
        })
        .collect();
    greys.sort_by(|a, b| a.0.total_cmp(&b.0));
    for pair in greys.windows(2) {
        assert!(
            pair[1].0 - pair[0].0 >= 25.0,
            "{} and {} are too close in grey: {greys:?}",
            pair[0].1,
            pair[1].1
        );
    }
    // Stacked segments are outlined, so two of them never merge, and a
    // light one still shows on white paper.
    assert!(
        css.contains("svg.timeline rect { stroke: var(--text); stroke-width: 1; }"),
        "{css}"
    );
    // Paper cannot unfold the table: a copy of it is printed instead.
    let home = starter_site().page("index.html");
    let printed = section(&home, r#"<div class="timeline-table timeline-print">"#, "</div>");
    assert!(
        printed.contains(r#"<th scope="row"><a href="years/1998.html">1998</a></th>"#),
        "{printed}"
    );
    assert!(css.contains(".timeline-print { display: none; }"));
    let print = &css[css.find("@media print").unwrap()..];
    assert!(print.contains(".timeline-print { display: block; }"), "{print}");
}
