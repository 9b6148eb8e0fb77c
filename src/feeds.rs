//! Feeds and site maps: an Atom feed of the newest entries (`feed.xml`) and
//! one per type (`cases/feed.xml`, …); with a `base_url`, `sitemap.xml`
//! (and, when the site is at the root of its host, `robots.txt` naming it).
//!
//! Built from the published corpus only. Dates come from the entries, never
//! from the clock, so the same corpus gives the same bytes. Without a
//! `base_url` the links in a feed are relative to the feed's own address,
//! which a feed reader resolves against the file it fetched.

use crate::config::SiteConfig;
use crate::corpus::{Corpus, Entry, EntryDate, EntryType};
use crate::escape;
use crate::i18n::Strings;
use crate::output::OutputFile;

/// Entries in a feed.
pub(crate) const FEED_SIZE: usize = 50;

/// The feed of all entries, relative to the site root.
pub(crate) const MAIN_FEED: &str = "feed.xml";

/// The feed of one type, relative to the site root.
pub(crate) fn type_feed(kind: EntryType) -> String {
    format!("{}/feed.xml", kind.folder())
}

/// The feeds, and with a `base_url` the sitemap and robots.txt.
/// `pages` are the HTML files of the site; `newest` the indices of its
/// entries newest first ([`crate::taxonomy::newest_first`]).
pub(crate) fn files(
    corpus: &Corpus,
    config: &SiteConfig,
    ui: &Strings,
    pages: &[&str],
    newest: &[usize],
) -> Vec<OutputFile> {
    let mut files = vec![OutputFile {
        path: MAIN_FEED.into(),
        bytes: atom(corpus, config, ui, MAIN_FEED, None, newest).into_bytes().into(),
    }];
    for kind in EntryType::ALL {
        let of_kind: Vec<usize> = newest
            .iter()
            .copied()
            .filter(|&i| corpus.entries[i].kind == kind)
            .take(FEED_SIZE)
            .collect();
        let path = type_feed(kind);
        let bytes = atom(corpus, config, ui, &path, Some(kind), &of_kind).into_bytes();
        files.push(OutputFile {
            path,
            bytes: bytes.into(),
        });
    }
    if let Some(base) = &config.base_url {
        files.push(OutputFile {
            path: "sitemap.xml".into(),
            bytes: sitemap(corpus, base, pages).into_bytes().into(),
        });
        // Crawlers read robots.txt only at the root of a host.
        let at_host_root = base.splitn(4, '/').nth(3).is_none_or(str::is_empty);
        if at_host_root {
            files.push(OutputFile {
                path: "robots.txt".into(),
                bytes: format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n")
                    .into_bytes()
                    .into(),
            });
        }
    }
    files
}

/// RFC 3339 at midnight UTC; a month or year known alone is its first day.
pub(crate) fn rfc3339(date: &EntryDate) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year,
        date.month.max(1),
        date.day.max(1)
    )
}

/// A link from the file at `from` to the page at `to` (both relative to
/// the root): absolute under a `base_url`, relative otherwise.
fn href(config: &SiteConfig, from: &str, to: &str) -> String {
    match &config.base_url {
        Some(base) => format!("{base}{to}"),
        None => format!("{}{to}", "../".repeat(from.matches('/').count())),
    }
}

/// A stable identifier: the page's address, or without a `base_url` a URN
/// naming the site and the entry.
fn entry_id(config: &SiteConfig, entry: &Entry) -> String {
    match &config.base_url {
        Some(base) => format!("{base}{}", entry.url()),
        None => format!("urn:amicus:{}:{}", site_slug(config), entry.id),
    }
}

fn site_slug(config: &SiteConfig) -> String {
    let slug = crate::markdown::slugify(&config.title);
    if slug.is_empty() {
        "site".into()
    } else {
        slug
    }
}

fn atom(
    corpus: &Corpus,
    config: &SiteConfig,
    ui: &Strings,
    path: &str,
    kind: Option<EntryType>,
    newest: &[usize],
) -> String {
    let title = match kind {
        Some(kind) => format!("{} · {}", ui.type_plural(kind), config.title),
        None => config.title.clone(),
    };
    let listing = match kind {
        Some(kind) => format!("{}/index.html", kind.folder()),
        None => "index.html".into(),
    };
    let updated = newest
        .iter()
        .map(|&i| corpus.entries[i].date)
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| rfc3339(&d));
    let feed_id = match &config.base_url {
        Some(base) => format!("{base}{path}"),
        None => format!("urn:amicus:{}:{}", site_slug(config), path),
    };
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape::xml(&config.language)
    ));
    xml.push_str(&format!("  <title>{}</title>\n", escape::xml(&title)));
    if !config.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape::xml(&config.description)
        ));
    }
    xml.push_str(&format!("  <id>{}</id>\n", escape::xml(&feed_id)));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape::xml(&href(config, path, path))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape::xml(&href(config, path, &listing))
    ));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape::xml(&config.title)
    ));
    xml.push_str("  <generator>amicus</generator>\n");
    for &index in newest.iter().take(FEED_SIZE) {
        let entry = &corpus.entries[index];
        let date = rfc3339(&entry.date);
        // Each entry in its own language, which may not be the feed's.
        xml.push_str(&format!("  <entry xml:lang=\"{}\">\n", escape::xml(&entry.lang)));
        xml.push_str(&format!("    <title>{}</title>\n", escape::xml(&entry.title)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape::xml(&href(config, path, &entry.url()))
        ));
        xml.push_str(&format!("    <id>{}</id>\n", escape::xml(&entry_id(config, entry))));
        xml.push_str(&format!("    <published>{date}</published>\n"));
        xml.push_str(&format!("    <updated>{date}</updated>\n"));
        if let Some(by) = entry.court.as_ref().or(entry.issuer.as_ref()) {
            xml.push_str(&format!("    <author><name>{}</name></author>\n", escape::xml(by)));
        }
        xml.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            entry.kind.name(),
            escape::xml(&ui.type_label(entry.kind))
        ));
        let summary = match (&entry.summary, &entry.case_number) {
            (Some(summary), _) => summary.clone(),
            (None, Some(number)) => number.clone(),
            (None, None) => ui.date(&entry.date),
        };
        xml.push_str(&format!("    <summary>{}</summary>\n", escape::xml(&summary)));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Every page but the 404 page; entry pages carry their date as
/// `lastmod` (W3C datetime allows a year or a month alone).
fn sitemap(corpus: &Corpus, base: &str, pages: &[&str]) -> String {
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut pages: Vec<&str> = pages.iter().copied().filter(|p| *p != "404.html").collect();
    pages.sort_unstable();
    for page in pages {
        let shown = page.strip_suffix("index.html").unwrap_or(page);
        xml.push_str(&format!("  <url><loc>{}</loc>", escape::xml(&format!("{base}{shown}"))));
        let entry = page
            .split_once('/')
            .and_then(|(_, file)| file.strip_suffix(".html"))
            .and_then(|id| corpus.get(id))
            .filter(|e| e.url() == page);
        if let Some(entry) = entry {
            xml.push_str(&format!("<lastmod>{}</lastmod>", entry.date.iso()));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imprecise_dates_become_the_first_day() {
        let date = EntryDate::parse("2021-12").unwrap();
        assert_eq!(rfc3339(&date), "2021-12-01T00:00:00Z");
    }
}
