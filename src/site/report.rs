//! What a build or check tells its caller.

use std::time::Duration;

use crate::corpus::EntryType;
use crate::diagnostic::Diagnostics;

/// What a build or check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Published entries per type, in `EntryType::ALL` order.
    pub(crate) counts: Vec<(EntryType, usize)>,
    /// Entries left out (drafts, confidential).
    pub(crate) withheld: usize,
    /// Files written (0 for a check).
    pub(crate) files: usize,
    pub(crate) bytes: u64,
    /// Bytes of the browser's search index (`search/`).
    pub(crate) search_bytes: u64,
    /// Pages rendered anew (every page in a first build).
    pub pages_rendered: usize,
    /// Pages whose fingerprint had not changed since the previous build,
    /// kept as they were.
    pub pages_reused: usize,
    /// What editors should fix (only from `check`).
    pub(crate) warnings: Diagnostics,
    /// How long each stage took (`load`, `link`, `render`, …).
    pub(crate) timings: Vec<(&'static str, Duration)>,
    /// The size of the offline bundle, when one was written.
    pub(crate) bundle_bytes: Option<u64>,
}

impl Report {
    pub(crate) fn entries(&self) -> usize {
        self.counts.iter().map(|(_, n)| n).sum()
    }

    /// `23 entries (12 cases, 2 policies, …)`.
    pub(crate) fn describe_entries(&self) -> String {
        let parts: Vec<String> = self
            .counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(kind, n)| format!("{n} {}", kind.folder()))
            .collect();
        format!("{} entries ({})", self.entries(), parts.join(", "))
    }
}
