//! amicus compiles a Markdown corpus of legal material (cases, policies,
//! principles, recommendations, instruments, reports) into a cross-linked
//! static site.
//!
//! The data flows one way; each module owns one stage: [`config`] →
//! [`corpus`] (load and check) → [`links`] (references and backlinks) →
//! [`search`] (the index, and its export for the browser) → [`render`]
//! (pages, through a theme) → the files beside them (feeds, citation
//! exports) → [`output`] (written all or nothing). [`site`] runs the stages
//! in order, [`cli`] is the edge. ARCHITECTURE.md draws the map.

// Diagnostics are large and only travel on the error path, where their size
// costs nothing worth boxing for.
#![allow(clippy::result_large_err)]
// What nothing outside the crate needs is `pub(crate)`, so that the
// compiler reports what nothing uses.
#![warn(unreachable_pub)]
// What is left public is read from outside (tests, fuzz, benches): it says what it is.
#![warn(missing_docs)]

pub mod bundle;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod diagnostic;
pub(crate) mod escape;
pub(crate) mod export;
pub(crate) mod feeds;
pub mod generate;
pub(crate) mod hash;
pub(crate) mod hosting;
pub(crate) mod i18n;
pub(crate) mod keep;
pub mod links;
pub(crate) mod lint;
pub mod markdown;
pub mod output;
pub(crate) mod pictures;
pub mod render;
pub(crate) mod scaffold;
pub mod search;
pub(crate) mod serve;
pub mod site;
pub(crate) mod taxonomy;
pub(crate) mod theme;
pub(crate) mod watch;
pub(crate) mod yaml;
