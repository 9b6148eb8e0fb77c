//! Integration tests: each module builds a corpus with the real `amicus`
//! binary and checks what a reader or an editor sees.

mod architecture;
mod broken_corpora;
mod bundle;
mod citation_export;
mod citations;
mod common;
mod confidentiality;
mod editors;
#[path = "../support/encoded.rs"]
mod encoded;
mod feeds;
mod generator;
mod hostile_input;
mod hosting;
mod incremental;
mod languages;
mod link_check;
mod odd_files;
mod output_safety;
mod pictures;
mod relations;
mod reproducibility;
mod serve_guard;
mod starter_site;
