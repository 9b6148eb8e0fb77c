//! Markdown bodies: what they contain, and their HTML.
//!
//! The body of an entry is CommonMark with tables, footnotes, strikethrough
//! and heading attributes, plus two legal conventions:
//!
//! - `[[id]]`, `[[id|label]]`, `[[id#p12]]` link to other entries;
//! - a paragraph that begins with `[12]` is numbered paragraph 12, with the
//!   stable anchor `#p12` and a visible pinpoint link.
//!
//! [`scan`] finds the references, numbered paragraphs and heading anchors
//! (for `corpus::load` to validate); [`render`] turns a body into sanitised
//! HTML once every reference is known to resolve. Both walk the same event
//! stream, so the anchors the one finds are the anchors the other writes.
//!
//! One file, longer than most, on purpose: `scan` and `render` share the
//! rules for anchors, paragraph numbers and references, and a change to one
//! must be made to the other in the same place.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, TextMergeWithOffset};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// A `[[…]]` reference as written in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WikiLink {
    /// `id` or `id#anchor`, as written.
    pub destination: String,
    /// Byte range of the whole `[[…]]` in the body.
    pub range: Range<usize>,
}

/// A problem in a body, at a byte range of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyProblem {
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    /// Byte range in the body of what the problem is about.
    pub range: Range<usize>,
}

/// What a body contains, found without rendering it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyScan {
    /// The numbers of numbered paragraphs (`[12] …`), each once.
    pub paragraphs: BTreeSet<u32>,
    /// The heading anchors, as [`render`] writes them: the `{#id}` given or
    /// the text's slug, with a suffix when that is taken.
    pub headings: BTreeSet<String>,
    /// The `[[…]]` references, in the order written.
    pub links: Vec<WikiLink>,
    /// What the body may not hold: a paragraph number used twice, raw HTML
    /// nested too deep.
    pub problems: Vec<BodyProblem>,
}

/// Parses a body and merges adjacent text events, so that a paragraph
/// number split by the parser (`[`, `12]`) is seen whole. (Merging by hand,
/// copying the text so far at each event, was quadratic on long runs of
/// escapes.)
fn events(body: &str) -> Vec<(Event<'_>, Range<usize>)> {
    TextMergeWithOffset::new(Parser::new_ext(body, options()).into_offset_iter()).collect()
}

/// The number of a paragraph that starts with `[12]`, and the length of that
/// marker including the space after it.
fn paragraph_number(text: &str) -> Option<(u32, usize)> {
    let rest = text.strip_prefix('[')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 6 || rest.starts_with('0') {
        return None;
    }
    let after = &rest[digits..];
    let tail = after.strip_prefix(']')?;
    let space = tail
        .chars()
        .next()
        .map_or(Some(0), |c| c.is_whitespace().then(|| c.len_utf8()))?;
    let number = rest[..digits].parse().ok()?;
    Some((number, 1 + digits + 1 + space))
}

/// The anchor a heading's text gets: ASCII-folded, lowercase, hyphenated.
pub(crate) fn slugify(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// `slug` cut to at most `max` bytes for use as a file name: a long one
/// keeps its first words and ends with a short hash of the whole, so that
/// two long names that begin alike stay apart.
pub(crate) fn slug_within(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let suffix = format!("-{:08x}", crate::hash::fnv1a(slug.as_bytes()) as u32);
    // Slugs are ASCII: every byte is a character boundary.
    let kept = slug[..max.saturating_sub(suffix.len())].trim_end_matches('-');
    format!("{kept}{suffix}")
}

/// Gives headings unique anchors that never collide with paragraph anchors.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    /// For each base, the suffix to try first: every smaller one was taken
    /// (and stays taken), so many headings of one text stay linear.
    next: HashMap<String, usize>,
}

impl HeadingIds {
    fn assign(&mut self, explicit: Option<&str>, text: &str) -> String {
        let base = match explicit {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => {
                let slug = slugify(text);
                if slug.is_empty() {
                    "section".to_string()
                } else {
                    slug
                }
            }
        };
        let mut candidate = base.clone();
        let mut n = self.next.get(&base).copied().unwrap_or(1);
        while self.used.contains(&candidate) || paragraph_anchor_like(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.next.insert(base, n);
        self.used.insert(candidate.clone());
        candidate
    }
}

fn paragraph_anchor_like(id: &str) -> bool {
    id.strip_prefix('p')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The plain text of the events from `start` up to the end of the heading.
fn heading_text(events: &[(Event<'_>, Range<usize>)], start: usize) -> String {
    let mut text = String::new();
    for (event, _) in &events[start..] {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// How deep raw HTML elements may nest. The sanitiser's HTML parser takes
/// time quadratic in the depth (100,000 nested `<div>`s: half a minute), and
/// no document needs more than a few dozen levels.
pub(crate) const MAX_HTML_DEPTH: usize = 500;

/// Elements that never hold others, or that the next of their kind closes:
/// they do not deepen the nesting.
const FLAT_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li",
    "dt", "dd", "tr", "td", "th", "option",
];

/// Follows the nesting depth of raw HTML across a body's fragments.
#[derive(Default)]
struct HtmlDepth {
    depth: usize,
    reported: bool,
}

impl HtmlDepth {
    /// Whether `html` takes the nesting past [`MAX_HTML_DEPTH`] (once).
    fn too_deep_after(&mut self, html: &str) -> bool {
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let closing = rest.starts_with('/');
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if name.is_empty() {
                continue;
            }
            // The tag ends at the next `>`; looking no further than the next
            // `<` keeps the scan linear on a line of unclosed tags.
            let self_closing = rest
                .find(['<', '>'])
                .is_some_and(|end| rest[end..].starts_with('>') && rest[..end].ends_with('/'));
            if closing {
                self.depth = self.depth.saturating_sub(1);
            } else if !self_closing && !FLAT_ELEMENTS.contains(&name.as_str()) {
                self.depth += 1;
            }
        }
        let too_deep = self.depth > MAX_HTML_DEPTH && !self.reported;
        self.reported |= too_deep;
        too_deep
    }
}

/// Finds the numbered paragraphs, heading anchors and `[[…]]` references.
pub fn scan(body: &str) -> BodyScan {
    let events = events(body);
    let mut scan = BodyScan::default();
    let mut headings = HeadingIds::default();
    let mut html_depth = HtmlDepth::default();
    for (index, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Html(html) | Event::InlineHtml(html) if html_depth.too_deep_after(html) => {
                scan.problems.push(BodyProblem {
                    message: format!("raw HTML nested more than {MAX_HTML_DEPTH} elements deep"),
                    help: Some("close the elements you open, or write the structure in Markdown".into()),
                    range: range.clone(),
                });
            }
            Event::Start(Tag::Paragraph) => {
                if let Some((Event::Text(text), text_range)) = events.get(index + 1) {
                    if let Some((number, marker)) = paragraph_number(text) {
                        if !scan.paragraphs.insert(number) {
                            scan.problems.push(BodyProblem {
                                message: format!("paragraph number [{number}] is used twice"),
                                help: Some("numbered paragraphs must be unique within an entry".into()),
                                range: text_range.start..text_range.start + marker,
                            });
                        }
                    }
                }
            }
            Event::Start(Tag::Heading { id, .. }) => {
                let anchor = headings.assign(id.as_deref(), &heading_text(&events, index + 1));
                scan.headings.insert(anchor);
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => scan.links.push(WikiLink {
                destination: dest_url.trim().to_string(),
                range: range.clone(),
            }),
            _ => {}
        }
    }
    scan
}

/// A `[[…]]` reference resolved by the caller: where it goes and what it is
/// called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedLink {
    /// Relative URL from the page being rendered.
    pub href: String,
    /// The label shown when the reference gives none (`[[id]]`).
    pub label: String,
    /// The full title, shown as a tooltip.
    pub title: String,
}

/// Renders a body to sanitised HTML. `resolve` maps a `[[…]]` destination
/// (`id` or `id#anchor`) to its link; an unresolved one is left as text.
/// Paragraph numbers are named in English for screen readers; see
/// [`render_in`].
pub fn render(body: &str, resolve: &dyn Fn(&str) -> Option<ResolvedLink>) -> String {
    render_in(body, resolve, "Paragraph {n}")
}

/// [`render`], naming each numbered paragraph for screen readers with
/// `paragraph_label` (`Paragraphe {n}`), in the page's language.
pub(crate) fn render_in(body: &str, resolve: &dyn Fn(&str) -> Option<ResolvedLink>, paragraph_label: &str) -> String {
    let paragraph_label = crate::escape::html(paragraph_label);
    let events = events(body);
    let has_raw_html = events
        .iter()
        .any(|(event, _)| matches!(event, Event::Html(_) | Event::InlineHtml(_)));
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut headings = HeadingIds::default();
    // Inside a wikilink whose label we replace, the parser's own label
    // events are skipped.
    let mut skipping_label = false;
    // For each open link or image, whether it was kept (its URL is safe).
    let mut kept: Vec<bool> = Vec::new();
    let mut index = 0;
    while index < events.len() {
        let (event, _) = &events[index];
        match event {
            Event::Start(Tag::Paragraph) => match events.get(index + 1) {
                Some((Event::Text(text), _)) if paragraph_number(text).is_some() => {
                    let (number, marker) = paragraph_number(text).unwrap_or_default();
                    let label = paragraph_label.replace("{n}", &number.to_string());
                    out.push(Event::Html(CowStr::from(format!(
                        "<p id=\"p{number}\" class=\"numbered\"><a class=\"pinpoint\" href=\"#p{number}\" aria-label=\"{label}\">[{number}]</a> "
                    ))));
                    out.push(Event::Text(CowStr::from(text[marker..].to_string())));
                    index += 2;
                    continue;
                }
                _ => out.push(event.clone()),
            },
            Event::Start(Tag::Heading { level, id, classes, .. }) => {
                let anchor = headings.assign(id.as_deref(), &heading_text(&events, index + 1));
                // Heading attributes other than id and classes could carry
                // event handlers: they are dropped.
                out.push(Event::Start(Tag::Heading {
                    level: demote_title_level(*level),
                    id: Some(CowStr::from(anchor)),
                    classes: classes.clone(),
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => out.push(Event::End(TagEnd::Heading(demote_title_level(*level)))),
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => match resolve(dest_url.trim()) {
                Some(link) => {
                    out.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url: CowStr::from(link.href),
                        title: CowStr::from(link.title),
                        id: CowStr::Borrowed(""),
                    }));
                    kept.push(true);
                    if !has_pothole {
                        out.push(Event::Text(CowStr::from(link.label)));
                        skipping_label = true;
                    }
                }
                None => {
                    out.push(Event::Text(CowStr::from(format!("[[{dest_url}]]"))));
                    skip_to_link_end(&events, &mut index);
                }
            },
            Event::End(TagEnd::Link) if skipping_label => {
                skipping_label = false;
                kept.pop();
                out.push(event.clone());
            }
            _ if skipping_label => {}
            // A link that could run script is shown as its text; an image
            // from another host (a tracking pixel) as its description.
            Event::Start(Tag::Link { dest_url, .. }) => {
                let safe = is_safe_link(dest_url);
                kept.push(safe);
                if safe {
                    out.push(event.clone());
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let safe = is_local_url(dest_url);
                kept.push(safe);
                if safe {
                    out.push(event.clone());
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if kept.pop().unwrap_or(false) {
                    out.push(event.clone());
                }
            }
            _ => out.push(event.clone()),
        }
        index += 1;
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    // Markdown alone cannot produce script: text and attributes are escaped
    // by the writer and URLs were checked above. Raw HTML can, so a body
    // with any goes through the sanitiser whole (which keeps its structure).
    let html = align_by_class(html);
    if has_raw_html {
        sanitise(&html)
    } else {
        html
    }
}

/// Table cell alignment as a class (`align-left`, styled by the theme)
/// instead of the inline style the Markdown writer gives it: the pages'
/// Content-Security-Policy allows no inline style. Text and attribute values
/// are escaped (`&quot;`), so the pattern can only be a real attribute.
fn align_by_class(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    ["left", "center", "right"].iter().fold(html, |html, side| {
        html.replace(
            &format!(" style=\"text-align: {side}\""),
            &format!(" class=\"align-{side}\""),
        )
    })
}

/// A link URL that is relative, or to the web or an e-mail address.
fn is_safe_link(url: &str) -> bool {
    if is_local_url(url) {
        return true;
    }
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// One block of a body as plain text, for the search index and snippets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainBlock {
    /// The number of a numbered paragraph (`[12] …`), without its marker.
    pub(crate) paragraph: Option<u32>,
    pub(crate) text: String,
    /// The nearest anchor of the page at this block, as [`render`] writes
    /// it: the numbered paragraph's (`p12`), else the heading's the block
    /// is (or stands under), else the footnote's it belongs to; `None`
    /// before any heading.
    pub(crate) anchor: Option<String>,
}

/// The body as plain text, one block per paragraph, heading, list item,
/// table row or code block. `label` gives the text of a `[[…]]` reference
/// written without a label (the same label the page shows).
pub fn plain_blocks(body: &str, label: &dyn Fn(&str) -> Option<String>) -> Vec<PlainBlock> {
    let events = events(body);
    let mut blocks = Vec::new();
    let mut current = PlainBlock {
        paragraph: None,
        text: String::new(),
        anchor: None,
    };
    let mut skipping_label = false;
    // The anchors as `render` assigns them, in the same order.
    let mut headings = HeadingIds::default();
    let mut heading: Option<String> = None;
    let mut footnote: Option<String> = None;
    for (index, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(tag) if is_plain_block(tag) => {
                flush_block(&mut blocks, &mut current);
                match tag {
                    Tag::Heading { id, .. } => {
                        heading = Some(headings.assign(id.as_deref(), &heading_text(&events, index + 1)));
                    }
                    Tag::FootnoteDefinition(name) if is_plain_id(name) => footnote = Some(name.to_string()),
                    _ => {}
                }
                if let (Tag::Paragraph, Some((Event::Text(text), _))) = (tag, events.get(index + 1)) {
                    current.paragraph = paragraph_number(text).map(|(number, _)| number);
                }
                current.anchor = match current.paragraph {
                    Some(number) => Some(format!("p{number}")),
                    None => footnote.clone().or_else(|| heading.clone()),
                };
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                flush_block(&mut blocks, &mut current);
                footnote = None;
            }
            Event::End(tag) if is_plain_block_end(tag) => flush_block(&mut blocks, &mut current),
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole: false },
                dest_url,
                ..
            }) => {
                let label = label(dest_url.trim()).unwrap_or_else(|| dest_url.to_string());
                current.text.push_str(&label);
                skipping_label = true;
            }
            Event::End(TagEnd::Link) => skipping_label = false,
            _ if skipping_label => {}
            Event::Text(text) | Event::Code(text) => {
                let text = match (current.text.is_empty(), current.paragraph) {
                    (true, Some(_)) => paragraph_number(text).map_or(&text[..], |(_, marker)| &text[marker..]),
                    _ => &text[..],
                };
                current.text.push_str(text);
            }
            Event::SoftBreak | Event::HardBreak => current.text.push(' '),
            Event::End(TagEnd::TableCell) => current.text.push_str(" | "),
            _ => {}
        }
    }
    flush_block(&mut blocks, &mut current);
    blocks
}

/// Whether a footnote's name is written as the page's `id` unchanged (the
/// HTML writer escapes others), so that a link to it finds it.
fn is_plain_id(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_plain_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::Item
            | Tag::TableHead
            | Tag::TableRow
            | Tag::CodeBlock(_)
            | Tag::FootnoteDefinition(_)
    )
}

fn is_plain_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::CodeBlock
            | TagEnd::FootnoteDefinition
    )
}

/// Ends the block being collected, keeping it if it holds any text.
fn flush_block(blocks: &mut Vec<PlainBlock>, current: &mut PlainBlock) {
    let mut text = String::with_capacity(current.text.len());
    for word in current.text.split_whitespace() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    // No whitespace leads, so what is trimmed is an end.
    let kept = text.trim_end_matches(" |").trim().len();
    text.truncate(kept);
    if !text.is_empty() {
        blocks.push(PlainBlock {
            paragraph: current.paragraph,
            text,
            anchor: current.anchor.clone(),
        });
    }
    current.paragraph = None;
    current.text.clear();
}

/// Moves `index` to the end of the link that starts at it.
fn skip_to_link_end(events: &[(Event<'_>, Range<usize>)], index: &mut usize) {
    while *index < events.len() && !matches!(events[*index].0, Event::End(TagEnd::Link)) {
        *index += 1;
    }
}

/// The page title is the only `<h1>`; a body heading of level 1 becomes 2.
fn demote_title_level(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        other => other,
    }
}

/// Removes anything that could run script, restyle the page or load a
/// resource from elsewhere, keeping the structure Markdown produces.
pub(crate) fn sanitise(html: &str) -> String {
    ammonia::Builder::default()
        // Pages send no referrer (a meta tag in the theme), so links need
        // no `rel`; links look the same with or without raw HTML around.
        .link_rel(None)
        .add_generic_attributes(["id", "class", "aria-label"])
        .attribute_filter(|_element, attribute, value| match attribute {
            "src" | "poster" if !is_local_url(value) => None,
            "srcset" if !is_local_srcset(value) => None,
            _ => Some(value.into()),
        })
        .clean(html)
        .to_string()
}

/// A URL that stays inside the site: no scheme, no host. It is read as a
/// browser reads it: tabs and line breaks inside are dropped, spaces and
/// control characters around it trimmed, and `\\` taken for `/` (so
/// `/\\evil.example/x.png` is the other host it would load from).
fn is_local_url(url: &str) -> bool {
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .trim_matches(|c: char| c <= ' ')
        .replace('\\', "/");
    !url.starts_with("//")
        && !url
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|first| first.contains(':'))
}

/// Every URL of a `srcset` (`a.png 1x, b.png 2x`) stays inside the site.
fn is_local_srcset(srcset: &str) -> bool {
    srcset
        .split(',')
        .all(|candidate| is_local_url(candidate.split_whitespace().next().unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_blocks_carry_the_anchors_render_writes() {
        let body = "Intro.\n\n## Facts\n\nOne.\n\n## Facts\n\n| a | b |\n|---|---|\n| c | d |\n\n[3] Numbered.\n\nText.[^n1]\n\n[^n1]: A note.\n";
        let html = render(body, &|_| None);
        let anchors: Vec<Option<String>> = plain_blocks(body, &|_| None).into_iter().map(|b| b.anchor).collect();
        let some = |a: &str| Some(a.to_string());
        assert_eq!(
            anchors,
            [
                None,
                some("facts"),
                some("facts"),
                some("facts-1"),
                some("facts-1"),
                some("facts-1"),
                some("p3"),
                some("facts-1"),
                some("n1")
            ]
        );
        for anchor in anchors.into_iter().flatten() {
            assert!(html.contains(&format!("id=\"{anchor}\"")), "{anchor} in {html}");
        }
    }

    #[test]
    fn long_slugs_are_cut_with_a_hash_of_the_whole() {
        assert_eq!(slug_within("short", 100), "short");
        let a = format!("{}-a", "word-".repeat(40));
        let b = format!("{}-b", "word-".repeat(40));
        let (cut_a, cut_b) = (slug_within(&a, 100), slug_within(&b, 100));
        assert!(cut_a.len() <= 100 && cut_b.len() <= 100, "{cut_a}");
        assert_ne!(cut_a, cut_b);
        assert!(cut_a.starts_with("word-word-") && !cut_a.contains("--"), "{cut_a}");
        assert_eq!(cut_a, slug_within(&a, 100), "stable");
    }

    fn resolver(destination: &str) -> Option<ResolvedLink> {
        let (id, anchor) = destination.split_once('#').unwrap_or((destination, ""));
        (id == "known").then(|| ResolvedLink {
            href: if anchor.is_empty() {
                "../cases/known.html".into()
            } else {
                format!("../cases/known.html#{anchor}")
            },
            label: "Known".into(),
            title: "The Known Case".into(),
        })
    }

    #[test]
    fn numbered_paragraphs_get_anchors_and_pinpoint_links() {
        let html = render("[12] The chamber found.\n\n[13]\tNext.", &resolver);
        assert!(html.contains(r##"<p id="p12" class="numbered"><a class="pinpoint" href="#p12" aria-label="Paragraph 12">[12]</a> The chamber found.</p>"##), "{html}");
        assert!(html.contains(r#"id="p13""#), "{html}");
        assert_eq!(scan("[12] a\n\n[13] b\n\n[x] c").paragraphs, BTreeSet::from([12, 13]));
    }

    #[test]
    fn duplicate_paragraph_numbers_are_problems() {
        let scan = scan("[1] a\n\n[1] b");
        assert_eq!(scan.problems.len(), 1);
        assert_eq!(scan.problems[0].range, 7..11);
    }

    #[test]
    fn wikilinks_resolve_with_labels_and_pinpoints() {
        let html = render("See [[known]], [[known|the case]] and [[known#p3]].", &resolver);
        assert!(
            html.contains(r#"<a href="../cases/known.html" title="The Known Case">Known</a>"#),
            "{html}"
        );
        assert!(html.contains(">the case</a>"), "{html}");
        assert!(html.contains(r#"href="../cases/known.html#p3""#), "{html}");
        let found = scan("See [[known]] and [[other#p2|x]].").links;
        assert_eq!(found[0].destination, "known");
        assert_eq!(found[0].range, 4..13);
        assert_eq!(found[1].destination, "other#p2");
    }

    #[test]
    fn plain_blocks_keep_paragraph_numbers_and_link_labels() {
        let blocks = plain_blocks(
            "## Heading *one*\n\n[12] See [[known]] and [[known|the case]].\n\n- item\n- two\n\n| a | b |\n|---|---|\n| c | d |",
            &|id| (id == "known").then(|| "Known".to_string()),
        );
        let texts: Vec<(Option<u32>, &str)> = blocks.iter().map(|b| (b.paragraph, b.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (None, "Heading one"),
                (Some(12), "See Known and the case."),
                (None, "item"),
                (None, "two"),
                (None, "a | b"),
                (None, "c | d")
            ]
        );
    }

    #[test]
    fn wikilinks_in_code_are_not_references() {
        assert!(scan("`[[known]]`\n\n    [[known]]\n").links.is_empty());
    }

    #[test]
    fn headings_get_unique_slugs() {
        let s = scan("## Article 7(1)(h): Persécution\n\n## Article 7(1)(h): Persécution\n\n## P12");
        assert_eq!(
            s.headings,
            BTreeSet::from([
                "article-7-1-h-persecution".to_string(),
                "article-7-1-h-persecution-1".into(),
                "p12-1".into()
            ])
        );
        let html = render("# Top", &resolver);
        assert_eq!(html, "<h2 id=\"top\">Top</h2>\n");
    }

    #[test]
    fn raw_html_cannot_run_script_or_load_resources() {
        let html = render(
            "<script>alert(1)</script><img src=x onerror=alert(1)><img src=\"https://evil.example/t.png\"><a href=\"javascript:alert(1)\">x</a><p style=\"background:url(https://evil.example)\">y</p>",
            &resolver,
        );
        for bad in ["<script", "onerror", "evil.example", "javascript:", "style="] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn markdown_links_and_images_cannot_run_script_or_load_resources() {
        let html = render(
            "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) <javascript:alert(1)> \
             [d](java&#x09;script:alert(1)) ![t](https://evil.example/t.png) ![u](//evil.example/u.png) \
             [ok](https://example.org/) [rel](../cases/x.html) ![local](pic.png)\n\n# Head {onclick=alert(1) .c}",
            &resolver,
        );
        for bad in [
            "href=\"javascript",
            "href=\"data:",
            "evil.example",
            "onclick",
            "src=\"https",
            "src=\"//",
        ] {
            assert!(!html.to_lowercase().contains(&bad.to_lowercase()), "{bad} in {html}");
        }
        assert!(html.contains("javascript:alert(1)"), "shown as inert text: {html}");
        for good in [
            r#"<a href="https://example.org/">ok</a>"#,
            r#"<a href="../cases/x.html">rel</a>"#,
            r#"<img src="pic.png" alt="local" />"#,
            "a b c",
            r#"<h2 id="head" class="c">Head</h2>"#,
        ] {
            assert!(html.contains(good), "{good} not in {html}");
        }
    }

    #[test]
    fn urls_to_other_hosts_are_caught_however_written() {
        for remote in [
            "//evil.example/t.png",
            "/\\evil.example/t.png",
            "\\/evil.example/t.png",
            "\\\\evil.example/t.png",
            "/\t/evil.example/t.png",
            " \u{0c}//evil.example/t.png",
            "https://evil.example/t.png",
            "java\tscript:alert(1)",
        ] {
            assert!(!is_local_url(remote), "{remote:?} taken for local");
        }
        for local in ["pic.png", "../cases/x.html#p2", "/assets/a.png", "x.png?at=10:30"] {
            assert!(is_local_url(local), "{local:?} refused");
        }
        assert!(is_local_srcset("a.png 1x, b/c.png 2x"));
        assert!(!is_local_srcset("a.png 1x, //evil.example/b.png 2x"));
        let html = render(
            "<img src=\"/\\tps://evil#example/t.png\"> <img srcset=\"a.png 1x, //evil.example/b.png 2x\">",
            &resolver,
        );
        assert!(!html.contains("evil"), "{html}");
    }

    #[test]
    fn paragraph_numbers_are_named_in_the_page_language() {
        let html = render_in("[3] Texte.", &resolver, "Paragraphe {n} \"<x>\"");
        assert!(
            html.contains(r#"aria-label="Paragraphe 3 &quot;&lt;x&gt;&quot;">[3]</a> Texte."#),
            "{html}"
        );
    }

    #[test]
    fn deeply_nested_raw_html_is_a_problem_once() {
        let deep = format!("Text\n\n{}\n", "<div>".repeat(MAX_HTML_DEPTH + 1));
        let problems = scan(&deep).problems;
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("nested more than"), "{problems:?}");
        assert_eq!(problems[0].range.start, 6);
        // Closed, flat or self-closing elements do not add up.
        let fine = "<div></div>".repeat(5000) + &"<p>x".repeat(5000) + &"<br/><img src=a>".repeat(5000);
        assert!(scan(&fine).problems.is_empty());
        let nested_ok = "<div>".repeat(MAX_HTML_DEPTH) + &"</div>".repeat(MAX_HTML_DEPTH);
        assert!(scan(&nested_ok).problems.is_empty());
    }

    #[test]
    fn tables_footnotes_and_strikethrough_render() {
        let html = render(
            "| a | b |\n|:--|--:|\n| 1 | 2 |\n\nText[^n] ~~old~~\n\n[^n]: A note.",
            &resolver,
        );
        assert!(
            html.contains("<table>")
                && html.contains(r#"<th class="align-left">a</th>"#)
                && html.contains(r#"<td class="align-right">2</td>"#)
                && !html.contains("style="),
            "{html}"
        );
        assert!(
            html.contains("footnote-definition") && html.contains("<del>old</del>"),
            "{html}"
        );
    }
}
