//! References between entries: checking them and turning them around.
//!
//! `link` checks that every reference of every published entry (`cites`,
//! `relations`, `[[…]]`, pinpoints) names a published entry and an anchor
//! that exists in it, reporting every bad one with a suggestion. It then
//! builds the citation graph both ways, so each page can show what it cites
//! and what cites it ("Cited by"). Only entries that passed `corpus::load`
//! take part, so a withheld entry can never appear in a backlink.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::corpus::{Anchor, Corpus, Entry, EntryId, Reference, ReferenceOrigin, Relation, Status};
use crate::diagnostic::{closest, Diagnostic, Diagnostics, SourceLines};

/// The references from one entry to one other, merged.
///
/// Its anchors and relations are sets, kept as sorted vectors: a citation
/// holds one or two, and the graph of a large corpus holds every citation
/// twice (a `BTreeSet` of one anchor takes a node of eleven).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct Citation {
    /// Pinpoints cited (`#p12`, headings), sorted, each once.
    pub(crate) anchors: Vec<Anchor>,
    /// Typed relations declared, sorted, each once.
    pub(crate) relations: Vec<Relation>,
}

impl Citation {
    fn add_anchor(&mut self, anchor: &Anchor) {
        insert_sorted(&mut self.anchors, anchor);
    }

    fn add_relation(&mut self, relation: &Relation) {
        insert_sorted(&mut self.relations, relation);
    }
}

/// Adds `value` to the sorted set `set` unless it holds it.
fn insert_sorted<T: Ord + Clone>(set: &mut Vec<T>, value: &T) {
    if let Err(at) = set.binary_search(value) {
        set.insert(at, value.clone());
    }
}

/// The citation graph of the published corpus.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// For each entry, the entries it refers to, by id.
    pub(crate) outgoing: BTreeMap<EntryId, BTreeMap<EntryId, Citation>>,
    /// For each entry, the entries that refer to it, by id.
    pub(crate) incoming: BTreeMap<EntryId, BTreeMap<EntryId, Citation>>,
    /// For each entry with translations, the other versions by language:
    /// every entry linked by `translations:` either way, directly or
    /// through another version.
    pub(crate) translations: BTreeMap<EntryId, BTreeMap<String, EntryId>>,
    /// Which links these are, and what changed since earlier ones.
    pub(crate) version: LinksVersion,
}

/// Tells a cache keyed by entries whose links changed since the links it
/// last saw, without comparing them all (at 10,000 entries, hashing every
/// entry's links costs more than an edit's whole link stage).
#[derive(Debug, Clone, Default)]
pub(crate) struct LinksVersion {
    /// Unique in the process to each state of the links.
    pub(crate) number: u64,
    /// When these links are an earlier state patched: its number, and the
    /// entries whose links (either way, or translations) the patch moved.
    pub(crate) patched: Option<(u64, BTreeSet<EntryId>)>,
}

/// What changed in the links since a state seen before.
pub(crate) enum LinkMoves<'a> {
    /// Nothing.
    None,
    /// The links of these entries.
    Some(&'a BTreeSet<EntryId>),
    /// Anything (the links seen before are not known to these).
    All,
}

impl LinkMoves<'_> {
    pub(crate) fn of(&self, id: &EntryId) -> bool {
        match self {
            LinkMoves::None => false,
            LinkMoves::Some(moved) => moved.contains(id),
            LinkMoves::All => true,
        }
    }
}

impl LinksVersion {
    fn next() -> u64 {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    /// What moved since the state numbered `seen`.
    pub(crate) fn moves_since(&self, seen: Option<u64>) -> LinkMoves<'_> {
        match (&self.patched, seen) {
            (_, Some(seen)) if seen == self.number => LinkMoves::None,
            (Some((from, moved)), Some(seen)) if *from == seen => LinkMoves::Some(moved),
            _ => LinkMoves::All,
        }
    }
}

impl Links {
    pub(crate) fn cites(&self, id: &EntryId) -> impl Iterator<Item = (&EntryId, &Citation)> {
        self.outgoing.get(id).into_iter().flatten()
    }

    pub(crate) fn cited_by(&self, id: &EntryId) -> impl Iterator<Item = (&EntryId, &Citation)> {
        self.incoming.get(id).into_iter().flatten()
    }

    /// The entry's versions in other languages, by language.
    pub(crate) fn translations_of(&self, id: &EntryId) -> impl Iterator<Item = (&String, &EntryId)> {
        self.translations.get(id).into_iter().flatten()
    }
}

/// Checks every reference and builds the graph; all bad references are
/// reported together. `overturning` are the relations that overturn their
/// target, which must not be dated after the entry declaring them.
pub fn link(corpus: &Corpus, overturning: &[Relation]) -> Result<Links, Diagnostics> {
    let links = LinkCache::default().link(corpus, overturning)?;
    Ok(Arc::try_unwrap(links).unwrap_or_else(|shared| (*shared).clone()))
}

/// The links of the last build, kept by `serve` so that a rebuild checks
/// again only the entries an edit can have changed the links of: the
/// edited entries and those referring to them. Anything that can change
/// the links of any entry (an entry added or removed, withheld or failing
/// to load, the overturning relations) makes the rebuild check them all.
/// Either way the result is the one [`link`] gives (tested on random
/// edits).
#[derive(Debug, Default)]
pub(crate) struct LinkCache {
    last: Option<LastLinks>,
}

/// The links of a build, with what they were made from.
#[derive(Debug)]
struct LastLinks {
    /// See [`corpus_key`].
    corpus_key: u64,
    /// Each entry's revision.
    revisions: HashMap<EntryId, u64>,
    /// The translations each entry names (only entries naming some).
    versions: BTreeMap<EntryId, Vec<EntryId>>,
    links: Arc<Links>,
}

impl LinkCache {
    /// Checks every reference and builds the graph, as [`link`] does. The
    /// links are shared with the cache: a build drops its copy before the
    /// next, so that the next patches them in place.
    pub(crate) fn link(&mut self, corpus: &Corpus, overturning: &[Relation]) -> Result<Arc<Links>, Diagnostics> {
        let corpus_key = corpus_key(corpus, overturning);
        let result = match self.last.take() {
            Some(last) if last.corpus_key == corpus_key => relink(corpus, overturning, last),
            _ => link_all(corpus, overturning, corpus_key),
        };
        match result {
            Ok(last) => {
                let links = Arc::clone(&last.links);
                self.last = Some(last);
                Ok(links)
            }
            Err(mut diagnostics) => {
                diagnostics.sort();
                Err(diagnostics)
            }
        }
    }
}

/// A hash of what the links of every entry depend on besides its own
/// targets: which ids are published, withheld or failed (an unknown id's
/// "did you mean" reads them all), and which relations overturn.
fn corpus_key(corpus: &Corpus, overturning: &[Relation]) -> u64 {
    let mut hasher = DefaultHasher::new();
    overturning.hash(&mut hasher);
    corpus.entries.len().hash(&mut hasher);
    for entry in &corpus.entries {
        entry.id.hash(&mut hasher);
    }
    (&corpus.withheld, &corpus.failed).hash(&mut hasher);
    hasher.finish()
}

fn link_all(corpus: &Corpus, overturning: &[Relation], corpus_key: u64) -> Result<LastLinks, Diagnostics> {
    let found: Vec<EntryLinks> = corpus
        .entries
        .par_iter()
        .map(|entry| link_entry(corpus, entry, overturning))
        .collect();
    let mut diagnostics = Diagnostics::default();
    let mut versions = BTreeMap::new();
    let mut outgoing = CitationMap::new();
    for (entry, found) in corpus.entries.iter().zip(found) {
        diagnostics.extend(found.problems);
        if !found.versions.is_empty() {
            versions.insert(entry.id.clone(), found.versions);
        }
        if !found.outgoing.is_empty() {
            outgoing.insert(entry.id.clone(), found.outgoing);
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let links = Links {
        incoming: turned_around(&outgoing),
        outgoing,
        translations: group_versions(corpus, &versions),
        version: LinksVersion {
            number: LinksVersion::next(),
            patched: None,
        },
    };
    Ok(LastLinks {
        corpus_key,
        revisions: corpus.entries.iter().map(|e| (e.id.clone(), e.revision)).collect(),
        versions,
        links: Arc::new(links),
    })
}

/// [`link_all`] after an edit that changed no id: checks again the
/// changed entries and those that refer to them (whose pinpoints, dates
/// or languages may no longer hold), and patches the graph.
fn relink(corpus: &Corpus, overturning: &[Relation], mut last: LastLinks) -> Result<LastLinks, Diagnostics> {
    let changed: Vec<&EntryId> = corpus
        .entries
        .iter()
        .filter(|entry| last.revisions.get(&entry.id) != Some(&entry.revision))
        .map(|entry| &entry.id)
        .collect();
    if changed.is_empty() {
        return Ok(last);
    }
    let mut again: BTreeSet<&EntryId> = changed.iter().copied().collect();
    for id in &changed {
        again.extend(last.links.cited_by(id).map(|(from, _)| from));
        let naming = last.versions.iter().filter(|(_, named)| named.contains(id));
        again.extend(naming.map(|(from, _)| from));
    }
    let found: Vec<(&Entry, EntryLinks)> = again
        .par_iter()
        .filter_map(|id| corpus.get(id.as_str()))
        .map(|entry| (entry, link_entry(corpus, entry, overturning)))
        .collect();
    let mut diagnostics = Diagnostics::default();
    for (_, found) in &found {
        diagnostics.extend(found.problems.iter().cloned());
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let links = Arc::make_mut(&mut last.links);
    let mut versions_moved = false;
    let mut moved = BTreeSet::new();
    for (entry, found) in found {
        last.revisions.insert(entry.id.clone(), entry.revision);
        let before = match found.versions.is_empty() {
            true => last.versions.remove(&entry.id),
            false => last.versions.insert(entry.id.clone(), found.versions),
        };
        versions_moved |= before.as_ref() != last.versions.get(&entry.id);
        replace_outgoing(links, &entry.id, found.outgoing, &mut moved);
    }
    if versions_moved {
        links.translations = group_versions(corpus, &last.versions);
    }
    let number = links.version.number;
    links.version = LinksVersion {
        number: LinksVersion::next(),
        // New translations can reach entries no edit touched.
        patched: (!versions_moved).then_some((number, moved)),
    };
    Ok(last)
}

/// Sets what `from` cites, in both directions of the graph, and adds to
/// `moved` the entries whose links that changes.
fn replace_outgoing(
    links: &mut Links,
    from: &EntryId,
    outgoing: BTreeMap<EntryId, Citation>,
    moved: &mut BTreeSet<EntryId>,
) {
    // Most entries checked again after an edit cite what they cited.
    let unchanged = match links.outgoing.get(from) {
        Some(old) => *old == outgoing,
        None => outgoing.is_empty(),
    };
    if unchanged {
        return;
    }
    let old = links.outgoing.remove(from).unwrap_or_default();
    moved.insert(from.clone());
    moved.extend(old.keys().chain(outgoing.keys()).cloned());
    for to in old.keys() {
        if let Some(citing) = links.incoming.get_mut(to) {
            citing.remove(from);
            if citing.is_empty() {
                links.incoming.remove(to);
            }
        }
    }
    for (to, citation) in &outgoing {
        let citing = links.incoming.entry(to.clone()).or_default();
        citing.insert(from.clone(), citation.clone());
    }
    if !outgoing.is_empty() {
        links.outgoing.insert(from.clone(), outgoing);
    }
}

/// What checking one entry's references found.
#[derive(Debug, Default)]
struct EntryLinks {
    /// The entries it refers to, with what it cites of each.
    outgoing: BTreeMap<EntryId, Citation>,
    /// The entries it names as its translations.
    versions: Vec<EntryId>,
    problems: Vec<Diagnostic>,
}

/// Checks the references of one entry.
fn link_entry(corpus: &Corpus, entry: &Entry, overturning: &[Relation]) -> EntryLinks {
    let mut found = EntryLinks::default();
    let mut suggestions = Suggestions::default();
    for reference in &entry.references {
        let target = match check(corpus, entry, reference, &mut suggestions) {
            Ok(target) if target.id == entry.id => continue,
            Ok(target) => target,
            Err(problem) => {
                found.problems.extend(problem);
                continue;
            }
        };
        match &reference.origin {
            ReferenceOrigin::Translation(lang) if target.lang == *lang => found.versions.push(target.id.clone()),
            ReferenceOrigin::Translation(lang) => found.problems.push(
                Diagnostic::error(
                    &entry.path,
                    reference.span,
                    format!("`{}` is in `{}`, not `{lang}`", target.id, target.lang),
                )
                .with_help(format!(
                    "name it under `{}:`, or set `lang: {lang}` in its front matter",
                    target.lang
                )),
            ),
            origin => {
                let citation = found.outgoing.entry(target.id.clone()).or_default();
                if let Some(anchor) = &reference.anchor {
                    citation.add_anchor(anchor);
                }
                if let ReferenceOrigin::Relation(relation) = origin {
                    citation.add_relation(relation);
                    if overturning.contains(relation) && is_before(&entry.date, &target.date) {
                        found.problems.push(overturns_later(entry, target, reference, relation));
                    }
                }
            }
        }
    }
    if !found.problems.is_empty() {
        let text = crate::corpus::read_text(&entry.path).unwrap_or_default();
        let lines = SourceLines::new(&text);
        let problems = std::mem::take(&mut found.problems);
        found.problems = problems.into_iter().map(|d| d.with_line_of(&lines)).collect();
    }
    found
}

fn overturns_later(entry: &Entry, target: &Entry, reference: &Reference, relation: &Relation) -> Diagnostic {
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
    .with_help("an entry can only overturn an earlier one: check both dates, or the direction of the relation")
}

/// Both directions of the citation graph, keyed by id.
type CitationMap = BTreeMap<EntryId, BTreeMap<EntryId, Citation>>;

/// The graph the other way round: for each entry, who refers to it.
fn turned_around(outgoing: &CitationMap) -> CitationMap {
    let mut incoming = CitationMap::new();
    for (from, cited) in outgoing {
        for (to, citation) in cited {
            let citing = incoming.entry(to.clone()).or_default();
            citing.insert(from.clone(), citation.clone());
        }
    }
    incoming
}

/// Joins entries named as translations of each other into groups (a
/// translation of a translation is one too), and gives each member the
/// others by language. Two versions in one language keep the first by id.
fn group_versions(
    corpus: &Corpus,
    versions: &BTreeMap<EntryId, Vec<EntryId>>,
) -> BTreeMap<EntryId, BTreeMap<String, EntryId>> {
    let pairs = versions.iter().flat_map(|(a, named)| named.iter().map(move |b| (a, b)));
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
