//! The browser stems as the index does: `themes/default/static/stemmer.js`
//! (run under Node by `tests/search/stem-node.js`) gives every word the stem
//! tantivy's stemmer gives it through `Stemmers`, in English, French,
//! Spanish, Russian and Arabic.
//!
//! The words, per language, at least [`MIN_WORDS`] of the language's own
//! script: the corpus's and the fixtures' words and those of the
//! translation files, normalised as the index normalises them, and
//! inflections made from them (their roots with the language's endings and
//! prefixes); then a few edge cases, and some words as they are before
//! normalisation (accents, upper case, apostrophes), which the index never
//! stems but which the two stemmers must still agree on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use amicus::search::analyzer::{word_texts, Lang, Stemmers};

/// Words of its own script each language is tested with, at least.
const MIN_WORDS: usize = 20_000;

/// Each root takes one suffix in `STEP` (a different one for each root), to
/// keep the lists at 50,000 to 80,000 words.
const STEP: usize = 3;

/// Differences shown per language when the stems differ.
const SHOWN: usize = 20;

const LANGS: [Lang; 5] = [Lang::En, Lang::Fr, Lang::Es, Lang::Ru, Lang::Ar];

const ENGLISH_SUFFIXES: &str = "\
    s es ed ing ly ness ation ations ions ies ied er est ment ful ings edly ingly ism ist ity ive ize \
    ized al ally able ible ance ence ous ousness ational fulness iveness biliti ogist ator e y ier iest \
    eed eedly";

const FRENCH_SUFFIXES: &str = "\
    s es e ée ées ment ation ations ité ités euse euses eux ique iques ance ances ence ences er ez ions \
    aient ait ant ent erai erions issement issant ir it eau eaux al aux atrice ateur logie usion ution \
    able isme iste if ive ives ièrement emment amment è ère qu ier ière";

const SPANISH_SUFFIXES: &str = "\
    s es a as o os ción ciones mente ando iendo aron ieron ría rían ado ada ados adas ido ida idos idas \
    ar er ir amos imos aba aban ía ían ará erá irá idad idades ista istas ismo able ible anza encia \
    ancia ivo iva oso osa ándose iéndole arse erlo irla logía ución amiento imiento";

// The lists of words below are separated by spaces; [`list`] reads them.

/// Russian endings, of nouns, adjectives, participles and verbs (and none).
const RUSSIAN_ENDINGS: &str = "\
    а я о е ы и у ю ь ой ей ом ем ам ям ах ях ами ями ов ев ия ие ий ию ием ии ый ая ое ые ого его ому \
    ему ым им ых их ыми ими ую юю яя ее ть ться л ла ло ли лся лась лись ет ют ут ит ят ешь ишь ете ите \
    вший вшись вши ющий ащий ящий ущий емый имый енный анный ость ости остью ение ения ению ением ании \
    ировать ированный ейший ейшая айший ейше ся сь нн ннн ёт ённый";

const RUSSIAN_PREFIXES: &str = "не по пере при за вы раз без";

/// Russian endings a root is found by (the longest is taken off).
const RUSSIAN_ROOT_ENDINGS: &str = "\
    ого его ому ему ыми ими ами ями ием ость ости ение ения ании ание ания ться ая яя ое ее ые ие ый ий \
    ой ей ым им ых их ую юю ом ем ам ям ах ях ов ев ию ия ии ть ет ют ит ят ся а я о е ы и у ю ь";

const ARABIC_PREFIXES: &str = "ال وال بال كال فال لل و ف ب ك ل س ي ت ن أ ا است سي ست سن سأ لي فب وب";

const ARABIC_SUFFIXES: &str = "ة ات ان ين ون ها هم هن كم كن نا ي ك ه تم تن وا ية يات تين تان هما كما ى ا ت ن و";

/// Arabic affixes a root is found by (the longest of each is taken off).
const ARABIC_ROOT_PREFIXES: &str = "وال بال كال فال ال لل و ف ب ك ل";
const ARABIC_ROOT_SUFFIXES: &str = "يات ات ان ين ون ها هم هن كم نا ية ة ي ك ه";

/// Words the algorithms treat apart (exceptions, `y`, short words, `ё`,
/// Arabic letter forms, digits), and degenerate ones (and the empty word).
const EDGE_CASES: &str = "\
    a e i o s y yy yyy ay ya yay yes say says saying sayings boy boys toy toying by eye eyes cry crying \
    cries cried dying lying tying dies ties skies skis sky news only early gently idly ugly singly howe \
    atlas cosmos bias andes generate generously communism community arsenal arsenic emerging organize \
    university universal later laterally past pasted international interns evening evenings inning \
    innings outing outings canning cannings herring earring proceed proceeds exceed exceeded succeed \
    succeeded feed agreed bleed ied ies sss ss us hopping hoping filing filling failing fizzed \
    luxuriating abed apped 0 1 7 42 2024 01 1a a1 x2y 7h ё ёж ещё всё её ёлка ёлки счёт счётный пришёл \
    жёны и в я нн ннн анн ся ь ъ ـ ـــ ء آ أ إ ؤ ئ ى ة ﻻ ﻷ ﺍﻟ ﺑ ال الا ٠ ١٢ ٣٤٥٦٧٨٩ ال٣ qu l j d n m t c";

/// Words as they are before normalisation (the index never stems them).
const RAW_WORDS: &str = "\
    don't o'clock 's s' ' '' y'all it's l'homme qu'il j'ai d'accord aujourd'hui Yes YES Y yY Yy sAYing \
    SKIES Ёлка ЁЖ Москва naïve café cafés élève élèves français françaises ça où être fenêtre niño niños \
    canción canciones están acción qüestió straße æsir œuvre ıi İstanbul ǅ ﬁnal persécutés poursuivis \
    générales développement responsabilité mujeres jurídica violación crímenes ﾀ 日本語 😀 a😀b 😀ing é😀s \
    \u{301} e\u{301} \u{10FFFF} мама\u{301}";

#[test]
#[cfg_attr(
    amicus_without_node,
    ignore = "needs Node: apt-get install nodejs (see README, Tests)"
)]
fn javascript_stems_as_rust_does() {
    let lists = word_lists();
    for (lang, words) in &lists {
        let own = words.iter().filter(|w| of_script(*lang, w)).count();
        assert!(
            own >= MIN_WORDS,
            "{}: only {own} words of its script, fewer than {MIN_WORDS}",
            lang.code()
        );
        println!("{}: {} words, {own} of its script", lang.code(), words.len());
    }
    crate::support::search::require_node();
    let mut stemmers = Stemmers::default();
    let javascript = javascript_stems(&lists);
    let mut failures = Vec::new();
    for (lang, words) in &lists {
        let stems = &javascript[lang.code()];
        assert_eq!(stems.len(), words.len(), "{}: one stem per word", lang.code());
        let differences: Vec<String> = words
            .iter()
            .zip(stems)
            .filter_map(|(word, js)| {
                let rust = stemmers.stem(*lang, word);
                (rust != *js).then(|| format!("  {word:?}: Rust {rust:?}, JavaScript {js:?}"))
            })
            .collect();
        if !differences.is_empty() {
            failures.push(format!(
                "{}: {} of {} words stemmed differently{}\n{}",
                lang.code(),
                differences.len(),
                words.len(),
                if differences.len() > SHOWN {
                    ", the first ones:"
                } else {
                    ":"
                },
                differences[..differences.len().min(SHOWN)].join("\n")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "stemmer.js differs from Rust:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_normaliser_keeps_no_apostrophe() {
    // So the English algorithm's handling of `'` never matters in the index;
    // the raw words above still hold the browser to it.
    assert_eq!(
        word_texts("don't o'clock l'homme ’s"),
        ["don", "t", "o", "clock", "l", "homme", "s"]
    );
}

/// The stems `stemmer.js` gives each list, by language code.
fn javascript_stems(lists: &[(Lang, Vec<String>)]) -> BTreeMap<String, Vec<String>> {
    let file = tempfile::NamedTempFile::new().expect("temporary file");
    let by_code: BTreeMap<&str, &Vec<String>> = lists.iter().map(|(lang, words)| (lang.code(), words)).collect();
    std::fs::write(file.path(), serde_json::to_vec(&by_code).expect("words as JSON")).expect("write words");
    let output = Command::new("node")
        .arg(crate::support::search::repo().join("tests/search/stem-node.js"))
        .arg(file.path())
        .output()
        .expect("run node");
    assert!(
        output.status.success(),
        "stem-node.js failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The time each language took.
    print!("{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("stem-node.js prints JSON")
}

/// The words of each language, sorted: normalised words (of the sources and
/// generated), then the edge cases and the raw words.
fn word_lists() -> Vec<(Lang, Vec<String>)> {
    let texts = source_texts();
    let normalised: BTreeSet<String> = texts.iter().flat_map(|text| word_texts(text)).collect();
    // Lower-cased but not folded, for the raw inflections of French and Spanish.
    let unfolded: BTreeSet<String> = texts
        .iter()
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase))
        .filter(|w| !w.is_empty())
        .collect();
    LANGS
        .into_iter()
        .map(|lang| {
            let mut words: BTreeSet<String> = normalised.iter().filter(|w| of_script(lang, w)).cloned().collect();
            let generated = match lang {
                Lang::En => inflections(&normalised, &normal(ENGLISH_SUFFIXES), |w| w.is_ascii()),
                Lang::Fr => inflections(&normalised, &normal(FRENCH_SUFFIXES), |w| w.is_ascii()),
                Lang::Es => inflections(&normalised, &normal(SPANISH_SUFFIXES), |w| w.is_ascii()),
                Lang::Ru => russian(&normalised),
                Lang::Ar => arabic(&normalised),
                Lang::Other => unreachable!("not stemmed"),
            };
            // Normalised parts make a normalised word; the rest is normalised here.
            for word in generated {
                if of_script(lang, &word) {
                    words.insert(word);
                } else {
                    words.extend(word_texts(&word));
                }
            }
            words.insert(String::new());
            words.extend(list(EDGE_CASES).into_iter().map(String::from));
            words.extend(list(RAW_WORDS).into_iter().map(String::from));
            if matches!(lang, Lang::Fr | Lang::Es) {
                // Accented words as they are written: their stems are never
                // asked for, but the algorithms handle accents.
                let suffixes = if lang == Lang::Fr {
                    FRENCH_SUFFIXES
                } else {
                    SPANISH_SUFFIXES
                };
                words.extend(unfolded.iter().filter(|w| !w.is_ascii() && is_latin(w)).cloned());
                words.extend(inflections(&unfolded, &list(suffixes), |w| {
                    !w.is_ascii() && is_latin(w)
                }));
            }
            (lang, words.into_iter().collect())
        })
        .collect()
}

/// Whether `word` is a word of `lang`'s script (Latin words: ASCII letters,
/// as normalisation leaves them).
fn of_script(lang: Lang, word: &str) -> bool {
    !word.is_empty()
        && match lang {
            Lang::Ru => word.chars().all(|c| matches!(c, 'а'..='я' | 'ё')),
            Lang::Ar => word.chars().all(|c| matches!(c, '\u{621}'..='\u{64A}')),
            _ => word.chars().all(|c| c.is_ascii_lowercase()),
        }
}

/// The words of a list of this file.
fn list(words: &'static str) -> Vec<&'static str> {
    words.split_whitespace().collect()
}

/// Suffixes as normalisation leaves them (`ité` → `ite`).
fn normal(suffixes: &'static str) -> Vec<String> {
    list(suffixes).iter().map(|s| word_texts(s).concat()).collect()
}

fn is_latin(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_alphabetic() && (c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c)))
}

/// The text of every corpus, fixture and translation file.
fn source_texts() -> Vec<String> {
    let repo = crate::support::search::repo();
    let mut texts = Vec::new();
    for folder in ["corpus", "tests/fixtures", "themes/default/i18n"] {
        read_texts(&repo.join(folder), &mut texts);
    }
    texts
}

fn read_texts(dir: &Path, texts: &mut Vec<String>) {
    let mut items: Vec<_> = std::fs::read_dir(dir)
        .expect("read folder")
        .map(|item| {
            let item = item.expect("folder entry");
            (item.path(), item.file_type().expect("file type"))
        })
        .collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    // Symbolic links are not followed: the hostile fixtures have loops.
    for (path, kind) in items {
        if kind.is_dir() {
            read_texts(&path, texts);
        } else if kind.is_file()
            && path
                .extension()
                .is_some_and(|e| e == "md" || e == "yaml" || e == "json")
        {
            let bytes = std::fs::read(&path).expect("read file");
            texts.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
}

/// Each word accepted by `keep`, and its root (the word without the longest
/// of `suffixes` it ends with), with one in [`STEP`] of `suffixes`.
fn inflections(
    words: &BTreeSet<String>,
    suffixes: &[impl AsRef<str>],
    keep: impl Fn(&str) -> bool,
) -> BTreeSet<String> {
    let suffixes: Vec<&str> = suffixes.iter().map(AsRef::as_ref).collect();
    let mut found = BTreeSet::new();
    let mut n = 0;
    for word in words.iter().filter(|w| keep(w) && w.chars().all(char::is_alphabetic)) {
        let mut roots = vec![word.as_str()];
        if let Some(root) = suffixes
            .iter()
            .filter(|s| !s.is_empty() && word.ends_with(**s) && word.chars().count() >= s.chars().count() + 3)
            .max_by_key(|s| s.len())
            .map(|s| &word[..word.len() - s.len()])
        {
            roots.push(root);
        }
        for root in roots {
            n += 1;
            for suffix in suffixes.iter().skip(n % STEP).step_by(STEP) {
                found.insert(format!("{root}{suffix}"));
            }
        }
    }
    found
}

/// Russian roots (the words without their longest ending) with every
/// ending; with a prefix and some endings; and with `ё` for `е`.
fn russian(words: &BTreeSet<String>) -> BTreeSet<String> {
    let mut roots = BTreeSet::new();
    for word in words.iter().filter(|w| of_script(Lang::Ru, w)) {
        let root = list(RUSSIAN_ROOT_ENDINGS)
            .into_iter()
            .filter(|e| word.ends_with(e) && word.chars().count() >= e.chars().count() + 2)
            .max_by_key(|e| e.len())
            .map_or(word.as_str(), |e| &word[..word.len() - e.len()]);
        roots.insert(root.to_string());
    }
    let endings: Vec<&str> = std::iter::once("").chain(list(RUSSIAN_ENDINGS)).collect();
    let mut found = BTreeSet::new();
    for (n, root) in roots.iter().enumerate() {
        for ending in &endings {
            found.insert(format!("{root}{ending}"));
        }
        for (p, prefix) in list(RUSSIAN_PREFIXES).into_iter().enumerate() {
            for ending in endings.iter().skip((n + p) % 6).step_by(6) {
                found.insert(format!("{prefix}{root}{ending}"));
            }
        }
    }
    let yo: Vec<String> = found
        .iter()
        .enumerate()
        .filter(|(n, w)| n % 5 == 0 && w.contains('е'))
        .map(|(_, w)| w.replacen('е', "ё", 1))
        .collect();
    found.extend(yo);
    found
}

/// Arabic roots (the words without their longest prefix and suffix) with
/// every prefix (or none), each with one in [`STEP`] of the suffixes (or none).
fn arabic(words: &BTreeSet<String>) -> BTreeSet<String> {
    let mut roots = BTreeSet::new();
    for word in words.iter().filter(|w| of_script(Lang::Ar, w)) {
        let mut root = word.as_str();
        if let Some(p) = list(ARABIC_ROOT_PREFIXES)
            .into_iter()
            .filter(|p| root.starts_with(p) && root.chars().count() >= p.chars().count() + 3)
            .max_by_key(|p| p.len())
        {
            root = &root[p.len()..];
        }
        if let Some(s) = list(ARABIC_ROOT_SUFFIXES)
            .into_iter()
            .filter(|s| root.ends_with(s) && root.chars().count() >= s.chars().count() + 3)
            .max_by_key(|s| s.len())
        {
            root = &root[..root.len() - s.len()];
        }
        roots.insert(root.to_string());
    }
    let prefixes: Vec<&str> = std::iter::once("").chain(list(ARABIC_PREFIXES)).collect();
    let suffixes: Vec<&str> = std::iter::once("").chain(list(ARABIC_SUFFIXES)).collect();
    let mut found = BTreeSet::new();
    for (n, root) in roots.iter().enumerate() {
        for (p, prefix) in prefixes.iter().enumerate() {
            for suffix in suffixes.iter().skip((n + p) % STEP).step_by(STEP) {
                found.insert(format!("{prefix}{root}{suffix}"));
            }
        }
    }
    found
}
