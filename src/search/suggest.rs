//! "Did you mean": the words of the vocabulary nearest to an unknown word.

/// At most this many suggestions.
pub const SUGGESTIONS: usize = 3;

/// Words within a small edit distance of `word` (1 for short words, 2 for
/// longer ones), nearest first, then the most frequent, then in order.
pub fn similar<'a>(word: &str, vocabulary: impl Iterator<Item = (&'a str, u32)>) -> Vec<String> {
    let length = word.chars().count();
    let allowed = if length <= 4 { 1 } else { 2 };
    let mut found: Vec<(usize, u32, &str)> = vocabulary
        .filter(|(candidate, _)| candidate.chars().count().abs_diff(length) <= allowed)
        .filter_map(|(candidate, count)| {
            let distance = strsim::damerau_levenshtein(word, candidate);
            (distance > 0 && distance <= allowed).then_some((distance, count, candidate))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    found
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, _, w)| w.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_and_most_frequent_first() {
        let vocabulary = [("persecution", 9), ("prosecution", 4), ("persecuted", 2), ("gender", 9)];
        assert_eq!(similar("persecusion", vocabulary.into_iter()), ["persecution"]);
        assert_eq!(similar("prosecuton", vocabulary.into_iter()), ["prosecution"]);
        assert!(similar("gendr", vocabulary.into_iter()).contains(&"gender".to_string()));
    }
}
