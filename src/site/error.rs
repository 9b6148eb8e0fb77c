//! What can stop a build.

use thiserror::Error;

use crate::bundle::BundleError;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::OutputError;
use crate::theme::ThemeError;

/// Why a build or check stopped.
#[derive(Debug, Error)]
pub enum BuildError {
    #[error("{0}")]
    Corpus(Diagnostics),
    #[error("{0}")]
    Config(Box<Diagnostic>),
    #[error(transparent)]
    Theme(#[from] ThemeError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Bundle(#[from] BundleError),
    #[error("{0}")]
    Overlap(String),
}
