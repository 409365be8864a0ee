//! "Did you mean": the closest known name to a misspelled one.

/// The candidate closest to `name` by edit distance, when it is close enough to be a slip of
/// the keyboard rather than another word: within a third of the name's length (one edit for
/// names shorter than six). Case, `_` and `-` are ignored in the comparison, so `RateLimited`
/// finds `rate_limited` at distance zero: the same word spelled another way.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = name.to_ascii_lowercase();
    let limit = (wanted.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = damerau_levenshtein(&wanted, &candidate.to_ascii_lowercase());
            let folded = damerau_levenshtein(
                &wanted.replace(['_', '-'], ""),
                &candidate.to_ascii_lowercase().replace(['_', '-'], ""),
            );
            (distance.min(folded), candidate)
        })
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// The Damerau-Levenshtein distance between `a` and `b`, in characters: the fewest insertions,
/// deletions, substitutions and transpositions of adjacent characters that turn one into the
/// other, a substring edited any number of times (Lowrance and Wagner's algorithm, as
/// `strsim::damerau_levenshtein` computes it; the tests hold the two to the same answers).
/// Names are short, so the whole table is kept.
fn damerau_levenshtein(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    // Rows and columns are offset by one, with a border of `far` (more than any distance)
    // that keeps transpositions from reaching before the start.
    let width = b.len() + 2;
    let far = a.len() + b.len();
    let mut table = vec![0; (a.len() + 2) * width];
    let at = |row: usize, column: usize| row * width + column;
    table[0] = far;
    for i in 0..=a.len() {
        table[at(i + 1, 0)] = far;
        table[at(i + 1, 1)] = i;
    }
    for j in 0..=b.len() {
        table[at(0, j + 1)] = far;
        table[at(1, j + 1)] = j;
    }
    // The last row where each character of `a` was seen.
    let mut last_row: Vec<(char, usize)> = Vec::new();
    for i in 1..=a.len() {
        // The last column in this row where the characters matched.
        let mut last_match = 0;
        for j in 1..=b.len() {
            let k = last_row
                .iter()
                .find(|&&(seen, _)| seen == b[j - 1])
                .map_or(0, |&(_, row)| row);
            let l = last_match;
            let same = a[i - 1] == b[j - 1];
            if same {
                last_match = j;
            }
            table[at(i + 1, j + 1)] = (table[at(i, j)] + usize::from(!same))
                .min(table[at(i, j + 1)] + 1)
                .min(table[at(i + 1, j)] + 1)
                .min(table[at(k, l)] + (i - k - 1) + 1 + (j - l - 1));
        }
        match last_row.iter_mut().find(|(seen, _)| *seen == a[i - 1]) {
            Some(entry) => entry.1 = i,
            None => last_row.push((a[i - 1], i)),
        }
    }
    table[at(a.len() + 1, b.len() + 1)]
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{damerau_levenshtein, suggest};

    proptest! {
        /// The distance is strsim's, over words of a few letters (so that repeats and
        /// transpositions are common) and over any text.
        #[test]
        fn the_distance_is_strsims(
            a in "[abc_-]{0,9}",
            b in "[abc_-]{0,9}",
            c in any::<String>(),
            d in any::<String>(),
        ) {
            prop_assert_eq!(damerau_levenshtein(&a, &b), strsim::damerau_levenshtein(&a, &b));
            prop_assert_eq!(damerau_levenshtein(&c, &d), strsim::damerau_levenshtein(&c, &d));
            prop_assert_eq!(damerau_levenshtein(&a, &d), strsim::damerau_levenshtein(&a, &d));
        }
    }

    #[test]
    fn distances_of_known_pairs() {
        assert_eq!(damerau_levenshtein("ab", "bca"), 2);
        assert_eq!(damerau_levenshtein("ca", "abc"), 2);
        assert_eq!(damerau_levenshtein("not_fund", "not_found"), 1);
        assert_eq!(damerau_levenshtein("invalid_requets", "invalid_request"), 1);
        assert_eq!(damerau_levenshtein("", "abc"), 3);
        assert_eq!(damerau_levenshtein("é€", "€é"), 1);
    }

    const KINDS: [&str; 3] = ["not_found", "invalid_request", "rate_limited"];

    #[test]
    fn a_slip_finds_its_word() {
        assert_eq!(suggest("not_fund", KINDS), Some("not_found"));
        assert_eq!(suggest("invalid_requets", KINDS), Some("invalid_request"));
        assert_eq!(suggest("RateLimited", KINDS), Some("rate_limited"));
    }

    #[test]
    fn another_word_finds_nothing() {
        assert_eq!(suggest("teapot", KINDS), None);
        assert_eq!(suggest("x", KINDS), None);
    }
}
