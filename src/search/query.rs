//! The query language, the same on the command line and in the browser
//! (`search.js` parses it the same way):
//!
//! - words: every word must match (`forced marriage`);
//! - `"an exact phrase"`, mixed freely with words;
//! - `-word` and `-"a phrase"` exclude entries;
//! - `a OR b`: either (binds tighter than the implicit AND);
//! - `word*`: any word starting so; a word absent from the corpus is
//!   expanded the same way, and so is the word still being typed;
//! - filters: `type:case country:ml court:icc grounds:gender
//!   crimes:forced-marriage year:2020..2024 lang:fr relation:overturned`,
//!   and `-type:report`;
//! - anything written with punctuation inside (`ICC-01/12-01/18`,
//!   `7(1)(h)`) is a phrase of its words, so citations match as written;
//! - `a w/5 b`: a word (or phrase, or `OR` of them) within five words of
//!   the next, in either order, in one field (the title, the summary or
//!   the body), as legal databases write it; `a /p b`: in one paragraph
//!   (a block of the body: a paragraph, list item, table row, heading), or
//!   both in the title or both in the summary.

use super::analyzer::word_texts;

/// Something a query asks for, one word or a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// One word.
    Word {
        /// Normalised as the analyzer normalises (lower case, folded to
        /// ASCII), not stemmed.
        text: String,
        /// Whether it stands for every word it starts (`word*`, or the
        /// word still being typed).
        prefix: bool,
    },
    /// Words that must stand next to each other in this order, normalised:
    /// `"an exact phrase"`, or a word written with punctuation inside
    /// (`7(1)(h)`). At least two.
    Phrase(Vec<String>),
}

impl Unit {
    /// The unit as the user would write it, for messages.
    pub fn describe(&self) -> String {
        match self {
            Unit::Word { text, prefix: false } => text.clone(),
            Unit::Word { text, prefix: true } => format!("{text}*"),
            Unit::Phrase(words) => format!("\"{}\"", words.join(" ")),
        }
    }
}

/// What a filter (`field:value`) looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FilterField {
    /// `type:case`: the entry type, by name, plural or label.
    Type,
    /// `country:ml`: a country, by ISO code or name.
    Country,
    /// `court:icc`: words that run in the court or issuer, in order.
    Court,
    /// `grounds:gender`: a ground, by its slug.
    Grounds,
    /// `crimes:forced-marriage`: a crime, by its slug.
    Crimes,
    /// `year:2021`, `year:2020..2024`, `2020..` or `..2019`.
    Year,
    /// `lang:fr`: the entry's language.
    Lang,
    /// `relation:overturned`: a relation the entry declares, or one
    /// declared against it (`GraphFacts`).
    Relation,
}

impl FilterField {
    /// Every field, in the order the query language lists them.
    pub const ALL: [FilterField; 8] = [
        FilterField::Type,
        FilterField::Country,
        FilterField::Court,
        FilterField::Grounds,
        FilterField::Crimes,
        FilterField::Year,
        FilterField::Lang,
        FilterField::Relation,
    ];

    /// The name written before the colon: `type`, `country`, ….
    pub fn name(self) -> &'static str {
        match self {
            FilterField::Type => "type",
            FilterField::Country => "country",
            FilterField::Court => "court",
            FilterField::Grounds => "grounds",
            FilterField::Crimes => "crimes",
            FilterField::Year => "year",
            FilterField::Lang => "lang",
            FilterField::Relation => "relation",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<FilterField> {
        let name = name.to_ascii_lowercase();
        FilterField::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// `field:value`, or `-field:value` to exclude.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// What the filter looks at.
    pub field: FilterField,
    /// As written after the colon (or between quotes after it), trimmed,
    /// never empty.
    pub value: String,
    /// `-field:value`: the entries it matches are left out.
    pub negated: bool,
}

/// `a w/5 b`, `a /p b`: clause `left` must stand close to clause `right`
/// (the next).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Near {
    /// The index of the first clause in [`Query::clauses`].
    pub left: usize,
    /// The index of the second: always `left + 1`.
    pub right: usize,
    /// How close they must stand.
    pub within: Within,
}

/// How close two clauses of a [`Near`] must stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// At most this many words apart, in either order, in one field.
    Words(u32),
    /// In one paragraph: one block of the body, or the title, or the
    /// summary.
    Paragraph,
}

/// The largest distance `w/N` takes; more is a typo, or no constraint.
pub(crate) const MAX_NEAR: u32 = 255;

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Every clause must match; a clause matches when one of its units does.
    pub clauses: Vec<Vec<Unit>>,
    /// `-word` and `-"a phrase"`: entries that match any are left out.
    pub excluded: Vec<Unit>,
    /// `field:value` and `-field:value`, in the order written.
    pub filters: Vec<Filter>,
    /// Clauses that must stand close together.
    pub near: Vec<Near>,
}

/// What a `w/N` (`w/5`, `W/12`; more than [`MAX_NEAR`] is taken as that)
/// or `/p` operator asks, if `text` is one.
fn near_operator(text: &str) -> Option<Within> {
    if text.eq_ignore_ascii_case("/p") {
        return Some(Within::Paragraph);
    }
    let digits = text.strip_prefix(['w', 'W'])?.strip_prefix('/')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let within = digits
        .parse::<u64>()
        .map_or(u64::from(MAX_NEAR), |n| n.min(u64::from(MAX_NEAR)));
    Some(Within::Words(within as u32))
}

/// One piece of the query as written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Lexeme {
    negated: bool,
    quoted: bool,
    text: String,
    /// Set for `field:value`.
    field: Option<FilterField>,
    /// Whether whitespace (or the end of a closing quote) follows.
    ended: bool,
}

/// Parses a query. `typing` treats the last word as a prefix unless a space
/// follows it, for results as you type.
pub fn parse(input: &str, typing: bool) -> Query {
    let lexemes = lex(input);
    let mut query = Query::default();
    let mut join_next = false;
    let mut near_next: Option<Within> = None;
    let count = lexemes.len();
    for (index, lexeme) in lexemes.into_iter().enumerate() {
        let bare = !lexeme.quoted && !lexeme.negated && lexeme.field.is_none();
        if bare && lexeme.text == "OR" {
            join_next = !query.clauses.is_empty();
            continue;
        }
        if let Some(within) = near_operator(&lexeme.text).filter(|_| bare) {
            near_next = (!query.clauses.is_empty()).then_some(within);
            join_next = false;
            continue;
        }
        if let Some(field) = lexeme.field {
            query.filters.push(Filter {
                field,
                value: lexeme.text,
                negated: lexeme.negated,
            });
            join_next = false;
            near_next = None;
            continue;
        }
        let last_typed = typing && index + 1 == count && !lexeme.ended;
        let Some(unit) = unit_of(&lexeme, last_typed) else {
            continue;
        };
        if lexeme.negated {
            query.excluded.push(unit);
        } else if join_next {
            if let Some(clause) = query.clauses.last_mut() {
                clause.push(unit);
            }
        } else {
            query.clauses.push(vec![unit]);
            if let Some(within) = near_next.take() {
                let right = query.clauses.len() - 1;
                query.near.push(Near {
                    left: right - 1,
                    right,
                    within,
                });
            }
        }
        join_next = false;
        near_next = None;
    }
    query
}

fn unit_of(lexeme: &Lexeme, last_typed: bool) -> Option<Unit> {
    let star = !lexeme.quoted && lexeme.text.ends_with('*');
    let text = if star {
        lexeme.text.trim_end_matches('*')
    } else {
        &lexeme.text
    };
    let mut words = word_texts(text);
    match words.len() {
        0 => None,
        1 => Some(Unit::Word {
            text: words.remove(0),
            prefix: !lexeme.quoted && (star || last_typed),
        }),
        _ => Some(Unit::Phrase(words)),
    }
}

/// Splits the query into lexemes: quoted phrases, `-` signs, `field:value`
/// filters and bare words.
fn lex(input: &str) -> Vec<Lexeme> {
    let chars: Vec<char> = input.chars().collect();
    let mut lexemes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let negated = chars[i] == '-' && chars.get(i + 1).is_some_and(|c| !c.is_whitespace());
        if negated {
            i += 1;
        }
        if chars[i] == '"' {
            let (text, next, closed) = read_quoted(&chars, i + 1);
            i = next;
            lexemes.push(Lexeme {
                negated,
                quoted: true,
                text,
                field: None,
                ended: closed || i < chars.len(),
            });
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        let filter = word
            .split_once(':')
            .and_then(|(name, value)| Some((FilterField::from_name(name)?, value.to_string())));
        match filter {
            Some((field, value)) => {
                let value = if value.is_empty() && chars.get(i) == Some(&'"') {
                    let (text, next, _) = read_quoted(&chars, i + 1);
                    i = next;
                    text
                } else {
                    value
                };
                // `type:` alone (still being typed) asks for nothing yet.
                if !value.trim().is_empty() {
                    lexemes.push(Lexeme {
                        negated,
                        quoted: false,
                        text: value.trim().to_string(),
                        field: Some(field),
                        ended: true,
                    });
                }
            }
            None => lexemes.push(Lexeme {
                negated,
                quoted: false,
                text: word,
                field: None,
                ended: i < chars.len(),
            }),
        }
    }
    lexemes
}

/// Reads up to the closing quote; returns the text, the index after it and
/// whether the quote was closed.
fn read_quoted(chars: &[char], start: usize) -> (String, usize, bool) {
    match chars[start.min(chars.len())..].iter().position(|&c| c == '"') {
        Some(length) => (chars[start..start + length].iter().collect(), start + length + 1, true),
        None => (chars[start.min(chars.len())..].iter().collect(), chars.len(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Unit {
        Unit::Word {
            text: text.into(),
            prefix: false,
        }
    }

    fn phrase(words: &[&str]) -> Unit {
        Unit::Phrase(words.iter().map(|w| w.to_string()).collect())
    }

    #[test]
    fn words_phrases_and_exclusions() {
        let q = parse("\"Forced marriage\" uganda -ongwen -\"trial chamber\"", false);
        assert_eq!(q.clauses, [vec![phrase(&["forced", "marriage"])], vec![word("uganda")]]);
        assert_eq!(q.excluded, [word("ongwen"), phrase(&["trial", "chamber"])]);
    }

    #[test]
    fn or_joins_neighbours() {
        let q = parse("forced OR early marriage", false);
        assert_eq!(q.clauses, [vec![word("forced"), word("early")], vec![word("marriage")]]);
        assert_eq!(parse("OR gender", false).clauses, [vec![word("gender")]]);
    }

    #[test]
    fn citations_are_phrases_as_written() {
        assert_eq!(
            parse("ICC-01/12-01/18", false).clauses,
            [vec![phrase(&["icc", "01", "12", "01", "18"])]]
        );
        assert_eq!(
            parse("art. 7(1)(h)", false).clauses,
            [vec![word("art")], vec![phrase(&["7", "1", "h"])]]
        );
    }

    #[test]
    fn filters_with_plain_and_quoted_values() {
        let q = parse(
            "type:case -country:ML court:\"trial chamber\" year:2020..2024 gender",
            false,
        );
        let filters: Vec<(&str, &str, bool)> = q
            .filters
            .iter()
            .map(|f| (f.field.name(), f.value.as_str(), f.negated))
            .collect();
        assert_eq!(
            filters,
            [
                ("type", "case", false),
                ("country", "ML", true),
                ("court", "trial chamber", false),
                ("year", "2020..2024", false)
            ]
        );
        assert_eq!(q.clauses, [vec![word("gender")]]);
        assert_eq!(parse("foo:bar", false).clauses, [vec![phrase(&["foo", "bar"])]]);
    }

    #[test]
    fn near_operators_tie_neighbouring_clauses() {
        let q = parse("persecution w/5 gender OR sex \"trial chamber\" W/12 icc", false);
        assert_eq!(
            q.clauses,
            [
                vec![word("persecution")],
                vec![word("gender"), word("sex")],
                vec![phrase(&["trial", "chamber"])],
                vec![word("icc")]
            ]
        );
        assert_eq!(
            q.near,
            [
                Near {
                    left: 0,
                    right: 1,
                    within: Within::Words(5)
                },
                Near {
                    left: 2,
                    right: 3,
                    within: Within::Words(12)
                }
            ]
        );
        // Dangling or out of range: no constraint, and not a word either.
        for text in ["w/5 gender", "gender w/5"] {
            let q = parse(text, false);
            assert!(q.near.is_empty(), "{text}");
            assert!(
                !q.clauses.iter().flatten().any(|u| u.describe().contains('w')),
                "{text}"
            );
        }
        assert_eq!(
            parse("a w/99999999999999999999 b", false).near[0].within,
            Within::Words(MAX_NEAR)
        );
        assert_eq!(parse("a /P b", false).near[0].within, Within::Paragraph);
        assert_eq!(parse("a /p b", false).clauses.len(), 2);
        assert_eq!(parse("\"w/5\" a", false).clauses[0], vec![phrase(&["w", "5"])]);
    }

    #[test]
    fn prefixes_by_star_or_while_typing() {
        let prefixed = Unit::Word {
            text: "persec".into(),
            prefix: true,
        };
        assert_eq!(parse("persec*", false).clauses, [vec![prefixed.clone()]]);
        assert_eq!(parse("gender persec", true).clauses[1], vec![prefixed]);
        assert_eq!(parse("gender persec ", true).clauses[1], vec![word("persec")]);
        assert_eq!(parse("\"persec", true).clauses, [vec![word("persec")]]);
    }
}
