//! The export's files: one `amicusSearch.add(name, data)` call each, the
//! data as JSON or, packed, deflated and written in base64.
//!
//! Every file's name carries a tag of its content (`terms-3.8f2c1a9b.js`,
//! see [`content_tag`]), and the manifest names each file by its tag: a
//! page of one build never reads a file of another, and a host may let
//! browsers keep the files for good.

use serde::Serialize;
use serde_json::{json, Value};

use crate::hash::{content_tag, TAG_LENGTH};
use crate::output::OutputFile;
use crate::search::digits::DIGITS;

/// The folder under the site root.
pub(crate) const FOLDER: &str = "search";

/// Files handed on a batch at a time, so that what is written need not be
/// held.
pub(super) struct Batches<'a, E> {
    files: Vec<OutputFile>,
    emit: &'a mut dyn FnMut(Vec<OutputFile>) -> Result<(), E>,
}

impl<'a, E> Batches<'a, E> {
    pub(super) const SIZE: usize = 512;

    pub(super) fn new(emit: &'a mut dyn FnMut(Vec<OutputFile>) -> Result<(), E>) -> Self {
        Batches {
            files: Vec::new(),
            emit,
        }
    }

    pub(super) fn push(&mut self, file: OutputFile) -> Result<(), E> {
        self.files.push(file);
        if self.files.len() >= Self::SIZE {
            self.flush()?;
        }
        Ok(())
    }

    pub(super) fn flush(&mut self) -> Result<(), E> {
        if self.files.is_empty() {
            return Ok(());
        }
        (self.emit)(std::mem::take(&mut self.files))
    }
}

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

/// `search/NAME.TAG.js`: one call registering the data under its tagged
/// name.
pub(super) fn script_file(name: &str, data: &impl Serialize) -> OutputFile {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".into());
    raw_script_file(name, &json)
}

/// A file whose JSON is deflated and written in base64: the manifest, the
/// terms shards and the texts, which is most of what a query loads, and
/// which deflate to a third of their size (positions and the document
/// table, already dense, are left as they are).
pub(super) fn packed_script_file(name: &str, json: &str) -> OutputFile {
    raw_script_file(name, &packed(json))
}

/// `json` deflated, in base64, as a JSON string.
pub(super) fn packed(json: &str) -> String {
    json!(deflated_base64(json.as_bytes())).to_string()
}

/// A shard whose JSON text is already made, tagged with its content.
pub(super) fn raw_script_file(name: &str, json: &str) -> OutputFile {
    tagged_script_file(name, &content_tag(json.as_bytes()), json)
}

/// A file named `NAME.TAG`, with a tag made elsewhere (a text file's is
/// its group's: see `texts`).
pub(super) fn tagged_script_file(name: &str, tag: &str, json: &str) -> OutputFile {
    let mut script = String::with_capacity(json.len() + name.len() + tag.len() + 25);
    script.push_str("amicusSearch.add(\"");
    script.push_str(name);
    script.push('.');
    script.push_str(tag);
    script.push_str("\", ");
    script.push_str(json);
    script.push_str(");\n");
    OutputFile {
        path: format!("{FOLDER}/{name}.{tag}.js"),
        bytes: script.into_bytes().into(),
    }
}

/// The tag in the name of a file made here.
pub(super) fn tag_of(file: &OutputFile) -> &str {
    let stem = file.path.strip_suffix(".js").unwrap_or(&file.path);
    &stem[stem.len().saturating_sub(TAG_LENGTH)..]
}

/// The name a file made here registers under (`terms-3.8f2c1a9b`).
pub(super) fn name_of(file: &OutputFile) -> &str {
    &file.path[FOLDER.len() + 1..file.path.len() - ".js".len()]
}

/// The file `file` (made here) under another tag, its data as it was.
pub(super) fn retagged(file: &OutputFile, name: &str, tag: &str) -> OutputFile {
    let prefix = "amicusSearch.add(\"".len() + name_of(file).len() + "\", ".len();
    let bytes = file.bytes.contiguous();
    let data = &bytes[prefix..bytes.len() - ");\n".len()];
    // The data was written from a `str` and cut at ASCII characters.
    tagged_script_file(name, tag, std::str::from_utf8(data).unwrap_or("null"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_tag_of_their_content() {
        let file = raw_script_file("terms-3", "{\"w\":{}}");
        let tag = content_tag(b"{\"w\":{}}");
        assert_eq!(file.path, format!("search/terms-3.{tag}.js"));
        assert_eq!(tag_of(&file), tag);
        let text = String::from_utf8(file.bytes.to_vec()).unwrap();
        assert_eq!(text, format!("amicusSearch.add(\"terms-3.{tag}\", {{\"w\":{{}}}});\n"));
        let moved = retagged(&file, "text-1-0", "0123abcd");
        assert_eq!(moved.path, "search/text-1-0.0123abcd.js");
        assert_eq!(
            String::from_utf8(moved.bytes.to_vec()).unwrap(),
            "amicusSearch.add(\"text-1-0.0123abcd\", {\"w\":{}});\n"
        );
    }

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
