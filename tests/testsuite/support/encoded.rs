//! What the build writes in encoded form, decoded, so that a test looking
//! for a string in the output looks where a reader's browser would find it
//! too: the files inside a zip, and the search files but the positions
//! (`search/manifest.TAG.js`, `terms-K.TAG.js`, `text-K.TAG.js`, …),
//! which are deflated and written as text (docs/search-format.md).

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};

/// `files` (path, bytes), each followed by what it holds encoded: the files
/// of a zip as `archive.zip/inner/path` (themselves decoded in turn), and
/// the JSON of a search text shard as `search/text-K.js (inflated)`.
pub fn with_decoded(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    for (path, bytes) in files {
        let mut inner = Vec::new();
        if path.ends_with(".zip") {
            let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a valid zip");
            for index in 0..archive.len() {
                let mut file = archive.by_index(index).unwrap();
                let mut content = Vec::new();
                file.read_to_end(&mut content).unwrap();
                inner.push((format!("{path}/{}", file.name()), content));
            }
        }
        if is_search_text(&path) {
            inner.push((format!("{path} (inflated)"), inflate_search_text(&bytes)));
        }
        all.push((path, bytes));
        all.extend(with_decoded(inner));
    }
    all
}

/// Whether `path` (relative, `/`-separated, maybe inside a zip) is a
/// packed search file: any but a positions shard.
pub fn is_search_text(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    path.contains("search/") && !name.starts_with("pos-") && name.ends_with(".js")
}

/// The JSON a search text shard holds: the one string of
/// `amicusSearch.add("text-K", "…")`, read back to bytes and inflated.
pub fn inflate_search_text(js: &[u8]) -> Vec<u8> {
    let js = std::str::from_utf8(js).expect("a search text shard is UTF-8");
    let inner = js
        .trim_end()
        .strip_suffix(");")
        .and_then(|rest| rest.strip_suffix('"'))
        .and_then(|rest| rest.rsplit_once('"'))
        .map(|(_, data)| data)
        .unwrap_or_else(|| panic!("not a search text shard: {}", &js[..js.len().min(80)]));
    let deflated = packed_bytes(inner);
    let mut json = Vec::new();
    flate2::read::DeflateDecoder::new(&deflated[..])
        .read_to_end(&mut json)
        .expect("the shard inflates");
    json
}

/// The 93 digits of packed text and numbers, in the order of their
/// worth: printable ASCII but `"` and `\\`.
fn digits() -> Vec<u8> {
    (b' '..=b'~').filter(|&c| c != b'"' && c != b'\\').collect()
}

/// The bytes packed text stands for (docs/search-format.md, "Packed
/// data"): thirteen bits in each two digits (printable ASCII but `"` and
/// `\\`, the low digit first), six in a last lone digit, highest first.
pub fn packed_bytes(text: &str) -> Vec<u8> {
    let digits = digits();
    let value = |c: u8| {
        digits
            .iter()
            .position(|&d| d == c)
            .unwrap_or_else(|| panic!("{:?} is not packed text", c as char))
    };
    let mut bits = String::new();
    for pair in text.as_bytes().chunks(2) {
        match *pair {
            [low, high] => bits.push_str(&format!("{:013b}", value(low) + 93 * value(high))),
            [last] => bits.push_str(&format!("{:06b}", value(last))),
            _ => unreachable!(),
        }
    }
    bits.truncate(bits.len() / 8 * 8);
    bits.as_bytes()
        .chunks(8)
        .map(|byte| u8::from_str_radix(std::str::from_utf8(byte).unwrap(), 2).unwrap())
        .collect()
}

/// The numbers a string of numbers holds (docs/search-format.md,
/// "Numbers"): a digit worth 64 or more says more follow, each worth 29
/// times the one before it, lowest first.
pub fn read_numbers(text: &str) -> Vec<usize> {
    let digits = digits();
    let (mut numbers, mut value, mut scale) = (Vec::new(), 0, 1);
    for c in text.bytes() {
        let digit = digits.iter().position(|&d| d == c).expect("a digit");
        if digit < 64 {
            numbers.push(value + digit * scale);
            (value, scale) = (0, 1);
        } else {
            value += (digit - 64) * scale;
            scale *= 29;
        }
    }
    numbers
}

#[test]
fn numbers_read_back() {
    // The examples of docs/search-format.md.
    assert_eq!(read_numbers(" !a"), [0, 1, 63]);
    assert_eq!(read_numbers("h#"), [64]);
}

#[test]
fn packed_text_reads_back_to_bytes() {
    assert_eq!(packed_bytes(""), b"");
    // 35 + 93 × 33 = 3,104: 01100001 00000.
    assert_eq!(packed_bytes("DB"), b"a");
    // 7 + 93 × 88 = 8,191, thirteen ones; then 56, 111000.
    assert_eq!(packed_bytes("(zY"), [0xff, 0xff]);
}

/// The manifest of the site in `public`: the file the search page names.
pub fn search_manifest(public: &Path) -> serde_json::Value {
    let page = std::fs::read_to_string(public.join("search.html")).expect("search.html");
    let index = manifest_named(&page);
    let file = std::fs::read(public.join(format!("search/{index}.js"))).expect("the manifest search.html names");
    manifest_of(&file)
}

/// The manifest's name (`manifest.8f2c1a9b`) in the HTML of a search page.
pub fn manifest_named(page: &str) -> &str {
    page.split("data-index=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("search.html names its manifest")
}

/// The manifest's JSON, from its file.
pub fn manifest_of(file: &[u8]) -> serde_json::Value {
    serde_json::from_slice(&inflate_search_text(file)).expect("the manifest is JSON")
}

/// Where the search file `name` (`terms-3`, `text-12-0`, `docs-1`) of the
/// site in `public` is: `search/NAME.TAG.js`, its tag from `manifest`.
pub fn search_file(public: &Path, manifest: &serde_json::Value, name: &str) -> PathBuf {
    let (kind, rest) = name.split_once('-').expect("a shard's name");
    let mut number: usize = rest.split('-').next().unwrap().parse().expect("a shard's number");
    let mut stem = name.to_string();
    let group = &manifest["shards"]["groups"][kind];
    if let Some(sizes) = group.as_str() {
        // Terms and positions shards: groups of the sizes listed, a file
        // named by its place in its group.
        let mut first = 0;
        for (at, size) in read_numbers(sizes).into_iter().enumerate() {
            if number < first + size {
                stem = format!("{kind}-{}", number - first);
                number = at;
                break;
            }
            first += size;
        }
    } else if let Some(group) = group.as_u64() {
        if kind != "text" || manifest["shards"]["text"] == "each" {
            number /= group as usize;
        }
    }
    let tags = manifest["tags"][kind].as_str().unwrap_or_default();
    let tag = tags.get(8 * number..8 * number + 8).unwrap_or("none");
    public.join(format!("search/{stem}.{tag}.js"))
}
