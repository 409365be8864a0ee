//! Reading a retry delay from what a provider sends.
//!
//! `Retry-After` is delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Some providers put the
//! delay in free text instead (Aiia's `details.message`, whose format is not documented), so
//! free text is searched for a duration as a fallback: `30 seconds`, `5 min`, `2h`, a .NET
//! time span `00:01:30`, or an ISO 8601 `PT30S`. A hint that yields no delay is kept as text
//! by the caller; nothing here guesses a number that is not written down.

use std::time::{Duration, SystemTime};

/// The longest delay taken from a hint: a day. A larger value is more likely a typo or a
/// timestamp read as seconds than a real instruction to wait.
pub const MAX_DELAY: Duration = Duration::from_secs(24 * 60 * 60);

/// Reads a delay from a `Retry-After` value or free text, relative to `now` for HTTP-dates.
pub fn parse_delay(hint: &str, now: SystemTime) -> Option<Duration> {
    parse_delay_at(hint, || now)
}

/// [`parse_delay`] with the clock read only when the hint is an HTTP-date: delta-seconds and
/// free text need no time, and a clock read costs a system call on some virtual machines.
#[inline]
pub(crate) fn parse_delay_at(hint: &str, now: impl FnOnce() -> SystemTime) -> Option<Duration> {
    let hint = hint.trim();
    // Every form a delay takes has a digit; most messages have none.
    if !hint.bytes().any(|byte| byte.is_ascii_digit()) {
        return None;
    }
    if hint.bytes().all(|b| b.is_ascii_digit()) {
        return hint.parse::<u64>().ok().map(Duration::from_secs).map(cap);
    }
    // An HTTP-date is 24 to 33 characters long (RFC 9110 §5.6.7: asctime-date 24, IMF-fixdate
    // 29, rfc850-date 30 to 33); free text of any other length is not tried as one.
    if (24..=33).contains(&hint.len())
        && let Ok(at) = httpdate::parse_http_date(hint)
    {
        return Some(cap(at.duration_since(now()).unwrap_or(Duration::ZERO)));
    }
    from_text(hint).map(cap)
}

fn cap(delay: Duration) -> Duration {
    delay.min(MAX_DELAY)
}

/// Finds a duration in free text. Durations after "per", "every" or "each" describe a limit's
/// window, not a wait, and are skipped; a duration after a waiting word ("after", "in",
/// "wait", "retry") is preferred over any other. Words are separated by white space (Unicode's,
/// so a no-break space between number and unit still separates) and punctuation; only a word
/// that can start a duration is read further. Nothing is allocated.
fn from_text(text: &str) -> Option<Duration> {
    if text.is_ascii() {
        // In ASCII text every separator is one byte: splitting bytes finds the same words as
        // splitting characters, without decoding them.
        read_words(AsciiWords { text, at: 0 })
    } else {
        read_words(text.split(is_separator).filter(|word| !word.is_empty()))
    }
}

/// White space (Unicode's) and the punctuation of [`is_ascii_separator`].
fn is_separator(c: char) -> bool {
    c.is_whitespace() || u8::try_from(c).is_ok_and(is_ascii_separator)
}

/// Whether an ASCII byte separates words: white space or `,;()"'`. One test against a mask,
/// as every such byte is below 64; no byte past ASCII is one.
fn is_ascii_separator(byte: u8) -> bool {
    matches!(
        byte,
        b' ' | b'\t'..=b'\r' | b',' | b';' | b'(' | b')' | b'"' | b'\''
    )
}

/// The words of ASCII text, between runs of [`is_ascii_separator`] bytes.
struct AsciiWords<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Iterator for AsciiWords<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let bytes = self.text.as_bytes();
        let mut start = self.at;
        while bytes
            .get(start)
            .is_some_and(|&byte| is_ascii_separator(byte))
        {
            start += 1;
        }
        let mut end = start;
        while bytes
            .get(end)
            .is_some_and(|&byte| !is_ascii_separator(byte))
        {
            end += 1;
        }
        self.at = end;
        // ASCII text: every byte offset is a character boundary.
        self.text.get(start..end).filter(|word| !word.is_empty())
    }
}

/// The duration the words give, if any.
fn read_words<'t>(words: impl Iterator<Item = &'t str>) -> Option<Duration> {
    let mut words = words.peekable();
    let mut previous: Option<&str> = None;
    let mut fallback = None;
    while let Some(word) = words.next() {
        let before = previous.replace(word);
        // Every duration starts with a digit (or the `.` or `+` before one), or with the `P`
        // of ISO 8601.
        if !matches!(
            word.as_bytes().first(),
            Some(b'0'..=b'9' | b'.' | b'+' | b'P' | b'p')
        ) {
            continue;
        }
        let before = before.map_or(Keyword::Other, keyword);
        let waiting = before == Keyword::Waiting;
        // A clock time (`10:00:00`) is a wait only right after a waiting word: beside a date
        // it is a time of day.
        let clock = if waiting {
            time_span(word).or_else(|| iso8601(word))
        } else {
            None
        };
        let Some(delay) = clock.or_else(|| amount_with_unit(word, words.peek().copied())) else {
            continue;
        };
        if before == Keyword::Window {
            continue;
        }
        if waiting {
            return Some(delay);
        }
        fallback.get_or_insert(delay);
    }
    fallback
}

/// What a word tells the reader of durations, in any case.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Keyword {
    /// A duration after it is the wait: "after", "in", "wait", "retry", "timeout",
    /// "timeout:", "for".
    Waiting,
    /// A duration after it is a rate limit's window: "per", "every", "each", "a".
    Window,
    /// A unit, with its length in seconds: `s`, `min`, `hours`...
    Unit(f64),
    /// Anything else.
    Other,
}

/// The longest word [`keyword`] knows: "milliseconds".
const LONGEST_KEYWORD: usize = 12;

/// Which keyword `word` is: folded to lower case in place on the stack, then matched once,
/// rather than compared with each keyword in turn.
fn keyword(word: &str) -> Keyword {
    let mut folded = [0; LONGEST_KEYWORD];
    let Some(folded) = folded.get_mut(..word.len()) else {
        return Keyword::Other;
    };
    for (fold, byte) in folded.iter_mut().zip(word.bytes()) {
        *fold = byte.to_ascii_lowercase();
    }
    match &*folded {
        b"after" | b"in" | b"wait" | b"retry" | b"timeout" | b"timeout:" | b"for" => {
            Keyword::Waiting
        }
        b"per" | b"every" | b"each" | b"a" => Keyword::Window,
        b"ms" | b"millisecond" | b"milliseconds" => Keyword::Unit(0.001),
        b"s" | b"sec" | b"secs" | b"second" | b"seconds" => Keyword::Unit(1.0),
        b"m" | b"min" | b"mins" | b"minute" | b"minutes" => Keyword::Unit(60.0),
        b"h" | b"hr" | b"hrs" | b"hour" | b"hours" => Keyword::Unit(3600.0),
        b"d" | b"day" | b"days" => Keyword::Unit(86400.0),
        _ => Keyword::Other,
    }
}

/// A duration written as an amount and a unit: `30s`, or `30` followed by the word `seconds`.
fn amount_with_unit(word: &str, next: Option<&str>) -> Option<Duration> {
    let word = word.trim_end_matches(['.', ':', '!']);
    let digits_end = word
        .bytes()
        .position(|byte| !byte.is_ascii_digit() && byte != b'.')
        .unwrap_or(word.len());
    if digits_end == 0 {
        return None;
    }
    let unit = match word.get(digits_end..) {
        Some(suffix) if !suffix.is_empty() => suffix,
        _ => next?.trim_end_matches(['.', ',', ':', '!']),
    };
    let Keyword::Unit(unit_seconds) = keyword(unit) else {
        return None;
    };
    let amount = word.get(..digits_end)?;
    // Whole amounts, the common case, without the float parser; an integer rounds to the
    // same `f64` either way.
    let amount = match amount.parse::<u64>() {
        Ok(whole) => whole as f64,
        Err(_) => amount.parse::<f64>().ok()?,
    };
    seconds(amount * unit_seconds)
}

/// Seconds as a duration, when finite and not negative; huge values are capped by the caller.
fn seconds(value: f64) -> Option<Duration> {
    Duration::try_from_secs_f64(value.min(1e12)).ok()
}

/// A .NET `TimeSpan` as it prints: `hh:mm:ss`, `d.hh:mm:ss`, with optional fractions.
fn time_span(word: &str) -> Option<Duration> {
    let word = word.trim_end_matches(['.', '!']);
    let mut parts = word.split(':');
    let (Some(hours), Some(minutes), Some(seconds), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let (days, hours) = match hours.split_once('.') {
        Some((days, hours)) => (days.parse::<u64>().ok()?, hours),
        None => (0, hours),
    };
    let hours: u64 = hours.parse().ok()?;
    let minutes: u64 = minutes.parse().ok()?;
    let seconds: f64 = seconds.parse().ok()?;
    if minutes >= 60 || !(0.0..60.0).contains(&seconds) {
        return None;
    }
    let whole = days
        .checked_mul(24)?
        .checked_add(hours)?
        .checked_mul(3600)?
        .checked_add(minutes * 60)?;
    Duration::from_secs(whole).checked_add(Duration::try_from_secs_f64(seconds).ok()?)
}

/// An ISO 8601 duration limited to days and time: `PT30S`, `PT1H30M`, `P1D`.
fn iso8601(word: &str) -> Option<Duration> {
    let rest = word.trim_end_matches(['.', '!']).strip_prefix(['P', 'p'])?;
    let mut total = 0.0;
    // Where the number being read starts, if one is.
    let mut number_start = None;
    let mut any = false;
    for (at, c) in rest.char_indices() {
        match c {
            'T' | 't' if number_start.is_none() => {}
            '0'..='9' | '.' => {
                number_start.get_or_insert(at);
            }
            _ => {
                let amount: f64 = rest[number_start.take()?..at].parse().ok()?;
                let unit = match c.to_ascii_uppercase() {
                    'D' => 86400.0,
                    'H' => 3600.0,
                    'M' => 60.0,
                    'S' => 1.0,
                    _ => return None,
                };
                total += amount * unit;
                any = true;
            }
        }
    }
    if !any || number_start.is_some() {
        return None;
    }
    self::seconds(total)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The reader as first written, comparing each word with every keyword in turn and
    /// parsing every amount as a float: slower, and plainly what the docs above say. The
    /// reader above must find the same durations.
    mod reference {
        use std::time::Duration;

        use super::super::{is_separator, iso8601, seconds, time_span};

        const WAITING: &[&str] = &["after", "in", "wait", "retry", "timeout", "timeout:", "for"];
        const WINDOW: &[&str] = &["per", "every", "each", "a"];
        const UNITS: &[(&[&str], f64)] = &[
            (&["ms", "millisecond", "milliseconds"], 0.001),
            (&["s", "sec", "secs", "second", "seconds"], 1.0),
            (&["m", "min", "mins", "minute", "minutes"], 60.0),
            (&["h", "hr", "hrs", "hour", "hours"], 3600.0),
            (&["d", "day", "days"], 86400.0),
        ];

        fn is_any(word: &str, choices: &[&str]) -> bool {
            choices
                .iter()
                .any(|choice| word.eq_ignore_ascii_case(choice))
        }

        fn amount_with_unit(word: &str, next: Option<&str>) -> Option<Duration> {
            let word = word.trim_end_matches(['.', ':', '!']);
            let digits_end = word
                .find(|c: char| !c.is_ascii_digit() && c != '.')
                .unwrap_or(word.len());
            if digits_end == 0 {
                return None;
            }
            let amount: f64 = word[..digits_end].parse().ok()?;
            let unit = if digits_end < word.len() {
                &word[digits_end..]
            } else {
                next?.trim_end_matches(['.', ',', ':', '!'])
            };
            let (_, unit) = UNITS.iter().find(|(names, _)| is_any(unit, names))?;
            seconds(amount * unit)
        }

        pub(super) fn from_text(text: &str) -> Option<Duration> {
            let words: Vec<&str> = text.split(is_separator).filter(|w| !w.is_empty()).collect();
            let mut fallback = None;
            for (i, &word) in words.iter().enumerate() {
                if !word.starts_with(|c: char| c.is_ascii_digit() || ".+Pp".contains(c)) {
                    continue;
                }
                let before = i.checked_sub(1).map(|b| words[b]);
                let waiting = before.is_some_and(|before| is_any(before, WAITING));
                let clock = if waiting {
                    time_span(word).or_else(|| iso8601(word))
                } else {
                    None
                };
                let next = words.get(i + 1).copied();
                let Some(delay) = clock.or_else(|| amount_with_unit(word, next)) else {
                    continue;
                };
                if before.is_some_and(|before| is_any(before, WINDOW)) {
                    continue;
                }
                if waiting {
                    return Some(delay);
                }
                fallback.get_or_insert(delay);
            }
            fallback
        }
    }

    #[test]
    fn ascii_separators_are_the_separators_of_ascii() {
        // ASCII's white space (as `char::is_whitespace` has it) and the punctuation.
        let separators = b" \t\n\x0b\x0c\r,;()\"'";
        for byte in 0..0x80 {
            assert_eq!(
                is_ascii_separator(byte),
                is_separator(char::from(byte)),
                "{byte:#x}"
            );
            assert_eq!(
                is_ascii_separator(byte),
                separators.contains(&byte),
                "{byte:#x}"
            );
        }
        assert!((0x80..=0xff).all(|byte| !is_ascii_separator(byte)));
    }

    /// Words a rate-limit message is made of: every keyword spelling, as written, capitalised
    /// and in capitals, some with the punctuation that may follow them; amounts in every form
    /// the reader knows and some it must refuse; and words past ASCII.
    fn message() -> impl Strategy<Value = String> {
        const KEYWORDS: &[&str] = &[
            "after",
            "in",
            "wait",
            "retry",
            "timeout",
            "timeout:",
            "for",
            "per",
            "every",
            "each",
            "a",
            "ms",
            "millisecond",
            "milliseconds",
            "s",
            "sec",
            "secs",
            "second",
            "seconds",
            "m",
            "min",
            "mins",
            "minute",
            "minutes",
            "h",
            "hr",
            "hrs",
            "hour",
            "hours",
            "d",
            "day",
            "days",
        ];
        const OTHERS: &[&str] = &[
            "seconds.",
            "min!",
            "hours:",
            "days,",
            "30",
            "1.5",
            ".5",
            "+00:01:00",
            "00:00:45",
            "1.00:00:01",
            "PT1M30S",
            "p1d",
            "12s",
            "5min.",
            "2h!",
            "30:",
            "1e308",
            "1.2.3",
            "0",
            "99999999999999999999999",
            "18446744073709551616",
            "R\u{e9}essayez",
            "dans",
            "udl\u{f8}bet",
            "limit",
            "exceeded.",
            "Rate",
            "timeouts",
            "aa",
        ];
        let spellings = KEYWORDS.iter().flat_map(|keyword| {
            let mut capitalised = keyword.to_string();
            capitalised[..1].make_ascii_uppercase();
            [
                keyword.to_string(),
                capitalised,
                keyword.to_ascii_uppercase(),
            ]
        });
        let words: Vec<String> = spellings
            .chain(OTHERS.iter().map(ToString::to_string))
            .collect();
        let separator = prop::sample::select(vec![
            " ", "  ", ",", "; ", "(", ")", "\"", "'", "\t", "\u{a0}", "\u{202f}", "\u{b}",
        ]);
        (
            prop::option::of(separator.clone()),
            prop::collection::vec((prop::sample::select(words), separator), 0..12),
        )
            .prop_map(|(lead, words)| {
                let mut text = lead.unwrap_or_default().to_string();
                for (word, separator) in words {
                    text.push_str(&word);
                    text.push_str(separator);
                }
                text
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

        #[test]
        fn the_reader_finds_what_the_plain_reader_finds(text in message()) {
            prop_assert_eq!(from_text(&text), reference::from_text(&text), "{:?}", text);
        }
    }

    fn secs(hint: &str) -> Option<u64> {
        parse_delay(hint, SystemTime::UNIX_EPOCH).map(|d| d.as_secs())
    }

    #[test]
    fn delta_seconds_and_http_dates() {
        assert_eq!(secs("120"), Some(120));
        assert_eq!(secs(" 7 "), Some(7));
        // The three forms of RFC 9110 §5.6.7, at both ends of the lengths tried as a date.
        assert_eq!(secs("Thu, 01 Jan 1970 00:01:00 GMT"), Some(60));
        assert_eq!(secs("Thu Jan  1 00:01:00 1970"), Some(60));
        assert_eq!(secs("Thursday, 01-Jan-70 00:01:00 GMT"), Some(60));
        assert_eq!(
            secs("Wednesday, 07-Jan-70 00:00:30 GMT"),
            Some(MAX_DELAY.as_secs())
        );
        assert_eq!(secs("99999999"), Some(MAX_DELAY.as_secs()));
    }

    #[test]
    fn durations_in_free_text() {
        assert_eq!(
            secs("Rate limit exceeded. Retry after 30 seconds."),
            Some(30)
        );
        assert_eq!(
            secs("Limit is 100 requests per 60 seconds. Try again in 12s"),
            Some(12)
        );
        assert_eq!(secs("Quota exceeded; wait 2 minutes"), Some(120));
        assert_eq!(
            secs("Rate limit of 10 per 1 minute exceeded, retry timeout 00:00:45"),
            Some(45)
        );
        assert_eq!(secs("retry after PT1M30S"), Some(90));
        assert_eq!(secs("Retry in 1.5 hours"), Some(5400));
    }

    #[test]
    fn words_part_at_any_white_space_and_amounts_may_start_with_a_point_or_a_sign() {
        assert_eq!(secs("Retry after 30\u{a0}seconds"), Some(30));
        assert_eq!(secs("R\u{e9}essayez dans 30\u{202f}s"), Some(30));
        assert_eq!(secs("retry in\u{b}20 s"), Some(20));
        assert_eq!(secs("retry in .5 minutes"), Some(30));
        assert_eq!(secs("retry after +00:01:00"), Some(60));
    }

    #[test]
    fn clock_times_beside_dates_are_not_waits() {
        assert_eq!(secs("Quota resets on 2026-01-01 10:00:00 UTC"), None);
        assert_eq!(secs("retry after 2026-01-01 10:00:00"), None);
        assert_eq!(secs("Wed, 21 Oct 2015 07:28:00 +0000"), None);
        assert_eq!(secs("retry after 00:01:00"), Some(60));
    }

    #[test]
    fn absurd_values_neither_panic_nor_overflow() {
        for hint in [
            "retry after P300000000000000D",
            "retry after 5124095576030431:00:59",
            "retry after 99999999999999999:00:00",
            "wait 1e308 seconds",
            "wait 99999999999999999999999999 hours",
            "retry after PT-5S",
            "retry after P.D",
        ] {
            let delay = secs(hint);
            assert!(
                delay.is_none_or(|d| d <= MAX_DELAY.as_secs()),
                "{hint}: {delay:?}"
            );
        }
    }

    #[test]
    fn no_delay_where_none_is_written() {
        assert_eq!(secs("Rate limit exceeded."), None);
        assert_eq!(secs("limit 100 per 60 seconds"), None);
        assert_eq!(secs(""), None);
        assert_eq!(secs("1e999 seconds"), None);
    }
}
