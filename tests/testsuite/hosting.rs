//! What a static host reads beside the site: `_headers` gives every file
//! the pages' Content-Security-Policy (with framing forbidden), no type
//! sniffing and no referrer, and lets browsers keep for good the files
//! whose names carry a tag of their content; and the precompressed copies.

use crate::support::starter_site;

/// The `content` of the page's `<meta http-equiv="Content-Security-Policy">`.
fn meta_policy(html: &str) -> String {
    let start = html
        .find("http-equiv=\"Content-Security-Policy\" content=\"")
        .expect("the page has a Content-Security-Policy")
        + "http-equiv=\"Content-Security-Policy\" content=\"".len();
    let end = html[start..].find('"').expect("closed attribute") + start;
    html[start..end].to_string()
}

/// `_headers` as its rules: each path with its headers, in order.
fn header_rules(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines().filter(|line| !line.starts_with('#')) {
        match line.strip_prefix("  ") {
            Some(header) => {
                let (name, value) = header.split_once(": ").expect("Name: value");
                let rule = rules.last_mut().expect("a header under a path");
                rule.1.push((name.to_string(), value.to_string()));
            }
            None => rules.push((line.to_string(), Vec::new())),
        }
    }
    rules
}

/// Whether `name` is `STEM.TAG.EXT`, TAG eight lower-case hex digits.
fn is_tagged(name: &str) -> bool {
    let parts: Vec<&str> = name.rsplitn(3, '.').collect();
    parts.len() == 3 && crate::support::is_tag(parts[1])
}

#[test]
fn the_headers_file_serves_every_path_with_the_pages_policy() {
    let site = starter_site();
    let headers = site.page("_headers");
    let rules = header_rules(&headers);
    let (first, values) = &rules[0];
    assert_eq!(first, "/*", "the first rule is for every path:\n{headers}");
    let value = |name: &str| {
        values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} for every path in _headers:\n{headers}"))
    };
    let policy = meta_policy(&site.page("index.html"));
    assert_eq!(
        value("Content-Security-Policy"),
        format!("{policy}; frame-ancestors 'none'")
    );
    assert_eq!(meta_policy(&site.page("search.html")), policy);
    assert_eq!(value("X-Content-Type-Options"), "nosniff");
    assert_eq!(value("Referrer-Policy"), "no-referrer");
    // The pages keep the host's default (revalidate): one Cache-Control
    // per path, since the hosts join those of every rule that matches.
    assert!(values.iter().all(|(name, _)| name != "Cache-Control"), "{headers}");
}

#[test]
fn files_named_by_their_content_may_be_kept_for_good_and_no_others() {
    let site = starter_site();
    let rules = header_rules(&site.page("_headers"));
    let immutable = vec![(
        "Cache-Control".to_string(),
        "public, max-age=31536000, immutable".to_string(),
    )];
    let kept: Vec<&str> = rules[1..]
        .iter()
        .map(|(path, headers)| {
            assert_eq!(headers, &immutable, "{path}");
            path.as_str()
        })
        .collect();
    assert_eq!(kept[0], "/search/*");
    // Every search file and every style sheet and script of the theme is
    // named by its content; each such asset has its rule.
    for path in site.files().keys() {
        let name = path.rsplit('/').next().unwrap();
        if path.starts_with("search/") {
            assert!(is_tagged(name), "{path} has no tag");
        } else if path.starts_with("assets/") && (path.ends_with(".css") || path.ends_with(".js")) {
            assert!(is_tagged(name), "{path} has no tag");
            assert!(kept.contains(&format!("/{path}").as_str()), "{path} has no rule");
        }
    }
    for path in &kept[1..] {
        assert!(site.exists(&path[1..]), "{path} is not a file of the site");
        assert!(is_tagged(path), "{path} has no tag");
    }
    // The pages, feeds and exports keep their names.
    for path in [
        "index.html",
        "search.html",
        "cases/feed.xml",
        "entries.json",
        "404.html",
    ] {
        assert!(site.exists(path), "{path}");
    }
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
    let site = crate::support::build(
        &crate::support::repo_root().join("corpus"),
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
    let manifest = format!(
        "search/{}",
        crate::support::tagged_name(&site.out.join("search"), "manifest.js")
    );
    for path in [
        "index.html",
        "search.html",
        &manifest,
        &site.asset_path("search.js"),
        &site.asset_path("style.css"),
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
    let corpus = crate::support::fixture("citations/corpus");
    let first = crate::support::build(&corpus, &["--precompress"]).files();
    let second = crate::support::build(&corpus, &["--precompress"]).files();
    assert!(first.keys().any(|path| path.ends_with(".html.gz")));
    assert_eq!(first, second);
    let plain = crate::support::build(&corpus, &[]).files();
    let without_copies: std::collections::BTreeMap<&String, &Vec<u8>> =
        first.iter().filter(|(path, _)| !path.ends_with(".gz")).collect();
    assert_eq!(without_copies, plain.iter().collect(), "the copies change nothing else");
}
