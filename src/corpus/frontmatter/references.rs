//! The fields that point elsewhere: `cites`, `relations` and `translations`
//! (references to other entries, checked later by `links`), and `sources`
//! (documents outside the corpus). Each reference keeps the place of its
//! value, as the front matter's tree gives it.

use super::fields::{describe, is_language_tag, scalar_text, FieldReader};
use crate::corpus::entry::{is_slug, Anchor, EntryId, Reference, ReferenceOrigin, Relation, Source, MAX_ID_LEN};
use crate::diagnostic::{did_you_mean, Span};
use crate::markdown;
use crate::yaml::{Node, Value};

impl FieldReader<'_> {
    /// `cites:` and `relations:`, as references to check later.
    pub(crate) fn references(&mut self) -> Vec<Reference> {
        let mut references = Vec::new();
        for (written, span) in self.list("cites") {
            if let Some(reference) = self.reference(&written, span, ReferenceOrigin::Cites) {
                references.push(reference);
            }
        }
        let Some(value) = self.get("relations") else {
            return references;
        };
        let Value::Mapping(relations) = &value.value else {
            let span = self.key("relations");
            self.report(
                span,
                format!("`relations` must be a mapping, found {}", describe(&value.value)),
                Some("write e.g. `relations: {applies: [rome-statute]}`".into()),
            );
            return references;
        };
        for (key, targets) in relations {
            let name = scalar_text(key);
            if !self.relations.contains(&name) {
                let keys = self.relations.iter().map(String::as_str);
                let help = did_you_mean(&name, keys.clone())
                    .unwrap_or_else(|| format!("the relations are: {}", keys.collect::<Vec<_>>().join(", ")));
                let span = self.span(key);
                self.report(
                    span,
                    format!("unknown relation `{name}`"),
                    Some(format!(
                        "{help} (more can be declared under `relations:` in amicus.yaml)"
                    )),
                );
                continue;
            }
            let relation = Relation::new(&name);
            let targets: &[Node] = match &targets.value {
                Value::Sequence(items) => items,
                _ => std::slice::from_ref(targets),
            };
            for target in targets {
                let span = self.span(target);
                let origin = ReferenceOrigin::Relation(relation.clone());
                if let Some(reference) = self.reference(&scalar_text(target), span, origin) {
                    references.push(reference);
                }
            }
        }
        references
    }

    /// `translations: {fr: id}`: the same entry in other languages, as
    /// references to check later.
    pub(crate) fn translations(&mut self, own_lang: &str) -> Vec<Reference> {
        let Some(value) = self.get("translations") else {
            return Vec::new();
        };
        let Value::Mapping(map) = &value.value else {
            let span = self.key("translations");
            self.report(
                span,
                format!("`translations` must be a mapping, found {}", describe(&value.value)),
                Some("write e.g. `translations: {fr: icc-al-hassan-fr}`".into()),
            );
            return Vec::new();
        };
        let mut references = Vec::new();
        for (key, target) in map {
            let lang = scalar_text(key);
            let span = self.span(key);
            if !is_language_tag(&lang) {
                self.report(
                    span,
                    format!("`{lang}` is not a language code"),
                    Some("use a lowercase ISO 639 code such as `fr`, `es`, `ar` or `ru`".into()),
                );
                continue;
            }
            if lang == own_lang {
                self.report(
                    span,
                    format!("this entry is itself in `{lang}`"),
                    Some("`translations` names the entry's versions in other languages".into()),
                );
                continue;
            }
            let span = self.span(target);
            if let Some(reference) = self.reference(&scalar_text(target), span, ReferenceOrigin::Translation(lang)) {
                references.push(reference);
            }
        }
        references
    }

    fn reference(&mut self, written: &str, span: Span, origin: ReferenceOrigin) -> Option<Reference> {
        parse_reference(written, span, origin)
            .map_err(|(message, help)| self.report(span, message, Some(help)))
            .ok()
    }

    pub(crate) fn sources(&mut self) -> Vec<Source> {
        let Some(value) = self.get("sources") else {
            return Vec::new();
        };
        let Value::Sequence(items) = &value.value else {
            let span = self.key("sources");
            self.report(
                span,
                format!("`sources` must be a list, found {}", describe(&value.value)),
                Some("write each source as `- title: …` and `url: https://…`".into()),
            );
            return Vec::new();
        };
        items.iter().filter_map(|item| self.source(item)).collect()
    }

    /// One item of `sources`, when it has a title and an address.
    fn source(&mut self, item: &Node) -> Option<Source> {
        let Value::Mapping(fields) = &item.value else {
            let span = self.span(item);
            self.report(
                span,
                format!(
                    "each source must have `title` and `url`, found {}",
                    describe(&item.value)
                ),
                None,
            );
            return None;
        };
        for (key, _) in fields {
            let name = scalar_text(key);
            if name != "title" && name != "url" {
                let help =
                    did_you_mean(&name, ["title", "url"]).unwrap_or_else(|| "a source has `title` and `url`".into());
                let span = self.span(key);
                self.report(span, format!("unknown field `{name}` in a source"), Some(help));
            }
        }
        let title_node = item.get("title");
        let url_node = item.get("url");
        let title = title_node.map(scalar_text).unwrap_or_default();
        let url = url_node.map(scalar_text).unwrap_or_default();
        // A source is pointed at by its address, or its title when it has
        // none; by `sources:` when it has neither.
        let span = match (url_node, title_node) {
            (Some(node), _) if !url.is_empty() => self.span(node),
            (_, Some(node)) if !title.is_empty() => self.span(node),
            _ => self.key("sources"),
        };
        if title.trim().is_empty() {
            self.report(span, "a source has no `title`".into(), None);
        }
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(char::is_whitespace) {
            let shown = if url.is_empty() {
                "(none)".to_string()
            } else {
                format!("`{url}`")
            };
            self.report(
                span,
                format!("a source's `url` must be an http(s) address, found {shown}"),
                None,
            );
        }
        (!title.trim().is_empty() && !url.is_empty()).then(|| Source {
            title: title.trim().to_string(),
            url,
        })
    }
}

/// Parses `id` or `id#anchor`; the id must have the shape of an id.
pub(crate) fn parse_reference(
    written: &str,
    span: Span,
    origin: ReferenceOrigin,
) -> Result<Reference, (String, String)> {
    let (target, anchor) = match written.split_once('#') {
        Some((target, fragment)) => (target.trim(), Some(Anchor::parse(fragment.trim()))),
        None => (written.trim(), None),
    };
    if target.len() > MAX_ID_LEN && is_slug(target) {
        return Err((
            format!(
                "`{}…` is {} characters long, too long for an id",
                &target[..40],
                target.len()
            ),
            format!("ids are at most {MAX_ID_LEN} characters"),
        ));
    }
    if EntryId::parse(target).is_none() {
        let lower = markdown::slugify(target);
        return Err((
            format!("`{target}` is not a valid entry id"),
            if lower.is_empty() {
                "ids are lowercase letters, digits and hyphens".into()
            } else {
                format!("ids are lowercase letters, digits and hyphens: `{lower}`?")
            },
        ));
    }
    Ok(Reference {
        target: target.to_string(),
        anchor,
        origin,
        span,
    })
}
