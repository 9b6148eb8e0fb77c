//! The export's files: one `amicusSearch.add(name, data)` call each, the
//! data as JSON or, packed, deflated and written as text in a JSON string.
//!
//! Every file's name carries a tag of its content (`terms-3.8f2c1a9b.js`,
//! see [`content_tag`]), and the manifest names each file by its tag: a
//! page of one build never reads a file of another, and a host may let
//! browsers keep the files for good.

use serde_json::Value;

use crate::hash::{content_tag, TAG_LENGTH};
use crate::output::OutputFile;
use crate::search::digits::DIGITS_93;

/// The folder under the site root.
pub(crate) const FOLDER: &str = "search";

/// Files handed on a batch at a time, so that what is written need not be
/// held.
pub(super) struct Batches<'a, E> {
    files: Vec<OutputFile>,
    /// The bytes of `files`.
    bytes: usize,
    emit: &'a mut dyn FnMut(Vec<OutputFile>) -> Result<(), E>,
}

impl<'a, E> Batches<'a, E> {
    /// Files in a batch, at most: enough for the writer's threads.
    pub(super) const SIZE: usize = 512;
    /// Bytes in a batch, at most: 512 positions shards (50 KB each at
    /// 10,000 entries) would hold 25 MB at a single build's peak.
    const BYTES: usize = 4 << 20;

    pub(super) fn new(emit: &'a mut dyn FnMut(Vec<OutputFile>) -> Result<(), E>) -> Self {
        Batches {
            files: Vec::new(),
            bytes: 0,
            emit,
        }
    }

    pub(super) fn push(&mut self, file: OutputFile) -> Result<(), E> {
        self.bytes += file.bytes.len();
        self.files.push(file);
        if self.files.len() >= Self::SIZE || self.bytes >= Self::BYTES {
            self.flush()?;
        }
        Ok(())
    }

    pub(super) fn flush(&mut self) -> Result<(), E> {
        if self.files.is_empty() {
            return Ok(());
        }
        self.bytes = 0;
        (self.emit)(std::mem::take(&mut self.files))
    }
}

/// Packed data: `bytes` deflated (raw, RFC 1951) and written as text (see
/// [`bytes_as_text`]), which the browser inflates with its
/// `DecompressionStream` (or `search.js`'s own inflater).
pub(super) fn deflated_text(bytes: &[u8]) -> String {
    // A deflater's state is some 300 KB, allocated and cleared: made once
    // per thread and reset, not made for each of the export's tens of
    // thousands of files.
    thread_local! {
        static DEFLATER: std::cell::RefCell<flate2::Compress> =
            std::cell::RefCell::new(flate2::Compress::new(flate2::Compression::default(), false));
    }
    DEFLATER.with_borrow_mut(|compress| {
        compress.reset();
        bytes_as_text(&deflate_into_memory(compress, bytes, true))
    })
}

/// `bytes` deflated as one piece of a longer raw deflate stream: its own
/// blocks, ending on a byte (an empty stored block), not the last unless
/// `last`. Pieces deflated apart and joined are one stream a browser
/// inflates as any other (no piece refers back into another), so that a
/// large file whose parts change one at a time deflates again only the
/// piece that changed; each piece, starting with an empty window, costs a
/// little of the ratio.
pub(super) fn deflated_piece(bytes: &[u8], last: bool) -> Vec<u8> {
    let mut compress = flate2::Compress::new(flate2::Compression::default(), false);
    deflate_into_memory(&mut compress, bytes, last)
}

/// `bytes` deflated by `compress` (fresh or reset) to a final block when
/// `last`, else to a sync flush (see [`deflated_piece`]).
fn deflate_into_memory(compress: &mut flate2::Compress, bytes: &[u8], last: bool) -> Vec<u8> {
    use flate2::{FlushCompress, Status};
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
    // Counted from here, whatever the deflater read before.
    let started = compress.total_in();
    loop {
        let read = usize::try_from(compress.total_in() - started).unwrap_or(bytes.len());
        // Deflating into memory cannot fail.
        let status = compress
            .compress_vec(&bytes[read.min(bytes.len())..], &mut out, flush)
            .unwrap_or(Status::StreamEnd);
        let all_read = compress.total_in() - started == bytes.len() as u64;
        // A flush is done once a call leaves room in the output.
        if status == Status::StreamEnd || (!last && all_read && out.len() < out.capacity()) {
            return out;
        }
        out.reserve(out.capacity().max(64));
    }
}

/// A file's pieces deflated apart (see [`deflated_piece`]), packed: as
/// [`packed`] makes a file's data.
pub(super) fn packed_pieces(pieces: &[Vec<u8>]) -> String {
    json_string(&bytes_as_text(&pieces.concat()))
}

/// `bytes` as text a JSON string holds unescaped: their bits, first byte
/// first and each byte's highest bit first, thirteen at a time as two
/// digits of [`DIGITS_93`] (the low digit first: 93 × 93 ≥ 2¹³); the last
/// bits, zeros added, as two digits when there are more than six, else as
/// one (six bits). 6.5 bits a character where base64 holds 6: 8 % less,
/// and a host's gzip takes either to about the bytes themselves.
pub(super) fn bytes_as_text(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() * 16 / 13 + 2);
    let digit = |value: u32| char::from(DIGITS_93[value as usize % 93]);
    let (mut held, mut count) = (0u32, 0u32);
    for &byte in bytes {
        held = (held << 8) | u32::from(byte);
        count += 8;
        if count >= 13 {
            count -= 13;
            let value = (held >> count) & 0x1fff;
            text.push(digit(value));
            text.push(digit(value / 93));
        }
    }
    if count > 6 {
        let value = (held << (13 - count)) & 0x1fff;
        text.push(digit(value));
        text.push(digit(value / 93));
    } else if count > 0 {
        text.push(digit((held << (6 - count)) & 63));
    }
    text
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

/// `search/NAME.TAG.js`, its JSON packed: every file but the positions
/// shards, which deflate by 6 % only and are nearly all written again when
/// an edit moves the positions of common words.
pub(super) fn packed_script_file(name: &str, json: &str) -> OutputFile {
    raw_script_file(name, &packed(json))
}

/// `json` deflated, as text in a JSON string.
pub(super) fn packed(json: &str) -> String {
    json_string(&deflated_text(json.as_bytes()))
}

/// `text` as a JSON string (see [`push_json_string`]).
fn json_string(text: &str) -> String {
    let mut string = String::with_capacity(text.len() + 2);
    push_json_string(&mut string, text);
    string
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
    fn pieces_deflated_apart_inflate_as_one_stream() {
        use std::io::Read;
        // Incompressible bytes, so that a piece outgrows its first output
        // buffer; an empty piece between others.
        let mut state = 1u32;
        let noise: Vec<u8> = (0..300_000)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (state >> 16) as u8
            })
            .collect();
        let pieces: [&[u8]; 4] = [b"{\"b\":\"", &noise, b"", b"abcabcabc\"}"];
        let deflated: Vec<Vec<u8>> = (pieces.iter().enumerate())
            .map(|(n, piece)| deflated_piece(piece, n == pieces.len() - 1))
            .collect();
        let mut inflated = Vec::new();
        flate2::read::DeflateDecoder::new(deflated.concat().as_slice())
            .read_to_end(&mut inflated)
            .unwrap();
        assert_eq!(inflated, pieces.concat());
        // The last piece alone is a whole stream.
        let mut alone = Vec::new();
        flate2::read::DeflateDecoder::new(deflated_piece(b"words words", true).as_slice())
            .read_to_end(&mut alone)
            .unwrap();
        assert_eq!(alone, b"words words");
    }

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

    /// Reads packed text back as docs/search-format.md says, checking
    /// every character.
    fn text_as_bytes(text: &str) -> Vec<u8> {
        let value = |c: u8| DIGITS_93.iter().position(|&d| d == c).unwrap() as u32;
        let (mut held, mut count, mut bytes) = (0u32, 0u32, Vec::new());
        for pair in text.as_bytes().chunks(2) {
            let (bits, width) = match *pair {
                [low, high] => (value(low) + 93 * value(high), 13),
                [last] => (value(last), 6),
                _ => unreachable!(),
            };
            assert!(bits < 1 << width, "{pair:?} is {bits}");
            held = (held << width) | bits;
            count += width;
            while count >= 8 {
                count -= 8;
                bytes.push((held >> count) as u8);
            }
        }
        assert!(count < 8 && held & ((1 << count) - 1) == 0, "{count} bits left");
        bytes
    }

    #[test]
    fn bytes_written_as_text_read_back_the_same() {
        // Every length up to a few groups, every byte value, and the
        // highest and lowest values of a group at the end.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut random = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        };
        let mut inputs: Vec<Vec<u8>> = (0..64).map(|n| (0..n).map(|_| random()).collect()).collect();
        inputs.push((0..=255).collect());
        for fill in [0x00, 0xff, 0xbb] {
            inputs.extend((0..16).map(|n| vec![fill; n]));
        }
        for bytes in inputs {
            let text = bytes_as_text(&bytes);
            assert!(
                text.bytes()
                    .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\'),
                "{text:?}"
            );
            let (groups, last) = (bytes.len() * 8 / 13, bytes.len() * 8 % 13);
            let last_digits = [0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2][last];
            assert_eq!(text.len(), 2 * groups + last_digits, "{} bytes", bytes.len());
            assert_eq!(text_as_bytes(&text), bytes, "{text:?}");
        }
    }

    #[test]
    fn bytes_are_written_as_the_format_says() {
        assert_eq!(bytes_as_text(b""), "");
        // 01100001 and five zeros is 3,104: 35 + 93 × 33, `D` `B`.
        assert_eq!(bytes_as_text(b"a"), "DB");
        // Thirteen ones, 8,191 = 7 + 93 × 88: `(` `z`; then 111 and three
        // zeros, 56: `Y`.
        assert_eq!(bytes_as_text(&[0xff, 0xff]), "(zY");
    }

    #[test]
    fn packed_json_inflates_to_itself() {
        use std::io::Read;
        let json = "[\"persecution on grounds of gender\", ".repeat(40) + "0]";
        let string = packed(&json);
        let text: String = serde_json::from_str(&string).unwrap();
        assert_eq!(string, format!("\"{text}\""), "nothing escaped");
        assert!(string.len() < json.len() / 4, "{} bytes", string.len());
        let mut inflated = String::new();
        flate2::read::DeflateDecoder::new(&text_as_bytes(&text)[..])
            .read_to_string(&mut inflated)
            .unwrap();
        assert_eq!(inflated, json);
    }
}
