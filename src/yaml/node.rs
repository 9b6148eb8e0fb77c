//! The tree a YAML document is read into: nodes, their values and places,
//! and why a document could not be read. Shared by the parts of `yaml`;
//! made only by `build`.

use std::fmt;

/// Where a node is written: line and column from 1 (columns counted in
/// characters), and its length on that line in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) len: usize,
}

/// A YAML value with its place.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) value: Value,
    pub(crate) place: Place,
    /// A plain scalar that is not text (`~`, `True`, `1.50`, or nothing)
    /// as it is written: a field that wants text takes it so.
    pub(crate) plain: Option<Box<str>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Sequence(Vec<Node>),
    /// Keys in the order written; no key is there twice.
    Mapping(Vec<(Node, Node)>),
    /// A value under a tag of its own (`!name value`).
    Tagged(Box<Node>),
}

/// A number as a plain scalar writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    PosInt(u64),
    NegInt(i64),
    Float(f64),
}

impl fmt::Display for Number {
    /// Integers in decimal, floats in their shortest form (`1.5`, `100.0`,
    /// `1e20`), so that a number taken as text reads as it always has.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Number::PosInt(n) => write!(f, "{n}"),
            Number::NegInt(n) => write!(f, "{n}"),
            Number::Float(x) if x.is_nan() => f.write_str(".nan"),
            Number::Float(x) if x.is_infinite() => f.write_str(if x < 0.0 { "-.inf" } else { ".inf" }),
            Number::Float(x) => f.write_str(ryu::Buffer::new().format_finite(x)),
        }
    }
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum YamlError {
    /// A syntax error (or a control character) at `place`.
    #[error("{message}")]
    Syntax { message: String, place: Place },
    /// Collections nested deeper than [`MAX_DEPTH`](super::build::MAX_DEPTH).
    #[error("recursion limit exceeded")]
    TooDeep { place: Place },
    /// Aliases that would repeat the document more than allowed.
    #[error("repetition limit exceeded")]
    TooRepetitive,
    /// A key given twice in one mapping.
    #[error("duplicate key `{key}`")]
    DuplicateKey { key: String, first: Place, again: Place },
}

impl YamlError {
    /// Where the problem is written (a key written twice: its second
    /// place); `None` when it is the whole document's.
    pub(crate) fn place(&self) -> Option<Place> {
        match self {
            YamlError::Syntax { place, .. } | YamlError::TooDeep { place } => Some(*place),
            YamlError::DuplicateKey { again, .. } => Some(*again),
            YamlError::TooRepetitive => None,
        }
    }
}

impl Node {
    /// The value under `key`, when this is a mapping that has it.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, value)| value)
    }

    /// The key `key` and its value, when this is a mapping that has it.
    pub(crate) fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        let Value::Mapping(pairs) = &self.value else {
            return None;
        };
        pairs
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::String(s) if s == key))
            .map(|(k, v)| (k, v))
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn is_null(&self) -> bool {
        self.value == Value::Null
    }

    /// A null written as nothing at all (`key:`).
    pub(crate) fn is_empty_plain(&self) -> bool {
        self.is_null() && self.plain.as_deref() == Some("")
    }

    /// A scalar as it is written (text as it reads); `None` for a
    /// collection.
    pub(crate) fn written(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            Value::Tagged(node) => node.written(),
            Value::Sequence(_) | Value::Mapping(_) => None,
            _ => self.plain.as_deref(),
        }
    }
}
