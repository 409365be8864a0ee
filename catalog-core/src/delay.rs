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
    let hint = hint.trim();
    // Every form a delay takes has a digit; most messages have none.
    if !hint.bytes().any(|byte| byte.is_ascii_digit()) {
        return None;
    }
    if hint.bytes().all(|b| b.is_ascii_digit()) {
        return hint.parse::<u64>().ok().map(Duration::from_secs).map(cap);
    }
    if let Ok(at) = httpdate::parse_http_date(hint) {
        return Some(cap(at.duration_since(now).unwrap_or(Duration::ZERO)));
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
        // In ASCII text every separator is one byte: splitting bytes is exact, and cheaper
        // than decoding characters.
        read_words(
            text.as_bytes()
                .split(|&byte| is_separator(char::from(byte))),
        )
    } else {
        read_words(text.split(is_separator).map(str::as_bytes))
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '\'')
}

/// The duration the words give, if any; each word is whole characters of UTF-8 text.
fn read_words<'t>(words: impl Iterator<Item = &'t [u8]>) -> Option<Duration> {
    let mut words = words.filter(|word| !word.is_empty()).peekable();
    let mut previous: Option<&[u8]> = None;
    let mut fallback = None;
    while let Some(word) = words.next() {
        let before = previous.replace(word);
        // Every duration starts with a digit (or the `.` or `+` before one), or with the `P`
        // of ISO 8601.
        if !matches!(word.first(), Some(b'0'..=b'9' | b'.' | b'+' | b'P' | b'p')) {
            continue;
        }
        let (Ok(word), next) = (
            std::str::from_utf8(word),
            words.peek().and_then(|next| std::str::from_utf8(next).ok()),
        ) else {
            continue;
        };
        let waiting = before.is_some_and(|before| is_any(before, WAITING_WORDS));
        // A clock time (`10:00:00`) is a wait only right after a waiting word: beside a date
        // it is a time of day.
        let clock = if waiting {
            time_span(word).or_else(|| iso8601(word))
        } else {
            None
        };
        let Some(delay) = clock.or_else(|| amount_with_unit(word, next)) else {
            continue;
        };
        if before.is_some_and(|before| is_any(before, WINDOW_WORDS)) {
            continue;
        }
        if waiting {
            return Some(delay);
        }
        fallback.get_or_insert(delay);
    }
    fallback
}

/// Words after which a duration is the wait.
const WAITING_WORDS: &[&str] = &["after", "in", "wait", "retry", "timeout", "timeout:", "for"];

/// Words after which a duration is a rate limit's window.
const WINDOW_WORDS: &[&str] = &["per", "every", "each", "a"];

fn is_any(word: &[u8], choices: &[&str]) -> bool {
    choices
        .iter()
        .any(|choice| word.eq_ignore_ascii_case(choice.as_bytes()))
}

/// A duration written as an amount and a unit: `30s`, or `30` followed by the word `seconds`.
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
    seconds(amount * unit_seconds(unit)?)
}

/// Seconds as a duration, when finite and not negative; huge values are capped by the caller.
fn seconds(value: f64) -> Option<Duration> {
    Duration::try_from_secs_f64(value.min(1e12)).ok()
}

/// The units a free-text duration may be written in, with their length in seconds.
const UNITS: &[(&[&str], f64)] = &[
    (&["ms", "millisecond", "milliseconds"], 0.001),
    (&["s", "sec", "secs", "second", "seconds"], 1.0),
    (&["m", "min", "mins", "minute", "minutes"], 60.0),
    (&["h", "hr", "hrs", "hour", "hours"], 3600.0),
    (&["d", "day", "days"], 86400.0),
];

fn unit_seconds(unit: &str) -> Option<f64> {
    UNITS
        .iter()
        .find(|(names, _)| is_any(unit.as_bytes(), names))
        .map(|&(_, seconds)| seconds)
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
    use super::*;

    fn secs(hint: &str) -> Option<u64> {
        parse_delay(hint, SystemTime::UNIX_EPOCH).map(|d| d.as_secs())
    }

    #[test]
    fn delta_seconds_and_http_dates() {
        assert_eq!(secs("120"), Some(120));
        assert_eq!(secs(" 7 "), Some(7));
        assert_eq!(secs("Thu, 01 Jan 1970 00:01:00 GMT"), Some(60));
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
