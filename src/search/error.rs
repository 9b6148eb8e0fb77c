//! What can go wrong with the search index: missing, locked by another
//! process, unwritable, or not as amicus writes it.

use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum SearchError {
    #[error("no search index in {}: run `amicus build` first", .0.display())]
    Missing(PathBuf),
    #[error("the search index is being written by another amicus process; wait for it to finish and try again")]
    Locked,
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index: {0}")]
    Corrupt(String),
}

impl From<std::io::Error> for SearchError {
    fn from(error: std::io::Error) -> Self {
        SearchError::Corrupt(error.to_string())
    }
}

impl From<tantivy::directory::error::OpenReadError> for SearchError {
    fn from(error: tantivy::directory::error::OpenReadError) -> Self {
        SearchError::Corrupt(error.to_string())
    }
}

impl SearchError {
    pub(super) fn from_writer(error: tantivy::TantivyError) -> SearchError {
        match error {
            tantivy::TantivyError::LockFailure(..) => SearchError::Locked,
            other => SearchError::Tantivy(other),
        }
    }
}
