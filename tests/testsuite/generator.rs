//! The benchmark corpus generator (`amicus generate`, hidden): the same
//! size and seed give the same bytes, and what it writes passes `check`.

use crate::support::{amicus, read_tree, stderr, stdout};

fn generate(out: &std::path::Path, entries: &str, seed: &str) {
    let output = amicus(&[
        "generate",
        "--entries",
        entries,
        "--seed",
        seed,
        "--words",
        "300",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn the_same_size_and_seed_give_the_same_corpus_and_it_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second, other) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("c"));
    generate(&first, "120", "5");
    generate(&second, "120", "5");
    generate(&other, "120", "6");
    let files = read_tree(&first);
    assert_eq!(files.len(), 120);
    assert_eq!(files, read_tree(&second), "same size and seed, different bytes");
    assert_ne!(files, read_tree(&other), "another seed gave the same corpus");
    // Every type, citations in front matter and body, numbered paragraphs.
    for folder in [
        "cases/",
        "policies/",
        "principles/",
        "recommendations/",
        "instruments/",
        "reports/",
    ] {
        assert!(files.keys().any(|path| path.starts_with(folder)), "no {folder}");
    }
    let texts: Vec<String> = files
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(texts.iter().any(|t| t.contains("\ncites: [")), "no cites:");
    assert!(
        texts.iter().any(|t| t.contains("[[") && t.contains("#p")),
        "no pinpoint"
    );
    assert!(
        texts.iter().all(|t| t.contains("\n[1] ")),
        "an entry without numbered paragraphs"
    );

    let output = amicus(&["check", "--corpus", first.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("120 entries"), "{}", stdout(&output));
}
