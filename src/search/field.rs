//! What a searchable field is: a part of an entry (title, summary, body)
//! in one language, or the language-neutral `meta` field. The index, the
//! documents, the engine and the export all name fields this way.

use super::analyzer::Lang;

/// The part of an entry a text field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Title,
    Summary,
    Body,
}

impl Part {
    pub(crate) const ALL: [Part; 3] = [Part::Title, Part::Summary, Part::Body];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Summary => "summary",
            Part::Body => "body",
        }
    }
}

/// A searchable field: a part in one language, or the language-neutral
/// `meta` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldKey {
    Text(Part, Lang),
    Meta,
}

impl FieldKey {
    /// Every searchable field, in a fixed order.
    pub(crate) fn all() -> Vec<FieldKey> {
        let mut keys: Vec<FieldKey> = Lang::ALL
            .into_iter()
            .flat_map(|lang| Part::ALL.map(|part| FieldKey::Text(part, lang)))
            .collect();
        keys.push(FieldKey::Meta);
        keys
    }

    /// The name in the export: `title.en`, `meta`.
    pub(crate) fn name(self) -> String {
        match self {
            FieldKey::Text(part, lang) => format!("{}.{}", part.name(), lang.code()),
            FieldKey::Meta => "meta".into(),
        }
    }

    /// Whether this is a body field, whose postings say in which segments
    /// of the body their term stands.
    pub(crate) fn is_body(self) -> bool {
        matches!(self, FieldKey::Text(Part::Body, _))
    }
}
