//! What every page renderer reads: the linked corpus, the configuration,
//! the theme, and the orderings of the corpus (taxonomies, newest first)
//! with each entry's face.

use std::sync::Arc;

use super::orderings::{Orderings, OrderingsCache};
use crate::config::SiteConfig;
use crate::corpus::Corpus;
use crate::i18n::Strings;
use crate::links::Links;
use crate::taxonomy::{Taxonomy, TaxonomyKind};
use crate::theme::Theme;

/// What every page renderer reads.
pub(crate) struct Site<'a> {
    pub(crate) corpus: &'a Corpus,
    pub(crate) links: &'a Links,
    pub(crate) config: &'a SiteConfig,
    pub(crate) theme: &'a Theme,
    /// The site's typed relations, in display order.
    pub(crate) relations: Vec<crate::config::RelationDef>,
    /// The taxonomies and the newest-first orders.
    pub(super) orderings: Arc<Orderings>,
    /// Each entry's [`face`](super::orderings::face), by index: what listings and
    /// other entries' pages show of it.
    pub(super) faces: Vec<u64>,
    /// Whether the orderings are the previous build's: no entry moved in
    /// them.
    pub(super) orderings_reused: bool,
}

impl Site<'_> {
    /// The interface in the site's language.
    pub(crate) fn ui(&self) -> &Strings {
        self.theme
            .translations
            .for_page(&self.config.language, &self.config.language)
    }

    /// The interface for an entry in `lang`: that language when there is a
    /// translation for it, else the site's.
    pub(crate) fn ui_for(&self, lang: &str) -> &Strings {
        self.theme.translations.for_page(lang, &self.config.language)
    }

    pub(crate) fn taxonomy(&self, kind: TaxonomyKind) -> &Taxonomy {
        // `taxonomies` is built from `TaxonomyKind::ALL`, in that order.
        &self.orderings.taxonomies[kind as usize]
    }

    /// Every taxonomy, in the order of `TaxonomyKind::ALL`.
    pub(crate) fn taxonomies(&self) -> &[Taxonomy] {
        &self.orderings.taxonomies
    }

    /// The indices of the entries, newest first.
    pub(crate) fn newest(&self) -> &[usize] {
        &self.orderings.newest
    }
}

impl<'a> Site<'a> {
    /// The site of a linked corpus, its orderings taken from `orderings`
    /// where the previous build's still hold (and kept there, with `keep`).
    pub(super) fn with_orderings(
        corpus: &'a Corpus,
        links: &'a Links,
        config: &'a SiteConfig,
        theme: &'a Theme,
        orderings: &mut OrderingsCache,
        keep: bool,
    ) -> Site<'a> {
        let (orderings, faces, orderings_reused) = orderings.get(corpus, keep);
        Site {
            corpus,
            links,
            config,
            theme,
            relations: config.relation_defs(),
            orderings,
            faces,
            orderings_reused,
        }
    }
}

/// Right-to-left scripts.
pub(super) fn direction(lang: &str) -> &'static str {
    match lang.split('-').next().unwrap_or_default() {
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "dv" | "ckb" => "rtl",
        _ => "ltr",
    }
}
