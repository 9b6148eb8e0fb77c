//! What a static host reads beside the site: `_headers` gives every file
//! the pages' Content-Security-Policy (with framing forbidden), no type
//! sniffing and no referrer, and asks the browser to check before reusing
//! a file.

use crate::common::starter_site;

/// The `content` of the page's `<meta http-equiv="Content-Security-Policy">`.
fn meta_policy(html: &str) -> String {
    let start = html
        .find("http-equiv=\"Content-Security-Policy\" content=\"")
        .expect("the page has a Content-Security-Policy")
        + "http-equiv=\"Content-Security-Policy\" content=\"".len();
    let end = html[start..].find('"').expect("closed attribute") + start;
    html[start..end].to_string()
}

#[test]
fn the_headers_file_serves_every_path_with_the_pages_policy() {
    let site = starter_site();
    let headers = site.page("_headers");
    let mut rules = headers.lines().filter(|line| !line.starts_with('#'));
    assert_eq!(rules.next(), Some("/*"), "one rule, for every path:\n{headers}");
    let values: Vec<(&str, &str)> = rules
        .map(|line| {
            assert!(line.starts_with("  "), "a header line is indented: {line:?}");
            line.trim().split_once(": ").expect("Name: value")
        })
        .collect();
    let value = |name: &str| {
        values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("no {name} in _headers:\n{headers}"))
    };
    let policy = meta_policy(&site.page("index.html"));
    assert_eq!(
        value("Content-Security-Policy"),
        format!("{policy}; frame-ancestors 'none'")
    );
    assert_eq!(meta_policy(&site.page("search.html")), policy);
    assert_eq!(value("X-Content-Type-Options"), "nosniff");
    assert_eq!(value("Referrer-Policy"), "no-referrer");
    assert_eq!(value("Cache-Control"), "public, max-age=0, must-revalidate");
}

/// `bytes` gunzipped.
fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a gzip stream");
    out
}

#[test]
fn precompressed_copies_read_back_as_their_files_and_stay_out_of_the_zip() {
    let site = crate::common::build(
        &crate::common::repo_root().join("corpus"),
        &["--precompress", "--bundle"],
    );
    let files = site.files();
    let copies: Vec<&String> = files.keys().filter(|path| path.ends_with(".gz")).collect();
    for copy in &copies {
        let original = &files[copy.strip_suffix(".gz").unwrap()];
        assert_eq!(&gunzip(&files[*copy]), original, "{copy} is not its file");
    }
    // Every page and script worth it has its copy, the home page (written
    // again to link the zip) included; the zip and the marker have none.
    for path in [
        "index.html",
        "search.html",
        "search/manifest.js",
        "assets/search.js",
        "assets/style.css",
        "entries.json",
    ] {
        assert!(files.contains_key(&format!("{path}.gz")), "no copy of {path}");
    }
    assert!(files["index.html"].windows(15).any(|w| w == b"amicus-site.zip"));
    assert!(!files.contains_key("amicus-site.zip.gz"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&files["amicus-site.zip"])).expect("a zip");
    let zipped: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().to_string())
        .collect();
    assert!(zipped.iter().all(|name| !name.ends_with(".gz")), "the zip holds copies");
    assert!(zipped.contains(&"amicus-site/index.html".to_string()));
}

#[test]
fn precompressed_copies_are_the_same_from_build_to_build() {
    let corpus = crate::common::fixture("citations/corpus");
    let first = crate::common::build(&corpus, &["--precompress"]).files();
    let second = crate::common::build(&corpus, &["--precompress"]).files();
    assert!(first.keys().any(|path| path.ends_with(".html.gz")));
    assert_eq!(first, second);
    let plain = crate::common::build(&corpus, &[]).files();
    let without_copies: std::collections::BTreeMap<&String, &Vec<u8>> =
        first.iter().filter(|(path, _)| !path.ends_with(".gz")).collect();
    assert_eq!(without_copies, plain.iter().collect(), "the copies change nothing else");
}
