//! What a word is, for the index, the command line and the browser alike.
//!
//! The shared contract ("normalisation") is: split the text into runs of
//! alphanumeric characters (`char::is_alphanumeric`, tantivy's
//! `SimpleTokenizer`), lower-case each character on its own, then fold each
//! character by the table of [`folding_table`]: tantivy's
//! `AsciiFoldingFilter`, whose ASCII is lower-cased and kept to letters and
//! digits (it folds `ʀ` to `R` and `⑴` to `(1)`; the table says `r` and
//! `1`, so that a normalised word is its own normal form). The browser
//! reproduces it with a regular expression, per-character `toLowerCase` and
//! the same table, which the manifest carries; a shared test vector
//! (`tests/fixtures/search/normalise.json`) holds both sides to it.
//!
//! The index adds one step, a stemmer per language (English, French,
//! Spanish, Russian, Arabic); other languages are not stemmed. The export
//! maps each normalised word of the corpus to its stems; the browser stems
//! a word the corpus lacks with the same algorithms (`stemmer.js`).
//!
//! [`words`] is the contract as tantivy's analyzers state it; [`each_word`]
//! is the same without a string a word, for indexing the corpus (a test
//! holds the two alike).
//!
//! This module owns the analyzers; it does not know about fields or shards.

use std::collections::{BTreeMap, HashMap};

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, SimpleTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter,
    TokenStream, Tokenizer,
};

/// A language as the index sees it: one with a stemmer, or any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// English (`en`), stemmed by tantivy's Snowball stemmer, as are the
    /// four below.
    En,
    /// French (`fr`).
    Fr,
    /// Spanish (`es`).
    Es,
    /// Russian (`ru`).
    Ru,
    /// Arabic (`ar`).
    Ar,
    /// Every language without a stemmer: normalised, never stemmed.
    Other,
}

impl Lang {
    pub(crate) const ALL: [Lang; 6] = [Lang::En, Lang::Fr, Lang::Es, Lang::Ru, Lang::Ar, Lang::Other];

    /// The language of an entry's `lang:` (`en`, `fr-CA`, `de` → `Other`).
    pub(crate) fn of_entry(lang: &str) -> Lang {
        // Called for every document on every build: no allocation.
        let primary = lang.split(['-', '_']).next().unwrap_or_default();
        Lang::ALL
            .into_iter()
            .find(|l| *l != Lang::Other && l.code().eq_ignore_ascii_case(primary))
            .unwrap_or(Lang::Other)
    }

    /// The code used in field names and in the export.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Ru => "ru",
            Lang::Ar => "ar",
            Lang::Other => "any",
        }
    }

    fn stemmer(self) -> Option<Language> {
        match self {
            Lang::En => Some(Language::English),
            Lang::Fr => Some(Language::French),
            Lang::Es => Some(Language::Spanish),
            Lang::Ru => Some(Language::Russian),
            Lang::Ar => Some(Language::Arabic),
            Lang::Other => None,
        }
    }
}

/// One word of a text, normalised, with where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub(crate) text: String,
    /// Byte offsets of the word in the original text.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// 0-based: the n-th word of the text.
    pub(crate) position: usize,
}

fn normaliser() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(Fold)
        .build()
}

fn stem_analyzer(lang: Lang) -> TextAnalyzer {
    match lang.stemmer() {
        Some(language) => TextAnalyzer::builder(RawTokenizer::default())
            .filter(Stemmer::new(language))
            .build(),
        None => TextAnalyzer::from(RawTokenizer::default()),
    }
}

/// The words of `text`, normalised: the shared contract.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut analyzer = normaliser();
    let mut stream = analyzer.token_stream(text);
    let mut found = Vec::new();
    while let Some(token) = stream.next() {
        found.push(Word {
            text: token.text.clone(),
            start: token.offset_from,
            end: token.offset_to,
            position: token.position,
        });
    }
    found
}

/// Calls `word` with each normalised word of `text` and its position, as
/// [`words`] finds them, without making a string for each: the index reads
/// every word of the corpus this way. (The characters' classes, lower-case
/// forms and folds are those of `words`; a test holds the two alike.)
pub fn each_word(text: &str, word: &mut dyn FnMut(&str, u32)) {
    let mut buffer = String::new();
    let mut position = 0;
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if !c.is_alphanumeric() {
            chars.next();
            continue;
        }
        buffer.clear();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_alphanumeric() {
                buffer.push(c.to_ascii_lowercase());
            } else if c.is_alphanumeric() {
                buffer.extend(c.to_lowercase());
            } else {
                break;
            }
            chars.next();
        }
        if !buffer.is_ascii() {
            fold(&mut buffer);
        }
        word(&buffer, position);
        position += 1;
    }
}

/// How many words `text` has, as [`words`] finds them: the runs of
/// letters and digits, counted without normalising them.
pub(crate) fn word_count(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        let word_char = c.is_alphanumeric();
        if word_char && !in_word {
            count += 1;
        }
        in_word = word_char;
    }
    count
}

/// Folds each character of a lower-cased word by [`folding_table`].
fn fold(word: &mut String) {
    let folds = folds();
    let folded: String = word.chars().fold(String::with_capacity(word.len()), |mut folded, c| {
        match folds.get(&c) {
            Some(form) => folded.push_str(form),
            None => folded.push(c),
        }
        folded
    });
    *word = folded;
}

/// The normalised words of `text`, without their places.
pub fn word_texts(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.text).collect()
}

/// Stems stemmed words of one language; built once, used for many words.
pub struct Stemmers {
    analyzers: Vec<(Lang, TextAnalyzer)>,
}

impl Default for Stemmers {
    fn default() -> Self {
        Stemmers {
            analyzers: Lang::ALL.into_iter().map(|l| (l, stem_analyzer(l))).collect(),
        }
    }
}

impl Stemmers {
    /// The indexed term of an already normalised word in `lang`.
    pub fn stem(&mut self, lang: Lang, word: &str) -> String {
        let Some((_, analyzer)) = self.analyzers.iter_mut().find(|(l, _)| *l == lang) else {
            return word.to_string();
        };
        let mut stream = analyzer.token_stream(word);
        let mut stem = String::new();
        while let Some(token) = stream.next() {
            stem.push_str(&token.text);
        }
        stem
    }
}

/// Every character whose folding changes it, mapped to its folded form,
/// restricted to characters that can appear after lower-casing (the only
/// ones the folding step ever sees). Grouped by folded form, to keep the
/// browser's table small: `{"a": "àáâ…", "ae": "æǣ…"}`.
///
/// The folded form is tantivy's ASCII folding, lower-cased, without what is
/// not a letter or digit: a word is split at anything else, so a folded
/// word that kept it (`(1)` from `⑴`) or upper case (`R` from `ʀ`) would
/// not be its own normal form, and could not be searched for as shown. A
/// character that would fold to nothing is left as it is.
pub(crate) fn folding_table() -> &'static BTreeMap<String, String> {
    static TABLE: std::sync::OnceLock<BTreeMap<String, String>> = std::sync::OnceLock::new();
    TABLE.get_or_init(build_folding_table)
}

fn build_folding_table() -> BTreeMap<String, String> {
    let mut folder = TextAnalyzer::builder(RawTokenizer::default())
        .filter(AsciiFoldingFilter)
        .build();
    let mut table: BTreeMap<String, String> = BTreeMap::new();
    for c in lowercase_outputs() {
        let original = c.to_string();
        let mut stream = folder.token_stream(&original);
        let Some(token) = stream.next() else { continue };
        let folded: String = token
            .text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if !folded.is_empty() && folded != original {
            table.entry(folded).or_default().push(c);
        }
    }
    table
}

/// Each character's folded form, from [`folding_table`].
fn folds() -> &'static HashMap<char, &'static str> {
    static FOLDS: std::sync::OnceLock<HashMap<char, &'static str>> = std::sync::OnceLock::new();
    FOLDS.get_or_init(|| {
        folding_table()
            .iter()
            .flat_map(|(folded, chars)| chars.chars().map(move |c| (c, folded.as_str())))
            .collect()
    })
}

/// The folding step as a token filter: each character of a token replaced
/// by its folded form from [`folding_table`], as the browser does.
#[derive(Clone)]
struct Fold;

impl TokenFilter for Fold {
    type Tokenizer<T: Tokenizer> = FoldFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FoldFilter<T> {
        FoldFilter {
            tokenizer,
            buffer: String::new(),
        }
    }
}

#[derive(Clone)]
struct FoldFilter<T> {
    tokenizer: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for FoldFilter<T> {
    type TokenStream<'a> = FoldStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FoldStream {
            tail: self.tokenizer.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

struct FoldStream<'a, T> {
    tail: T,
    buffer: &'a mut String,
}

impl<T: TokenStream> TokenStream for FoldStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &self.tail.token().text;
        if !text.is_ascii() {
            let folds = folds();
            self.buffer.clear();
            for c in text.chars() {
                match folds.get(&c) {
                    Some(folded) => self.buffer.push_str(folded),
                    None => self.buffer.push(c),
                }
            }
            std::mem::swap(&mut self.tail.token_mut().text, self.buffer);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Blocks tantivy's folding table has no character of (CJK, Yi, Hangul,
/// private use): skipped only to build the table faster.
fn never_folded(c: char) -> bool {
    matches!(u32::from(c), 0x3400..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7FF | 0xE000..=0xF8FF)
}

/// The characters that lower-casing can produce, in code point order.
/// Only the Basic Multilingual Plane: tantivy folds nothing above it (its
/// table ends at U+FF5E), and lower-casing never leaves its plane.
fn lowercase_outputs() -> Vec<char> {
    let mut seen: Vec<char> = (0x80u32..=0xFFFF)
        .filter_map(char::from_u32)
        .flat_map(char::to_lowercase)
        .filter(|l| !l.is_ascii() && !never_folded(*l))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_lowercased_and_folded() {
        assert_eq!(
            word_texts("Persécution: ICC-01/12-01/18, art. 7(1)(h) ÆSIR straße"),
            [
                "persecution",
                "icc",
                "01",
                "12",
                "01",
                "18",
                "art",
                "7",
                "1",
                "h",
                "aesir",
                "strasse"
            ]
        );
        let found = words("Là-bas");
        assert_eq!((found[1].start, found[1].end, found[1].position), (4, 7, 1));
    }

    #[test]
    fn each_word_and_word_count_find_what_words_finds() {
        let pool: Vec<char> = "aZ09 -.,;'’\n\tÉéÀàßẞæŒİıΣσςΑΩ𝔸ﬁﬃДжЖй中文한국ʀ⑴①²½\u{301}\u{200b}😀ǅǄ"
            .chars()
            .collect();
        // A small generator, the same sequence every run.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut texts = vec![String::new(), "Persécution: ICC-01/12, ÆSIR straße".to_string()];
        for _ in 0..3000 {
            let length = (next() % 24) as usize;
            texts.push(
                (0..length)
                    .map(|_| pool[(next() % pool.len() as u64) as usize])
                    .collect(),
            );
        }
        for text in texts {
            let mut found = Vec::new();
            each_word(&text, &mut |word, position| {
                found.push((word.to_string(), position as usize))
            });
            let expected: Vec<(String, usize)> = words(&text).into_iter().map(|w| (w.text, w.position)).collect();
            assert_eq!(found, expected, "{text:?}");
            assert_eq!(word_count(&text), expected.len(), "{text:?}");
        }
    }

    #[test]
    fn stemming_depends_on_the_language() {
        let mut stemmers = Stemmers::default();
        assert_eq!(stemmers.stem(Lang::En, "persecutions"), "persecut");
        assert_eq!(stemmers.stem(Lang::Other, "persecutions"), "persecutions");
        assert_eq!(stemmers.stem(Lang::Ru, "преследования"), "преследован");
    }

    #[test]
    fn entry_languages_map_to_analyzers() {
        assert_eq!(Lang::of_entry("fr-CA"), Lang::Fr);
        assert_eq!(Lang::of_entry("de"), Lang::Other);
        assert_eq!(Lang::of_entry("any"), Lang::Other);
    }

    #[test]
    fn the_folding_table_covers_accents_and_ligatures() {
        let table = folding_table();
        assert!(table["e"].contains('é'));
        assert!(table["ss"].contains('ß'));
        assert!(
            !table.values().any(|chars| chars.contains('й')),
            "Cyrillic is not folded"
        );
    }
}
