//! What a build keeps for the next one. `serve` and `build --watch` keep
//! everything a rebuild can reuse (each file's parse, the pages, the search
//! documents and export, the citation records, the precompressed copies),
//! so that an edit costs what it touched; a single `build` keeps nothing,
//! so that it never holds the whole site in memory. Every cache is made
//! with one `Keep`, the builder's.

/// What a build keeps for the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Keep {
    /// Everything a next build can reuse (`serve`, `build --watch`).
    #[default]
    ForNextBuild,
    /// Nothing: each file goes its way as soon as it is made (`build`).
    Nothing,
}

impl Keep {
    /// Whether anything is kept.
    pub(crate) fn anything(self) -> bool {
        self == Keep::ForNextBuild
    }
}
