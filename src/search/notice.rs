//! What the user should know about a query: words no entry has, with
//! suggestions, prefixes expanded, filters ignored or matching nothing.
//! Matching, filters and the command line report them alike.

use serde::Serialize;

/// Something the user should know about the query.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Notice {
    /// A word or phrase that no entry contains.
    Unknown { text: String, suggestions: Vec<String> },
    /// A word standing for several (a prefix).
    Expanded { text: String, words: Vec<String> },
    /// A filter that could not be read.
    BadFilter { text: String, reason: String },
    /// A filter value no entry has (`type:judgment`), with the nearest
    /// values written as filters (`type:case`).
    UnknownValue { text: String, suggestions: Vec<String> },
    /// Nothing matches every word; how many match each alone.
    NoCombination { counts: Vec<(String, usize)> },
}
