//! Citation export as a lawyer uses it: each entry page offers its citation
//! as text to copy and as BibTeX, RIS and CSL-JSON files, and the whole
//! corpus is exported the same way. Each format is read back with a strict
//! parser, so a file a reference manager would reject fails here.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::common::{build, fixture, Site};

pub fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&fixture("exports/corpus"), &[]))
}

/// One BibTeX entry: its type, key and fields (name → raw value between
/// the outer braces, or a bare macro such as `jun`).
#[derive(Debug)]
pub struct BibEntry {
    pub kind: String,
    pub key: String,
    pub fields: BTreeMap<String, String>,
}

/// A strict reader for the BibTeX amicus writes: `@type{key,`, then
/// `name = {value}` or `name = macro` fields separated by commas, `}`.
/// Braces inside values must balance, counting `\{` and `\}` as text.
pub fn parse_bibtex(text: &str) -> Vec<BibEntry> {
    let mut entries = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let skip_space = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_whitespace() {
            *i += 1;
        }
    };
    loop {
        skip_space(&mut i);
        if i == chars.len() {
            break;
        }
        assert_eq!(chars[i], '@', "expected @ at {i}");
        i += 1;
        let start = i;
        while chars[i].is_ascii_alphabetic() {
            i += 1;
        }
        let kind: String = chars[start..i].iter().collect();
        assert_eq!(chars[i], '{', "expected {{ after @{kind}");
        i += 1;
        let start = i;
        while chars[i] != ',' {
            assert!(!chars[i].is_whitespace() && chars[i] != '}', "bad key");
            i += 1;
        }
        let key: String = chars[start..i].iter().collect();
        i += 1;
        let mut fields = BTreeMap::new();
        loop {
            skip_space(&mut i);
            if chars[i] == '}' {
                i += 1;
                break;
            }
            let start = i;
            while chars[i].is_ascii_alphanumeric() || chars[i] == '-' || chars[i] == '_' {
                i += 1;
            }
            let name: String = chars[start..i].iter().collect();
            assert!(!name.is_empty(), "empty field name in {key}");
            skip_space(&mut i);
            assert_eq!(chars[i], '=', "expected = after {name} in {key}");
            i += 1;
            skip_space(&mut i);
            let value = if chars[i] == '{' {
                let mut depth = 0;
                let start = i + 1;
                loop {
                    match chars[i] {
                        '\\' => i += 1,
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                    assert!(i < chars.len(), "unbalanced braces in {key}.{name}");
                }
                let value: String = chars[start..i].iter().collect();
                i += 1;
                value
            } else {
                let start = i;
                while chars[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                chars[start..i].iter().collect()
            };
            assert!(fields.insert(name.clone(), value).is_none(), "{name} twice in {key}");
            skip_space(&mut i);
            match chars[i] {
                ',' => i += 1,
                '}' => {}
                other => panic!("unexpected {other:?} after {key}.{name}"),
            }
        }
        entries.push(BibEntry { kind, key, fields });
    }
    entries
}

/// A strict RIS reader: every line is `XX  - value` ending in CRLF, a
/// record starts with `TY` and ends with `ER  - `. Returns each record's
/// tags in order.
pub fn parse_ris(text: &str) -> Vec<Vec<(String, String)>> {
    assert!(text.ends_with("\r\n"), "RIS ends with CRLF");
    let mut records = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for line in text.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "stray line break in {line:?}"
        );
        let bytes = line.as_bytes();
        assert!(
            bytes.len() >= 6
                && bytes[0].is_ascii_uppercase()
                && (bytes[1].is_ascii_uppercase() || bytes[1].is_ascii_digit())
                && &line[2..6] == "  - ",
            "not a RIS line: {line:?}"
        );
        let (tag, value) = (line[..2].to_string(), line[6..].to_string());
        match tag.as_str() {
            "TY" => {
                assert!(current.is_none(), "TY inside a record");
                current = Some(vec![(tag, value)]);
            }
            "ER" => {
                assert_eq!(value, "", "ER has no value");
                records.push(current.take().expect("ER closes a record"));
            }
            _ => {
                assert!(!value.is_empty(), "empty {tag}");
                current.as_mut().expect("a tag inside a record").push((tag, value));
            }
        }
    }
    assert!(current.is_none(), "unclosed record");
    records
}

fn tag<'a>(record: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    record
        .iter()
        .filter(|(t, _)| t == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

#[test]
fn a_case_exports_as_bibtex_with_court_number_and_date() {
    let entries = parse_bibtex(&site().page("cases/special-case.bib"));
    assert_eq!(entries.len(), 1);
    let case = &entries[0];
    assert_eq!(
        (case.kind.as_str(), case.key.as_str()),
        ("jurisdiction", "special-case")
    );
    let f = &case.fields;
    assert_eq!(
        f["title"],
        r"{Prosecutor v. O'Brien \& Sons \{50\% of 100\$\} \#1 a\_b \~{} \^{} \textbackslash{} <b>}"
    );
    assert_eq!(f["institution"], r#"Trial Chamber "A" \& B"#);
    assert_eq!(f["number"], r"ICC-01/04\_02/06");
    assert_eq!(f["date"], "2023-03-07");
    assert_eq!(f["year"], "2023");
    assert_eq!(f["month"], "mar");
    assert_eq!(f["abstract"], r#"A summary over two lines, with <tags> \& "quotes"."#);
    assert_eq!(f["url"], "https://example.org/kb/cases/special-case.html");
}

#[test]
fn instruments_and_reports_use_their_own_bibtex_types() {
    let statute = &parse_bibtex(&site().page("instruments/statute.bib"))[0];
    assert_eq!(statute.kind, "legislation");
    assert_eq!(statute.fields["number"], "2187 UNTS 3");
    let report = &parse_bibtex(&site().page("reports/field-report.bib"))[0];
    assert_eq!(report.kind, "report");
    assert_eq!(report.fields["institution"], "Example NGO");
    assert_eq!(report.fields["author"], "{Example NGO}");
    assert_eq!(report.fields["date"], "2022-12");
    assert_eq!(report.fields["month"], "dec");
}

#[test]
fn a_case_exports_as_ris_with_court_number_and_date() {
    let records = parse_ris(&site().page("cases/special-case.ris"));
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(tag(r, "TY"), ["CASE"]);
    assert_eq!(
        tag(r, "TI"),
        [r"Prosecutor v. O'Brien & Sons {50% of 100$} #1 a_b ~ ^ \ <b>"]
    );
    assert_eq!(tag(r, "PB"), [r#"Trial Chamber "A" & B"#]);
    assert_eq!(tag(r, "SV"), ["ICC-01/04_02/06"]);
    assert_eq!(tag(r, "DA"), ["2023/03/07/"]);
    assert_eq!(tag(r, "PY"), ["2023"]);
    assert_eq!(tag(r, "CY"), ["Mali", "Colombia"]);
    assert_eq!(tag(r, "KW"), ["gender", "sexual orientation", "persecution"]);
    assert_eq!(tag(r, "AB"), [r#"A summary over two lines, with <tags> & "quotes"."#]);
    assert_eq!(tag(r, "UR"), ["https://example.org/kb/cases/special-case.html"]);
    let later = &parse_ris(&site().page("cases/later-case.ris"))[0];
    assert_eq!(tag(later, "DA"), ["2024///"], "a year alone invents no month");
}

#[test]
fn a_case_exports_as_csl_json() {
    let items: serde_json::Value = serde_json::from_str(&site().page("cases/special-case.json")).unwrap();
    let item = &items.as_array().unwrap()[0];
    assert_eq!(item["id"], "special-case");
    assert_eq!(item["type"], "legal_case");
    assert_eq!(
        item["title"],
        r"Prosecutor v. O'Brien & Sons {50% of 100$} #1 a_b ~ ^ \ <b>"
    );
    assert_eq!(item["authority"], r#"Trial Chamber "A" & B"#);
    assert_eq!(item["number"], "ICC-01/04_02/06");
    assert_eq!(item["issued"]["date-parts"], serde_json::json!([[2023, 3, 7]]));
    assert_eq!(item["URL"], "https://example.org/kb/cases/special-case.html");
    let report: serde_json::Value = serde_json::from_str(&site().page("reports/field-report.json")).unwrap();
    assert_eq!(report[0]["type"], "report");
    assert_eq!(report[0]["publisher"], "Example NGO");
    assert_eq!(report[0]["number"], "UN Doc. A/77/1");
    assert_eq!(report[0]["issued"]["date-parts"], serde_json::json!([[2022, 12]]));
    let statute: serde_json::Value = serde_json::from_str(&site().page("instruments/statute.json")).unwrap();
    assert_eq!(statute[0]["type"], "legislation");
}

#[test]
fn the_whole_corpus_is_exported_in_every_format_without_withheld_entries() {
    let ids = ["later-case", "special-case", "field-report", "statute"];
    let keys: Vec<String> = parse_bibtex(&site().page("citations/all.bib"))
        .into_iter()
        .map(|e| e.key)
        .collect();
    let mut sorted_ids = ids.map(String::from).to_vec();
    sorted_ids.sort();
    assert_eq!(keys, sorted_ids);
    assert_eq!(parse_ris(&site().page("citations/all.ris")).len(), 4);
    let csl: serde_json::Value = serde_json::from_str(&site().page("citations/all.json")).unwrap();
    let csl_ids: Vec<&str> = csl
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(csl_ids, sorted_ids);
    for file in ["citations/all.bib", "citations/all.ris", "citations/all.json"] {
        assert!(!site().page(file).contains("CANARY-SEALED-EXPORT"), "{file}");
    }
    assert!(!site().exists("policies/sealed-policy.bib"));
}

#[test]
fn the_entry_page_shows_a_citation_to_copy_and_links_the_files() {
    let page = site().page("cases/special-case.html");
    assert!(page.contains(r#"<h2 id="cite-as">Cite as</h2>"#), "{page}");
    assert!(page.contains(r#"<blockquote class="citation-text"><p>Prosecutor v. O&#39;Brien &amp; Sons {50% of 100$} #1 a_b ~ ^ \ &lt;b&gt;, ICC-01/04_02/06, Trial Chamber &quot;A&quot; &amp; B, 7 March 2023. &lt;https://example.org/kb/cases/special-case.html&gt;</p></blockquote>"#), "{page}");
    for (label, file) in [
        ("BibTeX", "special-case.bib"),
        ("RIS", "special-case.ris"),
        ("CSL-JSON", "special-case.json"),
    ] {
        assert!(
            page.contains(&format!(r#"href="../cases/{file}" download"#)) && page.contains(&format!(">{label}</a>")),
            "{label}"
        );
    }
    let home = site().page("index.html");
    assert!(
        home.contains(r#"href="citations/all.bib" download>BibTeX</a>"#),
        "{home}"
    );
}
