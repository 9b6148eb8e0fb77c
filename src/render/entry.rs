//! The entry page: metadata, body, sources, relations, "Cites", "Cited by"
//! and related entries.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::site::{direction, Site};
use super::view::{
    Card, CitationGroup, CitationView, Download, EntryView, MetaRow, MetaValue, PinpointView, SourceView,
    TranslationLink,
};
use crate::config::RelationDef;
use crate::corpus::{BodyUnread, Entry, EntryId, EntryType, Relation};
use crate::export::{self, Format};
use crate::i18n::{autonym, Strings};
use crate::links::Citation;
use crate::markdown::{self, ResolvedLink};
use crate::pictures;
use crate::taxonomy::{newest_first, TaxonomyKind, Term};

/// How many related entries an entry page lists.
const RELATED: usize = 5;

/// The entry page's view, its interface strings from `ui`.
pub(super) fn entry_view(site: &Site<'_>, ui: &Strings, index: usize, related: &[usize]) -> EntryView {
    let entry = &site.corpus.entries[index];
    EntryView {
        id: entry.id.to_string(),
        title: entry.title.clone(),
        type_label: ui.type_label(entry.kind),
        type_plural: ui.type_plural(entry.kind),
        type_url: format!("{}/index.html", entry.kind.folder()),
        lang: entry.lang.clone(),
        dir: direction(&entry.lang),
        summary: entry.summary.clone(),
        metadata: metadata(site, ui, entry),
        body_html: String::new(),
        sources: entry
            .sources
            .iter()
            .map(|s| SourceView {
                title: s.title.clone(),
                url: s.url.clone(),
            })
            .collect(),
        relations: relations(site, ui, entry),
        overturned_by: overturned_by(site, ui, entry),
        cites: cites(site, ui, entry),
        cited_by: cited_by(site, ui, entry),
        related: related
            .iter()
            .map(|&other| Card::of(&site.corpus.entries[other], ui))
            .collect(),
        citation_text: export::formatted(entry, &ui.date(&entry.date), site.config),
        exports: Format::ALL
            .into_iter()
            .map(|format| Download {
                label: format.label().into(),
                url: export::entry_file(entry, format),
            })
            .collect(),
        translations: site
            .links
            .translations_of(&entry.id)
            .filter_map(|(lang, id)| site.corpus.get(id.as_str()).map(|other| (lang, other)))
            .map(|(lang, other)| TranslationLink {
                lang: lang.clone(),
                dir: direction(lang),
                language: autonym(lang),
                title: other.title.clone(),
                url: other.url(),
            })
            .collect(),
        graph: graph(site, ui, entry),
    }
}

/// The citation graph, its sides in the order of the lists below it.
fn graph(site: &Site<'_>, ui: &Strings, entry: &Entry) -> Option<String> {
    let cited_by = graph_side(site, site.links.cited_by(&entry.id).collect());
    let cites = graph_side(site, site.links.cites(&entry.id).collect());
    pictures::citation_graph(entry, &cited_by, &cites, ui)
}

fn graph_side<'s, 'a>(site: &Site<'s>, mut items: Vec<(&'a EntryId, &'a Citation)>) -> pictures::Side<'s> {
    sort_citations(site, &mut items);
    pictures::Side {
        total: items.len(),
        entries: items
            .iter()
            .take(pictures::GRAPH_SIDE)
            .filter_map(|(id, _)| site.corpus.get(id.as_str()))
            .collect(),
    }
}

/// Feeds `hasher` everything the body's HTML depends on: its Markdown and
/// the names and places of the entries it links to.
pub(super) fn hash_body_inputs(site: &Site<'_>, entry: &Entry, hasher: &mut impl Hasher) {
    // A body left in its file is hashed by the file's bytes.
    entry.body.hash(hasher);
    for reference in &entry.references {
        reference.target.hash(hasher);
        if let Some(target) = site.corpus.get(&reference.target) {
            (target.kind, &target.title, target.display_title()).hash(hasher);
        }
    }
}

/// The body's HTML, `[[…]]` resolved to relative links from the entry's
/// folder; an error when the body could not be read again.
pub(super) fn body_html(site: &Site<'_>, entry: &Entry) -> Result<String, BodyUnread> {
    let resolve = |destination: &str| -> Option<ResolvedLink> {
        let (id, fragment) = match destination.split_once('#') {
            Some((id, fragment)) => (id.trim(), Some(fragment.trim())),
            None => (destination, None),
        };
        let target = site.corpus.get(id)?;
        let page = if target.id == entry.id {
            String::new()
        } else {
            format!("../{}", target.url())
        };
        let (href, label) = match fragment {
            Some(fragment) => {
                let anchor = crate::corpus::Anchor::parse(fragment);
                let pin = PinpointView::of(&anchor, &page);
                (pin.url, format!("{}, {}", target.display_title(), pin.label))
            }
            None => (
                if page.is_empty() { "#main".into() } else { page },
                target.display_title().to_string(),
            ),
        };
        Some(ResolvedLink {
            href,
            label,
            title: target.title.clone(),
        })
    };
    let paragraph_label = site.ui_for(&entry.lang).t("paragraph_n");
    Ok(markdown::render_in(&entry.body()?, &resolve, paragraph_label))
}

fn metadata(site: &Site<'_>, ui: &Strings, entry: &Entry) -> Vec<MetaRow> {
    let text = |t: &str| MetaValue {
        text: t.to_string(),
        url: None,
    };
    let linked = |kind: TaxonomyKind| -> Vec<MetaValue> {
        site.taxonomy(kind)
            .links_of(entry)
            .into_iter()
            .map(|(label, url)| MetaValue {
                text: label,
                url: Some(url),
            })
            .collect()
    };
    let mut rows = vec![MetaRow {
        label: ui.t("meta_type").into(),
        values: vec![MetaValue {
            text: ui.type_label(entry.kind),
            url: Some(format!("{}/index.html", entry.kind.folder())),
        }],
    }];
    let mut date = vec![text(&ui.date(&entry.date))];
    date[0].url = site.taxonomy(TaxonomyKind::Year).url_of(&entry.date.year.to_string());
    rows.push(MetaRow {
        label: ui.t("meta_date").into(),
        values: date,
    });
    let optional: [(&'static str, Vec<MetaValue>); 8] = [
        ("meta_court", linked(TaxonomyKind::Court)),
        ("meta_case_number", entry.case_number.iter().map(|c| text(c)).collect()),
        ("meta_issued_by", entry.issuer.iter().map(|c| text(c)).collect()),
        ("meta_citation", entry.citation.iter().map(|c| text(c)).collect()),
        ("meta_countries", linked(TaxonomyKind::Country)),
        ("meta_grounds", linked(TaxonomyKind::Grounds)),
        ("meta_crimes", linked(TaxonomyKind::Crimes)),
        (
            "meta_language",
            if entry.lang != site.config.language {
                vec![text(&autonym(&entry.lang))]
            } else {
                Vec::new()
            },
        ),
    ];
    rows.extend(
        optional
            .into_iter()
            .filter(|(_, values)| !values.is_empty())
            .map(|(key, values)| MetaRow {
                label: ui.t(key).into(),
                values,
            }),
    );
    rows
}

fn citation_view(
    site: &Site<'_>,
    ui: &Strings,
    id: &EntryId,
    citation: &Citation,
    pinpoint_page: Option<&str>,
) -> Option<CitationView> {
    site.corpus
        .get(id.as_str())
        .map(|other| citation_view_of(ui, other, citation, pinpoint_page))
}

fn citation_view_of(ui: &Strings, other: &Entry, citation: &Citation, pinpoint_page: Option<&str>) -> CitationView {
    let url = other.url();
    let page = pinpoint_page.unwrap_or(&url);
    CitationView {
        title: other.display_title().to_string(),
        lang: other.lang.clone(),
        dir: direction(&other.lang),
        type_label: ui.type_label(other.kind),
        pinpoints: citation.anchors.iter().map(|a| PinpointView::of(a, page)).collect(),
        url,
        date: ui.date(&other.date),
    }
}

/// Sorted the way listings are: by type, then newest first.
fn sort_citations<'a>(site: &Site<'_>, items: &mut [(&'a EntryId, &'a Citation)]) {
    // Each entry is looked up once, not at every comparison.
    items.sort_by_cached_key(|&(id, _)| {
        let entry = site.corpus.get(id.as_str());
        (entry.map(|e| e.kind), std::cmp::Reverse(entry.map(|e| e.date)), id)
    });
}

/// What the entry cites, pinpoints linking into the cited page.
fn cites(site: &Site<'_>, ui: &Strings, entry: &Entry) -> Vec<CitationView> {
    let mut items: Vec<_> = site.links.cites(&entry.id).collect();
    sort_citations(site, &mut items);
    items
        .into_iter()
        .filter_map(|(id, citation)| citation_view(site, ui, id, citation, None))
        .collect()
}

/// Who cites the entry, grouped by type in the order of `EntryType::ALL`;
/// pinpoints link into this page.
fn cited_by(site: &Site<'_>, ui: &Strings, entry: &Entry) -> Vec<CitationGroup> {
    let mut items: Vec<_> = site.links.cited_by(&entry.id).collect();
    sort_citations(site, &mut items);
    let mut groups: Vec<(EntryType, CitationGroup)> = Vec::new();
    // Sorted by type: each group is one run of the list.
    for (id, citation) in items {
        let Some(other) = site.corpus.get(id.as_str()) else {
            continue;
        };
        if groups.last().is_none_or(|(kind, _)| *kind != other.kind) {
            let group = CitationGroup {
                label: ui.type_plural(other.kind),
                items: Vec::new(),
            };
            groups.push((other.kind, group));
        }
        if let Some((_, group)) = groups.last_mut() {
            group.items.push(citation_view_of(ui, other, citation, Some("")));
        }
    }
    groups.into_iter().map(|(_, group)| group).collect()
}

/// The labels of a relation: as configured, or from the interface strings
/// (`relation_appeal_of`, `relation_appeal_of_inverse`).
pub(super) fn relation_labels(ui: &Strings, def: &RelationDef) -> (String, String) {
    let key = def.relation.key();
    (
        def.label
            .clone()
            .unwrap_or_else(|| ui.t(&format!("relation_{key}")).to_string()),
        def.inverse
            .clone()
            .unwrap_or_else(|| ui.t(&format!("relation_{key}_inverse")).to_string()),
    )
}

/// The entries related to `entry` by `relation`, one way, as listed.
fn related_by(
    site: &Site<'_>,
    ui: &Strings,
    relation: &Relation,
    pairs: &mut dyn Iterator<Item = (&EntryId, &Citation)>,
) -> Vec<CitationView> {
    let mut items: Vec<_> = pairs.filter(|(_, c)| c.relations.contains(relation)).collect();
    sort_citations(site, &mut items);
    items
        .into_iter()
        .filter_map(|(id, citation)| citation_view(site, ui, id, citation, None))
        .map(|mut view| {
            view.pinpoints.clear();
            view
        })
        .collect()
}

/// Typed relations both ways: "Appeal of" here is "Appealed in" there, in
/// the order of the site's relations.
fn relations(site: &Site<'_>, ui: &Strings, entry: &Entry) -> Vec<CitationGroup> {
    let defs = &site.relations;
    let outgoing = defs.iter().map(|def| CitationGroup {
        label: relation_labels(ui, def).0,
        items: related_by(site, ui, &def.relation, &mut site.links.cites(&entry.id)),
    });
    let incoming: Vec<_> = defs
        .iter()
        .map(|def| CitationGroup {
            label: relation_labels(ui, def).1,
            items: related_by(site, ui, &def.relation, &mut site.links.cited_by(&entry.id)),
        })
        .collect();
    outgoing
        .chain(incoming)
        .filter(|group| !group.items.is_empty())
        .collect()
}

/// The entries that overturn this one (by any relation marked `overturns`),
/// for the warning at the top of its page.
fn overturned_by(site: &Site<'_>, ui: &Strings, entry: &Entry) -> Vec<CitationGroup> {
    site.relations
        .iter()
        .filter(|def| def.overturns)
        .map(|def| CitationGroup {
            label: relation_labels(ui, def).1,
            items: related_by(site, ui, &def.relation, &mut site.links.cited_by(&entry.id)),
        })
        .filter(|group| !group.items.is_empty())
        .collect()
}

/// Entries sharing the most grounds and crimes with this one, a rare value
/// counting for more than a common one (weight 1/df).
///
/// Bounded work per entry, whatever the corpus size: values are taken
/// rarest first; a value held by at most `FULL_SCAN` entries adds all of
/// them as candidates, a commoner one only raises the score of candidates
/// already found (or, when none are, adds its `FULL_SCAN` newest entries).
pub(super) fn related_indices(site: &Site<'_>, index: usize) -> Vec<usize> {
    const FULL_SCAN: usize = 300;
    let entry = &site.corpus.entries[index];
    let mut terms: Vec<(TaxonomyKind, &str, &Term)> = Vec::new();
    for (kind, keys) in [
        (TaxonomyKind::Grounds, &entry.grounds),
        (TaxonomyKind::Crimes, &entry.crimes),
    ] {
        let taxonomy = site.taxonomy(kind);
        terms.extend(
            keys.iter()
                .filter_map(|key| taxonomy.term(key).map(|term| (kind, key.as_str(), term))),
        );
    }
    terms.sort_by_key(|(kind, key, term)| (term.entries.len(), *kind, *key));
    let mut scores: HashMap<usize, u64> = HashMap::new();
    for (kind, key, term) in terms {
        // Integer weights keep the order exact and deterministic.
        let weight = 1_000_000 / term.entries.len() as u64;
        if term.entries.len() <= FULL_SCAN || scores.is_empty() {
            for &other in term.entries.iter().filter(|&&o| o != index).take(FULL_SCAN) {
                *scores.entry(other).or_default() += weight;
            }
        } else {
            for (&other, score) in scores.iter_mut() {
                if carries(&site.corpus.entries[other], kind, key) {
                    *score += weight;
                }
            }
        }
    }
    let mut ranked: Vec<(usize, u64)> = scores.into_iter().collect();
    let order = |a: &(usize, u64), b: &(usize, u64)| b.1.cmp(&a.1).then_with(|| newest_first(site.corpus, a.0, b.0));
    // Only the best few are shown: select them, then sort just those.
    if ranked.len() > RELATED {
        ranked.select_nth_unstable_by(RELATED, order);
        ranked.truncate(RELATED);
    }
    ranked.sort_by(order);
    ranked.into_iter().map(|(other, _)| other).collect()
}

/// The other entries whose data the page of entry `index` shows: what it
/// cites and what cites it (typed relations included), its translations,
/// and its related entries. The page changes only if the entry or one of
/// these does.
pub(super) fn dependencies(site: &Site<'_>, index: usize, related: &[usize]) -> Vec<EntryId> {
    let entry = &site.corpus.entries[index];
    let mut ids: Vec<EntryId> = neighbours(site, &entry.id).cloned().collect();
    ids.extend(related.iter().map(|&other| site.corpus.entries[other].id.clone()));
    ids.sort();
    ids.dedup();
    ids
}

/// The entries linked with `id` either way, and its translations.
pub(super) fn neighbours<'s>(site: &'s Site<'_>, id: &EntryId) -> impl Iterator<Item = &'s EntryId> {
    site.links
        .cites(id)
        .chain(site.links.cited_by(id))
        .map(|(other, _)| other)
        .chain(site.links.translations_of(id).map(|(_, other)| other))
}

/// What of an entry decides which entries list it as related: its values
/// and its date (which breaks ties).
pub(super) fn related_facet(entry: &Entry) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    (&entry.grounds, &entry.crimes, entry.date).hash(&mut hasher);
    hasher.finish()
}

/// Whether `entry` has the grounds or crimes value `key`.
fn carries(entry: &Entry, kind: TaxonomyKind, key: &str) -> bool {
    let values = match kind {
        TaxonomyKind::Grounds => &entry.grounds,
        _ => &entry.crimes,
    };
    values.iter().any(|value| value == key)
}
