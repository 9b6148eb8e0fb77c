//! Interface languages: the strings of the templates and of the pages
//! amicus builds, from translation files (`themes/default/i18n/<lang>.yaml`,
//! embedded like the templates; a theme's `i18n/<lang>.yaml` overrides them
//! key by key and may add languages).
//!
//! A key missing in a language falls back to English, so a partial
//! translation still gives a complete page. Counts choose their plural form
//! by the language's rules (`entries_one`, `entries_few`, …), and dates are
//! written the language's way (`26 juin 2024`, `26 июня 2024 г.`).

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::corpus::{EntryDate, EntryType};
use crate::yaml::{self, Place, Value};

/// The embedded translation files.
pub(crate) const EMBEDDED: &[(&str, &str)] = &[
    ("ar", include_str!("../themes/default/i18n/ar.yaml")),
    ("en", include_str!("../themes/default/i18n/en.yaml")),
    ("es", include_str!("../themes/default/i18n/es.yaml")),
    ("fr", include_str!("../themes/default/i18n/fr.yaml")),
    ("ru", include_str!("../themes/default/i18n/ru.yaml")),
];

/// The language every other falls back to.
pub(crate) const FALLBACK: &str = "en";

/// The strings of one language, English filling any gap.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Strings {
    pub(crate) lang: String,
    pub(crate) map: BTreeMap<String, String>,
}

/// Every interface language of a theme.
#[derive(Debug, Clone, Default, Hash)]
pub(crate) struct Translations {
    languages: BTreeMap<String, Strings>,
}

impl Translations {
    /// Builds the languages from `files` (language, parsed key → string),
    /// each merged over English.
    pub(crate) fn new(files: BTreeMap<String, BTreeMap<String, String>>) -> Translations {
        let english = files.get(FALLBACK).cloned().unwrap_or_default();
        let languages = files
            .into_iter()
            .map(|(lang, map)| {
                let mut merged = english.clone();
                merged.extend(map);
                (lang.clone(), Strings { lang, map: merged })
            })
            .collect();
        Translations { languages }
    }

    /// The interface for `lang` (`pt-BR` tries `pt-BR`, then `pt`), or
    /// `None` when there is no translation for it.
    pub(crate) fn get(&self, lang: &str) -> Option<&Strings> {
        self.languages
            .get(lang)
            .or_else(|| self.languages.get(lang.split('-').next().unwrap_or_default()))
    }

    /// The interface for `lang`, or else for `fallback`, or else English.
    pub(crate) fn for_page<'a>(&'a self, lang: &str, fallback: &str) -> &'a Strings {
        self.get(lang)
            .or_else(|| self.get(fallback))
            .or_else(|| self.get(FALLBACK))
            .unwrap_or(&EMPTY)
    }
}

static EMPTY: Strings = Strings {
    lang: String::new(),
    map: BTreeMap::new(),
};

/// Parses one translation file: a flat mapping of keys to strings (a
/// number is taken as its text). A problem is told with its line and
/// column.
pub(crate) fn parse(text: &str) -> Result<BTreeMap<String, String>, String> {
    let at = |place: Place| format!("at line {} column {}", place.line, place.column);
    let root = yaml::parse(text).map_err(|error| match error.place() {
        Some(place) => format!("{error} {}", at(place)),
        None => error.to_string(),
    })?;
    let pairs = match root.as_ref().map(|root| &root.value) {
        None | Some(Value::Null) => return Ok(BTreeMap::new()),
        Some(Value::Mapping(pairs)) => pairs,
        Some(_) => return Err("the file must be a mapping of keys to strings".into()),
    };
    pairs
        .iter()
        .map(|(key, value)| {
            let key = key
                .written()
                .ok_or_else(|| format!("a key must be text {}", at(key.place)))?
                .to_string();
            match &value.value {
                Value::String(s) => Ok((key, s.clone())),
                Value::Number(n) => Ok((key, n.to_string())),
                _ => Err(format!("`{key}` must be text")),
            }
        })
        .collect()
}

/// A plural category of CLDR for an integer count.
fn plural_category(lang: &str, n: u64) -> &'static str {
    match lang.split('-').next().unwrap_or_default() {
        "fr" | "pt" => {
            if n <= 1 {
                "one"
            } else {
                "other"
            }
        }
        "ru" | "uk" | "be" => match (n % 10, n % 100) {
            (1, h) if h != 11 => "one",
            (2..=4, h) if !(12..=14).contains(&h) => "few",
            _ => "many",
        },
        "ar" => match (n, n % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        "zh" | "ja" | "ko" => "other",
        _ => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

impl Strings {
    /// The string of `key`; the key itself if no file has it (a theme's
    /// template naming a key no language defines still renders).
    pub(crate) fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// `entries_one` / `entries_other` / … for `n`, with `{n}` filled in.
    pub(crate) fn count(&self, key: &str, n: usize) -> String {
        let category = plural_category(&self.lang, n as u64);
        let template = self
            .map
            .get(&format!("{key}_{category}"))
            .or_else(|| self.map.get(&format!("{key}_other")))
            .map_or(key, String::as_str);
        template.replace("{n}", &n.to_string())
    }

    /// A date as precise as known: `26 June 2024`, `juin 2024`, `2024`.
    pub(crate) fn date(&self, date: &EntryDate) -> String {
        let month = (date.month as usize).clamp(1, 12) - 1;
        let (pattern, month_name) = match (date.month, date.day) {
            (0, _) => return date.year.to_string(),
            (_, 0) => ("date_month", MONTHS[month]),
            _ => ("date_day", MONTHS_OF_DAY[month]),
        };
        let month_name = self.t(month_name);
        let values: [(&str, &dyn std::fmt::Display); 3] =
            [("{day}", &date.day), ("{month}", &month_name), ("{year}", &date.year)];
        // One pass over the pattern: a date is written on every page that
        // lists an entry, often hundreds of times.
        let mut out = String::with_capacity(32);
        let mut rest = self.t(pattern);
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            match values.iter().find(|(placeholder, _)| rest.starts_with(placeholder)) {
                Some((placeholder, value)) => {
                    let _ = write!(out, "{value}");
                    rest = &rest[placeholder.len()..];
                }
                None => {
                    out.push('{');
                    rest = &rest[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    pub(crate) fn type_label(&self, kind: EntryType) -> String {
        self.t(TYPE_LABELS[kind as usize]).to_string()
    }

    pub(crate) fn type_plural(&self, kind: EntryType) -> String {
        self.t(TYPE_PLURALS[kind as usize]).to_string()
    }
}

/// The keys of the month names, alone (`juin 2024`) and in a full date
/// (`26 июня 2024`), January first.
const MONTHS: [&str; 12] = [
    "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8", "month_9", "month_10",
    "month_11", "month_12",
];
const MONTHS_OF_DAY: [&str; 12] = [
    "month_day_1",
    "month_day_2",
    "month_day_3",
    "month_day_4",
    "month_day_5",
    "month_day_6",
    "month_day_7",
    "month_day_8",
    "month_day_9",
    "month_day_10",
    "month_day_11",
    "month_day_12",
];

/// The keys of each type's name, in the order of `EntryType::ALL`.
const TYPE_LABELS: [&str; 6] = [
    "type_case",
    "type_policy",
    "type_principle",
    "type_recommendation",
    "type_instrument",
    "type_report",
];
const TYPE_PLURALS: [&str; 6] = [
    "type_case_plural",
    "type_policy_plural",
    "type_principle_plural",
    "type_recommendation_plural",
    "type_instrument_plural",
    "type_report_plural",
];

/// A language's name in that language, for links to translations.
pub(crate) fn autonym(lang: &str) -> String {
    let name = match lang.split('-').next().unwrap_or_default() {
        "ar" => "العربية",
        "de" => "Deutsch",
        "en" => "English",
        "es" => "Español",
        "fa" => "فارسی",
        "fr" => "Français",
        "it" => "Italiano",
        "nl" => "Nederlands",
        "pt" => "Português",
        "ru" => "Русский",
        "tr" => "Türkçe",
        "uk" => "Українська",
        "zh" => "中文",
        _ => return lang.to_string(),
    };
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedded() -> Translations {
        Translations::new(
            EMBEDDED
                .iter()
                .map(|(lang, text)| (lang.to_string(), parse(text).unwrap()))
                .collect(),
        )
    }

    #[test]
    fn every_language_has_every_english_key() {
        let english = parse(EMBEDDED.iter().find(|(l, _)| *l == "en").unwrap().1).unwrap();
        for (lang, text) in EMBEDDED {
            let map = parse(text).unwrap();
            let missing: Vec<&String> = english.keys().filter(|k| !map.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{lang}.yaml lacks {missing:?}");
            // Keys English lacks can only be plural forms of its keys.
            for key in map.keys().filter(|k| !english.contains_key(*k)) {
                let base = key.rsplit_once('_').map(|(b, _)| b).unwrap_or_default();
                assert!(
                    english.contains_key(&format!("{base}_other")),
                    "{lang}.yaml: unknown key {key}"
                );
            }
        }
    }

    #[test]
    fn a_broken_translation_file_is_told_with_its_place() {
        let error = parse("search: Search\nsearch: Find\n").unwrap_err();
        assert_eq!(error, "duplicate key `search` at line 2 column 1");
        let error = parse("search: [Search\nhome: Home\n").unwrap_err();
        assert_eq!(error, "did not find expected ',' or ']' at line 2 column 5");
        assert_eq!(
            parse("count: 12\n").unwrap().get("count").map(String::as_str),
            Some("12")
        );
        assert_eq!(parse("list: [a]\n").unwrap_err(), "`list` must be text");
    }

    #[test]
    fn counts_take_the_plural_form_of_the_language() {
        let all = embedded();
        let ru = all.get("ru").unwrap();
        assert_eq!(ru.count("entries", 1), "1 запись");
        assert_eq!(ru.count("entries", 3), "3 записи");
        assert_eq!(ru.count("entries", 11), "11 записей");
        assert_eq!(ru.count("entries", 21), "21 запись");
        let fr = all.get("fr").unwrap();
        assert_eq!(fr.count("entries", 0), "0 entrée");
        assert_eq!(fr.count("entries", 2), "2 entrées");
        let ar = all.get("ar").unwrap();
        assert_eq!(ar.count("entries", 2), "مدخلان");
        assert_eq!(ar.count("entries", 5), "5 مداخل");
    }

    #[test]
    fn dates_are_written_the_languages_way() {
        let all = embedded();
        let date = EntryDate::parse("2024-06-26").unwrap();
        assert_eq!(all.get("en").unwrap().date(&date), "26 June 2024");
        assert_eq!(all.get("fr").unwrap().date(&date), "26 juin 2024");
        assert_eq!(all.get("es").unwrap().date(&date), "26 de junio de 2024");
        assert_eq!(all.get("ru").unwrap().date(&date), "26 июня 2024 г.");
        let month = EntryDate::parse("2021-12").unwrap();
        assert_eq!(all.get("ru").unwrap().date(&month), "декабрь 2021 г.");
        assert_eq!(all.get("en").unwrap().date(&EntryDate::parse("1998").unwrap()), "1998");
    }

    #[test]
    fn a_date_pattern_may_repeat_placeholders_and_hold_other_braces() {
        let pattern = |key: &str, value: &str| (key.to_string(), value.to_string());
        let files = BTreeMap::from([(
            "en".to_string(),
            BTreeMap::from([
                pattern("date_day", "{year}/{day} {month} ({year}) {x} {"),
                pattern("month_day_6", "June"),
            ]),
        )]);
        let all = Translations::new(files);
        let date = EntryDate::parse("2024-06-26").unwrap();
        assert_eq!(all.get("en").unwrap().date(&date), "2024/26 June (2024) {x} {");
    }

    #[test]
    fn missing_keys_fall_back_to_english() {
        let mut files = BTreeMap::new();
        files.insert(
            "en".to_string(),
            BTreeMap::from([("home".to_string(), "Home".to_string())]),
        );
        files.insert("xx".to_string(), BTreeMap::new());
        let all = Translations::new(files);
        assert_eq!(all.get("xx").unwrap().t("home"), "Home");
        assert_eq!(all.for_page("zz", "xx").lang, "xx");
        assert_eq!(all.get("xx-YY").unwrap().lang, "xx");
    }
}
