//! What the index holds of one entry: its searchable text, the little a
//! result shows and what filters test, derived from a published [`Entry`]
//! and the checked citation graph.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::config::RelationDef;
use crate::corpus::{Corpus, Entry, EntryId};
use crate::links::Links;
use crate::markdown;
use crate::taxonomy::humanise;

use super::analyzer::{word_texts, Lang};
use super::index::{FieldKey, Part};

/// One block of the body as plain text; `paragraph` is set for a numbered
/// paragraph (`[12]` → `#p12`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextBlock {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    pub text: String,
}

/// An entry as indexed. Its JSON is stored in the index, hashed to notice
/// changes, and exported (in parts) to the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexDoc {
    pub id: String,
    /// `case`, `policy`, … (`EntryType::name`).
    pub kind: String,
    pub kind_label: String,
    pub url: String,
    pub title: String,
    pub short_title: Option<String>,
    pub summary: Option<String>,
    pub court: Option<String>,
    pub issuer: Option<String>,
    pub case_number: Option<String>,
    pub citation: Option<String>,
    /// ISO codes, lower case: `ml`.
    pub countries: Vec<String>,
    pub country_names: Vec<String>,
    pub grounds: Vec<String>,
    pub crimes: Vec<String>,
    /// `2024-06-26`, `2021-12` or `2021`.
    pub date: String,
    pub date_label: String,
    pub year: i32,
    /// The entry's `lang:` as written.
    pub lang: String,
    /// What `relation:` filters match (see [`RelationTags`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<String>,
    pub blocks: Vec<TextBlock>,
}

impl IndexDoc {
    /// The searchable document of a published entry. `corpus` names the
    /// targets of `[[…]]` references, as the page does.
    pub fn of(entry: &Entry, corpus: &Corpus, relations: &RelationTags) -> IndexDoc {
        let label = |destination: &str| {
            let id = destination.split('#').next().unwrap_or(destination);
            corpus.get(id).map(|target| target.display_title().to_string())
        };
        IndexDoc {
            id: entry.id.to_string(),
            kind: entry.kind.name().into(),
            kind_label: entry.kind.label().into(),
            url: entry.url(),
            title: entry.title.clone(),
            short_title: entry.short_title.clone(),
            summary: entry.summary.clone(),
            court: entry.court.clone(),
            issuer: entry.issuer.clone(),
            case_number: entry.case_number.clone(),
            citation: entry.citation.clone(),
            countries: entry.countries.iter().map(|c| c.code().to_ascii_lowercase()).collect(),
            country_names: entry.countries.iter().map(|c| c.name().to_string()).collect(),
            grounds: entry.grounds.clone(),
            crimes: entry.crimes.clone(),
            date: entry.date.iso(),
            date_label: entry.date.human(),
            year: entry.date.year,
            lang: entry.lang.clone(),
            relations: relations.of(&entry.id),
            blocks: markdown::plain_blocks(&entry.body, &label)
                .into_iter()
                .map(|b| TextBlock {
                    paragraph: b.paragraph,
                    text: b.text,
                })
                .collect(),
        }
    }

    pub fn lang(&self) -> Lang {
        Lang::of_entry(&self.lang)
    }

    /// The text of each searchable field the document fills: title,
    /// summary and body in its language's fields, and `meta`.
    pub fn field_texts(&self) -> [(FieldKey, String); 4] {
        let lang = self.lang();
        [
            (FieldKey::Text(Part::Title, lang), self.title.clone()),
            (
                FieldKey::Text(Part::Summary, lang),
                self.summary.clone().unwrap_or_default(),
            ),
            (FieldKey::Text(Part::Body, lang), self.body_text()),
            (FieldKey::Meta, self.meta_text()),
        ]
    }

    /// The body as one text; blocks are separated by a line break, which is
    /// not a word, so word positions run on from block to block.
    pub fn body_text(&self) -> String {
        let texts: Vec<&str> = self.blocks.iter().map(|b| b.text.as_str()).collect();
        texts.join("\n")
    }

    /// The language-neutral facts worth finding by their words: short
    /// title, court, issuer, case number, citation, countries, grounds and
    /// crimes.
    pub fn meta_text(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.short_title.iter().cloned());
        parts.extend(self.court.iter().cloned());
        parts.extend(self.issuer.iter().cloned());
        parts.extend(self.case_number.iter().cloned());
        parts.extend(self.citation.iter().cloned());
        parts.extend(self.country_names.iter().cloned());
        parts.extend(self.grounds.iter().map(|g| humanise(g)));
        parts.extend(self.crimes.iter().map(|c| humanise(c)));
        parts.join("\n")
    }

    /// Every text of the entry, for the vocabulary of surface words.
    pub fn all_text(&self) -> String {
        [
            self.title.clone(),
            self.summary.clone().unwrap_or_default(),
            self.body_text(),
            self.meta_text(),
        ]
        .join("\n")
    }

    /// A fingerprint of everything indexed, to re-index only what changed.
    pub fn content_hash(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        format!("{:016x}", fnv1a(&json))
    }
}

/// What `relation:` filters find of each entry, from the checked graph:
/// - the key of each relation it declares: `relation:overturns`,
///   `relation:appeal_of`;
/// - for each relation declared against it, the passive word:
///   `relation:appealed`, `applied`, `interpreted`, `followed`,
///   `distinguished`, `overturned` for the built-in six, and the words of
///   its inverse label: the configured one (`relation:reversed-by`), else
///   the built-in English one (`relation:overturned-by`, `applied-by`);
/// - `overturned` also for every relation configured to overturn, so
///   `relation:overturned` finds every entry that carries the warning.
#[derive(Debug, Clone, Default)]
pub struct RelationTags(BTreeMap<EntryId, BTreeSet<String>>);

impl RelationTags {
    pub fn of_graph(links: &Links, defs: &[RelationDef]) -> RelationTags {
        let mut tags: BTreeMap<EntryId, BTreeSet<String>> = BTreeMap::new();
        for (source, cited) in &links.outgoing {
            for (target, citation) in cited {
                for relation in &citation.relations {
                    let key = relation.key();
                    tags.entry(source.clone()).or_default().insert(key.to_string());
                    let def = defs.iter().find(|d| d.relation.key() == key);
                    tags.entry(target.clone()).or_default().extend(passive_tags(key, def));
                }
            }
        }
        RelationTags(tags)
    }

    /// The tags of an entry.
    pub fn of(&self, id: &EntryId) -> Vec<String> {
        self.0.get(id).map(|t| t.iter().cloned().collect()).unwrap_or_default()
    }
}

/// The passive word and the English inverse label of each built-in
/// relation (the label as `themes/default/i18n/en.yaml` has it).
const BUILTIN_INVERSES: [(&str, &str, &str); 6] = [
    ("appeal_of", "appealed", "Appealed in"),
    ("applies", "applied", "Applied by"),
    ("interprets", "interpreted", "Interpreted by"),
    ("follows", "followed", "Followed by"),
    ("distinguishes", "distinguished", "Distinguished by"),
    ("overturns", "overturned", "Overturned by"),
];

/// The words naming the target of a relation `key`.
fn passive_tags(key: &str, def: Option<&RelationDef>) -> Vec<String> {
    let builtin = BUILTIN_INVERSES.iter().find(|(k, ..)| *k == key);
    let mut tags: Vec<String> = builtin.map(|(_, word, _)| word.to_string()).into_iter().collect();
    let inverse = def
        .and_then(|d| d.inverse.as_deref())
        .or(builtin.map(|(.., label)| *label));
    tags.extend(inverse.map(|label| word_texts(label).join("-")));
    if def.is_some_and(|d| d.overturns) {
        tags.push("overturned".into());
    }
    tags.retain(|t| !t.is_empty());
    tags
}

/// FNV-1a, 64 bits: stable across Rust versions, unlike `DefaultHasher`,
/// so the cache survives a toolchain upgrade.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_inverse_labels_are_the_english_interface_ones() {
        let english = crate::i18n::EMBEDDED.iter().find(|(lang, _)| *lang == "en").unwrap().1;
        let strings = crate::i18n::parse(english).unwrap();
        for (key, _, label) in BUILTIN_INVERSES {
            assert_eq!(strings[&format!("relation_{key}_inverse")], label, "{key}");
        }
        assert_eq!(passive_tags("overturns", None), ["overturned", "overturned-by"]);
        assert_eq!(passive_tags("applies", None), ["applied", "applied-by"]);
    }
}
