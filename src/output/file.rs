//! An output file: its path, and its bytes, whole or joined from shared
//! parts. Every stage that makes files (pages, feeds, exports, the search
//! export) hands them on as [`OutputFile`]s; `output` writes them.
//!
//! A corpus-wide file (`entries.json`, `citations/all.bib`, …) is one part
//! per entry between an opening and a closing. Held as its parts, it is
//! remade after an edit by sharing every part but the changed entry's, and
//! written or served by walking them: at 10,000 entries these files are
//! 70 MB that `serve` would otherwise copy after each edit.

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::Arc;

/// One file of the output, its path relative to the output folder with `/`
/// separators. The bytes are shared with the render cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated: `cases/x.html`.
    pub path: String,
    /// What the file holds.
    pub bytes: Bytes,
}

impl OutputFile {
    pub(crate) fn new(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// A file's bytes, cheap to clone (they are shared).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bytes {
    /// The bytes in one piece (every file but the corpus-wide ones).
    Whole(Arc<Vec<u8>>),
    /// A corpus-wide file, one part per entry.
    Joined(Arc<Joined>),
}

/// `open`, the parts with `separator` between them, then `close`.
#[derive(Debug, PartialEq, Eq)]
pub struct Joined {
    pub(crate) open: String,
    pub(crate) separator: &'static str,
    pub(crate) parts: Vec<Arc<String>>,
    pub(crate) close: String,
}

impl Bytes {
    pub(crate) fn len(&self) -> usize {
        match self {
            Bytes::Whole(bytes) => bytes.len(),
            Bytes::Joined(joined) => joined.len(),
        }
    }

    /// The bytes in one piece: borrowed when they are, else put together.
    pub(crate) fn contiguous(&self) -> Cow<'_, [u8]> {
        match self {
            Bytes::Whole(bytes) => Cow::Borrowed(bytes.as_slice()),
            Bytes::Joined(joined) => {
                let mut out = Vec::with_capacity(joined.len());
                joined.write_to(&mut out).expect("writing to memory does not fail");
                Cow::Owned(out)
            }
        }
    }

    /// A copy of the bytes in one piece, as they are written to disk.
    pub fn to_vec(&self) -> Vec<u8> {
        self.contiguous().into_owned()
    }

    pub(crate) fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        match self {
            Bytes::Whole(bytes) => out.write_all(bytes),
            Bytes::Joined(joined) => joined.write_to(out),
        }
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Bytes::Whole(Arc::new(bytes))
    }
}

impl From<Joined> for Bytes {
    fn from(joined: Joined) -> Self {
        Bytes::Joined(Arc::new(joined))
    }
}

impl Joined {
    pub(crate) fn new(open: &str, separator: &'static str, close: &str, parts: Vec<Arc<String>>) -> Joined {
        Joined {
            open: open.to_string(),
            separator,
            parts,
            close: close.to_string(),
        }
    }

    fn len(&self) -> usize {
        let parts: usize = self.parts.iter().map(|part| part.len()).sum();
        let separators = self.separator.len() * self.parts.len().saturating_sub(1);
        self.open.len() + parts + separators + self.close.len()
    }

    fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(self.open.as_bytes())?;
        for (n, part) in self.parts.iter().enumerate() {
            if n > 0 {
                out.write_all(self.separator.as_bytes())?;
            }
            out.write_all(part.as_bytes())?;
        }
        out.write_all(self.close.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_bytes_are_their_parts_between_separators() {
        let joined = Bytes::from(Joined {
            open: "[".into(),
            separator: ", ",
            parts: ["a", "bc", "d"].map(|p| Arc::new(p.to_string())).to_vec(),
            close: "]\n".into(),
        });
        assert_eq!(joined.to_vec(), b"[a, bc, d]\n");
        assert_eq!(joined.len(), 11);
        let empty = Bytes::from(Joined {
            open: "[".into(),
            separator: ", ",
            parts: Vec::new(),
            close: "]".into(),
        });
        assert_eq!((empty.to_vec(), empty.len()), (b"[]".to_vec(), 2));
    }
}
