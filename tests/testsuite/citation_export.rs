//! Citation export as a lawyer uses it: each entry page offers its citation
//! as text to copy and as BibTeX, RIS and CSL-JSON files, and the whole
//! corpus is exported the same way. Each format is read back with a strict
//! parser, so a file a reference manager would reject fails here.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use biblatex::ChunksExt;

use crate::support::{build, fixture, starter_site, Site};

pub fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&fixture("exports/corpus"), &[]))
}

/// Values that break a carelessly written file: lone braces, names with
/// "and" and commas, countries with "and" in their name.
fn hostile() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| build(&fixture("exports/hostile/corpus"), &[]))
}

/// One BibTeX entry as biblatex reads it: its type, key and fields (name →
/// the value read back, commands and escapes resolved), and the entry
/// itself for list fields.
#[derive(Debug)]
pub struct BibEntry {
    pub kind: String,
    pub key: String,
    pub fields: BTreeMap<String, String>,
    pub entry: biblatex::Entry,
}

impl BibEntry {
    /// A list field (`institution`, `location`), split on "and" as biblatex
    /// splits it.
    pub fn list(&self, field: &str) -> Vec<String> {
        self.entry
            .get_as::<Vec<biblatex::Chunks>>(field)
            .unwrap_or_else(|e| panic!("{}.{field}: {e:?}", self.key))
            .iter()
            .map(|item| item.format_verbatim())
            .collect()
    }

    /// The `author` names, as biblatex splits them.
    pub fn authors(&self) -> Vec<String> {
        self.entry
            .author()
            .unwrap_or_else(|e| panic!("{}.author: {e:?}", self.key))
            .iter()
            .map(|person| {
                assert_eq!(person.given_name, "", "{} has an author read as a person", self.key);
                person.name.clone()
            })
            .collect()
    }
}

/// Reads a `.bib` file with the `biblatex` crate, after checking what that
/// parser forgives: that every field's braces balance when counted the way
/// BibTeX and biber count them, backslashes or not (amicus writes one field
/// a line).
pub fn parse_bibtex(text: &str) -> Vec<BibEntry> {
    for line in text.lines().filter(|l| l.starts_with("  ")) {
        let (_, value) = line
            .split_once(" = ")
            .unwrap_or_else(|| panic!("not a field: {line:?}"));
        let mut depth = 0i32;
        for c in value.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "a brace closes the field early, for BibTeX: {line}");
        }
        assert_eq!(depth, 0, "braces unbalanced, for BibTeX: {line}");
    }
    let bibliography = biblatex::Bibliography::parse(text).unwrap_or_else(|e| panic!("{e:?} in\n{text}"));
    bibliography
        .iter()
        .map(|entry| {
            let kind = match &entry.entry_type {
                biblatex::EntryType::Unknown(name) => name.clone(),
                known => known.to_string().to_lowercase(),
            };
            let fields = entry
                .fields
                .iter()
                .map(|(name, value)| (name.clone(), value.format_verbatim()))
                .collect();
            BibEntry {
                kind,
                key: entry.key.clone(),
                fields,
                entry: entry.clone(),
            }
        })
        .collect()
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

/// A creator as Zotero's RIS import reads `AU`: split at commas into
/// "Last, First"; a value without a comma is kept whole as one name (an
/// organisation). citation.js reads it the same way.
#[derive(Debug, PartialEq)]
pub enum Creator {
    Person { last: String, first: String },
    Name(String),
}

pub fn creators(record: &[(String, String)]) -> Vec<Creator> {
    tag(record, "AU")
        .into_iter()
        .map(|value| {
            let parts: Vec<&str> = value.split(',').map(str::trim).collect();
            match parts.as_slice() {
                [name] => Creator::Name(name.to_string()),
                [last, first, ..] => Creator::Person {
                    last: last.to_string(),
                    first: first.to_string(),
                },
                [] => unreachable!(),
            }
        })
        .collect()
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
    let text = site().page("cases/special-case.bib");
    let entries = parse_bibtex(&text);
    assert_eq!(entries.len(), 1);
    let case = &entries[0];
    assert_eq!(
        (case.kind.as_str(), case.key.as_str()),
        ("jurisdiction", "special-case")
    );
    let f = &case.fields;
    assert_eq!(
        f["title"],
        r"Prosecutor v. O'Brien & Sons {50% of 100$} #1 a_b ~ ^ \ <b>"
    );
    assert!(
        text.contains(r"\{50\% of 100\$\} \#1 a\_b \textasciitilde{} \textasciicircum{} \textbackslash{} <b>}},"),
        "a tilde and a caret are characters, not accents: {text}"
    );
    assert_eq!(case.list("institution"), [r#"Trial Chamber "A" & B"#]);
    assert_eq!(f["number"], r"ICC-01/04_02/06");
    assert_eq!(f["date"], "2023-03-07");
    assert_eq!(f["year"], "2023");
    assert_eq!(f["month"], "March");
    assert_eq!(case.list("location"), ["Mali", "Colombia"]);
    assert_eq!(f["abstract"], r#"A summary over two lines, with <tags> & "quotes"."#);
    assert_eq!(f["url"], "https://example.org/kb/cases/special-case.html");
}

#[test]
fn instruments_and_reports_use_their_own_bibtex_types() {
    let statute = &parse_bibtex(&site().page("instruments/statute.bib"))[0];
    assert_eq!(statute.kind, "legislation");
    assert_eq!(statute.fields["number"], "2187 UNTS 3");
    let report = &parse_bibtex(&site().page("reports/field-report.bib"))[0];
    assert_eq!(report.kind, "report");
    assert_eq!(report.list("institution"), ["Example NGO"]);
    assert_eq!(report.authors(), ["Example NGO"]);
    assert_eq!(report.fields["date"], "2022-12");
    assert_eq!(report.fields["month"], "December");
}

#[test]
fn lone_braces_and_tex_specials_read_back_exactly_from_bibtex() {
    for file in ["citations/all.bib", "cases/lone-braces.bib"] {
        let entries = parse_bibtex(&hostile().page(file));
        let case = entries.iter().find(|e| e.key == "lone-braces").expect(file);
        assert_eq!(
            case.fields["title"], r#"Prosecutor v. Brace } and { Review: 100% & $5 #2 a_b ~x ^y \z "q" — café Ñandú"#,
            "{file}"
        );
        assert_eq!(case.fields["number"], "X-1/{2");
        assert_eq!(
            case.fields["abstract"],
            "A summary {with a pair} and a lone } closing brace, 50% & ~."
        );
    }
    let text = hostile().page("citations/all.bib");
    assert!(text.contains("café Ñandú"), "other Unicode stays UTF-8");
    let report = parse_bibtex(&text)
        .into_iter()
        .find(|e| e.key == "coalition-report")
        .unwrap();
    assert_eq!(report.fields["title"], "Report {draft");
    assert_eq!(report.fields["number"], "UN Doc. {A}/1");
}

#[test]
fn a_name_with_and_is_one_institution_author_and_place_in_bibtex() {
    let entries = parse_bibtex(&hostile().page("citations/all.bib"));
    let by_key = |key: &str| entries.iter().find(|e| e.key == key).unwrap();
    let case = by_key("lone-braces");
    assert_eq!(case.list("institution"), ["Chamber of Appeals and Review"]);
    assert_eq!(case.list("location"), ["Trinidad and Tobago", "Bosnia and Herzegovina"]);
    let coalition = "UN Women, with the Law Clinic on Gender, Law, and Peace and MADRE";
    let report = by_key("coalition-report");
    assert_eq!(report.list("institution"), [coalition]);
    assert_eq!(report.authors(), [coalition]);
    let policy = by_key("truth-policy");
    assert_eq!(policy.list("institution"), ["Office of Truth and Justice"]);
    assert_eq!(policy.authors(), ["Office of Truth and Justice"]);
}

#[test]
fn every_bibtex_file_of_the_starter_corpus_reads_back_with_one_institution() {
    let data: serde_json::Value = serde_json::from_str(&starter_site().page("entries.json")).unwrap();
    let mut read = 0;
    for (path, bytes) in starter_site().files() {
        if !path.ends_with(".bib") {
            continue;
        }
        for entry in parse_bibtex(std::str::from_utf8(&bytes).unwrap()) {
            let json = data["entries"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["id"] == entry.key.as_str())
                .unwrap_or_else(|| panic!("{} in entries.json", entry.key));
            assert_eq!(entry.fields["title"], json["title"].as_str().unwrap(), "{path}");
            let name = json["court"].as_str().or(json["issuer"].as_str());
            if entry.fields.contains_key("institution") {
                assert_eq!(entry.list("institution"), [name.unwrap()], "{path}: {}", entry.key);
            }
            if entry.fields.contains_key("author") {
                assert_eq!(entry.authors(), [name.unwrap()], "{path}: {}", entry.key);
            }
            read += 1;
        }
    }
    assert!(read > 40, "every entry, alone and in all.bib: {read}");
}

#[test]
fn an_organisation_is_never_read_as_a_person_from_ris() {
    let records = parse_ris(&hostile().page("citations/all.ris"));
    let record = |title: &str| records.iter().find(|r| tag(r, "TI") == [title]).unwrap();
    let report = record("Report {draft");
    assert_eq!(creators(report), [], "a name with a comma has no AU form");
    assert_eq!(
        tag(report, "PB"),
        ["UN Women, with the Law Clinic on Gender, Law, and Peace and MADRE"]
    );
    let policy = record("Policy of the Office");
    assert_eq!(creators(policy), [Creator::Name("Office of Truth and Justice".into())]);
    assert_eq!(tag(policy, "PB"), ["Office of Truth and Justice"]);
    for record in parse_ris(&starter_site().page("citations/all.ris")) {
        for creator in creators(&record) {
            assert!(
                matches!(creator, Creator::Name(_)),
                "{creator:?} in {:?}",
                tag(&record, "TI")
            );
        }
        if tag(&record, "TY") == ["RPRT"] {
            assert_eq!(tag(&record, "PB").len(), 1, "{:?}", tag(&record, "TI"));
        }
    }
    let starter = parse_ris(&starter_site().page("citations/all.ris"));
    assert!(starter
        .iter()
        .any(|r| tag(r, "PB") == ["UN Women, with the CUNY Law Human Rights and Gender Justice Clinic and MADRE"]));
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
