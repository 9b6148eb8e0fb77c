//! "Did you mean": the words of the vocabulary near an unknown word.

/// At most this many suggestions.
pub(crate) const SUGGESTIONS: usize = 3;

/// How many edits a word of `length` characters may be from a suggestion:
/// one for short words, two up to seven characters, three beyond
/// (`persecushun` → `persecution`).
pub(crate) fn allowed_edits(length: usize) -> usize {
    match length {
        0..=4 => 1,
        5..=7 => 2,
        _ => 3,
    }
}

/// The candidates within [`allowed_edits`] of `word`, with their distance
/// (optimal string alignment, as `search.js` computes it), in the order
/// given.
pub(crate) fn within_reach<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<(usize, String)> {
    let length = word.chars().count();
    let allowed = allowed_edits(length);
    candidates
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= allowed)
        .filter_map(|candidate| {
            let distance = strsim::osa_distance(word, candidate);
            (distance > 0 && distance <= allowed).then(|| (distance, candidate.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_reach_further() {
        let vocabulary = ["persecution", "prosecution", "persecuted", "gender"];
        let found = within_reach("persecushun", vocabulary.into_iter());
        assert!(found.contains(&(3, "persecution".to_string())), "{found:?}");
        assert_eq!(
            within_reach("gendr", vocabulary.into_iter()),
            [(1, "gender".to_string())]
        );
        assert_eq!(within_reach("gnder", ["under"].into_iter()), [(1, "under".to_string())]);
        assert!(within_reach("abc", ["xyz"].into_iter()).is_empty());
    }
}
