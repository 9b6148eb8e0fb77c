//! Building the tree from the parser's events, in one pass and without
//! recursion; the limits the parser has not: nesting deeper than
//! [`MAX_DEPTH`], aliases repeating the document, keys written twice.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher, RandomState};

use saphyr_parser::{Event, ScalarStyle, ScanError};

use super::node::{Node, Number, Place, Value, YamlError};
use super::scalar::scalar_node;

/// The deepest nesting of collections a document may have. Nothing amicus
/// reads needs more than four; the tree is built by recursion-free code,
/// but what reads it recurses.
pub(super) const MAX_DEPTH: usize = 128;

/// How many times over the nodes written aliases may repeat: an alias
/// copies the node it names, and nine aliases of nine aliases of … make a
/// document of billions of nodes from a few lines.
const MAX_REPETITION: usize = 100;

/// A collection being read: its place, anchor, and what it holds so far.
struct Open {
    place: Place,
    anchor: usize,
    /// The node count when it opened: its size, once closed, is the count
    /// then less this.
    nodes_before: usize,
    kind: OpenKind,
}

enum OpenKind {
    Sequence(Vec<Node>),
    Mapping(MappingSoFar),
}

/// A mapping's pairs so far, the key waiting for its value, and an index
/// of its keys by their hash once it is too long to look through for a key
/// written twice (so that a mapping of a million keys is read in linear
/// time, whatever its keys are).
#[derive(Default)]
struct MappingSoFar {
    pairs: Vec<(Node, Node)>,
    key: Option<Node>,
    /// Positions in `pairs`, by the hash of their key.
    index: HashMap<u64, Vec<usize>>,
    /// Hashes with keys of its own, so that keys cannot be chosen to
    /// share a hash.
    hasher: RandomState,
}

/// Keys this long are looked up in the index, not by going through them.
const INDEX_FROM: usize = 16;

impl MappingSoFar {
    /// The place of a key equal to `key` already in the mapping.
    fn find(&self, key: &Node) -> Option<Place> {
        let same = |at: &usize| same_value(&self.pairs[*at].0.value, &key.value);
        let found = if self.pairs.len() < INDEX_FROM {
            (0..self.pairs.len()).find(same)
        } else {
            let candidates = self.index.get(&self.hash(&key.value))?;
            candidates.iter().copied().find(same)
        };
        found.map(|at| self.pairs[at].0.place)
    }

    fn push(&mut self, key: Node, value: Node) {
        self.pairs.push((key, value));
        let from = match self.pairs.len() {
            n if n < INDEX_FROM => return,
            // The index starts with the keys before it.
            INDEX_FROM => 0,
            n => n - 1,
        };
        for at in from..self.pairs.len() {
            let hash = self.hash(&self.pairs[at].0.value);
            self.index.entry(hash).or_default().push(at);
        }
    }

    fn hash(&self, value: &Value) -> u64 {
        let mut state = self.hasher.build_hasher();
        hash_value(value, &mut state);
        state.finish()
    }
}

/// Hashes what a value is, not where it is written.
fn hash_value(value: &Value, state: &mut impl Hasher) {
    std::mem::discriminant(value).hash(state);
    match value {
        Value::Null => {}
        Value::Bool(b) => b.hash(state),
        Value::Number(Number::PosInt(n)) => n.hash(state),
        Value::Number(Number::NegInt(n)) => n.hash(state),
        Value::Number(Number::Float(x)) => x.to_bits().hash(state),
        Value::String(s) => s.hash(state),
        Value::Sequence(items) => {
            items.len().hash(state);
            items.iter().for_each(|item| hash_value(&item.value, state));
        }
        Value::Mapping(pairs) => {
            pairs.len().hash(state);
            for (key, value) in pairs {
                hash_value(&key.value, state);
                hash_value(&value.value, state);
            }
        }
        Value::Tagged(node) => hash_value(&node.value, state),
    }
}

/// Whether two values are the same, wherever they are written.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Sequence(a), Value::Sequence(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_value(&a.value, &b.value))
        }
        (Value::Mapping(a), Value::Mapping(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((ak, av), (bk, bv))| same_value(&ak.value, &bk.value) && same_value(&av.value, &bv.value))
        }
        (Value::Tagged(a), Value::Tagged(b)) => same_value(&a.value, &b.value),
        // Scalars hold no places.
        _ => a == b,
    }
}

/// Builds the tree from the parser's events.
#[derive(Default)]
pub(super) struct Builder {
    stack: Vec<Open>,
    /// The nodes under each anchor, with their sizes.
    anchors: HashMap<usize, (Node, usize)>,
    /// Nodes made so far, copies by aliases included.
    nodes: usize,
    /// Nodes written in the document so far (copies not included).
    written: usize,
    /// Nodes copied by aliases so far.
    repeated: usize,
    pub(super) document: Option<Node>,
}

impl Builder {
    /// Takes one event; `true` once the document is complete.
    pub(super) fn take(&mut self, event: Event<'_>, place: Place) -> Result<bool, YamlError> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let place = inner_place(place, &text, style);
                let node = scalar_node(&text, style, tag.as_deref(), place);
                self.nodes += 1;
                self.written += 1;
                self.complete(node, anchor, 1)?;
            }
            Event::SequenceStart(anchor, _) => self.open(place, anchor, OpenKind::Sequence(Vec::new()))?,
            Event::MappingStart(anchor, _) => self.open(place, anchor, OpenKind::Mapping(MappingSoFar::default()))?,
            Event::SequenceEnd | Event::MappingEnd => self.close()?,
            Event::Alias(anchor) => self.repeat(anchor)?,
            Event::DocumentEnd => return Ok(true),
            _ => {}
        }
        Ok(false)
    }

    fn open(&mut self, place: Place, anchor: usize, kind: OpenKind) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(YamlError::TooDeep { place });
        }
        self.nodes += 1;
        self.written += 1;
        self.stack.push(Open {
            place,
            anchor,
            nodes_before: self.nodes - 1,
            kind,
        });
        Ok(())
    }

    fn close(&mut self) -> Result<(), YamlError> {
        let Some(open) = self.stack.pop() else {
            return Ok(());
        };
        let value = match open.kind {
            OpenKind::Sequence(items) => Value::Sequence(items),
            OpenKind::Mapping(mapping) => Value::Mapping(mapping.pairs),
        };
        let size = self.nodes - open.nodes_before;
        self.complete(
            Node {
                value,
                place: open.place,
                plain: None,
            },
            open.anchor,
            size,
        )
    }

    /// An alias: a copy of the node under its anchor, counted against the
    /// repetition limit before it is made, so that the limit is reached
    /// after work of about the size of the document.
    fn repeat(&mut self, anchor: usize) -> Result<(), YamlError> {
        let Some((node, size)) = self.anchors.get(&anchor) else {
            // The parser refuses an alias to an unknown anchor.
            return Ok(());
        };
        let size = *size;
        self.repeated += size;
        if self.repeated > MAX_REPETITION * self.written.max(INDEX_FROM) {
            return Err(YamlError::TooRepetitive);
        }
        let node = node.clone();
        self.nodes += size;
        self.complete(node, 0, size)
    }

    /// A finished node: kept under its anchor, and put in the collection
    /// it belongs to (or made the document).
    fn complete(&mut self, node: Node, anchor: usize, size: usize) -> Result<(), YamlError> {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), size));
        }
        let Some(parent) = self.stack.last_mut() else {
            self.document = Some(node);
            return Ok(());
        };
        match &mut parent.kind {
            OpenKind::Sequence(items) => items.push(node),
            OpenKind::Mapping(mapping) => match mapping.key.take() {
                None => {
                    if let Some(first) = mapping.find(&node) {
                        return Err(YamlError::DuplicateKey {
                            key: key_text(&node.value),
                            first,
                            again: node.place,
                        });
                    }
                    mapping.key = Some(node);
                }
                Some(key) => mapping.push(key, node),
            },
        }
        Ok(())
    }

    /// A parser error, worded as amicus has always worded it where the
    /// parser's words differ: a flow collection left open is said to lack
    /// its `,` or closing bracket.
    pub(super) fn syntax_error(&self, error: &ScanError) -> YamlError {
        let marker = error.marker();
        let place = Place {
            line: marker.line().max(1),
            column: marker.col() + 1,
            len: 1,
        };
        let in_flow = self.stack.last().map(|open| &open.kind);
        let message = match (error.info(), in_flow) {
            ("while parsing a flow sequence, expected ',' or ']'", _)
            | ("illegal placement of ':' indicator", Some(OpenKind::Sequence(_))) => {
                "did not find expected ',' or ']'".to_string()
            }
            ("while parsing a flow mapping, did not find expected ',' or '}'", _) => {
                "did not find expected ',' or '}'".to_string()
            }
            (info, _) => info.to_string(),
        };
        YamlError::Syntax { message, place }
    }
}

/// A quoted scalar written without escapes on one line is placed on its
/// text, inside the quotes; one written otherwise (escaped, folded) on the
/// whole of what is written.
fn inner_place(place: Place, text: &str, style: ScalarStyle) -> Place {
    let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
    // An escape is always longer than what it stands for, so the text is
    // written as it reads exactly when it is as long as what is written.
    if quoted && place.len >= 2 && text.chars().count() == place.len - 2 {
        Place {
            line: place.line,
            column: place.column + 1,
            len: (place.len - 2).max(1),
        }
    } else {
        place
    }
}

/// A key as a message names it.
fn key_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "~".into(),
        Value::Sequence(_) => "[…]".into(),
        Value::Mapping(_) => "{…}".into(),
        Value::Tagged(node) => key_text(&node.value),
    }
}
