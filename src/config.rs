//! The site configuration, `amicus.yaml` (every key optional).
//!
//! ```yaml
//! title: Gender Persecution Case Law
//! description: Cases, policies and principles on the crime of gender persecution.
//! base_url: https://example.org/kb/   # enables canonical links (and later sitemap, feeds)
//! language: en                        # default language of the interface and entries
//! theme: default                      # a folder under themes/, or the embedded default
//! ```

use std::path::Path;

use serde::Deserialize;

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
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Legal knowledge base".into(),
            description: String::new(),
            base_url: None,
            language: "en".into(),
            theme: "default".into(),
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
        Ok(config)
    }
}

fn find_line(text: &str, key: &str) -> Span {
    text.lines()
        .position(|line| line.starts_with(key))
        .map_or(Span::new(1, 1, 1), |index| Span::new(index + 1, 1, key.len()))
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
    fn base_url_gets_a_trailing_slash() {
        let config = SiteConfig::parse(Path::new("a.yaml"), "base_url: https://example.org/kb").unwrap();
        assert_eq!(config.base_url.as_deref(), Some("https://example.org/kb/"));
    }
}
