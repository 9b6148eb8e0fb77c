//! The site configuration, `amicus.yaml` (every key optional).
//!
//! ```yaml
//! title: Gender Persecution Case Law
//! description: Cases, policies and principles on the crime of gender persecution.
//! base_url: https://example.org/kb/   # enables canonical links (and later sitemap, feeds)
//! language: en                        # default language of the interface and entries
//! theme: default                      # a folder under themes/, or the embedded default
//! relations:                          # more typed relations, beside the six built in
//!   reverses: {label: Reverses, inverse: Reversed by, overturns: true}
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use crate::corpus::Relation;
use crate::diagnostic::{Diagnostic, Span};
use crate::yaml::{self, Node, Number, Place, Value, YamlError};

/// The keys of `amicus.yaml`.
const FIELDS: [&str; 6] = ["title", "description", "base_url", "language", "theme", "relations"];

/// The keys of one relation under `relations:`.
const RELATION_FIELDS: [&str; 3] = ["label", "inverse", "overturns"];

/// The site's settings, read from `amicus.yaml` (the defaults when there is
/// none): checked as read, so that every later stage can trust them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    pub(crate) title: String,
    pub(crate) description: String,
    /// Absolute URL of the site's root, ending in `/`.
    pub(crate) base_url: Option<String>,
    pub(crate) language: String,
    pub(crate) theme: String,
    /// Typed relations added to (or relabelling) the built-in six.
    pub(crate) relations: BTreeMap<String, RelationConfig>,
}

/// A relation as `amicus.yaml` declares it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RelationConfig {
    /// Shown on the page of the entry that declares it ("Reverses").
    pub(crate) label: Option<String>,
    /// Shown on the page of the entry it points to ("Reversed by").
    pub(crate) inverse: Option<String>,
    /// Whether the entry it points to is no longer good law: its page then
    /// carries a warning naming the entry that declares it.
    pub(crate) overturns: Option<bool>,
}

/// One typed relation of the site, with its labels when configured (the
/// built-in six take theirs from the interface language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationDef {
    /// The key entries write under `relations:` (`appeal_of`).
    pub relation: Relation,
    pub(crate) label: Option<String>,
    pub(crate) inverse: Option<String>,
    /// Whether the target stops being good law: it must be an earlier
    /// entry, and its page warns of the entry that declares it. Only
    /// `overturns` is, unless `amicus.yaml` says otherwise.
    pub overturns: bool,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Legal knowledge base".into(),
            description: String::new(),
            base_url: None,
            language: "en".into(),
            theme: "default".into(),
            relations: BTreeMap::new(),
        }
    }
}

impl SiteConfig {
    /// Reads `path` if it exists; the defaults otherwise.
    pub(crate) fn load(path: &Path) -> Result<SiteConfig, Box<Diagnostic>> {
        if !path.exists() {
            return Ok(SiteConfig::default());
        }
        let text = crate::corpus::read_text(path)?;
        SiteConfig::parse(path, &text).map_err(Box::new)
    }

    pub(crate) fn parse(path: &Path, text: &str) -> Result<SiteConfig, Diagnostic> {
        let root = yaml::parse(text).map_err(|error| invalid(path, text, Invalid::of_yaml(error)))?;
        let Some(root) = root else {
            return Ok(SiteConfig::default());
        };
        let mut config = read(&root).map_err(|error| invalid(path, text, error))?;
        let key = |key: &str| key_span(&root, key);
        if let Some(url) = &mut config.base_url {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(Diagnostic::error(
                    path,
                    key("base_url"),
                    format!("`base_url` must be an absolute http(s) address, found `{url}`"),
                )
                .with_help("for example `base_url: https://example.org/kb/`")
                .with_source(text));
            }
            if !url.ends_with('/') {
                url.push('/');
            }
        }
        if config.theme.is_empty() || config.theme.contains(['/', '\\']) || config.theme.starts_with('.') {
            return Err(Diagnostic::error(
                path,
                key("theme"),
                format!("`theme` must name a folder under themes/, found `{}`", config.theme),
            )
            .with_source(text));
        }
        for (key, relation) in &config.relations {
            let builtin = Relation::DEFAULTS.contains(&key.as_str());
            let valid_key = key.starts_with(|c: char| c.is_ascii_lowercase())
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            let problem = if !valid_key {
                Some(format!(
                    "the relation `{key}` must be lowercase letters, digits and `_`, like `appeal_of`"
                ))
            } else if !builtin && (relation.label.is_none() || relation.inverse.is_none()) {
                Some(format!(
                    "the relation `{key}` needs a `label` (\"Reverses\") and an `inverse` (\"Reversed by\")"
                ))
            } else if [&relation.label, &relation.inverse]
                .into_iter()
                .any(|l| l.as_ref().is_some_and(|l| l.trim().is_empty()))
            {
                Some(format!("the labels of the relation `{key}` may not be empty"))
            } else {
                None
            };
            if let Some(message) = problem {
                let span = root
                    .get("relations")
                    .map_or(Span::new(1, 1, 1), |relations| key_span(relations, key));
                return Err(Diagnostic::error(path, span, message)
                    .with_help("for example `relations: {reverses: {label: Reverses, inverse: Reversed by}}`")
                    .with_source(text));
            }
        }
        Ok(config)
    }

    /// Every relation of the site: the six built in, in their order, then
    /// the configured ones by key.
    pub fn relation_defs(&self) -> Vec<RelationDef> {
        let def = |key: &str| {
            let configured = self.relations.get(key).cloned().unwrap_or_default();
            RelationDef {
                relation: Relation::new(key),
                label: configured.label,
                inverse: configured.inverse,
                overturns: configured.overturns.unwrap_or(key == "overturns"),
            }
        };
        let extra = self
            .relations
            .keys()
            .filter(|key| !Relation::DEFAULTS.contains(&key.as_str()));
        Relation::DEFAULTS
            .into_iter()
            .chain(extra.map(String::as_str))
            .map(def)
            .collect()
    }
}

/// The place of the key `key` of `map`, written as text or otherwise.
fn key_span(map: &Node, key: &str) -> Span {
    let Value::Mapping(pairs) = &map.value else {
        return Span::new(1, 1, 1);
    };
    pairs
        .iter()
        .find(|(k, _)| k.written() == Some(key))
        .map_or(Span::new(1, 1, 1), |(k, _)| span(k.place))
}

fn span(place: Place) -> Span {
    Span::new(place.line, place.column, place.len)
}

/// The diagnostic of a configuration that could not be read.
fn invalid(path: &Path, text: &str, error: Invalid) -> Diagnostic {
    Diagnostic::error(path, span(error.place), format!("invalid site configuration: {error}"))
        .with_help_opt(error.help)
        .with_source(text)
}

/// Why `amicus.yaml` could not be read: what serde's derived readers would
/// have said, at the place of the key or value it is about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
struct Invalid {
    message: String,
    place: Place,
    help: Option<String>,
}

impl Invalid {
    fn new(place: Place, message: String) -> Self {
        Invalid {
            message,
            place,
            help: None,
        }
    }

    /// `node` is not what was `expected` (`a string`, `a map`, …).
    fn type_of(node: &Node, expected: &str) -> Self {
        Invalid::new(
            node.place,
            format!("invalid type: {}, expected {expected}", unexpected(node)),
        )
    }

    fn of_yaml(error: YamlError) -> Self {
        match error {
            YamlError::DuplicateKey { key, first, again } => Invalid {
                message: format!("duplicate key `{key}`"),
                place: again,
                help: Some(format!(
                    "`{key}` may be given once; it is already given on line {}",
                    first.line
                )),
            },
            YamlError::Syntax { place, .. } | YamlError::TooDeep { place } => Invalid::new(place, error.to_string()),
            YamlError::TooRepetitive => Invalid::new(
                Place {
                    line: 1,
                    column: 1,
                    len: 1,
                },
                error.to_string(),
            ),
        }
    }
}

/// The pairs of a mapping; an empty value stands for an empty mapping,
/// as `relations:` with nothing after it.
fn mapping<'a>(node: &'a Node, expected: &str) -> Result<&'a [(Node, Node)], Invalid> {
    match &node.value {
        Value::Mapping(pairs) => Ok(pairs),
        Value::Null if node.is_empty_plain() => Ok(&[]),
        _ => Err(Invalid::type_of(node, expected)),
    }
}

/// The name of a key, which must be one of `fields`.
fn field_name(key: &Node, fields: &[&str]) -> Result<String, Invalid> {
    let written = text(key)?;
    if fields.contains(&written.as_str()) {
        return Ok(written);
    }
    let expected = fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
    Err(Invalid::new(
        key.place,
        format!("unknown field `{written}`, expected one of {expected}"),
    ))
}

/// A scalar as text, as it is written: `true`, `2024` and `~` too.
fn text(node: &Node) -> Result<String, Invalid> {
    node.written()
        .map(str::to_string)
        .ok_or_else(|| Invalid::type_of(node, "a string"))
}

/// Text, or nothing for a null (`~`, `null`, or no value).
fn optional_text(node: &Node) -> Result<Option<String>, Invalid> {
    if node.is_null() {
        return Ok(None);
    }
    text(node).map(Some)
}

fn optional_bool(node: &Node) -> Result<Option<bool>, Invalid> {
    match &node.value {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        _ => Err(Invalid::type_of(node, "a boolean")),
    }
}

/// What a node is, as a type error names it.
fn unexpected(node: &Node) -> String {
    match &node.value {
        Value::Null => "unit value".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(Number::Float(x)) => {
            let shown = x.to_string();
            let point = if x.is_finite() && !shown.contains(['.', 'e', 'E']) {
                ".0"
            } else {
                ""
            };
            format!("floating point `{shown}{point}`")
        }
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Sequence(_) => "sequence".into(),
        Value::Mapping(_) => "map".into(),
        Value::Tagged(node) => unexpected(node),
    }
}

/// Reads the configuration out of the document's tree.
fn read(root: &Node) -> Result<SiteConfig, Invalid> {
    let mut config = SiteConfig::default();
    for (key, value) in mapping(root, "struct SiteConfig")? {
        match field_name(key, &FIELDS)?.as_str() {
            "title" => config.title = text(value)?,
            "description" => config.description = text(value)?,
            "base_url" => config.base_url = optional_text(value)?,
            "language" => config.language = text(value)?,
            "theme" => config.theme = text(value)?,
            _ => config.relations = read_relations(value)?,
        }
    }
    Ok(config)
}

fn read_relations(node: &Node) -> Result<BTreeMap<String, RelationConfig>, Invalid> {
    let mut relations = BTreeMap::new();
    for (key, value) in mapping(node, "a map")? {
        let mut relation = RelationConfig::default();
        for (field, value) in mapping(value, "struct RelationConfig")? {
            match field_name(field, &RELATION_FIELDS)?.as_str() {
                "label" => relation.label = optional_text(value)?,
                "inverse" => relation.inverse = optional_text(value)?,
                _ => relation.overturns = optional_bool(value)?,
            }
        }
        relations.insert(text(key)?, relation);
    }
    Ok(relations)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> (usize, usize, String, Option<String>) {
        let error = SiteConfig::parse(Path::new("amicus.yaml"), text).unwrap_err();
        (error.span.line, error.span.column, error.message, error.help)
    }

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let error = SiteConfig::parse(Path::new("amicus.yaml"), "title: T\ntitel: X\n").unwrap_err();
        assert_eq!(error.span.line, 2);
        assert!(error.message.contains("unknown field `titel`"), "{}", error.message);
        assert_eq!(
            error.message,
            "invalid site configuration: unknown field `titel`, expected one of `title`, `description`, \
             `base_url`, `language`, `theme`, `relations`"
        );
        let text = "relations:\n  reverses: {label: A, inverse: B, overturn: true}\n";
        let (line, column, message, _) = refused(text);
        assert_eq!((line, column), (2, 36));
        assert!(message.ends_with("unknown field `overturn`, expected one of `label`, `inverse`, `overturns`"));
    }

    #[test]
    fn values_of_the_wrong_type_are_errors_at_the_value() {
        let (line, column, message, _) = refused("title: T\ndescription: [a, b]\n");
        assert_eq!((line, column), (2, 14));
        assert_eq!(
            message,
            "invalid site configuration: invalid type: sequence, expected a string"
        );
        let (line, column, message, _) = refused("relations:\n  reverses: {label: A, inverse: B, overturns: yes}\n");
        assert_eq!((line, column), (2, 47));
        assert!(
            message.ends_with("invalid type: string \"yes\", expected a boolean"),
            "{message}"
        );
        let (_, _, message, _) = refused("relations: 3\n");
        assert!(
            message.ends_with("invalid type: integer `3`, expected a map"),
            "{message}"
        );
    }

    #[test]
    fn scalars_are_taken_as_written_where_text_is_wanted() {
        let text = "title: 2024\ndescription: True\nbase_url: ~\nrelations:\n";
        let config = SiteConfig::parse(Path::new("a.yaml"), text).unwrap();
        assert_eq!((config.title.as_str(), config.description.as_str()), ("2024", "True"));
        assert_eq!(config.base_url, None);
        assert!(config.relations.is_empty());
        let comments_only = SiteConfig::parse(Path::new("a.yaml"), "# nothing yet\n").unwrap();
        assert_eq!(comments_only, SiteConfig::default());
    }

    #[test]
    fn a_relation_is_placed_at_its_key_not_where_its_name_is_written_before() {
        let text = "description: >\n  reverses everything\nrelations:\n  reverses: {label: Reverses}\n";
        let (line, column, message, _) = refused(text);
        assert_eq!((line, column), (4, 3));
        assert!(message.contains("the relation `reverses` needs a `label`"), "{message}");
        let text = "title: T\ntheme: x\nrelations:\n  theme: {label: A, inverse: B}\n  Bad: {label: A, inverse: B}\n";
        assert_eq!(refused(text).0, 5);
    }

    #[test]
    fn yaml_errors_in_the_configuration_are_placed() {
        let (line, column, message, help) = refused("title: A\ndescription: B\ntitle: C\n");
        assert_eq!((line, column), (3, 1));
        assert_eq!(message, "invalid site configuration: duplicate key `title`");
        assert_eq!(
            help.as_deref(),
            Some("`title` may be given once; it is already given on line 1")
        );
        let (line, column, message, _) = refused("title: [A\nlanguage: en\n");
        assert_eq!((line, column), (2, 9));
        assert_eq!(message, "invalid site configuration: did not find expected ',' or ']'");
        let (line, column, message, _) = refused("title: A\nlanguage: \u{1}\n");
        assert_eq!((line, column), (2, 11));
        assert_eq!(
            message,
            "invalid site configuration: control characters are not allowed"
        );
    }

    #[test]
    fn relations_keep_the_six_defaults_and_add_configured_ones() {
        let text = "relations:\n  reverses: {label: Reverses, inverse: Reversed by, overturns: true}\n  applies: {label: Applies the law of}\n";
        let config = SiteConfig::parse(Path::new("a.yaml"), text).unwrap();
        let defs = config.relation_defs();
        let keys: Vec<&str> = defs.iter().map(|d| d.relation.key()).collect();
        assert_eq!(
            keys,
            [
                "appeal_of",
                "applies",
                "interprets",
                "follows",
                "distinguishes",
                "overturns",
                "reverses"
            ]
        );
        assert_eq!(defs[1].label.as_deref(), Some("Applies the law of"));
        assert!(defs[5].overturns && defs[6].overturns && !defs[0].overturns);
    }

    #[test]
    fn a_new_relation_needs_both_labels() {
        let error = SiteConfig::parse(Path::new("a.yaml"), "relations:\n  reverses: {label: Reverses}\n").unwrap_err();
        assert!(error.message.contains("needs a `label`"), "{}", error.message);
        assert_eq!(error.span.line, 2);
        let error =
            SiteConfig::parse(Path::new("a.yaml"), "relations:\n  Bad-Key: {label: A, inverse: B}\n").unwrap_err();
        assert!(error.message.contains("lowercase"), "{}", error.message);
    }

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let config = SiteConfig::parse(Path::new("a.yaml"), "base_url: https://example.org/kb").unwrap();
        assert_eq!(config.base_url.as_deref(), Some("https://example.org/kb/"));
    }
}
