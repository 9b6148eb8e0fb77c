//! References between entries: checking them and turning them around.
//!
//! `link` checks that every reference of every published entry (`cites`,
//! `relations`, `[[…]]`, pinpoints) names a published entry and an anchor
//! that exists in it, reporting every bad one with a suggestion. It then
//! builds the citation graph both ways, so each page can show what it cites
//! and what cites it ("Cited by"). Only entries that passed `corpus::load`
//! take part, so a withheld entry can never appear in a backlink.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::corpus::{Anchor, Corpus, Entry, EntryId, Reference, ReferenceOrigin, Relation, Status};
use crate::diagnostic::{closest, Diagnostic, Diagnostics, SourceLines};

/// The references from one entry to one other, merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citation {
    /// Pinpoints cited (`#p12`, headings).
    pub anchors: BTreeSet<Anchor>,
    /// Typed relations declared.
    pub relations: BTreeSet<Relation>,
}

/// The citation graph of the published corpus.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// For each entry, the entries it refers to, by id.
    pub outgoing: BTreeMap<EntryId, BTreeMap<EntryId, Citation>>,
    /// For each entry, the entries that refer to it, by id.
    pub incoming: BTreeMap<EntryId, BTreeMap<EntryId, Citation>>,
    /// For each entry with translations, the other versions by language:
    /// every entry linked by `translations:` either way, directly or
    /// through another version.
    pub translations: BTreeMap<EntryId, BTreeMap<String, EntryId>>,
}

impl Links {
    pub fn cites(&self, id: &EntryId) -> impl Iterator<Item = (&EntryId, &Citation)> {
        self.outgoing.get(id).into_iter().flatten()
    }

    pub fn cited_by(&self, id: &EntryId) -> impl Iterator<Item = (&EntryId, &Citation)> {
        self.incoming.get(id).into_iter().flatten()
    }

    /// The entry's versions in other languages, by language.
    pub fn translations_of(&self, id: &EntryId) -> impl Iterator<Item = (&String, &EntryId)> {
        self.translations.get(id).into_iter().flatten()
    }
}

/// Checks every reference and builds the graph; all bad references are
/// reported together. `overturning` are the relations that overturn their
/// target, which must not be dated after the entry declaring them.
pub fn link(corpus: &Corpus, overturning: &[Relation]) -> Result<Links, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut links = Links::default();
    // Citations by (citing, cited) entry position; made into the maps at
    // the end, in order, which is much faster than inserting by id.
    let mut pairs: HashMap<(usize, usize), Citation> = HashMap::new();
    let mut versions: Vec<(EntryId, EntryId)> = Vec::new();
    let mut suggestions = Suggestions::default();
    for entry in &corpus.entries {
        let mut problems = Vec::new();
        for reference in &entry.references {
            match check(corpus, entry, reference, &mut suggestions) {
                Err(Some(problem)) => problems.push(problem),
                Err(None) => {}
                Ok(target) if target.id == entry.id => {}
                Ok(target) if matches!(reference.origin, ReferenceOrigin::Translation(_)) => {
                    if let ReferenceOrigin::Translation(lang) = &reference.origin {
                        if target.lang == *lang {
                            versions.push((entry.id.clone(), target.id.clone()));
                        } else {
                            problems.push(
                                Diagnostic::error(
                                    &entry.path,
                                    reference.span,
                                    format!("`{}` is in `{}`, not `{lang}`", target.id, target.lang),
                                )
                                .with_help(format!(
                                    "name it under `{}:`, or set `lang: {lang}` in its front matter",
                                    target.lang
                                )),
                            );
                        }
                    }
                }
                Ok(target) => {
                    if let ReferenceOrigin::Relation(relation) = &reference.origin {
                        if overturning.contains(relation) && is_before(&entry.date, &target.date) {
                            problems.push(
                                Diagnostic::error(
                                    &entry.path,
                                    reference.span,
                                    format!(
                                        "`{}` is dated {}, before `{}` ({}), which it says it {}",
                                        entry.id,
                                        entry.date.iso(),
                                        target.id,
                                        target.date.iso(),
                                        relation.key().replace('_', " ")
                                    ),
                                )
                                .with_help("an entry can only overturn an earlier one: check both dates, or the direction of the relation"),
                            );
                        }
                    }
                    record(corpus, &mut pairs, entry, target, reference)
                }
            }
        }
        if !problems.is_empty() {
            let text = crate::corpus::read_text(&entry.path).unwrap_or_default();
            let lines = SourceLines::new(&text);
            diagnostics.extend(problems.into_iter().map(|d| d.with_line_of(&lines)));
        }
    }
    if diagnostics.has_errors() {
        diagnostics.sort();
        return Err(diagnostics);
    }
    links.translations = group_versions(corpus, &versions);
    (links.outgoing, links.incoming) = citation_maps(corpus, pairs);
    Ok(links)
}

/// Both directions of the citation graph, keyed by id.
type CitationMap = BTreeMap<EntryId, BTreeMap<EntryId, Citation>>;

/// The citation maps both ways from citations by entry position. Entries
/// are sorted by id, so position order is id order.
fn citation_maps(corpus: &Corpus, pairs: HashMap<(usize, usize), Citation>) -> (CitationMap, CitationMap) {
    let mut sorted: Vec<((usize, usize), Citation)> = pairs.into_iter().collect();
    sorted.sort_unstable_by_key(|(key, _)| *key);
    let id = |index: usize| corpus.entries[index].id.clone();
    let group = |items: &mut dyn Iterator<Item = (usize, usize, Citation)>| -> CitationMap {
        let mut map = CitationMap::new();
        let mut current: Option<(usize, Vec<(EntryId, Citation)>)> = None;
        for (key, other, citation) in items {
            match &mut current {
                Some((k, list)) if *k == key => list.push((id(other), citation)),
                _ => {
                    if let Some((k, list)) = current.take() {
                        map.insert(id(k), list.into_iter().collect());
                    }
                    current = Some((key, vec![(id(other), citation)]));
                }
            }
        }
        if let Some((k, list)) = current {
            map.insert(id(k), list.into_iter().collect());
        }
        map
    };
    let outgoing = group(&mut sorted.iter().map(|((from, to), c)| (*from, *to, c.clone())));
    let mut reversed: Vec<(usize, usize, Citation)> = sorted.into_iter().map(|((from, to), c)| (to, from, c)).collect();
    reversed.sort_unstable_by_key(|(to, from, _)| (*to, *from));
    let incoming = group(&mut reversed.into_iter());
    (outgoing, incoming)
}

/// Joins entries named as translations of each other into groups (a
/// translation of a translation is one too), and gives each member the
/// others by language. Two versions in one language keep the first by id.
fn group_versions(corpus: &Corpus, pairs: &[(EntryId, EntryId)]) -> BTreeMap<EntryId, BTreeMap<String, EntryId>> {
    let mut group_of: BTreeMap<EntryId, EntryId> = BTreeMap::new();
    fn find(group_of: &BTreeMap<EntryId, EntryId>, id: &EntryId) -> EntryId {
        let mut current = id.clone();
        while let Some(parent) = group_of.get(&current).filter(|p| **p != current) {
            current = parent.clone();
        }
        current
    }
    for (a, b) in pairs {
        let (ra, rb) = (find(&group_of, a), find(&group_of, b));
        group_of.entry(ra.clone()).or_insert_with(|| ra.clone());
        group_of.entry(rb.clone()).or_insert_with(|| rb.clone());
        if ra != rb {
            let (keep, merge) = if ra < rb { (ra, rb) } else { (rb, ra) };
            group_of.insert(merge, keep);
        }
        group_of.entry(a.clone()).or_insert_with(|| a.clone());
        group_of.entry(b.clone()).or_insert_with(|| b.clone());
    }
    let mut groups: BTreeMap<EntryId, Vec<EntryId>> = BTreeMap::new();
    for id in group_of.keys() {
        groups.entry(find(&group_of, id)).or_default().push(id.clone());
    }
    let mut result = BTreeMap::new();
    for members in groups.values() {
        for id in members {
            let mut others: BTreeMap<String, EntryId> = BTreeMap::new();
            for other in members.iter().filter(|o| *o != id) {
                if let Some(entry) = corpus.get(other.as_str()) {
                    others.entry(entry.lang.clone()).or_insert_with(|| other.clone());
                }
            }
            result.insert(id.clone(), others);
        }
    }
    result
}

fn record(
    corpus: &Corpus,
    pairs: &mut HashMap<(usize, usize), Citation>,
    from: &Entry,
    to: &Entry,
    reference: &Reference,
) {
    let (Some(from), Some(to)) = (corpus.position(from.id.as_str()), corpus.position(to.id.as_str())) else {
        return;
    };
    let citation = pairs.entry((from, to)).or_default();
    if let Some(anchor) = &reference.anchor {
        citation.anchors.insert(anchor.clone());
    }
    if let ReferenceOrigin::Relation(relation) = &reference.origin {
        citation.relations.insert(relation.clone());
    }
}

/// The entry a reference names, or why it cannot be followed (`None` when
/// the target's own file has errors, already reported).
fn check<'c>(
    corpus: &'c Corpus,
    from: &Entry,
    reference: &Reference,
    suggestions: &mut Suggestions,
) -> Result<&'c Entry, Option<Diagnostic>> {
    let error = |message: String| Diagnostic::error(&from.path, reference.span, message);
    let Some(target) = corpus.get(&reference.target) else {
        let id = EntryId::parse(&reference.target);
        if id.as_ref().is_some_and(|id| corpus.failed.contains(id)) {
            return Err(None);
        }
        let withheld = id.and_then(|id| corpus.withheld.get(&id).copied());
        return Err(Some(match withheld {
            Some(Status::Confidential) => error(format!(
                "`{}` is confidential: a published entry may not refer to it",
                reference.target
            ))
            .with_help("remove the reference; confidential entries are never published"),
            Some(_) => error(format!("`{}` is a draft and is not published", reference.target))
                .with_help("publish it (`status: published`), remove the reference, or preview with `--drafts`"),
            None => error(format!("unknown entry `{}`", reference.target))
                .with_help(suggestions.for_id(corpus, &reference.target)),
        }));
    };
    match &reference.anchor {
        Some(anchor) if !target.has_anchor(anchor) => Err(Some(
            error(missing_anchor_message(target, anchor)).with_help(suggest_anchor(target, anchor)),
        )),
        _ => Ok(target),
    }
}

/// Whether `a` is surely earlier than `b`, comparing only what both dates
/// know (`2021` is not before `2021-06-01`).
fn is_before(a: &crate::corpus::EntryDate, b: &crate::corpus::EntryDate) -> bool {
    if a.year != b.year {
        return a.year < b.year;
    }
    if a.month == 0 || b.month == 0 || a.month != b.month {
        return a.month != 0 && b.month != 0 && a.month < b.month;
    }
    a.day != 0 && b.day != 0 && a.day < b.day
}

fn missing_anchor_message(target: &Entry, anchor: &Anchor) -> String {
    match anchor {
        Anchor::Paragraph(n) => format!("`{}` has no numbered paragraph [{n}]", target.id),
        Anchor::Heading(slug) => format!("`{}` has no heading or anchor `#{slug}`", target.id),
    }
}

/// The help of unknown ids, each worked out once: comparing an id with
/// every entry's costs the size of the corpus, and a file may hold tens of
/// thousands of references. Past [`Suggestions::LIMIT`] different unknown
/// ids, the help is the general one.
#[derive(Default)]
struct Suggestions {
    known: HashMap<String, String>,
}

impl Suggestions {
    const LIMIT: usize = 1000;

    fn for_id(&mut self, corpus: &Corpus, written: &str) -> String {
        if let Some(help) = self.known.get(written) {
            return help.clone();
        }
        if self.known.len() >= Self::LIMIT {
            return GENERAL_ID_HELP.to_string();
        }
        let help = suggest_id(corpus, written);
        self.known.insert(written.to_string(), help.clone());
        help
    }
}

const GENERAL_ID_HELP: &str = "an id is the file name of an entry without `.md`";

fn suggest_id(corpus: &Corpus, written: &str) -> String {
    if let Some(near) = closest(written, corpus.entries.iter().map(|e| e.id.as_str())) {
        return format!("did you mean `{near}`?");
    }
    let similar: Vec<&str> = corpus
        .entries
        .iter()
        .map(|e| e.id.as_str())
        .filter(|id| written.split('-').any(|part| part.len() > 2 && id.contains(part)))
        .take(5)
        .collect();
    if similar.is_empty() {
        GENERAL_ID_HELP.to_string()
    } else {
        format!("known ids: {}", similar.join(", "))
    }
}

fn suggest_anchor(target: &Entry, anchor: &Anchor) -> String {
    let paragraphs = &target.outline.paragraphs;
    match anchor {
        Anchor::Paragraph(_) if paragraphs.is_empty() => format!("`{}` has no numbered paragraphs", target.id),
        Anchor::Paragraph(_) => format!("its numbered paragraphs are {}", ranges(paragraphs)),
        Anchor::Heading(slug) => match closest(slug, target.outline.headings.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `#{near}`?"),
            None if target.outline.headings.is_empty() => format!("`{}` has no headings", target.id),
            None => format!(
                "its headings are: {}",
                target
                    .outline
                    .headings
                    .iter()
                    .map(|h| format!("#{h}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    }
}

/// `1–20, 22, 25–26`.
fn ranges(numbers: &BTreeSet<u32>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut iter = numbers.iter().copied().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end + 1)) {
            end = iter.next().unwrap_or(end);
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_compare_only_at_their_common_precision() {
        let d = |t| crate::corpus::EntryDate::parse(t).unwrap();
        assert!(is_before(&d("2020-05-01"), &d("2021")));
        assert!(is_before(&d("2021-05"), &d("2021-06-01")));
        assert!(!is_before(&d("2021"), &d("2021-06-01")));
        assert!(!is_before(&d("2021-06"), &d("2021-06-01")));
        assert!(!is_before(&d("2021-06-02"), &d("2021-06-01")));
    }

    #[test]
    fn paragraph_ranges_are_compact() {
        assert_eq!(ranges(&BTreeSet::from([1, 2, 3, 5, 7, 8])), "1–3, 5, 7–8");
    }
}
