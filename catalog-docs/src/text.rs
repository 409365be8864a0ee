//! Text as docs pages hold it: white space, invisible spaces, statuses written in words, and
//! the addresses saved pages name themselves by.

/// Whether `text` is an absolute http(s) address: the only kind a page can be fetched from
/// and named by. A control character is in no address, and would end a comment it is printed in.
pub fn is_http_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && !text.contains(char::is_control)
}

/// The value of a page's first `source:` line, as saved pages carry their address; `None` when
/// it is empty or holds a control character (a carriage return would end the doc comment it is
/// printed in).
pub fn source_line(page: &str) -> Option<&str> {
    page.lines()
        .find_map(|line| line.trim().strip_prefix("source:"))
        .map(str::trim)
        .filter(|url| !url.is_empty() && !url.contains(char::is_control))
}

/// White space collapsed to single spaces, trimmed; invisible spaces (U+200B zero width
/// space, U+2060 word joiner, U+FEFF) left out. Docs generators put a zero width space in
/// the anchor link of every heading (Docusaurus' `<a class="hash-link">&#8203;</a>`), which
/// would otherwise end up in the heading's text: `CARD_DECLINED\u{200b}` is no code.
pub(crate) fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_whitespace())
        .map(|word| word.replace(['\u{200b}', '\u{2060}', '\u{feff}'], ""))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The HTTP statuses written in a cell: `404 or 500`, `200 OK`, `400/401`.
pub(crate) fn statuses(text: &str) -> Vec<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|word| word.len() == 3)
        .filter_map(|word| word.parse().ok())
        .filter(|status| (100..=599).contains(status))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_spaces_are_no_text() {
        assert_eq!(collapse("CARD_DECLINED\u{200b}"), "CARD_DECLINED");
        assert_eq!(collapse(" a \u{200b} b\u{feff}\n c "), "a b c");
    }

    #[test]
    fn statuses_in_words() {
        assert_eq!(statuses("404 or 500"), [404, 500]);
        assert_eq!(statuses("200 OK"), [200]);
        assert_eq!(statuses("1200"), Vec::<u16>::new());
    }
}
