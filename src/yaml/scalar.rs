//! What a scalar means: text, or (written plain) null, a boolean or a
//! number, read as amicus has always read them: `true`, `12`, `1.5` and
//! `~` are not text; `yes`, `2019-07-08`, `007` and `ICC-01/04` are.

use saphyr_parser::{ScalarStyle, Tag};

use super::node::{Node, Number, Place, Value};

/// A scalar's node: its value, and its text when it is not text.
pub(super) fn scalar_node(text: &str, style: ScalarStyle, tag: Option<&Tag>, place: Place) -> Node {
    let value = scalar_value(text, style, tag, place);
    let plain = matches!(value, Value::Null | Value::Bool(_) | Value::Number(_)).then(|| text.into());
    Node { value, place, plain }
}

/// What a scalar means: quoted and block scalars are text; plain ones may
/// be null, a boolean or a number. A tag of the YAML core schema says
/// which; any other tag is kept around the value.
fn scalar_value(text: &str, style: ScalarStyle, tag: Option<&Tag>, place: Place) -> Value {
    if let Some(tag) = tag {
        let core = tag.handle == "tag:yaml.org,2002:" || tag.handle == "!!";
        return match tag.suffix.as_str() {
            "str" if core => Value::String(text.to_string()),
            "null" | "bool" | "int" | "float" if core => plain_value(text),
            _ => Value::Tagged(Box::new(scalar_node(text, style, None, place))),
        };
    }
    match style {
        ScalarStyle::Plain => plain_value(text),
        _ => Value::String(text.to_string()),
    }
}

/// A plain scalar: `~`, `null` or nothing is null; `true`/`false` (also
/// capitalised or in capitals) a boolean; decimal, `0x`, `0o` and `0b`
/// integers and finite decimals numbers (`.inf` and `.nan` too), but digits
/// after a leading zero (`007`) stay text, as YAML 1.2 says.
fn plain_value(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(number) = integer(text).or_else(|| float(text)) {
        return Value::Number(number);
    }
    Value::String(text.to_string())
}

/// Digits after a leading zero, which YAML 1.2 reads as text.
fn leading_zero_digits(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    digits.len() > 1 && digits.starts_with('0') && digits[1..].bytes().all(|b| b.is_ascii_digit())
}

fn integer(text: &str) -> Option<Number> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    // A sign is not followed by another.
    if unsigned.starts_with(['+', '-']) {
        return None;
    }
    let (digits, radix) = if let Some(rest) = unsigned.strip_prefix("0x") {
        (rest, 16)
    } else if let Some(rest) = unsigned.strip_prefix("0o") {
        (rest, 8)
    } else if let Some(rest) = unsigned.strip_prefix("0b") {
        (rest, 2)
    } else if leading_zero_digits(unsigned) {
        return None;
    } else {
        (unsigned, 10)
    };
    if digits.starts_with(['+', '-']) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if !negative {
        return Some(Number::PosInt(magnitude));
    }
    match i64::try_from(magnitude) {
        Ok(0) => Some(Number::PosInt(0)),
        Ok(n) => Some(Number::NegInt(-n)),
        Err(_) if magnitude == i64::MIN.unsigned_abs() => Some(Number::NegInt(i64::MIN)),
        Err(_) => None,
    }
}

fn float(text: &str) -> Option<Number> {
    if leading_zero_digits(text) {
        return None;
    }
    let unsigned = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return Some(Number::Float(f64::INFINITY)),
        "-.inf" | "-.Inf" | "-.INF" => return Some(Number::Float(f64::NEG_INFINITY)),
        ".nan" | ".NaN" | ".NAN" if text == unsigned => return Some(Number::Float(f64::NAN)),
        _ => {}
    }
    // Rust also reads `inf` and `NaN`, which YAML does not: finite only.
    let x: f64 = unsigned.parse().ok()?;
    x.is_finite().then_some(Number::Float(x))
}
