//! Pictures drawn at build time as inline SVG: a timeline of entries by
//! year and type (home page, taxonomy term pages) and a citation graph of
//! one entry (entry pages).
//!
//! They need no JavaScript and print as they show: the theme colours each
//! type in its own step of lightness and outlines every bar segment, so a
//! black-and-white print keeps the types and the stacked segments apart.
//! Each is an `<svg role="img">` with a `<title>` and a `<desc>`, and the
//! timeline comes with a table of the same counts (folded on screen,
//! printed on paper; the entry page's "Cites" and "Cited by" lists are the
//! graph's). Their size is bounded by what they show, not by the corpus:
//! the timeline has one column per year, the graph at most [`GRAPH_SIDE`]
//! entries a side. All coordinates are integers, so the output is the same
//! everywhere.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::corpus::{Corpus, Entry, EntryType};
use crate::escape;
use crate::i18n::Strings;

/// Entries shown on each side of a citation graph; more are counted.
pub(crate) const GRAPH_SIDE: usize = 8;

/// The counts of one year of a timeline, by type in `EntryType::ALL` order.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct YearRow {
    pub(crate) year: i32,
    pub(crate) counts: Vec<usize>,
    pub(crate) total: usize,
    /// The year's page, relative to the site root.
    pub(crate) url: String,
}

/// A timeline: the SVG and the table that says the same.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Timeline {
    pub(crate) svg: String,
    /// The column headings of the table: the types.
    pub(crate) types: Vec<String>,
    pub(crate) rows: Vec<YearRow>,
}

/// The timeline of `entries` (indices into the corpus): one column per year
/// from the first to the last, stacked by type. `None` when there is
/// nothing to draw.
pub(crate) fn timeline(corpus: &Corpus, entries: &[usize], ui: &Strings, id: &str) -> Option<Timeline> {
    let mut years: BTreeMap<i32, [usize; 6]> = BTreeMap::new();
    for &index in entries {
        let entry = &corpus.entries[index];
        years.entry(entry.date.year).or_default()[entry.kind as usize] += 1;
    }
    let (&first, &last) = (years.keys().next()?, years.keys().next_back()?);
    let span = (last - first + 1) as usize;
    let highest = years
        .values()
        .map(|c| c.iter().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);

    let (width, height, left, bottom, top) = (640usize, 200usize, 36usize, 28usize, 10usize);
    let plot_width = width - left - 8;
    let plot_height = height - bottom - top;
    let column = plot_width / span.max(1);
    let bar = column.saturating_sub(column / 4).max(1);
    let title = ui.t("timeline_caption");
    let total: usize = years.values().map(|c| c.iter().sum::<usize>()).sum();
    let desc = format!("{}: {first}–{last}, {}.", title, ui.count("entries", total));

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="timeline" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" direction="ltr" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape::xml(title),
        escape::xml(&desc)
    );
    // Axis and the scale's top value.
    let base = top + plot_height;
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{left}" y1="{base}" x2="{}" y2="{base}"/><text class="tick" x="{}" y="{}" text-anchor="end">{highest}</text><text class="tick" x="{}" y="{base}" text-anchor="end">0</text>"#,
        width - 8,
        left - 4,
        top + 8,
        left - 4
    );
    for (&year, counts) in &years {
        let x = left + (year - first) as usize * column + (column - bar) / 2;
        let mut y = base;
        for (kind, &count) in EntryType::ALL.iter().zip(counts) {
            if count == 0 {
                continue;
            }
            let h = (count * plot_height / highest).max(1);
            y -= h;
            let _ = write!(
                svg,
                r#"<rect class="kind-{}" x="{x}" y="{y}" width="{bar}" height="{h}"><title>{year}: {} ({count})</title></rect>"#,
                kind.name(),
                escape::xml(&ui.type_plural(*kind))
            );
        }
    }
    // Year labels: the first, the last, and about eight between.
    let step = span.div_ceil(8).max(1);
    for offset in (0..span).step_by(step).chain(std::iter::once(span - 1)) {
        let year = first + offset as i32;
        let x = left + offset * column + column / 2;
        let _ = write!(
            svg,
            r#"<text class="tick" x="{x}" y="{}" text-anchor="middle">{year}</text>"#,
            base + 16
        );
        if offset == span - 1 {
            break;
        }
    }
    svg.push_str("</svg>");

    let types: Vec<EntryType> = EntryType::ALL
        .into_iter()
        .filter(|k| years.values().any(|c| c[*k as usize] > 0))
        .collect();
    let legend: String = types
        .iter()
        .map(|k| {
            format!(
                r#"<li><span class="swatch kind-{}" aria-hidden="true"></span>{}</li>"#,
                k.name(),
                escape::xml(&ui.type_plural(*k))
            )
        })
        .collect();
    svg.push_str(&format!(r#"<ul class="legend">{legend}</ul>"#));
    Some(Timeline {
        svg,
        types: types.iter().map(|k| ui.type_plural(*k)).collect(),
        rows: years
            .iter()
            .rev()
            .map(|(&year, counts)| YearRow {
                year,
                counts: types.iter().map(|k| counts[*k as usize]).collect(),
                total: counts.iter().sum(),
                url: format!("years/{year}.html"),
            })
            .collect(),
    })
}

/// One side of a citation graph: the entries shown and how many more.
pub(crate) struct Side<'a> {
    pub(crate) entries: Vec<&'a Entry>,
    pub(crate) total: usize,
}

/// The citation graph of `entry`: what cites it on the left, what it cites
/// on the right, each drawn as a labelled node joined to it. `None` when it
/// neither cites nor is cited.
pub(crate) fn citation_graph(entry: &Entry, cited_by: &Side<'_>, cites: &Side<'_>, ui: &Strings) -> Option<String> {
    if cited_by.total == 0 && cites.total == 0 {
        return None;
    }
    let rows = cited_by.entries.len().max(cites.entries.len()).max(1) + 1;
    let (width, row) = (640usize, 26usize);
    let height = rows * row + 20;
    let centre = (width / 2, height / 2);
    let node_width = 190usize;
    let mut svg = String::new();
    let desc = format!(
        "{} {}; {}.",
        ui.t("citation_graph_desc"),
        ui.count("citation_graph_cites", cites.total),
        ui.count("citation_graph_cited", cited_by.total)
    );
    let _ = write!(
        svg,
        r#"<svg class="graph" role="img" aria-labelledby="graph-title graph-desc" viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" direction="ltr" xmlns="http://www.w3.org/2000/svg"><title id="graph-title">{}</title><desc id="graph-desc">{}</desc>"#,
        escape::xml(ui.t("citation_graph")),
        escape::xml(&desc)
    );
    let column = |side: &Side<'_>, x: usize, anchor: &str, edge_x: usize, svg: &mut String| {
        let shown = side.entries.len() + usize::from(side.total > side.entries.len());
        let first_y = centre.1.saturating_sub(shown.saturating_sub(1) * row / 2);
        for (i, other) in side.entries.iter().enumerate() {
            let y = first_y + i * row;
            let _ = write!(
                svg,
                r#"<line class="edge" x1="{edge_x}" y1="{y}" x2="{}" y2="{}"/><circle class="node kind-{}" cx="{edge_x}" cy="{y}" r="5"/><text x="{x}" y="{}" text-anchor="{anchor}">{}</text>"#,
                centre.0,
                centre.1,
                other.kind.name(),
                y + 4,
                escape::xml(&shorten(other.display_title(), 26))
            );
        }
        if side.total > side.entries.len() {
            let y = first_y + side.entries.len() * row;
            let _ = write!(
                svg,
                r#"<text class="more" x="{x}" y="{}" text-anchor="{anchor}">+{}</text>"#,
                y + 4,
                side.total - side.entries.len()
            );
        }
    };
    column(cited_by, 12 + node_width - 8, "end", 12 + node_width, &mut svg);
    column(
        cites,
        width - 12 - node_width + 8,
        "start",
        width - 12 - node_width,
        &mut svg,
    );
    let _ = write!(
        svg,
        r#"<circle class="node current kind-{}" cx="{}" cy="{}" r="9"/><text class="current" x="{}" y="{}" text-anchor="middle">{}</text>"#,
        entry.kind.name(),
        centre.0,
        centre.1,
        centre.0,
        centre.1 + 24,
        escape::xml(&shorten(entry.display_title(), 34))
    );
    let _ = write!(
        svg,
        r#"<text class="tick" x="{}" y="14" text-anchor="middle">{}</text><text class="tick" x="{}" y="14" text-anchor="middle">{}</text>"#,
        12 + node_width / 2,
        escape::xml(ui.t("cited_by")),
        width - 12 - node_width / 2,
        escape::xml(ui.t("cites"))
    );
    svg.push_str("</svg>");
    Some(svg)
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("a very long title indeed", 10), "a very lo…");
    }
}
