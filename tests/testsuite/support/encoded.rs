//! What the build writes in encoded form, decoded, so that a test looking
//! for a string in the output looks where a reader's browser would find it
//! too: the files inside a zip, and the search manifest, terms shards and
//! texts (`search/manifest.TAG.js`, `terms-K.TAG.js`, `text-K.TAG.js`),
//! which are deflated and base64-encoded (docs/search-format.md).

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
/// deflated search file: the manifest, a terms shard or a text.
pub fn is_search_text(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    path.contains("search/")
        && (name.starts_with("text-") || name.starts_with("terms-") || name.starts_with("manifest."))
        && name.ends_with(".js")
}

/// The JSON a search text shard holds: the one string of
/// `amicusSearch.add("text-K", "…")`, base64-decoded and inflated.
pub fn inflate_search_text(js: &[u8]) -> Vec<u8> {
    let js = std::str::from_utf8(js).expect("a search text shard is UTF-8");
    let inner = js
        .trim_end()
        .strip_suffix(");")
        .and_then(|rest| rest.strip_suffix('"'))
        .and_then(|rest| rest.rsplit_once('"'))
        .map(|(_, data)| data)
        .unwrap_or_else(|| panic!("not a search text shard: {}", &js[..js.len().min(80)]));
    let deflated = base64_decode(inner);
    let mut json = Vec::new();
    flate2::read::DeflateDecoder::new(&deflated[..])
        .read_to_end(&mut json)
        .expect("the shard inflates");
    json
}

/// Standard base64 (`+`, `/`), with or without padding.
pub fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("{:?} is not base64", c as char),
        }
    };
    let digits: Vec<u32> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    let mut bytes = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let bits = chunk.iter().enumerate().fold(0u32, |v, (i, d)| v | (d << (18 - 6 * i)));
        let whole = [(bits >> 16) as u8, (bits >> 8) as u8, bits as u8];
        bytes.extend_from_slice(&whole[..chunk.len().saturating_sub(1)]);
    }
    bytes
}

#[test]
fn base64_decodes_with_and_without_padding() {
    assert_eq!(base64_decode("aGVsbG8"), b"hello");
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("aGk/Pz8+"), b"hi???>");
    assert_eq!(base64_decode(""), b"");
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
    if let Some(group) = manifest["shards"]["groups"][kind].as_u64() {
        if kind != "text" || manifest["shards"]["text"] == "each" {
            number /= group as usize;
        }
    }
    let tags = manifest["tags"][kind].as_str().unwrap_or_default();
    let tag = tags.get(8 * number..8 * number + 8).unwrap_or("none");
    public.join(format!("search/{name}.{tag}.js"))
}
