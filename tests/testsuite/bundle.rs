//! The offline bundle: `amicus build --bundle` writes the whole site as a
//! zip that works once unzipped, with no server, and the home page links it
//! with its size.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::OnceLock;

use crate::support::{build, fixture, repo_root, Site};

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&repo_root().join("corpus"), &["--bundle"]))
}

/// The zip's files, by name, with their content.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a valid zip");
    let mut files = BTreeMap::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        files.insert(file.name().to_string(), content);
    }
    files
}

#[test]
fn the_zip_holds_every_file_of_the_site_under_one_folder() {
    let site = site();
    let files = site.files();
    let zipped = unzip(&files["amicus-site.zip"]);
    let expected: Vec<String> = files
        .keys()
        .filter(|p| *p != "amicus-site.zip" && *p != ".amicus-output")
        .map(|p| format!("amicus-site/{p}"))
        .collect();
    assert_eq!(zipped.keys().cloned().collect::<Vec<_>>(), expected);
    for (path, bytes) in &files {
        if path == "amicus-site.zip" || path == ".amicus-output" || path == "index.html" {
            continue;
        }
        assert!(
            zipped[&format!("amicus-site/{path}")] == *bytes,
            "{path} differs in the zip"
        );
    }
    // The home page in the zip is the site's, without a link to a zip it
    // cannot contain.
    let home = String::from_utf8(zipped["amicus-site/index.html"].clone()).unwrap();
    assert!(!home.contains("amicus-site.zip"), "{home}");
    let site_home = site.page("index.html");
    let without_link: String = site_home
        .lines()
        .filter(|line| !line.contains("amicus-site.zip"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(home, without_link);
}

#[test]
fn the_home_page_links_the_bundle_with_its_size() {
    let site = site();
    let size = std::fs::metadata(site.out.join("amicus-site.zip")).unwrap().len();
    let home = site.page("index.html");
    let shown = amicus::bundle::human_size(size);
    assert!(
        home.contains(&format!(
            r#"<a href="amicus-site.zip" download>Download for offline use</a> <span class="muted">(zip, {shown})</span>"#
        )),
        "{home}"
    );
    assert!(crate::support::stdout(&site.output).contains("offline bundle"));
}

#[test]
fn the_unzipped_site_links_only_files_inside_it() {
    let site = site();
    let dir = tempfile::tempdir().unwrap();
    let zipped = unzip(&site.files()["amicus-site.zip"]);
    for (name, bytes) in &zipped {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let unzipped = crate::link_check::broken_links_in(&dir.path().join("amicus-site"));
    assert!(
        unzipped.is_empty(),
        "broken links after unzipping:\n{}",
        unzipped.join("\n")
    );
}

#[test]
fn bundles_are_byte_identical_and_timestamps_fixed() {
    let again = build(&repo_root().join("corpus"), &["--bundle", "--quiet"]);
    assert!(site().files()["amicus-site.zip"] == again.files()["amicus-site.zip"]);
    let bytes = &site().files()["amicus-site.zip"];
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for index in 0..archive.len() {
        let file = archive.by_index(index).unwrap();
        let time = file.last_modified().unwrap();
        assert_eq!((time.year(), time.month(), time.day()), (1980, 1, 1), "{}", file.name());
    }
}

#[test]
fn without_the_flag_there_is_no_bundle_and_no_link() {
    let plain = build(&fixture("citations/corpus"), &[]);
    assert!(!plain.exists("amicus-site.zip"));
    assert!(!plain.page("index.html").contains("Download for offline use"));
}

#[test]
fn with_a_base_url_every_link_in_the_zip_is_relative() {
    let site = build(&fixture("exports/corpus"), &["--bundle"]);
    let base = "https://example.org/kb/";
    // On the host, the 404 page is served at any depth: its links start
    // from the base URL. It names no canonical address.
    let hosted = site.page("404.html");
    assert!(
        hosted.contains(&format!(r#"href="{base}{}""#, site.asset_path("style.css"))),
        "{hosted}"
    );
    assert!(!hosted.contains(r#"rel="canonical""#), "{hosted}");
    let zipped = unzip(&site.files()["amicus-site.zip"]);
    let offline = String::from_utf8(zipped["amicus-site/404.html"].clone()).unwrap();
    assert!(
        offline.contains(&format!(
            r#"<link rel="stylesheet" href="{}">"#,
            site.asset_path("style.css")
        )),
        "{offline}"
    );
    for (name, bytes) in &zipped {
        if !name.ends_with(".html") {
            continue;
        }
        let page = String::from_utf8(bytes.clone()).unwrap();
        for attribute in ["href", "src", "action"] {
            for value in crate::support::attribute_values(&page, attribute) {
                let canonical = page.contains(&format!(r#"<link rel="canonical" href="{value}">"#));
                assert!(
                    !value.starts_with(base) || canonical,
                    "{name} loads or links {value} from the web host"
                );
            }
        }
    }
}
