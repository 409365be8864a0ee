//! The fast path against the reference parser: whatever body the scanner decides, serde_json
//! must accept, with the same findings. Bodies are generated around each wire format's own
//! keys (so pointers are hit), then broken on purpose in places.

use proptest::prelude::*;

use super::plan::Plan;
use super::samples::{
    ALIKE, ESCAPED, EXTRAS, FLAT, LIST, LIST_EXTRAS, NESTED, ODD, PREFIX, SHAPES, WIRES,
};
use super::{Parser, Source, Wire, capture_by};

fn plan(wire: &'static Wire) -> Plan {
    Plan::new(wire)
}

/// The keys a body of `wire` is built from: the wire's own, as written and as JSON spells
/// them, a few strangers, a literal `*`, and an escaped spelling of a wire key.
fn keys(wire: &Wire) -> Vec<String> {
    let mut keys: Vec<String> = [
        "x",
        "*",
        "",
        "co\\u0064e",
        "Error\\n",
        "field",
        "detail",
        "message",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for path in body_paths(wire) {
        for segment in path.iter().filter(|segment| **segment != "*") {
            for key in [*segment, &spelled(segment)] {
                if !keys.iter().any(|known| known == key) {
                    keys.push(key.to_owned());
                }
            }
        }
    }
    keys
}

/// A key as JSON spells it, without its quotes.
fn spelled(key: &str) -> String {
    let quoted = serde_json::to_string(key).unwrap_or_default();
    quoted
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or_default()
        .to_owned()
}

/// Every body pointer of a wire, as segments: its fields', its own fields' and its field
/// errors'.
fn body_paths(wire: &Wire) -> impl Iterator<Item = &'static [&'static str]> + '_ {
    let sources = wire.shapes.iter().flat_map(|shape| {
        shape
            .fields
            .iter()
            .map(|field| field.source)
            .chain(shape.extra_fields.iter().map(|extra| extra.source))
    });
    sources
        .filter_map(|source| match source {
            Source::Body(path) => Some(path),
            Source::Header(_) => None,
        })
        .chain(field_error_paths(wire))
}

/// The pointers of a wire's field errors.
fn field_error_paths(wire: &Wire) -> impl Iterator<Item = &'static [&'static str]> + '_ {
    wire.shapes
        .iter()
        .filter_map(|shape| shape.field_errors.map(|source| source.path))
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "\"([a-z 0-9]|é|→|\\\\[nt\"\\\\/]|\\\\u00[0-9a-f]{2}|\\\\ud83d\\\\ude00){0,12}\"",
        1 => "\"([a-z]|\\\\ud800|\\\\x|\\\\u12|\u{1}){0,6}\"",
        3 => "-?(0|[1-9][0-9]{0,4})(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,2})?",
        1 => prop_oneof![
            Just("1e400".to_owned()),
            Just("01".to_owned()),
            Just("-".to_owned()),
            Just("1.".to_owned()),
            Just("123456789012345678901234567890".to_owned()),
            Just("tru".to_owned()),
            Just("nul".to_owned()),
        ],
        2 => prop_oneof![
            Just("true".to_owned()),
            Just("false".to_owned()),
            Just("null".to_owned()),
        ],
    ]
}

fn json(keys: Vec<String>) -> impl Strategy<Value = String> {
    scalar().prop_recursive(5, 48, 5, move |inner| {
        let keys = keys.clone();
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((prop::sample::select(keys), " ?", inner), 0..5).prop_map(
                |members| {
                    let members: Vec<String> = members
                        .into_iter()
                        .map(|(key, space, value)| format!("\"{key}\":{space}{value}"))
                        .collect();
                    format!("{{{}}}", members.join(", "))
                }
            ),
        ]
    })
}

/// Ways to break a body: cut it short, put a byte in, take one out.
#[derive(Clone, Debug)]
enum Damage {
    None,
    Cut(prop::sample::Index),
    Insert(prop::sample::Index, char),
    Remove(prop::sample::Index),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        6 => Just(Damage::None),
        1 => any::<prop::sample::Index>().prop_map(Damage::Cut),
        1 => (
            any::<prop::sample::Index>(),
            prop::sample::select(vec!['"', '\\', ',', ':', '{', '}', '[', ']', ' ', 'x', '0', '\n'])
        )
            .prop_map(|(at, byte)| Damage::Insert(at, byte)),
        1 => any::<prop::sample::Index>().prop_map(Damage::Remove),
    ]
}

fn apply(text: &str, damage: &Damage) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut chars = chars;
    match damage {
        Damage::None => {}
        Damage::Cut(at) => chars.truncate(at.index(chars.len() + 1)),
        Damage::Insert(at, byte) => chars.insert(at.index(chars.len() + 1), *byte),
        Damage::Remove(at) => {
            if !chars.is_empty() {
                chars.remove(at.index(chars.len()));
            }
        }
    }
    chars.into_iter().collect()
}

fn case() -> impl Strategy<Value = (usize, String, Damage, String)> {
    (0..WIRES.len())
        .prop_flat_map(|wire| (Just(wire), json(keys(WIRES[wire])), damage(), "[ \n]{0,2}"))
}

/// Whether the scanner decided the body (and then agrees with serde_json on what every shape
/// found), or handed it over.
fn compare(plan: &Plan, text: &str) -> Result<bool, TestCaseError> {
    super::compare_parsers(plan, text).map_err(TestCaseError::fail)
}

/// A small deterministic generator, so that one seed gives one body.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'t>(&mut self, items: &[&'t str]) -> &'t str {
        items[self.below(items.len())]
    }
}

/// The shape of a wire's pointers, to build bodies that hit them.
#[derive(Default)]
struct Skeleton {
    ends: bool,
    /// Field errors end here: a map or a list of them, most of the time.
    field_errors: bool,
    children: Vec<(&'static str, Skeleton)>,
    each: Option<Box<Skeleton>>,
}

impl Skeleton {
    fn of(wire: &Wire) -> Self {
        let mut root = Skeleton::default();
        for path in body_paths(wire) {
            root.add(path);
        }
        for path in field_error_paths(wire) {
            root.mark_field_errors(path);
        }
        root
    }

    fn mark_field_errors(&mut self, path: &[&'static str]) {
        let Some((first, rest)) = path.split_first() else {
            self.field_errors = true;
            return;
        };
        let next = if *first == "*" {
            self.each.as_deref_mut()
        } else {
            self.children
                .iter_mut()
                .find(|(key, _)| key == first)
                .map(|(_, child)| child)
        };
        if let Some(next) = next {
            next.mark_field_errors(rest);
        }
    }

    fn add(&mut self, path: &[&'static str]) {
        let Some((first, rest)) = path.split_first() else {
            self.ends = true;
            return;
        };
        let next = if *first == "*" {
            self.each.get_or_insert_with(Box::default)
        } else {
            let at = match self.children.iter().position(|(key, _)| key == first) {
                Some(at) => at,
                None => {
                    self.children.push((first, Skeleton::default()));
                    self.children.len() - 1
                }
            };
            &mut self.children[at].1
        };
        next.add(rest);
    }

    /// A body for this node: what the pointers expect most of the time, with strangers,
    /// other kinds of value, and lone objects where lists are declared.
    fn render(&self, rng: &mut Seeded, depth: usize, out: &mut String) {
        let continues = !self.children.is_empty() || self.each.is_some();
        if self.field_errors && rng.chance(70) {
            out.push_str(rng.pick(&[
                r#"{"amount": ["must be positive", "must be whole"], "currency": "unknown"}"#,
                r#"{"amount": [], "a\u00e9": ["\ud800", "x"], "n": 3, "o": {"p": ["q"]}}"#,
                r#"[{"field": "amount", "detail": "too small", "message": "m"}, {"detail": "\"no\" field"}]"#,
                r#"[{"field": "x"}, 7, "text", [1, {"field": "y"}], {"message": "caf\u00e9"}]"#,
                r#"{"deep": [[[[{"field": "a"}]]]]}"#,
            ]));
            return;
        }
        if depth > 6 || (self.ends && (!continues || rng.chance(40))) || rng.chance(5) {
            out.push_str(seeded_scalar(rng));
            return;
        }
        if let Some(each) = &self.each {
            if rng.chance(20) {
                // A lone object where the list should be.
                each.render(rng, depth + 1, out);
                return;
            }
            out.push('[');
            for i in 0..rng.below(4) {
                if i > 0 {
                    out.push(',');
                }
                each.render(rng, depth + 1, out);
            }
            out.push(']');
            return;
        }
        out.push('{');
        let mut first = true;
        for (key, child) in &self.children {
            if !rng.chance(85) {
                continue;
            }
            if !std::mem::take(&mut first) {
                out.push_str(if rng.chance(50) { ", " } else { "," });
            }
            // As written half the time, which JSON refuses when the key needs escapes (the
            // scanner must not take it for the declared key).
            let key = if rng.chance(50) {
                (*key).to_owned()
            } else {
                spelled(key)
            };
            out.push_str(&format!("\"{key}\":"));
            child.render(rng, depth + 1, out);
            if rng.chance(10) {
                // The same key again: the first value wins.
                out.push_str(&format!(",\"{key}\":"));
                out.push_str(seeded_scalar(rng));
            }
        }
        if rng.chance(40) {
            if !first {
                out.push(',');
            }
            out.push_str(r#""stranger":{"nested":[1,{"deep":"x"}],"n":-0.5e+3}"#);
        }
        out.push('}');
    }
}

fn seeded_scalar(rng: &mut Seeded) -> &'static str {
    rng.pick(&[
        r#""PLAIN_CODE""#,
        r#""an ordinary message, long enough to take a few eight-byte steps""#,
        r#""caf\u00e9 \"quoted\" \n""#,
        r#""h\u00e9\ud83d\ude00 é→""#,
        r#""\ud800 lone""#,
        r#""""#,
        "1200",
        "-7",
        "3.25",
        "6.02e23",
        "1e400",
        "true",
        "false",
        "null",
        "[]",
        "{}",
        r#"{"x":1}"#,
    ])
}

/// A body built from a wire's own pointers, perhaps broken.
fn skeleton_body(wire: &Wire, seed: u64) -> String {
    let mut rng = Seeded(seed | 1);
    let mut body = String::new();
    if rng.chance(10) {
        body.push('\u{feff}');
    }
    Skeleton::of(wire).render(&mut rng, 0, &mut body);
    // One body in ten cut short, one with a character taken out, one with a quote put in.
    let mut chars: Vec<char> = body.chars().collect();
    let at = rng.below(chars.len() + 1);
    match rng.below(10) {
        0 => chars.truncate(at),
        1 if at < chars.len() => {
            chars.remove(at);
        }
        2 => chars.insert(at, '"'),
        _ => {}
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn the_scanner_decides_only_what_serde_json_decides_alike(
        (wire, text, damage, padding) in case()
    ) {
        let plan = plan(WIRES[wire]);
        let text = format!("{padding}{}{padding}", apply(&text, &damage));
        compare(&plan, &text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn bodies_built_on_the_pointers_are_decided_alike(
        wire in 0..WIRES.len(),
        seed in any::<u64>(),
    ) {
        let plan = plan(WIRES[wire]);
        let text = skeleton_body(WIRES[wire], seed);
        compare(&plan, text.strip_prefix('\u{feff}').unwrap_or(&text))?;
    }
}

/// The bodies built on the pointers reach what matters: most are decided by the scanner, and
/// of those, most find something and many find several errors. Without this, the properties
/// could hold while exercising little.
#[test]
fn the_generated_bodies_reach_the_pointers() {
    let (mut decided, mut found, mut several) = (0, 0, 0);
    for seed in 0..3000u64 {
        let wire = WIRES[usize::try_from(seed % WIRES.len() as u64).unwrap_or(0)];
        let plan = plan(wire);
        let text = skeleton_body(wire, seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let Some((_, shapes)) = capture_by(&plan, text, Parser::Scan) else {
            continue;
        };
        decided += 1;
        if shapes
            .iter()
            .any(|(errors, found, _)| !errors.is_empty() || found.request_id.is_some())
        {
            found += 1;
        }
        if shapes.iter().any(|(errors, _, _)| errors.len() > 1) {
            several += 1;
        }
    }
    assert!(
        decided > 1200,
        "{decided} of 3000 bodies decided by the scanner"
    );
    assert!(found > 1000, "{found} decided bodies found something");
    assert!(
        several > 100,
        "{several} decided bodies found several errors"
    );
}

/// The catalog's own fields and field errors, read by the scanner as serde_json reads them:
/// typical bodies are decided by the scanner, and find what they hold.
#[test]
fn own_fields_and_field_errors_are_read_alike() {
    let bodies: [(&'static Wire, &str, usize, bool); 5] = [
        (
            &EXTRAS,
            r#"{"error": {"code": "resource_missing", "doc_url": "https://example.com/rm", "param": "customer", "message": "No such customer", "request_log_url": "https://example.com/log?t=1"}}"#,
            3,
            false,
        ),
        (
            &EXTRAS,
            r#"{"error": {"type": "api_error", "docs": "second", "doc_url": "first", "message": "x"}, "errors": {"amount": ["must be positive"], "currency": ["unknown"]}}"#,
            1,
            true,
        ),
        (
            &LIST_EXTRAS,
            r#"{"errors": [{"code": "A", "field": "amount", "fields": [{"field": "amount", "message": "low"}]}, {"code": "B", "field": "currency"}]}"#,
            1,
            true,
        ),
        (
            &LIST_EXTRAS,
            r#"{"type": "https://example.com/validation", "title": "Invalid", "instance": "/payments/1", "invalid": [{"field": "amount", "message": "low"}]}"#,
            1,
            true,
        ),
        (
            &LIST_EXTRAS,
            r#"{"type": "https://example.com/validation", "invalid": "a message, not a list"}"#,
            0,
            false,
        ),
    ];
    for (wire, body, fields, field_errors) in bodies {
        let plan = Plan::new(wire);
        assert_eq!(
            compare(&plan, body).map_err(|e| e.to_string()),
            Ok(true),
            "{body}"
        );
        let Some((winner, shapes)) = capture_by(&plan, body, Parser::Scan) else {
            panic!("handed over: {body}");
        };
        let (_, _, extras) = &shapes[winner];
        let first = extras.as_ref().and_then(|extras| extras.of(0));
        let found_fields = first.map_or(0, |extra| extra.fields.len());
        assert_eq!(found_fields, fields, "{body}: {first:?}");
        let raw = first.is_some_and(|extra| extra.field_errors_raw.is_some());
        assert_eq!(raw, field_errors, "{body}");
    }
    // Earlier alternatives of a name win whatever the order of keys.
    let plan = Plan::new(&EXTRAS);
    let body = r#"{"error": {"docs": "second", "doc_url": "first"}}"#;
    for parser in [Parser::Scan, Parser::Walk] {
        let (_, shapes) = capture_by(&plan, body, parser).unwrap_or_default();
        let first = shapes[0].2.as_ref().and_then(|extras| extras.of(0));
        assert_eq!(
            first.and_then(|extra| extra.field("doc_url")),
            Some("first"),
            "{parser:?}"
        );
    }
}

/// Realistic bodies the scanner must decide itself, or the property above would hold
/// vacuously.
#[test]
fn the_scanner_decides_typical_error_bodies() {
    let bodies: [(&'static Wire, &str); 14] = [
        (
            &ALIKE,
            r#"{"descripti": 0, "descript": "t", "desc": "s", "descriptionLong": "l", "description": "d", "descrip": 7, "détail": "m"}"#,
        ),
        (&ESCAPED, r#"{"plain": "p", "say": 1, "tab": 2}"#),
        // A scalar where a pointer also goes on reads as written, as at a pointer's end.
        (&ODD, r#"{"error": 1.50, "items": []}"#),
        (&ODD, r#"{"error": 1e400}"#),
        (&FLAT, r#"{"retry": 12345678901234567890123, "code": "x"}"#),
        (
            &FLAT,
            r#"{"code": 1200, "message": "invalid credentials", "resolve": "The username or password provided were not correct."}"#,
        ),
        (
            &FLAT,
            r#"{"error_code": "ITEM_LOGIN_REQUIRED", "message": "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information. use Link's update mode to restore the item to a good state", "request_id": "m8MDnv9okwxFNBV", "retry": {"after": "30"}, "retryable": false, "extra": [1, 2.5, -3e2, null, {"a": [[]]}]}"#,
        ),
        (
            &NESTED,
            r#"{"error": "ProviderCallFailed", "details": {"reason": "AdapterExpired", "message": "caf\u00e9 \"quoted\""}, "traceId": "00-abc"}"#,
        ),
        (
            &LIST,
            r#"{"correlationId": "c0ffee", "data": [{"code": "parameter-not-valid", "title": "Parameter not valid", "source": {"parameter": "from"}}, {"code": "unauthorized", "title": "x"}]}"#,
        ),
        (&LIST, r#"{"correlationId": "c0ffee", "data": []}"#),
        (
            &SHAPES,
            r#"{"Errors": {"Error": {"Source": "Gateway", "ReasonCode": "DECLINE", "Description": "Unauthorized", "Recoverable": "false"}}}"#,
        ),
        (
            &SHAPES,
            r#"{"Errors": {"Error": [{"ReasonCode": "SYSTEM_ERROR", "Recoverable": true}, {"ReasonCode": "X"}]}}"#,
        ),
        (
            &SHAPES,
            r#"{"responseId": "123", "errors": [{"reasonCode": "INVALID_FIELD_VALUE", "description": "x"}]}"#,
        ),
        (
            &SHAPES,
            "\n{\"errorCode\": \"INVALID_JSON\", \"errorDescription\": \"bad\"}\r\n",
        ),
    ];
    for (wire, text) in bodies {
        let plan = plan(wire);
        let decided = compare(&plan, text);
        assert!(
            matches!(decided, Ok(true)),
            "{text}: {decided:?}, found {:?}",
            capture_by(&plan, text, Parser::Walk)
        );
    }
}

/// The scanner tells keys that start alike apart, at every length around the eight bytes it
/// compares at once, and takes keys that need escapes only from serde_json.
#[test]
fn keys_that_start_alike_or_need_escapes_find_their_own_values() {
    let alike = plan(&ALIKE);
    let text = r#"{"descripti": 0, "descript": "t", "desc": "s", "descriptionLong": "l", "description": "d", "descrip": 7, "détail": "m", "de": 1}"#;
    let (_, shapes) = capture_by(&alike, text, Parser::Scan).expect("the scanner decides it");
    let error = &shapes[0].0[0];
    assert_eq!(error.sub_code.as_deref(), Some("s"));
    assert_eq!(error.code.as_deref(), Some("7"));
    assert_eq!(error.title.as_deref(), Some("t"));
    assert_eq!(error.detail.as_deref(), Some("d"));
    assert_eq!(error.remediation.as_deref(), Some("l"));
    assert_eq!(error.message.as_deref(), Some("m"));

    // Written as declared, such keys are not JSON: the scanner must hand them over for
    // serde_json to refuse, never take them for the declared keys.
    let escaped = plan(&ESCAPED);
    for text in [
        r#"{"say "hi"": 1}"#,
        "{\"tab\there\": \"x\"}",
        r#"{"back\slash": {"a": "y"}}"#,
    ] {
        assert!(capture_by(&escaped, text, Parser::Scan).is_none(), "{text}");
    }
    let text = r#"{"say \"hi\"": 1, "tab\there": "x", "back\\slash": {"a": "y"}}"#;
    assert!(capture_by(&escaped, text, Parser::Scan).is_none());
    let (_, shapes) = capture_by(&escaped, text, Parser::Walk).expect("the reference answers");
    let error = &shapes[0].0[0];
    assert_eq!(error.code.as_deref(), Some("1"));
    assert_eq!(error.message.as_deref(), Some("x"));
    assert_eq!(error.title.as_deref(), Some("y"));
}

/// What the scanner leaves to serde_json, and serde_json's answer stands.
#[test]
fn the_scanner_hands_over_what_it_cannot_decide_alike() {
    let deep = format!("{{\"x\": {}{}}}", "[".repeat(200), "]".repeat(200));
    let cases = [
        // Invalid JSON: only serde_json says where and why.
        r#"{"code": 1200,}"#,
        r#"{"code": 01}"#,
        "{\"message\": \"a\u{1}b\"}",
        r#"{"code": 1} x"#,
        // A key with an escape, which serde_json decodes.
        r#"{"co\u0064e": 1}"#,
        // Nesting past the scanner's bit stack.
        deep.as_str(),
    ];
    let plan = plan(&FLAT);
    for text in cases {
        assert!(
            capture_by(&plan, text, Parser::Scan).is_none(),
            "the scanner decided {text}"
        );
    }
    let found = capture_by(&plan, &deep, Parser::Walk);
    assert!(found.is_some_and(|(_, shapes)| shapes[0].1.body_error.is_none()));
}

/// A broken body says nothing, even where it named a request id before breaking; the header's
/// request id stands. A readable body's id, declared first, wins over the header's.
#[test]
fn a_broken_body_leaves_what_the_headers_said() {
    let plan = plan(&FLAT);
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "x-request-id",
        http::HeaderValue::from_static("from-header"),
    );
    let mut errors = super::Errors::new();
    let broken = br#"{"request_id": "from-body", "code": 12,"#;
    let found = super::capture_with(
        &plan,
        &headers,
        broken,
        &mut errors,
        &mut None,
        &super::ReadLimits::DEFAULT,
    );
    assert!(found.body_error.is_some());
    assert!(errors.is_empty());
    assert_eq!(found.request_id.as_deref(), Some("from-header"));

    let readable = br#"{"request_id": "from-body", "code": 12}"#;
    let found = super::capture_with(
        &plan,
        &headers,
        readable,
        &mut errors,
        &mut None,
        &super::ReadLimits::DEFAULT,
    );
    assert_eq!(found.request_id.as_deref(), Some("from-body"));
    assert_eq!(errors.len(), 1);
}

/// A huge list keeps the first errors and counts the rest: memory stays bounded by the cap, not
/// by the body, and nothing goes unreported.
#[test]
fn a_huge_list_keeps_the_first_errors_and_counts_the_rest() {
    let plan = plan(&LIST);
    let headers = http::HeaderMap::new();
    let elements = vec![r#"{"code": "too-many", "title": "t"}"#; 1000].join(",");
    let objects = format!(r#"{{"data": [{elements}], "correlationId": "c"}}"#);
    let scalars = format!(r#"{{"data": [{}]}}"#, vec!["1"; 100_000].join(","));

    let mut errors = super::Errors::new();
    let found = super::capture_with(
        &plan,
        &headers,
        objects.as_bytes(),
        &mut errors,
        &mut None,
        &super::ReadLimits::DEFAULT,
    );
    assert_eq!(errors.len(), super::MAX_ERRORS);
    assert_eq!(found.errors_omitted, 1000 - super::MAX_ERRORS);
    assert!(
        errors
            .iter()
            .all(|error| error.code.as_deref() == Some("too-many"))
    );
    // Fields after the list still count.
    assert_eq!(found.request_id.as_deref(), Some("c"));

    let mut errors = super::Errors::new();
    let found = super::capture_with(
        &plan,
        &headers,
        scalars.as_bytes(),
        &mut errors,
        &mut None,
        &super::ReadLimits::DEFAULT,
    );
    assert_eq!(errors.len(), super::MAX_ERRORS);
    assert_eq!(found.errors_omitted, 100_000 - super::MAX_ERRORS);
}

/// A value read at a node where another pointer goes on reads as it does at a pointer's end:
/// a number keeps its digits, however large, in both parsers.
#[test]
fn a_scalar_reads_as_written_where_a_pointer_goes_on() {
    let plan = plan(&PREFIX);
    for parser in [Parser::Scan, Parser::Walk] {
        for (text, message) in [
            (r#"{"error": 1.50}"#, "1.50"),
            (r#"{"error": 1e400}"#, "1e400"),
            (r#"{"error": "\ud800 kept"}"#, "\\ud800 kept"),
        ] {
            let decided = capture_by(&plan, text, parser);
            assert!(decided.is_some(), "{parser:?} handed over {text}");
            let (_, shapes) = decided.unwrap_or_default();
            let (errors, found, _) = &shapes[0];
            assert!(found.body_error.is_none(), "{parser:?} {text}");
            assert_eq!(
                errors[0].message.as_deref(),
                Some(message),
                "{parser:?} {text}"
            );
        }
    }
}

/// The reference parser opens an error for each list element before it knows there is one,
/// and takes it back when the list ends: the error before it must be written on with the
/// ranks it had. Here the second `"error"` must lose to the first, as it does in the scanner,
/// which opens nothing for an empty list.
#[test]
fn an_error_taken_back_leaves_the_one_before_it_as_it_was() {
    let plan = plan(&ODD);
    let text = r#"{"tags": ["a"], "error": "first", "tags": [], "error": "second"}"#;
    for parser in [Parser::Scan, Parser::Walk] {
        let (_, shapes) = capture_by(&plan, text, parser).expect("both parsers decide it");
        let errors = &shapes[0].0;
        assert_eq!(errors.len(), 1, "{parser:?}");
        assert_eq!(errors[0].sub_code.as_deref(), Some("a"), "{parser:?}");
        assert_eq!(errors[0].message.as_deref(), Some("first"), "{parser:?}");
    }
}

/// A piece of a JSON string's contents: plain text, text past ASCII, or an escape, well
/// formed or not (unknown letters, too few or wrong hex digits, lone and mismatched
/// surrogates).
fn string_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,6}",
        prop::sample::select(vec!["\u{e9}", "\u{1f600}", "\u{7f}"]).prop_map(str::to_owned),
        prop::sample::select(vec![
            "\\\"",
            "\\\\",
            "\\/",
            "\\b",
            "\\f",
            "\\n",
            "\\r",
            "\\t",
            "\\x",
            "\\u",
            "\\u12",
            "\\u+123",
            "\\u00e9",
            "\\uD83D\\uDE00",
            "\\ud83d\\ude00",
            "\\uD83D",
            "\\uDE00",
            "\\uD83D\\u0041",
            "\\uD83Dx",
            "\\uDBFF\\uDFFF",
            "\\uD800\\uD800",
        ])
        .prop_map(str::to_owned),
        (0u32..=0xFFFF).prop_map(|unit| format!("\\u{unit:04x}")),
        (0xD800u32..=0xDFFF).prop_map(|unit| format!("\\u{unit:04X}")),
    ]
}

proptest! {
    /// Both parsers decode escaped values with `sink::unescape`, so the tests above, which
    /// hold the parsers to each other, cannot see its mistakes: serde_json is the reference.
    /// A lone backslash comes only last: anywhere else it would escape the next piece's
    /// first byte and could leave a bare quote, which never ends up inside a string's
    /// contents.
    #[test]
    fn escaped_strings_decode_as_serde_json_decodes_them(
        pieces in prop::collection::vec(string_piece(), 0..12),
        lone_backslash in any::<bool>(),
    ) {
        let mut contents = pieces.concat();
        if lone_backslash {
            contents.push('\\');
        }
        let reference = serde_json::from_str::<String>(&format!("\"{contents}\"")).ok();
        prop_assert_eq!(super::sink::unescape(&contents), reference, "{:?}", contents);
    }
}
