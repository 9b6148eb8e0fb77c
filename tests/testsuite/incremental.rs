//! Rebuilds render only what changed, and give exactly what a full build
//! gives.

use std::path::Path;

use amicus::site::{BuildOptions, Builder};

use crate::common::{copy_tree, fixture};

fn render(builder: &mut Builder) -> (Vec<(String, Vec<u8>)>, usize, usize) {
    let built = builder.render(&|| {}).expect("the corpus builds");
    let files = built.files.iter().map(|f| (f.path.clone(), f.bytes.to_vec())).collect();
    (files, built.report.pages_rendered, built.report.pages_reused)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn a_rebuild_renders_only_pages_whose_inputs_changed_and_matches_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&fixture("citations/corpus"), &corpus);
    let options = BuildOptions::new(&corpus, dir.path().join("public"));
    let mut builder = Builder::new(options.clone());
    let (_, first_rendered, first_reused) = render(&mut builder);
    assert_eq!(first_reused, 0);

    let (_, rendered, reused) = render(&mut builder);
    assert_eq!(
        (rendered, reused),
        (0, first_rendered),
        "nothing changed, nothing rendered"
    );

    // A body edit changes only that entry's page.
    edit(&corpus.join("policies/office-policy.md"), "draws on", "relies on");
    let (files, rendered, _) = render(&mut builder);
    assert_eq!(rendered, 1);
    let page = &files
        .iter()
        .find(|(p, _)| p == "policies/office-policy.html")
        .unwrap()
        .1;
    assert!(String::from_utf8_lossy(page).contains("relies on"));

    // A new short title shows on every page that names the entry.
    edit(
        &corpus.join("instruments/statute.md"),
        "short_title: Statute",
        "short_title: The Statute",
    );
    let (files, rendered, _) = render(&mut builder);
    assert!(
        rendered > 1 && rendered < first_rendered,
        "{rendered} of {first_rendered}"
    );
    let trial = &files.iter().find(|(p, _)| p == "cases/trial-judgment.html").unwrap().1;
    assert!(String::from_utf8_lossy(trial).contains(">The Statute</a>"));

    let (full, _, _) = render(&mut Builder::new(options));
    assert_eq!(files, full, "the incremental build equals a full build");
}
