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
            let distance = strsim::damerau_levenshtein(&wanted, &candidate.to_ascii_lowercase());
            let folded = strsim::damerau_levenshtein(
                &wanted.replace(['_', '-'], ""),
                &candidate.to_ascii_lowercase().replace(['_', '-'], ""),
            );
            (distance.min(folded), candidate)
        })
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::suggest;

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
