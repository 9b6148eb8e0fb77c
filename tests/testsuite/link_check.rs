//! A link checker over the built sites: every relative `href` and `src`
//! resolves to a file of the site, and every `#anchor` exists in it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use crate::support::{attribute_values, build, fixture, ids, starter_site, Site};

/// Every broken link of a site, as "page: target (reason)".
fn broken_links(site: &Site) -> Vec<String> {
    broken_links_in(&site.out)
}

/// Every link and anchor of the HTML files under `root` that does not
/// resolve to a file (and anchor) under `root`.
pub fn broken_links_in(root: &std::path::Path) -> Vec<String> {
    let files = crate::support::read_tree(root);
    let anchors: BTreeMap<&str, BTreeSet<String>> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| {
            (
                path.as_str(),
                ids(&String::from_utf8_lossy(bytes)).into_iter().collect(),
            )
        })
        .collect();
    let mut broken = Vec::new();
    for (page, page_anchors) in &anchors {
        let html = String::from_utf8_lossy(&files[*page]).into_owned();
        let targets = attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"));
        for target in targets {
            if is_external(&target) {
                continue;
            }
            let (path, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let resolved = if path.is_empty() {
                Some(page.to_string())
            } else {
                resolve(page, path)
            };
            let Some(resolved) = resolved else {
                broken.push(format!("{page}: {target} (leaves the site)"));
                continue;
            };
            if path.ends_with('/') || !files.contains_key(&resolved) {
                broken.push(format!("{page}: {target} (no file {resolved})"));
                continue;
            }
            if !fragment.is_empty() {
                let target_anchors = anchors.get(resolved.as_str()).unwrap_or(page_anchors);
                if !target_anchors.contains(fragment) {
                    broken.push(format!("{page}: {target} (no anchor #{fragment})"));
                }
            }
        }
    }
    broken
}

fn is_external(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:")
}

/// `target` relative to the folder of `page`, as a site path; `None` if it
/// climbs out of the site.
fn resolve(page: &str, target: &str) -> Option<String> {
    let base = Path::new(page).parent().unwrap_or(Path::new(""));
    let mut parts: Vec<String> = Vec::new();
    for component in base.join(target).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(PathBuf::from_iter(parts).to_string_lossy().replace('\\', "/"))
}

#[test]
fn every_link_and_anchor_of_the_starter_site_resolves() {
    let broken = broken_links(starter_site());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_link_and_anchor_of_the_citation_fixture_resolves() {
    let site = build(&fixture("citations/corpus"), &[]);
    let broken = broken_links(&site);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn internal_links_are_relative_and_name_files() {
    let site = starter_site();
    for (path, bytes) in site.files() {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for href in attribute_values(&html, "href") {
            if is_external(&href) || href.starts_with('#') {
                continue;
            }
            assert!(!href.starts_with('/'), "{path}: absolute link {href}");
            let file = href.split('#').next().unwrap();
            let name = file.rsplit('/').next().unwrap_or_default();
            assert!(
                name.contains('.') && !name.ends_with('.'),
                "{path}: link to {href} does not name a file"
            );
        }
    }
}

#[test]
fn the_checker_reports_a_missing_page_and_a_missing_anchor() {
    let site = build(&fixture("citations/corpus"), &[]);
    std::fs::remove_file(site.out.join("policies/office-policy.html")).unwrap();
    let statute = site.out.join("instruments/statute.html");
    let html = std::fs::read_to_string(&statute)
        .unwrap()
        .replace(r#"id="p7""#, r#"id="gone""#);
    std::fs::write(&statute, html).unwrap();
    let broken = broken_links(&site).join("\n");
    assert!(broken.contains("no file policies/office-policy.html"), "{broken}");
    assert!(
        broken.contains("instruments/statute.html#p7 (no anchor #p7)"),
        "{broken}"
    );
    assert_eq!(resolve("index.html", "../x.html"), None);
}
