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

use serde::Deserialize;

use crate::corpus::Relation;
use crate::diagnostic::{Diagnostic, Span};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Absolute URL of the site's root, ending in `/`.
    pub base_url: Option<String>,
    pub language: String,
    pub theme: String,
    /// Typed relations added to (or relabelling) the built-in six.
    pub relations: BTreeMap<String, RelationConfig>,
}

/// A relation as `amicus.yaml` declares it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RelationConfig {
    /// Shown on the page of the entry that declares it ("Reverses").
    pub label: Option<String>,
    /// Shown on the page of the entry it points to ("Reversed by").
    pub inverse: Option<String>,
    /// Whether the entry it points to is no longer good law: its page then
    /// carries a warning naming the entry that declares it.
    pub overturns: Option<bool>,
}

/// One typed relation of the site, with its labels when configured (the
/// built-in six take theirs from the interface language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationDef {
    pub relation: Relation,
    pub label: Option<String>,
    pub inverse: Option<String>,
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
    pub fn load(path: &Path) -> Result<SiteConfig, Box<Diagnostic>> {
        if !path.exists() {
            return Ok(SiteConfig::default());
        }
        let text = crate::corpus::read_text(path)?;
        SiteConfig::parse(path, &text).map_err(Box::new)
    }

    pub fn parse(path: &Path, text: &str) -> Result<SiteConfig, Diagnostic> {
        let mut config: SiteConfig = if text.trim().is_empty() {
            SiteConfig::default()
        } else {
            serde_yaml_ng::from_str(text).map_err(|error| {
                let span = error
                    .location()
                    .map_or(Span::new(1, 1, 1), |l| Span::new(l.line(), l.column(), 1));
                let message = error.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message).to_string();
                Diagnostic::error(path, span, format!("invalid site configuration: {message}")).with_source(text)
            })?
        };
        if let Some(url) = &mut config.base_url {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(Diagnostic::error(
                    path,
                    find_line(text, "base_url"),
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
                find_line(text, "theme"),
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
                return Err(Diagnostic::error(path, find_line(text, &format!("  {key}")), message)
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

fn find_line(text: &str, key: &str) -> Span {
    text.lines()
        .position(|line| line.starts_with(key))
        .map_or(Span::new(1, 1, 1), |index| {
            let column = key.len() - key.trim_start().len() + 1;
            Span::new(index + 1, column, key.trim_start().len())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let error = SiteConfig::parse(Path::new("amicus.yaml"), "title: T\ntitel: X\n").unwrap_err();
        assert_eq!(error.span.line, 2);
        assert!(error.message.contains("unknown field `titel`"), "{}", error.message);
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
