//! Feeds and data: Atom feeds of the newest entries, the sitemap with a
//! `base_url`, and `entries.json`. The XML is read with a real parser, so
//! anything not well-formed fails.

use crate::citation_export::site;
use crate::support::{build, fixture, starter_site};

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn children<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    node.children().filter(|n| n.has_tag_name((ATOM, name))).collect()
}

fn text_of(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    children(node, name)
        .first()
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_atom_feed_lists_the_newest_entries_with_escaped_text() {
    let xml = site().page("feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed Atom");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    assert_eq!(text_of(feed, "title"), "Exports & Feeds <Test>");
    assert_eq!(
        text_of(feed, "updated"),
        "2024-01-01T00:00:00Z",
        "the newest entry's date, no clock"
    );
    assert_eq!(text_of(feed, "id"), "https://example.org/kb/feed.xml");
    let entries = children(feed, "entry");
    let titles: Vec<String> = entries.iter().map(|e| text_of(*e, "title")).collect();
    assert_eq!(
        titles,
        [
            "Prosecutor v. Later (appeal)",
            r"Prosecutor v. O'Brien & Sons {50% of 100$} #1 a_b ~ ^ \ <b>",
            "Field report on gender persecution",
            "The Example Statute",
        ]
    );
    let special = entries[1];
    let link = children(special, "link")[0];
    assert_eq!(
        link.attribute("href"),
        Some("https://example.org/kb/cases/special-case.html")
    );
    assert_eq!(text_of(special, "updated"), "2023-03-07T00:00:00Z");
    assert_eq!(
        text_of(special, "summary"),
        "A summary over\ntwo lines, with <tags> & \"quotes\"."
    );
    assert!(!xml.contains("CANARY-SEALED-EXPORT"));
}

#[test]
fn each_type_has_its_own_feed_linked_from_its_listing() {
    let doc_text = site().page("cases/feed.xml");
    let doc = roxmltree::Document::parse(&doc_text).unwrap();
    let entries = children(doc.root_element(), "entry");
    assert_eq!(entries.len(), 2);
    assert!(entries
        .iter()
        .all(|e| children(*e, "category")[0].attribute("term") == Some("case")));
    let listing = site().page("cases/index.html");
    assert!(listing.contains(r#"<link rel="alternate" type="application/atom+xml" title="Exports &amp; Feeds &lt;Test&gt;" href="../feed.xml">"#), "{listing}");
    assert!(
        listing.contains(
            r#"type="application/atom+xml" title="Cases · Exports &amp; Feeds &lt;Test&gt;" href="../cases/feed.xml">"#
        ),
        "{listing}"
    );
    // An empty type still has a valid feed.
    let empty = site().page("principles/feed.xml");
    let doc = roxmltree::Document::parse(&empty).unwrap();
    assert!(children(doc.root_element(), "entry").is_empty());
}

#[test]
fn without_a_base_url_feed_links_are_relative_to_the_feed() {
    let xml = starter_site().page("cases/feed.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let entry = children(doc.root_element(), "entry")[0];
    let href = children(entry, "link")[0].attribute("href").unwrap();
    assert!(href.starts_with("../cases/") && href.ends_with(".html"), "{href}");
    assert!(
        text_of(entry, "id").starts_with("urn:amicus:"),
        "a stable id without a host"
    );
    assert!(
        !starter_site().exists("sitemap.xml"),
        "a sitemap needs absolute addresses"
    );
}

#[test]
fn no_page_names_a_canonical_address_without_a_base_url() {
    let pages: Vec<(String, Vec<u8>)> = starter_site()
        .files()
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .collect();
    assert!(pages.len() > 20);
    for (path, bytes) in pages {
        let page = String::from_utf8(bytes).unwrap();
        assert!(!page.contains("rel=\"canonical\""), "{path}");
    }
}

#[test]
fn the_sitemap_lists_every_page_with_canonical_addresses() {
    let xml = site().page("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed sitemap");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((ns, "urlset")));
    let urls: Vec<(String, Option<String>)> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((ns, "url")))
        .map(|u| {
            let get = |name| {
                u.children()
                    .find(|n| n.has_tag_name((ns, name)))
                    .and_then(|n| n.text())
                    .map(str::to_string)
            };
            (get("loc").unwrap(), get("lastmod"))
        })
        .collect();
    let pages = site()
        .files()
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .count();
    assert_eq!(urls.len(), pages);
    assert!(urls.contains(&("https://example.org/kb/".into(), None)));
    assert!(urls.contains(&(
        "https://example.org/kb/cases/special-case.html".into(),
        Some("2023-03-07".into())
    )));
    let page = site().page("cases/special-case.html");
    assert!(page.contains(r#"<link rel="canonical" href="https://example.org/kb/cases/special-case.html">"#));
    assert!(!site().exists("robots.txt"), "robots.txt is only read at a host's root");
    let rooted = build(&fixture("feeds-root/corpus"), &[]);
    assert!(rooted
        .page("robots.txt")
        .contains("Sitemap: https://example.net/sitemap.xml"));
}

#[test]
fn entries_json_describes_every_published_entry_and_its_links() {
    let data: serde_json::Value = serde_json::from_str(&site().page("entries.json")).expect("valid JSON");
    assert_eq!(data["format"], "amicus-entries");
    assert_eq!(data["version"], 1);
    assert_eq!(data["site"]["base_url"], "https://example.org/kb/");
    let entries = data["entries"].as_array().unwrap();
    let ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["field-report", "later-case", "special-case", "statute"]);
    let special = &entries[2];
    assert_eq!(special["type"], "case");
    assert_eq!(special["court"], r#"Trial Chamber "A" & B"#);
    assert_eq!(special["case_number"], "ICC-01/04_02/06");
    assert_eq!(special["date"], "2023-03-07");
    assert_eq!(special["countries"], serde_json::json!(["ML", "CO"]));
    assert_eq!(special["url"], "cases/special-case.html");
    assert_eq!(
        special["absolute_url"],
        "https://example.org/kb/cases/special-case.html"
    );
    assert_eq!(
        special["cites"],
        serde_json::json!([{"id": "statute", "pinpoints": ["p1"]}])
    );
    assert_eq!(
        special["cited_by"],
        serde_json::json!([{"id": "later-case", "pinpoints": []}])
    );
    assert_eq!(
        special["relations"],
        serde_json::json!([{"relation": "appeal_of", "direction": "incoming", "id": "later-case"}])
    );
    assert_eq!(special["exports"]["bibtex"], "cases/special-case.bib");
    assert!(!site().page("entries.json").contains("sealed"));
}
