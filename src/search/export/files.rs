//! The export's files: one `amicusSearch.add(name, data)` call each, the
//! data as JSON or, packed, deflated and written in base64.

use serde::Serialize;
use serde_json::{json, Value};

use super::FOLDER;
use crate::output::OutputFile;
use crate::search::digits::DIGITS;

/// `bytes` deflated (raw, RFC 1951) and written in base64 without padding,
/// which the browser inflates with its `DecompressionStream` (or
/// `search.js`'s own inflater).
pub(super) fn deflated_base64(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to memory cannot fail.
    let deflated = encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .unwrap_or_default();
    let mut out = String::with_capacity(deflated.len() * 4 / 3 + 3);
    for group in deflated.chunks(3) {
        let value = group
            .iter()
            .enumerate()
            .fold(0u32, |v, (i, &b)| v | (u32::from(b) << (16 - 8 * i)));
        for digit in 0..=group.len() {
            out.push(DIGITS[(value >> (18 - 6 * digit) & 63) as usize] as char);
        }
    }
    out
}

/// Writes `text` as a JSON string: as it is between quotes when nothing in
/// it needs escaping, as most keys do not.
pub(super) fn push_json_string(json: &mut String, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        json.push('"');
        json.push_str(text);
        json.push('"');
    } else {
        json.push_str(&Value::from(text).to_string());
    }
}

/// `search/NAME.js`: one call registering the data under its name.
pub(super) fn script_file(name: &str, data: &impl Serialize) -> OutputFile {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".into());
    raw_script_file(name, &json)
}

/// A file whose JSON is deflated and written in base64: the manifest, the
/// terms shards and the texts, which is most of what a query loads, and
/// which deflate to a third of their size (positions and the document
/// table, already dense, are left as they are).
pub(super) fn packed_script_file(name: &str, json: &str) -> OutputFile {
    raw_script_file(name, &json!(deflated_base64(json.as_bytes())).to_string())
}

/// A shard whose JSON text is already made.
pub(super) fn raw_script_file(name: &str, json: &str) -> OutputFile {
    let mut script = String::with_capacity(json.len() + name.len() + 24);
    script.push_str("amicusSearch.add(");
    push_json_string(&mut script, name);
    script.push_str(", ");
    script.push_str(json);
    script.push_str(");\n");
    OutputFile {
        path: format!("{FOLDER}/{name}.js"),
        bytes: script.into_bytes().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_deflated_in_base64() {
        use std::io::Read;
        let text = "persecution on grounds of gender, ".repeat(40);
        let packed = deflated_base64(text.as_bytes());
        assert!(packed.len() < text.len() / 4, "{} bytes", packed.len());
        let digits: Vec<u32> = packed
            .bytes()
            .map(|c| DIGITS.iter().position(|&d| d == c).unwrap() as u32)
            .collect();
        let mut bytes = Vec::new();
        for group in digits.chunks(4) {
            let value = group.iter().enumerate().fold(0, |v, (i, &d)| v | (d << (18 - 6 * i)));
            for i in 0..group.len() - 1 {
                bytes.push((value >> (16 - 8 * i)) as u8);
            }
        }
        let mut inflated = String::new();
        flate2::read::DeflateDecoder::new(&bytes[..])
            .read_to_string(&mut inflated)
            .unwrap();
        assert_eq!(inflated, text);
    }
}
