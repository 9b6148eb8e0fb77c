//! What can stop a build.

use thiserror::Error;

use crate::bundle::BundleError;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::OutputError;
use crate::render::PageError;
use crate::theme::ThemeError;

/// Why a build or check stopped.
#[derive(Debug, Error)]
pub enum BuildError {
    /// The problems of the corpus files, every one found, sorted by file
    /// and line.
    #[error("{0}")]
    Corpus(Diagnostics),
    /// `amicus.yaml` could not be read, at the key or value it is about.
    #[error("{0}")]
    Config(Box<Diagnostic>),
    /// The theme could not be read, or one of its templates or translation
    /// files is wrong.
    #[error(transparent)]
    Theme(#[from] ThemeError),
    /// The output folder could not be written, or may not be replaced.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The offline zip could not be made.
    #[error(transparent)]
    Bundle(#[from] BundleError),
    /// The output folder and the corpus folder overlap: every build
    /// replaces the output folder.
    #[error("{0}")]
    Overlap(String),
}

impl From<PageError> for BuildError {
    fn from(error: PageError) -> BuildError {
        match error {
            PageError::Theme(error) => BuildError::Theme(error),
            PageError::Body(unread) => BuildError::Corpus(unread.into()),
        }
    }
}
