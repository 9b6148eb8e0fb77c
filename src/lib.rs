//! amicus compiles a Markdown corpus of legal material (cases, policies,
//! principles, recommendations, instruments, reports) into a cross-linked
//! static site.
//!
//! The data flows one way; each module owns one stage:
//! [`config`] → [`corpus`] (load and check) → [`links`] (references and
//! backlinks) → [`render`] (pages, through a [`theme`]) → [`output`] (write,
//! all or nothing). [`site`] runs the stages in order, [`cli`] is the edge.

// Diagnostics are large and only travel on the error path, where their size
// costs nothing worth boxing for.
#![allow(clippy::result_large_err)]

pub mod bundle;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod diagnostic;
pub mod escape;
pub mod export;
pub mod feeds;
pub mod generate;
pub mod hash;
pub mod hosting;
pub mod i18n;
pub mod links;
pub mod lint;
pub mod markdown;
pub mod output;
pub mod pictures;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod taxonomy;
pub mod theme;
pub mod watch;
pub mod yaml;
