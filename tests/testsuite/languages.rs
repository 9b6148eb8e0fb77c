//! Languages: interface strings from translation files, chosen by the
//! site's language and by each entry's `lang`; Arabic pages right to left;
//! entries linking their translations both ways.

use std::sync::OnceLock;

use crate::support::{build, fixture, repo_root, Site};

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&fixture("languages/corpus"), &[]))
}

fn french_site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let config = fixture("languages/french.yaml");
        build(&fixture("languages/corpus"), &["--config", config.to_str().unwrap()])
    })
}

fn arabic_site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let config = fixture("languages/arabic.yaml");
        build(&fixture("languages/corpus"), &["--config", config.to_str().unwrap()])
    })
}

#[test]
fn an_arabic_entry_page_is_right_to_left_in_arabic() {
    let page = site().page("cases/judgment-ar.html");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"),
        "{page}"
    );
    assert!(page.contains(r#"<h1 lang="ar" dir="rtl">المدعي العام ضد مثال (الحكم)</h1>"#));
    assert!(
        page.contains(r#"<th scope="row">التاريخ</th>"#),
        "metadata labels in Arabic"
    );
    assert!(
        page.contains("<td><a href=\"../years/2024.html\">26 يونيو 2024</a></td>"),
        "{page}"
    );
    assert!(page.contains(r#"<h2 id="cite-as">طريقة الاستشهاد</h2>"#));
    assert!(page.contains(r##"<a class="skip-link" href="#main">الانتقال إلى المحتوى</a>"##));
}

#[test]
fn a_french_entry_on_an_english_site_has_a_french_interface() {
    let page = site().page("cases/judgment-fr.html");
    assert!(page.contains("<html lang=\"fr\" dir=\"ltr\">"));
    assert!(page.contains(r#"<th scope="row">Juridiction</th>"#), "{page}");
    assert!(page.contains(">26 juin 2024</a>"), "{page}");
    assert!(page.contains(r#"<h2 id="cited-by">Cité par</h2>"#));
    assert!(page.contains(r#"aria-label="Paragraphe 1">[1]</a>"#), "{page}");
    let arabic = site().page("cases/judgment-ar.html");
    assert!(arabic.contains(r#"aria-label="الفقرة 1">[1]</a>"#), "{arabic}");
    // The rest of the site stays English.
    assert!(site().page("index.html").contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(site()
        .page("cases/judgment.html")
        .contains(r#"<h2 id="cite-as">Cite as</h2>"#));
}

#[test]
fn an_entry_in_a_language_without_translation_keeps_the_site_interface() {
    let page = site().page("cases/judgment-pt.html");
    assert!(page.contains("<html lang=\"en\" dir=\"ltr\">"), "{page}");
    assert!(page.contains(r#"<h1 lang="pt" dir="ltr">Procurador c. Exemplo (sentença)</h1>"#));
    assert!(page.contains(r#"<div class="entry-body" lang="pt" dir="ltr">"#));
    assert!(
        page.contains(r#"<th scope="row">Language</th>"#) && page.contains("<td>Português</td>"),
        "{page}"
    );
}

#[test]
fn the_site_language_chooses_the_interface() {
    let home = french_site().page("index.html");
    assert!(home.contains("<html lang=\"fr\" dir=\"ltr\">"), "{home}");
    assert!(
        home.contains(r#"<label for="home-search">Rechercher parmi 4 entrées</label>"#),
        "{home}"
    );
    assert!(home.contains(r#"<h2 id="latest">Dernières entrées</h2>"#));
    let listing = french_site().page("cases/index.html");
    assert!(
        listing.contains(r#"<p class="listing-count">4 entrées</p>"#),
        "{listing}"
    );
    assert!(listing.contains("<h1>Affaires</h1>"), "{listing}");
    let year = french_site().page("years/2024.html");
    assert!(year.contains("<h1>Année: 2024</h1>"), "{year}");
}

#[test]
fn translations_link_each_other_both_ways_with_hreflang() {
    let english = site().page("cases/judgment.html");
    for (lang, name, url) in [
        ("fr", "Français", "../cases/judgment-fr.html"),
        ("ar", "العربية", "../cases/judgment-ar.html"),
    ] {
        assert!(
            english.contains(&format!(
                r#"<a href="{url}" hreflang="{lang}" lang="{lang}" dir="{}">{name}: "#,
                if lang == "ar" { "rtl" } else { "ltr" }
            )),
            "{lang}: {english}"
        );
        assert!(english.contains(&format!(r#"<link rel="alternate" hreflang="{lang}" href="{url}">"#)));
    }
    // Named only from the English entry, the French one still links back,
    // and to the Arabic one through it.
    let french = site().page("cases/judgment-fr.html");
    assert!(
        french.contains(
            r#"<a href="../cases/judgment.html" hreflang="en" lang="en" dir="ltr">English: Prosecutor v. Example (judgment)</a>"#
        ),
        "{french}"
    );
    assert!(
        french.contains(r#"hreflang="ar" lang="ar" dir="rtl">العربية: "#),
        "{french}"
    );
    assert!(!site()
        .page("cases/judgment-pt.html")
        .contains(r#"class="translations""#));
}

#[test]
fn a_translation_in_another_language_is_an_error() {
    let corpus = fixture("broken/translation-in-wrong-language/corpus");
    let output = crate::support::amicus(&["check", "--corpus", corpus.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = crate::support::stderr(&output);
    assert!(text.contains("error: `b-case` is in `es`, not `fr`"), "{text}");
    assert!(text.contains("a-case.md:6:7"), "{text}");
}

/// Every word a template shows comes from the translation files: outside
/// tera tags and HTML tags, a template holds no letters, and the
/// attributes people read (`aria-label`, `placeholder`, `title`, `alt`)
/// are tera expressions.
#[test]
fn templates_hold_no_untranslated_text() {
    let folder = repo_root().join("themes/default/templates");
    for item in std::fs::read_dir(&folder).unwrap() {
        let path = item.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let mut rest = text.as_str();
        let mut outside = String::new();
        let mut tags = String::new();
        while !rest.is_empty() {
            let next = ["{{", "{%", "{#", "<"]
                .iter()
                .filter_map(|open| rest.find(open).map(|i| (i, *open)))
                .min();
            let Some((at, open)) = next else {
                outside.push_str(rest);
                break;
            };
            outside.push_str(&rest[..at]);
            let close = match open {
                "{{" => "}}",
                "{%" => "%}",
                "{#" => "#}",
                _ => ">",
            };
            let end = rest[at..].find(close).map_or(rest.len(), |e| at + e + close.len());
            if open == "<" {
                tags.push_str(&rest[at..end]);
                tags.push('\n');
            }
            rest = &rest[end..];
        }
        let words: String = outside.chars().filter(|c| c.is_alphabetic()).collect();
        // `entries.json` is a file name, the same in every language.
        let words = words.replace("entriesjson", "");
        assert!(words.is_empty(), "{name}: untranslated text {words:?}");
        for attribute in ["aria-label=\"", "placeholder=\"", "title=\"", "alt=\""] {
            for (i, _) in tags.match_indices(attribute) {
                let value = &tags[i + attribute.len()..];
                assert!(value.starts_with("{{"), "{name}: {attribute} with literal text");
            }
        }
    }
}

#[test]
fn text_in_another_direction_is_isolated_in_its_own_language() {
    // On an Arabic site, a Portuguese title keeps its parentheses in place.
    let home = arabic_site().page("index.html");
    assert!(home.contains(r#"<html lang="ar" dir="rtl">"#), "{home}");
    assert!(
        home.contains(r#"<a href="cases/judgment-pt.html" lang="pt" dir="ltr">Procurador c. Exemplo (sentença)</a>"#),
        "{home}"
    );
    assert!(
        home.contains(r#"<p class="card-summary" lang="pt" dir="ltr">A sentença em português.</p>"#),
        "{home}"
    );
    assert!(
        home.contains(r#"<p class="card-byline" lang="pt" dir="ltr">Câmara de Julgamento</p>"#),
        "{home}"
    );
    let listing = arabic_site().page("cases/index.html");
    assert!(
        listing.contains(r#"lang="ar" dir="rtl">المدعي العام ضد مثال (الحكم)</a>"#),
        "{listing}"
    );
    // On an English page, the Arabic entry that cites it, and its relations.
    let english = site().page("cases/judgment.html");
    let cited_by = crate::support::section(&english, r#"<section class="cited-by""#, "</section>");
    assert!(
        cited_by.contains(r#"<a href="../cases/judgment-ar.html" lang="ar" dir="rtl">مثال</a>"#),
        "{cited_by}"
    );
    let arabic = site().page("cases/judgment-ar.html");
    let cites = crate::support::section(&arabic, r#"<section class="cites""#, "</section>");
    assert!(
        cites.contains(r#"<a href="../cases/judgment.html" lang="en" dir="ltr">Example</a>"#),
        "{cites}"
    );
    // Each feed entry says its language.
    let feed = site().page("feed.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let langs: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name(("http://www.w3.org/2005/Atom", "entry")))
        .map(|entry| {
            let title = entry
                .children()
                .find(|n| n.has_tag_name(("http://www.w3.org/2005/Atom", "title")))
                .and_then(|n| n.text())
                .unwrap()
                .to_string();
            let lang = entry
                .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                .unwrap()
                .to_string();
            (title, lang)
        })
        .collect();
    assert!(
        langs.contains(&("Procurador c. Exemplo (sentença)".into(), "pt".into())),
        "{langs:?}"
    );
    assert!(
        langs.contains(&("المدعي العام ضد مثال (الحكم)".into(), "ar".into())),
        "{langs:?}"
    );
}
