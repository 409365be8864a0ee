//! The fast path: a scanner made for error bodies, which reads the plan's pointers in one pass
//! over the bytes and validates the rest as it skips it.
//!
//! It decides only what it is sure serde_json decides the same way: a well-formed body whose
//! keys have no escapes and whose nesting stays under [`MAX_DEPTH`]. Anything else (invalid
//! JSON above all, to get serde_json's error with its line and column) is handed over to the
//! reference parser in [`super::walk`], which starts again from the top. `wire/tests.rs`
//! holds the two to the same results.

use std::borrow::Cow;

use super::plan::ROOT;
use super::sink::{Scalar, Sinks};

/// The scanner met something it leaves to the reference parser.
#[derive(Debug)]
pub(crate) struct Handover;

type Scan<T = ()> = Result<T, Handover>;

/// The deepest nesting the scanner skips (one bit each in a `u128`); deeper bodies go to
/// serde_json, which skips them without recursion.
const MAX_DEPTH: u32 = 128;

/// Scans `text` into the sinks, or hands it over having written some of it: the caller
/// restarts the sinks before the reference parser runs.
pub(crate) fn scan<'a>(text: &'a str, sinks: &mut Sinks<'_, '_, '_, 'a>) -> Scan {
    let mut scanner = Scanner { text, pos: 0 };
    scanner.value(ROOT, sinks)?;
    scanner.skip_whitespace();
    if scanner.pos == scanner.text.len() {
        Ok(())
    } else {
        Err(Handover)
    }
}

struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    /// The text between two byte offsets, which the scanner only ever takes at ASCII bytes.
    fn text(&self, start: usize, end: usize) -> Scan<&'a str> {
        self.text.get(start..end).ok_or(Handover)
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.text.as_bytes().get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte that is not white space, not consumed.
    // Inlined: it is a few instructions, called before every token.
    #[inline(always)]
    fn next_token(&mut self) -> Scan<u8> {
        self.skip_whitespace();
        self.text.as_bytes().get(self.pos).copied().ok_or(Handover)
    }

    fn expect(&mut self, byte: u8) -> Scan {
        if self.next_token()? == byte {
            self.pos += 1;
            Ok(())
        } else {
            Err(Handover)
        }
    }

    /// The value at `node` of the plan.
    fn value(&mut self, node: usize, sinks: &mut Sinks<'_, '_, '_, 'a>) -> Scan {
        let plan = sinks.plan;
        let here = plan.node(node);
        let first = self.next_token()?;
        match first {
            b'{' if here.continues() => self.object(node, sinks),
            b'[' => match here.each {
                Some(each) => self.list(each, here.each_shapes, sinks),
                None => self.container(node, first, sinks),
            },
            _ => self.leaf(node, first, sinks),
        }
    }

    /// A value that is not followed further, starting with `first`: a scalar is taken as
    /// written (borrowed unless it has escapes) for the pointers that end here, anything else
    /// is skipped.
    fn leaf(&mut self, node: usize, first: u8, sinks: &mut Sinks<'_, '_, '_, 'a>) -> Scan {
        let start = self.pos;
        let value = match first {
            b'"' => {
                let (_, end, escaped) = self.string()?;
                if escaped {
                    Scalar::string(self.text(start, end + 1)?, true)
                } else {
                    Scalar::text(Cow::Borrowed(self.text(start + 1, end)?))
                }
            }
            b'-' | b'0'..=b'9' => {
                self.number()?;
                Scalar::number(self.text(start, self.pos)?)
            }
            b't' => {
                self.literal(b"true")?;
                Scalar::bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                Scalar::bool(false)
            }
            // `null`, objects and lists: nothing to take, but for field errors.
            _ => return self.container(node, first, sinks),
        };
        sinks.deliver(node, value);
        Ok(())
    }

    /// A value at the end of a pointer that is no scalar: skipped, or, where field errors
    /// end, an object or a list taken as written.
    #[inline]
    fn container(&mut self, node: usize, first: u8, sinks: &mut Sinks<'_, '_, '_, 'a>) -> Scan {
        if !matches!(first, b'{' | b'[') || !sinks.plan.node(node).takes_raw {
            return self.skip_value();
        }
        let start = self.pos;
        self.skip_value()?;
        let json = self.text(start, self.pos)?;
        sinks.deliver_raw(node, json);
        Ok(())
    }

    /// An object at `node`, from its `{`.
    fn object(&mut self, mut node: usize, sinks: &mut Sinks<'_, '_, '_, 'a>) -> Scan {
        self.pos += 1;
        let plan = sinks.plan;
        // A lone object where a list of errors is declared: a list of one.
        while let Some(each) = plan.node(node).each {
            sinks.begin_errors(plan.node(node).each_shapes);
            node = each;
        }
        let here = plan.node(node);
        if self.next_token()? == b'}' {
            self.pos += 1;
            return Ok(());
        }
        loop {
            if self.next_token()? != b'"' {
                return Err(Handover);
            }
            let rest = self.text.as_bytes().get(self.pos + 1..).unwrap_or_default();
            let key = match here.plain_key(rest) {
                Some(key) => {
                    self.pos += 1 + key.quoted_len;
                    Some(key)
                }
                None => {
                    // No key here starts the text: this key leads nowhere, unless it spells
                    // one with escapes, which serde_json decodes (and a lone surrogate it
                    // refuses).
                    let (_, _, escaped) = self.string()?;
                    if escaped {
                        return Err(Handover);
                    }
                    None
                }
            };
            self.expect(b':')?;
            match key {
                // A pointer's end, the common case, without the general dispatch.
                Some(key) if key.takes_value => {
                    let first = self.next_token()?;
                    self.leaf(key.node, first, sinks)?;
                }
                Some(key) => self.value(key.node, sinks)?,
                None => self.skip_value()?,
            }
            if !self.another(b'}')? {
                return Ok(());
            }
        }
    }

    /// A list of errors, from its `[`: each element opens an error in `shapes`.
    fn list(&mut self, each: usize, shapes: u32, sinks: &mut Sinks<'_, '_, '_, 'a>) -> Scan {
        self.pos += 1;
        if self.next_token()? == b']' {
            self.pos += 1;
            return Ok(());
        }
        loop {
            sinks.begin_errors(shapes);
            self.value(each, sinks)?;
            if !self.another(b']')? {
                return Ok(());
            }
        }
    }

    /// After a member or an element: a comma, and another follows, or the container's `close`.
    fn another(&mut self, close: u8) -> Scan<bool> {
        let byte = self.next_token()?;
        if byte != b',' && byte != close {
            return Err(Handover);
        }
        self.pos += 1;
        Ok(byte == b',')
    }

    /// Skips one value, checking its grammar as serde_json's `IgnoredAny` does: numbers by
    /// grammar only, escapes by form only. Containers are tracked in a bit stack, not by
    /// recursion.
    fn skip_value(&mut self) -> Scan {
        // Bit 0 tells whether the innermost open container is an object.
        let mut objects: u128 = 0;
        let mut depth: u32 = 0;
        loop {
            match self.next_token()? {
                b'"' => {
                    self.string()?;
                }
                open @ (b'{' | b'[') => {
                    self.pos += 1;
                    let object = open == b'{';
                    let close = if object { b'}' } else { b']' };
                    if self.next_token()? == close {
                        self.pos += 1;
                    } else {
                        if depth == MAX_DEPTH {
                            return Err(Handover);
                        }
                        objects = (objects << 1) | u128::from(object);
                        depth += 1;
                        if object {
                            self.key()?;
                        }
                        continue;
                    }
                }
                b't' => self.literal(b"true")?,
                b'f' => self.literal(b"false")?,
                b'n' => self.literal(b"null")?,
                b'-' | b'0'..=b'9' => self.skip_number()?,
                _ => return Err(Handover),
            }
            // After a value: a comma before the next one, or the ends of containers.
            loop {
                if depth == 0 {
                    return Ok(());
                }
                let object = objects & 1 == 1;
                match self.next_token()? {
                    b',' => {
                        self.pos += 1;
                        if object {
                            self.key()?;
                        }
                        break;
                    }
                    b'}' if object => {}
                    b']' if !object => {}
                    _ => return Err(Handover),
                }
                self.pos += 1;
                objects >>= 1;
                depth -= 1;
            }
        }
    }

    /// A key of a skipped object, and its colon.
    fn key(&mut self) -> Scan {
        if self.next_token()? != b'"' {
            return Err(Handover);
        }
        self.string()?;
        self.expect(b':')
    }

    /// A string, from its opening quote: the range of its contents and whether it has escapes.
    // Inlined: a call costs more than scanning a short string.
    #[inline(always)]
    fn string(&mut self) -> Scan<(usize, usize, bool)> {
        let start = self.pos + 1;
        let mut at = start;
        let mut escaped = false;
        loop {
            at += special_offset(&self.text.as_bytes()[at..]);
            match self.text.as_bytes().get(at) {
                Some(b'"') => {
                    self.pos = at + 1;
                    return Ok((start, at, escaped));
                }
                Some(b'\\') => {
                    escaped = true;
                    at += 1 + escape_len(&self.text.as_bytes()[at + 1..])?;
                }
                // A control character, which must be escaped, or the end of the body.
                _ => return Err(Handover),
            }
        }
    }

    fn literal(&mut self, word: &[u8]) -> Scan {
        if self.text.as_bytes()[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(Handover)
        }
    }

    /// A number skipped: [`Scanner::number`] kept out of line, where its value is not taken.
    #[inline(never)]
    fn skip_number(&mut self) -> Scan {
        self.number()
    }

    /// A number, by RFC 8259's grammar.
    // Inlined into the value reader, where a code is most often a number; `skip_number`
    // keeps the skipping loop small.
    #[inline(always)]
    fn number(&mut self) -> Scan {
        let bytes = self.text.as_bytes();
        let mut at = self.pos;
        if bytes.get(at) == Some(&b'-') {
            at += 1;
        }
        match bytes.get(at) {
            Some(b'0') => at += 1,
            Some(b'1'..=b'9') => at = digits_end(bytes, at + 1),
            _ => return Err(Handover),
        }
        if bytes.get(at) == Some(&b'.') {
            let end = digits_end(bytes, at + 1);
            if end == at + 1 {
                return Err(Handover);
            }
            at = end;
        }
        if let Some(b'e' | b'E') = bytes.get(at) {
            at += 1;
            if let Some(b'+' | b'-') = bytes.get(at) {
                at += 1;
            }
            let end = digits_end(bytes, at);
            if end == at {
                return Err(Handover);
            }
            at = end;
        }
        self.pos = at;
        Ok(())
    }
}

/// Where the run of digits from `at` ends. Eight bytes at a time: where eight bytes remain, a
/// code's digits end in the first word, found without a branch per digit.
fn digits_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
        // Per byte, without carries between bytes: the low seven bits plus 0x46 reach 0x80
        // from b'9' + 1 up, plus 0x50 from b'0' up; a set high bit is no digit either.
        let low = word & !HIGHS;
        let from_colon = low + ONES * 0x46;
        let from_zero = low + ONES * 0x50;
        let not_digits = (word | from_colon | !from_zero) & HIGHS;
        if not_digits != 0 {
            return at + (not_digits.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while let Some(b'0'..=b'9') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The length of an escape after its backslash: `\n` and the like, or `\u` and four hex digits
/// (whether they make a valid code point is left to whoever decodes the string).
fn escape_len(rest: &[u8]) -> Scan<usize> {
    match rest.first() {
        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(1),
        Some(b'u') => match rest.get(1..5) {
            Some(hex) if hex.iter().all(u8::is_ascii_hexdigit) => Ok(5),
            _ => Err(Handover),
        },
        _ => Err(Handover),
    }
}

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Where the first byte that ends a plain run of string contents is: a quote, a backslash or
/// a control character; the length of `bytes` when there is none. Sixteen bytes to a branch,
/// then eight, then one: a long message costs half the loop turns it would a word at a time.
// Kept out of line: its loop then holds its five constants in registers.
#[inline(never)]
fn special_offset(bytes: &[u8]) -> usize {
    let (pairs, _) = bytes.as_chunks::<16>();
    for (i, pair) in pairs.iter().enumerate() {
        let (words, _) = pair.as_chunks::<8>();
        let [low, high] = words else { break };
        let (low, high) = (special_flags(low), special_flags(high));
        if low | high != 0 {
            let bit = if low != 0 {
                low.trailing_zeros()
            } else {
                64 + high.trailing_zeros()
            };
            return i * 16 + (bit / 8) as usize;
        }
    }
    let done = pairs.len() * 16;
    let (chunks, rest) = bytes.get(done..).unwrap_or_default().as_chunks::<8>();
    for (i, chunk) in chunks.iter().enumerate() {
        let flags = special_flags(chunk);
        if flags != 0 {
            return done + i * 8 + (flags.trailing_zeros() / 8) as usize;
        }
    }
    let tail = done + chunks.len() * 8;
    tail + rest
        .iter()
        .position(|&byte| must_escape(byte))
        .unwrap_or(rest.len())
}

/// Whether JSON allows `byte` in a string only escaped: a quote, a backslash or a control
/// character. [`special_flags`] tests the same of eight bytes at once.
pub(crate) fn must_escape(byte: u8) -> bool {
    byte == b'"' || byte == b'\\' || byte < 0x20
}

/// The high bit of the lowest byte of `chunk` that is a quote, a backslash or a control
/// character, and maybe of bytes above it, never below. `(x - n * 0x01..) & !x & 0x80..` flags
/// the lowest byte of `x` below `n` exactly (a borrow only ever runs upwards, past it). Xoring
/// with 0x02 moves a quote (0x22) to 0x20 and keeps control characters below 0x20, and no other
/// byte lands below 0x21: one test finds both. A backslash is a byte of `word ^ 0x5c..` below
/// 1. The xors leave each byte's high bit as it was, so the tests share `& !word`.
#[inline(always)]
fn special_flags(chunk: &[u8; 8]) -> u64 {
    let word = u64::from_le_bytes(*chunk);
    let quote_or_control = word ^ (ONES * 0x02);
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let borrows = quote_or_control.wrapping_sub(ONES * 0x21) | backslash.wrapping_sub(ONES);
    borrows & !word & HIGHS
}

#[cfg(test)]
mod tests {
    use super::{digits_end, special_offset};

    #[test]
    fn digits_end_finds_the_first_byte_that_is_no_digit() {
        for text in [
            "",
            "0",
            "7}",
            "14001,",
            "12345678",
            "123456789",
            "1234567890123456789 ",
            "12/",
            "98:",
            "5\u{e9}",
            "0a",
            "000000000\x00",
            "42 ",
            "-1",
        ] {
            let bytes = text.as_bytes();
            let expected = bytes
                .iter()
                .position(|byte| !byte.is_ascii_digit())
                .unwrap_or(bytes.len());
            assert_eq!(digits_end(bytes, 0), expected, "{text:?}");
        }
        // Every byte value after seven digits, in the first word and past it.
        for byte in 0..=u8::MAX {
            for digits in [7, 12] {
                let mut bytes = vec![b'3'; digits];
                bytes.extend([byte, b'1', b'2', b'3', b'4', b'5', b'6', b'7', b'8']);
                let expected = if byte.is_ascii_digit() {
                    digits + 9
                } else {
                    digits
                };
                assert_eq!(digits_end(&bytes, 0), expected, "{byte:#x} after {digits}");
            }
        }
    }

    /// Every position in texts of up to 40 bytes, so that each of the three loops (sixteen
    /// bytes, eight, one) finds each kind of special byte, in either word of a pair, before
    /// another special byte and after plain bytes of every kind (ASCII, a space, past ASCII).
    #[test]
    fn special_offset_finds_a_special_byte_at_every_position() {
        for len in 0..40 {
            let plain: Vec<u8> = (0..len).map(|i| [b'a', b'!', 0xc3, b' '][i % 4]).collect();
            assert_eq!(special_offset(&plain), len, "none in {len} bytes");
            for at in 0..len {
                for special in [b'"', b'\\', 0x1f, 0x00] {
                    let mut bytes = plain.clone();
                    bytes[at] = special;
                    if let Some(next) = bytes.get_mut(at + 1) {
                        *next = b'"';
                    }
                    assert_eq!(special_offset(&bytes), at, "{special:#x} at {at} of {len}");
                }
            }
        }
    }

    /// Every pair of byte values side by side, at places in each of the three loops (two
    /// pairs of words, then a word, then seven single bytes) and across the words of a pair:
    /// the first byte JSON must escape is found, whatever byte comes before or after it.
    #[test]
    fn special_offset_agrees_with_must_escape_on_every_pair_of_bytes() {
        for at in [0, 6, 7, 8, 15, 16, 22, 23, 31, 32, 38, 39, 40, 45] {
            for first in 0..=u8::MAX {
                for second in 0..=u8::MAX {
                    let mut bytes = [b'a'; 47];
                    bytes[at] = first;
                    bytes[at + 1] = second;
                    let expected = bytes
                        .iter()
                        .position(|&byte| super::must_escape(byte))
                        .unwrap_or(bytes.len());
                    assert_eq!(
                        special_offset(&bytes),
                        expected,
                        "{first:#x} {second:#x} at {at}"
                    );
                }
            }
        }
    }

    #[test]
    fn special_offset_finds_the_first_quote_backslash_or_control_byte() {
        assert_eq!(special_offset(b""), 0);
        assert_eq!(special_offset(b"plain text, no end"), 18);
        assert_eq!(special_offset(b"abcdefgh\"ijk"), 8);
        assert_eq!(special_offset(b"abc\\defghijklmnop\""), 3);
        assert_eq!(special_offset(b"abcdefghijklm\x1fn"), 13);
        // Bytes above 0x7f (UTF-8 sequences) are plain text.
        assert_eq!(special_offset("h\u{e9}llo w\u{f6}rld\"".as_bytes()), 13);
        // A match right after a byte that borrows must still be found where it is.
        assert_eq!(special_offset(b"\x01\x22aaaaaa"), 0);
        assert_eq!(special_offset(b" \x22aaaaaa"), 1);
        assert_eq!(special_offset(b"!!!!!!!\x5c"), 7);
    }
}
