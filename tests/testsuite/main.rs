//! Integration tests, one binary: each module builds a corpus with the
//! real `amicus` binary (or drives the library) and checks what a reader or
//! an editor sees; the helpers are in `support`.

mod architecture;
mod broken_corpora;
mod browser;
mod bundle;
mod citation_export;
mod citations;
mod confidentiality;
mod editors;
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
mod properties;
mod relations;
mod reproducibility;
mod search_browser;
mod search_index;
mod search_parity;
mod search_relevance;
mod search_stems;
mod serve_guard;
mod starter_site;
mod support;
