//! A deterministic synthetic corpus for benchmarks (`amicus generate`).
//!
//! The same number of entries and seed always give the same bytes. The
//! corpus looks like a real one to every stage: all six types with their
//! fields, courts, countries, grounds and crimes; citations that follow a
//! power law (a few entries are cited by many, most by few), in `cites:` and
//! as `[[…]]` and pinpoints in the body; numbered paragraphs, headings,
//! footnotes and tables; and about 1,500 words per entry drawn from a large
//! vocabulary with a Zipf distribution, so that a search index built over it
//! has a realistic size and shape.

use std::fmt::Write as _;
use std::path::Path;

use crate::corpus::EntryType;

/// SplitMix64: small, fast, and the same on every platform and version.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// An index in `0..n`, small ones far more likely (a power law).
    fn power_law(&mut self, n: usize, exponent: f64) -> usize {
        ((self.unit().powf(exponent)) * n as f64) as usize % n.max(1)
    }
}

const COURTS: &[&str] = &[
    "ICC Pre-Trial Chamber I",
    "ICC Pre-Trial Chamber II",
    "ICC Trial Chamber I",
    "ICC Trial Chamber IX",
    "ICC Trial Chamber X",
    "ICC Appeals Chamber",
    "Special Jurisdiction for Peace (JEP)",
    "Extraordinary African Chambers",
    "International Criminal Tribunal for Rwanda",
    "International Criminal Tribunal for the former Yugoslavia",
    "Special Court for Sierra Leone",
    "Inter-American Court of Human Rights",
    "European Court of Human Rights",
    "African Court on Human and Peoples' Rights",
];

const ISSUERS: &[&str] = &[
    "ICC Office of the Prosecutor",
    "UN Human Rights Council",
    "UN Women",
    "International Law Commission",
    "Committee on the Elimination of Discrimination against Women",
    "Women's Initiatives for Gender Justice",
    "MADRE",
    "Independent International Commission of Inquiry",
];

const COUNTRIES: &[&str] = &[
    "AF", "ML", "SD", "UG", "CD", "CO", "IQ", "SY", "MM", "ET", "NG", "CF", "LY", "SS", "YE", "IR", "GT", "PE", "BA",
    "RW", "SL", "KH", "UA", "PS", "SO", "BD", "LK", "NP", "TD", "BI",
];

const GROUNDS: &[&str] = &[
    "gender",
    "religion",
    "political",
    "ethnic",
    "racial",
    "national",
    "cultural",
    "sexual-orientation",
    "gender-identity",
];

const CRIMES: &[&str] = &[
    "persecution",
    "rape",
    "sexual-slavery",
    "forced-marriage",
    "forced-pregnancy",
    "torture",
    "murder",
    "enforced-disappearance",
    "imprisonment",
    "deportation",
    "enslavement",
    "other-inhumane-acts",
];

/// Real words that recur in legal writing, at the head of the distribution.
const LEGAL_WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "by",
    "for",
    "as",
    "on",
    "with",
    "was",
    "which",
    "is",
    "chamber",
    "prosecutor",
    "persecution",
    "gender",
    "crime",
    "crimes",
    "humanity",
    "against",
    "statute",
    "article",
    "court",
    "evidence",
    "victims",
    "women",
    "girls",
    "men",
    "boys",
    "group",
    "grounds",
    "intent",
    "discriminatory",
    "rights",
    "fundamental",
    "deprivation",
    "severe",
    "attack",
    "civilian",
    "population",
    "widespread",
    "systematic",
    "accused",
    "judgment",
    "trial",
    "appeal",
    "conviction",
    "sentence",
    "charges",
    "confirmed",
    "defence",
    "witness",
    "testimony",
    "forced",
    "marriage",
    "sexual",
    "violence",
    "slavery",
    "rape",
    "torture",
    "religious",
    "ethnic",
    "political",
    "identity",
    "orientation",
    "education",
    "movement",
    "dress",
    "policy",
    "principles",
    "recommendation",
    "report",
    "international",
    "criminal",
    "law",
    "jurisdiction",
    "mode",
    "liability",
    "command",
    "responsibility",
    "co-perpetration",
    "reparations",
    "survivors",
    "harm",
    "community",
    "armed",
    "group",
    "militia",
    "commander",
    "territory",
    "occupation",
    "authorities",
    "detention",
    "punishment",
    "flogging",
    "public",
    "morality",
    "rules",
    "decree",
    "schools",
    "closed",
    "intersectional",
    "discrimination",
    "apartheid",
    "accountability",
    "investigation",
    "documentation",
];

/// The syllables invented words are made of.
const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "cl", "dr",
    "fr", "gr", "pl", "pr", "sh", "st", "th", "tr",
];
const NUCLEI: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "y"];
const CODAS: &[&str] = &["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rt", "x"];

/// Invented words after the real ones: a vocabulary of `size` words.
fn vocabulary(size: usize, random: &mut Random) -> Vec<String> {
    let mut words: Vec<String> = LEGAL_WORDS.iter().map(|w| w.to_string()).collect();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    while words.len() < size {
        let syllables = 2 + random.below(3);
        let mut word = String::new();
        for _ in 0..syllables {
            word.push_str(random.pick(ONSETS));
            word.push_str(random.pick(NUCLEI));
        }
        word.push_str(random.pick(CODAS));
        if seen.insert(word.clone()) {
            words.push(word);
        }
    }
    words
}

/// What is decided about an entry before any file is written, so that
/// references and pinpoints can name entries and paragraphs that exist.
struct Plan {
    kind: EntryType,
    id: String,
    paragraphs: u32,
}

/// Options of a generated corpus.
#[derive(Debug, Clone, Copy)]
pub struct Generate {
    /// How many entries, shared among the types as in a typical knowledge
    /// base (half of them cases).
    pub entries: usize,
    /// The seed of the generator: the same seed and options write the same
    /// bytes.
    pub seed: u64,
    /// Words of body text per entry, roughly.
    pub words_per_entry: usize,
}

impl Default for Generate {
    fn default() -> Self {
        Generate {
            entries: 1000,
            seed: 1,
            words_per_entry: 1500,
        }
    }
}

/// Writes the corpus into `corpus` (created; it must not hold entries yet).
pub fn write_corpus(corpus: &Path, options: Generate) -> std::io::Result<()> {
    let mut random = Random(options.seed);
    let words = vocabulary(20_000 + options.entries * 4, &mut random);
    let plans = plan(options.entries, &mut random);
    for folder in EntryType::ALL.map(EntryType::folder) {
        std::fs::create_dir_all(corpus.join(folder))?;
    }
    for (index, plan) in plans.iter().enumerate() {
        let text = entry_text(index, &plans, &words, options, &mut random);
        std::fs::write(corpus.join(plan.kind.folder()).join(format!("{}.md", plan.id)), text)?;
    }
    Ok(())
}

fn plan(entries: usize, random: &mut Random) -> Vec<Plan> {
    // Shares of a typical legal knowledge base: mostly cases and reports.
    const KINDS: [(EntryType, usize); 6] = [
        (EntryType::Case, 50),
        (EntryType::Policy, 10),
        (EntryType::Principle, 5),
        (EntryType::Recommendation, 10),
        (EntryType::Instrument, 5),
        (EntryType::Report, 20),
    ];
    (0..entries)
        .map(|index| {
            let mut roll = random.below(100);
            let kind = KINDS
                .iter()
                .find(|(_, share)| {
                    let hit = roll < *share;
                    roll = roll.saturating_sub(*share);
                    hit
                })
                .map_or(EntryType::Case, |(kind, _)| *kind);
            Plan {
                kind,
                id: format!("{}-{index:06}", kind.name()),
                paragraphs: 10 + random.below(10) as u32,
            }
        })
        .collect()
}

/// A word of the vocabulary, common ones far more often (Zipf-like).
fn word<'a>(words: &'a [String], random: &mut Random) -> &'a str {
    &words[random.power_law(words.len(), 3.0)]
}

fn sentence(words: &[String], random: &mut Random, length: usize) -> String {
    let mut text = String::new();
    for n in 0..length {
        if n > 0 {
            text.push(' ');
        }
        text.push_str(word(words, random));
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>() + ".",
        None => text,
    }
}

fn title_case(words: &[String], random: &mut Random, length: usize) -> String {
    (0..length)
        .map(|_| {
            let w = words[random.below(words.len().min(3000))].clone();
            let mut chars = w.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A subset of `items`: one value usually, a few sometimes.
fn some<'a>(items: &[&'a str], random: &mut Random, most: usize) -> Vec<&'a str> {
    let count = 1 + random.power_law(most, 2.0);
    let mut chosen: Vec<&str> = Vec::new();
    for _ in 0..count {
        let item = items[random.power_law(items.len(), 1.5)];
        if !chosen.contains(&item) {
            chosen.push(item);
        }
    }
    chosen
}

/// An earlier entry to cite, popular ones far more often.
fn citation_target(index: usize, random: &mut Random) -> Option<usize> {
    (index > 0).then(|| random.power_law(index, 2.5))
}

fn entry_text(index: usize, plans: &[Plan], words: &[String], options: Generate, random: &mut Random) -> String {
    let plan = &plans[index];
    let mut text = String::from("---\n");
    let title_words = 4 + random.below(6);
    let title = title_case(words, random, title_words);
    let _ = writeln!(text, "title: \"{title}\"");
    let _ = writeln!(
        text,
        "short_title: \"{}\"",
        title.split(' ').take(3).collect::<Vec<_>>().join(" ")
    );
    let year = 1995 + random.below(31);
    let _ = writeln!(
        text,
        "date: {year}-{:02}-{:02}",
        1 + random.below(12),
        1 + random.below(28)
    );
    if plan.kind == EntryType::Case {
        let _ = writeln!(text, "court: \"{}\"", random.pick(COURTS));
        let _ = writeln!(
            text,
            "case_number: ICC-{:02}/{:02}-{:02}/{:02}",
            random.below(20),
            random.below(30),
            random.below(5),
            year % 100
        );
    } else {
        let _ = writeln!(text, "issuer: \"{}\"", random.pick(ISSUERS));
    }
    let _ = writeln!(text, "countries: [{}]", some(COUNTRIES, random, 3).join(", "));
    let _ = writeln!(text, "grounds: [{}]", some(GROUNDS, random, 3).join(", "));
    let _ = writeln!(text, "crimes: [{}]", some(CRIMES, random, 4).join(", "));
    let mut cited: Vec<usize> = (0..random.below(4))
        .filter_map(|_| citation_target(index, random))
        .collect();
    cited.sort_unstable();
    cited.dedup();
    if !cited.is_empty() {
        let ids: Vec<&str> = cited.iter().map(|&i| plans[i].id.as_str()).collect();
        let _ = writeln!(text, "cites: [{}]", ids.join(", "));
    }
    text.push_str("sources:\n");
    let _ = writeln!(
        text,
        "  - title: \"Source for {}\"\n    url: https://example.org/{}",
        plan.id, plan.id
    );
    let _ = writeln!(text, "summary: \"{}\"", sentence(words, random, 30));
    text.push_str("---\n");
    write_body(&mut text, index, plans, words, options, random);
    text
}

fn write_body(
    text: &mut String,
    index: usize,
    plans: &[Plan],
    words: &[String],
    options: Generate,
    random: &mut Random,
) {
    let plan = &plans[index];
    let words_per_paragraph = (options.words_per_entry / plan.paragraphs as usize).max(10);
    let table_after = 1 + random.below(plan.paragraphs as usize);
    for number in 1..=plan.paragraphs {
        if number == 1 || random.below(5) == 0 {
            let heading_words = 2 + random.below(3);
            let _ = writeln!(text, "## {}\n", title_case(words, random, heading_words));
        }
        let _ = write!(text, "[{number}] ");
        let mut written = 0;
        while written < words_per_paragraph {
            let length = 8 + random.below(16);
            text.push_str(&sentence(words, random, length));
            text.push(' ');
            written += length;
            if random.below(6) == 0 {
                if let Some(target) = citation_target(index, random) {
                    let other = &plans[target];
                    if random.below(2) == 0 {
                        let _ = write!(
                            text,
                            "See [[{}#p{}]]. ",
                            other.id,
                            1 + random.below(other.paragraphs as usize)
                        );
                    } else {
                        let _ = write!(text, "See [[{}]]. ", other.id);
                    }
                }
            }
        }
        if number == 2 {
            text.push_str("[^1]");
        }
        text.push_str("\n\n");
        if number as usize == table_after {
            text.push_str("| Count | Finding | Paragraph |\n|:------|:--------|----------:|\n");
            for row in 1..=3 {
                let _ = writeln!(text, "| {row} | {} | {} |", word(words, random), random.below(900));
            }
            text.push('\n');
        }
    }
    let _ = writeln!(text, "[^1]: {}", sentence(words, random, 12));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn power_law_favours_small_indices() {
        let mut random = Random(7);
        let small = (0..10_000).filter(|_| random.power_law(100, 2.5) < 10).count();
        assert!(small > 3_000, "{small}");
    }
}
