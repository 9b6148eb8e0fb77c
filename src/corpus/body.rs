//! An entry's Markdown body: held in memory, or read again from its file
//! when a stage asks for it.
//!
//! `serve` and `build --watch` hold every body, for the next build. A single
//! build holds none: the bodies are most of a corpus's memory, and only two
//! stages read them, each once (the search documents, then the pages), so
//! each reads its entry's file again. A file that changed since it was
//! loaded is refused rather than read: its references were checked against
//! the body that was loaded, and the site must not mix two versions of it.

use std::borrow::Cow;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use thiserror::Error;

use super::file::{decode_text, read_bytes};
use crate::diagnostic::{Diagnostic, Diagnostics, Span};

/// The body of an [`Entry`](super::Entry).
#[derive(Debug, Clone, Hash)]
pub enum Body {
    /// The text, line endings normalised to `\n`.
    Held(String),
    /// Left in the file, read again by [`Body::text`].
    InFile {
        /// Where the body starts in the file's text, once decoded.
        start: usize,
        /// [`hash_of_bytes`] of the file as it was loaded.
        bytes: u64,
    },
}

/// The body of an entry could not be read again: the file changed, or
/// went, since the corpus was loaded.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct BodyUnread(pub(crate) Box<Diagnostic>);

impl From<BodyUnread> for Diagnostics {
    fn from(unread: BodyUnread) -> Diagnostics {
        Diagnostics(vec![*unread.0])
    }
}

/// The hash a body left in its file is checked with.
pub(super) fn hash_of_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

impl Body {
    /// The text of the body of the file at `path`: borrowed when held,
    /// read from the file otherwise.
    pub(crate) fn text(&self, path: &Path) -> Result<Cow<'_, str>, BodyUnread> {
        match self {
            Body::Held(text) => Ok(Cow::Borrowed(text)),
            Body::InFile { start, bytes } => read_back(path, *start, *bytes).map(Cow::Owned),
        }
    }
}

/// The body of the file at `path` from `start`, if the file's bytes still
/// hash to `loaded`.
fn read_back(path: &Path, start: usize, loaded: u64) -> Result<String, BodyUnread> {
    let changed = || {
        BodyUnread(Box::new(
            Diagnostic::error(path, Span::default(), "the file changed while the site was being built")
                .with_help("build again: the build reads each entry's body again as it needs it"),
        ))
    };
    let bytes = read_bytes(path).map_err(|_| changed())?;
    if hash_of_bytes(&bytes) != loaded {
        return Err(changed());
    }
    let mut text = decode_text(path, bytes).map_err(|_| changed())?;
    if !text.is_char_boundary(start) {
        return Err(changed());
    }
    text.drain(..start);
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{load_all_cached, LoadCache, LoadOptions};
    use crate::keep::Keep;

    const ENTRY: &str =
        "---\r\ntitle: A case\r\ndate: 2020-01-02\r\ncourt: A court\r\n---\r\n\r\n[1] The body, with é.\r\n";

    fn corpus_with_one_case(dir: &std::path::Path, keep: Keep) -> crate::corpus::Corpus {
        std::fs::create_dir_all(dir.join("cases")).unwrap();
        std::fs::write(dir.join("cases/a-case.md"), format!("\u{feff}{ENTRY}")).unwrap();
        let (corpus, diagnostics) = load_all_cached(dir, &LoadOptions::default(), &mut LoadCache::new(keep));
        assert!(!diagnostics.has_errors(), "{diagnostics}");
        corpus
    }

    #[test]
    fn a_body_left_in_its_file_reads_back_as_the_held_one() {
        let dir = tempfile::tempdir().unwrap();
        let held = corpus_with_one_case(dir.path(), Keep::ForNextBuild);
        let left = corpus_with_one_case(dir.path(), Keep::Nothing);
        assert!(matches!(held.entries[0].body, Body::Held(_)));
        assert!(matches!(left.entries[0].body, Body::InFile { .. }));
        assert_eq!(left.entries[0].body().unwrap(), "\n[1] The body, with é.\n");
        assert_eq!(left.entries[0].body().unwrap(), held.entries[0].body().unwrap());
    }

    #[test]
    fn a_file_changed_or_gone_since_it_was_loaded_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = corpus_with_one_case(dir.path(), Keep::Nothing);
        let file = dir.path().join("cases/a-case.md");
        std::fs::write(&file, ENTRY.replace("é", "e")).unwrap();
        let message = corpus.entries[0].body().unwrap_err().0.rendered(false);
        assert!(message.contains("a-case.md"), "{message}");
        assert!(
            message.contains("the file changed while the site was being built"),
            "{message}"
        );
        std::fs::remove_file(&file).unwrap();
        assert!(corpus.entries[0].body().is_err());
    }
}
