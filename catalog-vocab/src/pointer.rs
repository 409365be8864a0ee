//! JSON pointers (RFC 6901) as catalogs write them: `/error/code`, each segment escaped (`~` as
//! `~0`, `/` as `~1`), and `*` for every element of the list of errors. The one home of the
//! escaping, for the macro, the runtime, the docs reader and the harness.

use std::borrow::Cow;

/// One segment escaped for a pointer: `a/b` is `a~1b`, `a~b` is `a~0b`.
///
/// ```
/// assert_eq!(catalog_vocab::pointer::escape("meta/request~id"), "meta~1request~0id");
/// ```
pub fn escape(segment: &str) -> Cow<'_, str> {
    if segment.contains(['~', '/']) {
        Cow::Owned(segment.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(segment)
    }
}

/// The pointer of unescaped segments: `["error", "code"]` is `/error/code`; no segments is the
/// whole document, `""`.
///
/// ```
/// assert_eq!(catalog_vocab::pointer::join(&["errors", "*", "a/b"]), "/errors/*/a~1b");
/// ```
pub fn join<S: AsRef<str>>(segments: &[S]) -> String {
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        out.push_str(&escape(segment.as_ref()));
    }
    out
}

/// A catalog's pointer split into unescaped segments (`*` stays the list marker); the error
/// says what is wrong and how to write it.
///
/// ```
/// use catalog_vocab::pointer::parse;
/// assert_eq!(parse("/meta/request~1id").unwrap(), ["meta", "request/id"]);
/// assert!(parse("error/code").unwrap_err().contains("\"/error/code\""));
/// ```
pub fn parse(text: &str) -> Result<Vec<String>, String> {
    let Some(rest) = text.strip_prefix('/') else {
        return Err(if text.is_empty() {
            "a field cannot be the whole body; name a member, e.g. \"/code\"".to_owned()
        } else {
            format!("a JSON pointer starts with `/`: write \"/{text}\"")
        });
    };
    rest.split('/')
        .map(|segment| {
            if segment.is_empty() {
                return Err(format!("\"{text}\" has an empty segment"));
            }
            let mut out = String::with_capacity(segment.len());
            let mut chars = segment.chars();
            while let Some(c) = chars.next() {
                if c != '~' {
                    out.push(c);
                    continue;
                }
                match chars.next() {
                    Some('0') => out.push('~'),
                    Some('1') => out.push('/'),
                    _ => {
                        return Err(format!(
                            "\"{text}\": `~` must be followed by 0 (for `~`) or 1 (for `/`)"
                        ));
                    }
                }
            }
            Ok(out)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{join, parse};

    #[test]
    fn parse_undoes_join() {
        for segments in [
            vec!["code"],
            vec!["errors", "*", "code"],
            vec!["a~b", "c/d", "~1", "/~0"],
        ] {
            assert_eq!(parse(&join(&segments)).unwrap(), segments);
        }
    }

    #[test]
    fn bad_pointers_say_what_is_wrong() {
        assert!(parse("").unwrap_err().contains("whole body"));
        assert!(parse("/a//b").unwrap_err().contains("empty segment"));
        assert!(parse("/a~2").unwrap_err().contains("followed by 0"));
    }
}
