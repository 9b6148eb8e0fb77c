//! Rebuilds render only what changed, and give exactly what a full build
//! gives: the single build `amicus build` runs, which keeps nothing.

use std::path::Path;

use amicus::site::{BuildOptions, Builder};

use crate::support::{amicus, copy_tree, fixture, read_tree, stderr};

fn render(builder: &mut Builder) -> (Vec<(String, Vec<u8>)>, usize, usize) {
    let built = builder.render(&|| {}).expect("the corpus builds");
    let mut files: Vec<(String, Vec<u8>)> = built.files.iter().map(|f| (f.path.clone(), f.bytes.to_vec())).collect();
    files.sort();
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

    // A body edit re-renders that entry's page and nothing else: the
    // listings that show it (policies, grounds/gender, crimes/persecution,
    // years/2022) show none of its body.
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

    let (full, _, _) = render(&mut Builder::once(options));
    assert_eq!(files, full, "the incremental build equals a full build");
}

#[test]
fn a_theme_file_saved_between_builds_shows_on_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&fixture("citations/corpus"), &corpus);
    let options = BuildOptions::new(&corpus, dir.path().join("public"));
    let mut builder = Builder::new(options.clone());
    let page = |files: &[(String, Vec<u8>)], path: &str| {
        let (_, bytes) = files.iter().find(|(p, _)| p == path).unwrap();
        String::from_utf8_lossy(bytes).to_string()
    };
    let (files, _, _) = render(&mut builder);
    assert!(page(&files, "404.html").contains("<h1>Page not found</h1>"));

    // A template added, then a translation: each shows at once, on every
    // page it is part of.
    let theme = dir.path().join("themes/default");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(
        theme.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Nothing here</h1>{% endblock content %}",
    )
    .unwrap();
    let (files, _, _) = render(&mut builder);
    assert!(page(&files, "404.html").contains("<h1>Nothing here</h1>"));

    std::fs::create_dir_all(theme.join("i18n")).unwrap();
    std::fs::write(theme.join("i18n/en.yaml"), "home: Start\n").unwrap();
    let (files, rendered, _) = render(&mut builder);
    assert!(rendered > 1, "every page names the home page: {rendered}");
    assert!(page(&files, "policies/office-policy.html").contains(">Start</a>"));

    // Saved again as it was, the theme's file changes nothing.
    std::fs::write(theme.join("i18n/en.yaml"), "home: Start\n").unwrap();
    let (again, rendered, _) = render(&mut builder);
    assert_eq!((rendered, &again), (0, &files));

    let (full, _, _) = render(&mut Builder::once(options));
    assert_eq!(files, full, "the incremental build equals a full build");
}

#[test]
fn relations_added_and_removed_between_builds_are_searched_as_a_full_build_finds_them() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("relations"), dir.path());
    let corpus = dir.path().join("corpus");
    let options = BuildOptions::new(&corpus, dir.path().join("public"));
    let mut builder = Builder::new(options.clone());
    render(&mut builder);
    let supreme = corpus.join("cases/supreme.md");
    let steps = [
        // A relation dropped: its target loses `reversed-by`.
        ("  reverses: [appeal]\n", ""),
        // Another declared against a target that had none.
        (
            "  endorses: [first-instance]\n",
            "  endorses: [first-instance, appeal]\n",
        ),
        // The first back, and an edit that leaves the links as they were.
        ("relations:\n", "relations:\n  reverses: [appeal]\n"),
        ("The final word.", "The last word."),
    ];
    for (from, to) in steps {
        edit(&supreme, from, to);
        let (files, _, _) = render(&mut builder);
        let (full, _, _) = render(&mut Builder::once(options.clone()));
        assert!(
            files == full,
            "after replacing {from:?} with {to:?}, the rebuild equals a full build"
        );
    }
}

#[test]
fn a_build_written_as_it_is_made_equals_the_build_held_in_memory() {
    // Enough entries for several batches of pages and of search texts,
    // one file each; the zip is read back from the folder being written.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let generated = amicus(&[
        "generate",
        "--entries",
        "900",
        "--seed",
        "3",
        "--words",
        "40",
        "--out",
        corpus.to_str().unwrap(),
    ]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    let options = BuildOptions {
        bundle: true,
        ..BuildOptions::new(&corpus, dir.path().join("public"))
    };
    amicus::site::build(&options, &|| {}).expect("the corpus builds");
    let mut written = read_tree(&options.out);
    assert!(written.remove(amicus::output::MARKER).is_some());
    let (held, _, _) = render(&mut Builder::new(options));
    assert!(held.len() > 2048, "{} files", held.len());
    assert!(held.iter().filter(|(path, _)| path.starts_with("search/text-")).count() > 512);
    assert_eq!(written, held.into_iter().collect(), "build and serve made other files");
}

/// A tiny deterministic generator for the edit sequence.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// A generated corpus, written into `dir`'s folder `corpus`.
fn generated_corpus(dir: &Path, options: amicus::generate::Generate) -> std::path::PathBuf {
    let corpus = dir.join("corpus");
    amicus::generate::write_corpus(&corpus, options).unwrap();
    corpus
}

fn entry_files(corpus: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = walkdir::WalkDir::new(corpus)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

/// One random edit of the kinds editors make: body, title, short title,
/// date, values, a new citation, a citation taken out, a deleted entry, a
/// new entry. Returns what it did and the file it touched.
fn random_edit(corpus: &Path, dice: &mut Dice, step: usize) -> (String, std::path::PathBuf) {
    let files = entry_files(corpus);
    let file = &files[dice.roll(files.len())];
    let text = std::fs::read_to_string(file).unwrap();
    let id_of = |p: &Path| p.file_stem().unwrap().to_string_lossy().to_string();
    let (kind, new_text) = match dice.roll(12) {
        0 => ("body", format!("{text}\nA further sentence {step}.\n")),
        1 => (
            "title",
            text.replacen("title: \"", &format!("title: \"Edited {step} "), 1),
        ),
        2 => (
            "short title",
            text.replacen("short_title: \"", &format!("short_title: \"S{step} "), 1),
        ),
        3 => ("date", {
            let at = text.find("\ndate: ").unwrap() + 7;
            format!("{}{}{}", &text[..at], 1990 + step % 30, &text[at + 4..])
        }),
        4 => (
            "values",
            text.replacen("grounds: [", "grounds: [sexual-orientation, ", 1)
                .replacen("sexual-orientation, sexual-orientation", "sexual-orientation", 1),
        ),
        5 => {
            let other = id_of(&files[dice.roll(files.len())]);
            ("citation", format!("{text}\nSee also [[{other}]].\n"))
        }
        6 => ("uncitation", without_first_reference(&text)),
        // Every word after the insertion moves.
        7 => (
            "insertion",
            text.replacen("\n[2] ", &format!("\n[2] Inserted gender court {step}. "), 1),
        ),
        // Words leave the entry, some of them the corpus.
        8 => ("cut", without_paragraph(&text, "\n[3] ")),
        // Every word moves to the other language's fields, or back.
        9 if text.contains("\nlang: fr\n") => ("language", text.replacen("\nlang: fr\n", "\n", 1)),
        9 => ("language", text.replacen("\ntitle: ", "\nlang: fr\ntitle: ", 1)),
        10 if files.len() > 20 => {
            // Entries that cite the deleted one would no longer build:
            // delete only an entry nothing refers to.
            let id = id_of(file);
            let referenced = files
                .iter()
                .any(|f| f != file && std::fs::read_to_string(f).unwrap().contains(&id));
            if !referenced {
                std::fs::remove_file(file).unwrap();
                return (format!("delete {}", file.display()), file.clone());
            }
            ("body", format!("{text}\nKept {step}.\n"))
        }
        _ => {
            let copy = file.with_file_name(format!("{}-copy-{step}.md", id_of(file)));
            std::fs::write(&copy, text.replacen("title: \"", "title: \"Copy of ", 1)).unwrap();
            return (format!("add {}", copy.display()), copy);
        }
    };
    std::fs::write(file, new_text).unwrap();
    (format!("{kind} {}", file.display()), file.clone())
}

/// The text without the paragraph that starts at `marker`.
fn without_paragraph(text: &str, marker: &str) -> String {
    let Some(start) = text.find(marker) else {
        return format!("{text}\nNo paragraph to cut.\n");
    };
    let end = text[start + 1..].find("\n\n").map_or(text.len(), |at| start + 1 + at);
    format!("{}{}", &text[..start], &text[end..])
}

/// The text with its first `[[…]]` reference made plain words.
fn without_first_reference(text: &str) -> String {
    let Some(start) = text.find("[[") else {
        return format!("{text}\nNo reference to take out.\n");
    };
    let end = start + text[start..].find("]]").expect("a reference is closed") + 2;
    format!("{}a reference taken out{}", &text[..start], &text[end..])
}

#[test]
fn random_edit_sequences_rebuild_exactly_what_a_full_build_gives() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = generated_corpus(
        dir.path(),
        amicus::generate::Generate {
            entries: 150,
            seed: 7,
            words_per_entry: 150,
        },
    );
    let options = BuildOptions::new(&corpus, dir.path().join("public"));
    let mut builder = Builder::new(options.clone());
    render(&mut builder);
    let mut dice = Dice(42);
    let mut done = Vec::new();
    // As serve's watcher reports them: absolute, links resolved.
    let absolute = corpus.canonicalize().unwrap();
    for step in 0..40 {
        // Every third step saves two files at once, as a search and
        // replace across the corpus would.
        let mut touched = Vec::new();
        for _ in 0..if step % 3 == 2 { 2 } else { 1 } {
            let (edit, path) = random_edit(&corpus, &mut dice, step);
            done.push(edit);
            touched.push(absolute.join(path.strip_prefix(&corpus).unwrap()));
        }
        builder.expect_changes(touched);
        let (incremental, _, _) = render(&mut builder);
        if step % 4 == 3 {
            let (full, _, _) = render(&mut Builder::once(options.clone()));
            let differing: Vec<&String> = full
                .iter()
                .zip(&incremental)
                .filter(|(a, b)| a != b)
                .map(|(a, _)| &a.0)
                .collect();
            assert!(
                full.len() == incremental.len() && differing.is_empty(),
                "after {done:?}: {} vs {} files; differing: {differing:?}",
                full.len(),
                incremental.len()
            );
        }
    }
}

#[test]
fn a_paragraph_split_that_moves_a_search_segment_rebuilds_as_a_full_build() {
    // 450 words, then a paragraph that crosses the 500th word with a word
    // of its own in its second half, then more: cutting that paragraph in
    // two starts the body's second segment inside it, so the postings of
    // the words after the cut say another segment, though no word moved.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&fixture("citations/corpus"), &corpus);
    let entry = corpus.join("policies/office-policy.md");
    let crossing = format!(
        "{} {}",
        "beta ".repeat(50).trim_end(),
        "beta ".repeat(25) + "zebra " + &"beta ".repeat(24)
    );
    let body = format!(
        "\n\n{}\n\n{}\n\n{}\n",
        "alpha ".repeat(450).trim_end(),
        crossing.trim_end(),
        "gamma ".repeat(100).trim_end()
    );
    let text = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(&entry, format!("{text}{body}")).unwrap();
    let options = BuildOptions::new(&corpus, dir.path().join("public"));
    let mut builder = Builder::new(options.clone());
    let (before, _, _) = render(&mut builder);

    let split = format!(
        "{}\n\n{}",
        "beta ".repeat(50).trim_end(),
        crossing["beta ".repeat(50).len()..].trim_end()
    );
    edit(&entry, crossing.trim_end(), &split);
    let (after, _, _) = render(&mut builder);
    let terms = |files: &[(String, Vec<u8>)]| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .filter(|(p, _)| p.starts_with("search/terms-"))
            .cloned()
            .collect()
    };
    assert_ne!(terms(&before), terms(&after), "the postings' segments changed");
    let (full, _, _) = render(&mut Builder::once(options));
    assert_eq!(after, full, "the incremental build equals a full build");
}

#[test]
fn a_save_through_a_temporary_file_rebuilds_as_a_full_build() {
    // `sed -i` and many editors write a temporary file beside the entry,
    // then rename it over the entry: the watcher names both paths, one of
    // them gone by the time the build looks.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&fixture("citations/corpus"), &corpus);
    let options = BuildOptions::new(&corpus, dir.path().join("public"));
    let mut builder = Builder::new(options.clone());
    render(&mut builder);
    let entry = entry_files(&corpus).into_iter().next().unwrap();
    let text = std::fs::read_to_string(&entry).unwrap();
    let temporary = entry.with_file_name("sedQ1w2E3");
    std::fs::write(&temporary, text.replacen("title: ", "title: Zyxwvut ", 1)).unwrap();
    std::fs::rename(&temporary, &entry).unwrap();
    let absolute = corpus.canonicalize().unwrap();
    let relative = |path: &Path| absolute.join(path.strip_prefix(&corpus).unwrap());
    builder.expect_changes(vec![relative(&temporary), relative(&entry)]);
    let (incremental, _, _) = render(&mut builder);
    let (full, _, _) = render(&mut Builder::once(options));
    assert!(incremental == full, "the rebuild differs from a full build");
    let page = String::from_utf8_lossy(
        &incremental
            .iter()
            .find(|(path, _)| path.ends_with(".html") && path.contains(entry.file_stem().unwrap().to_str().unwrap()))
            .unwrap()
            .1,
    )
    .into_owned();
    assert!(page.contains("Zyxwvut"), "the page shows the new title");
}

/// Texts just past the size the export still groups into a few shards (a
/// file per segment of each body, then): an edit that brings them under
/// it gives the grouped shards a full build makes, not the files apart.
#[test]
fn an_edit_that_shrinks_the_texts_below_the_grouping_size_rebuilds_as_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let cases = corpus.join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    let body = |chars: usize| "[1] Persecution on grounds of gender. ".repeat(chars / 38);
    for n in 0..36 {
        let entry = format!(
            "---\ntitle: Case {n:02}\ndate: 2020-01-01\ncourt: Trial Chamber\n---\n{}\n",
            body(4_900)
        );
        std::fs::write(cases.join(format!("case-{n:02}.md")), entry).unwrap();
    }
    let big = cases.join("case-big.md");
    std::fs::write(
        &big,
        format!(
            "---\ntitle: A Long Case\ndate: 2021-01-01\ncourt: Trial Chamber\n---\n{}\n",
            body(30_000)
        ),
    )
    .unwrap();
    let options = BuildOptions::new(&corpus, dir.path().join("public"));
    let mut builder = Builder::new(options.clone());
    let apart = |files: &[(String, Vec<u8>)]| files.iter().any(|(path, _)| path.starts_with("search/text-0-0."));
    let (first, _, _) = render(&mut builder);
    assert!(apart(&first), "the texts are past the grouping size");

    std::fs::write(
        &big,
        "---\ntitle: A Long Case\ndate: 2021-01-01\ncourt: Trial Chamber\n---\n[1] Short now.\n",
    )
    .unwrap();
    let (files, _, _) = render(&mut builder);
    let (full, _, _) = render(&mut Builder::once(options));
    assert!(!apart(&full), "a full build groups the shorter texts");
    let paths = |files: &[(String, Vec<u8>)]| -> Vec<String> { files.iter().map(|(path, _)| path.clone()).collect() };
    assert_eq!(
        paths(&files),
        paths(&full),
        "the incremental build writes a full build's files"
    );
    assert!(files == full, "the incremental build equals a full build");
}

/// A sentence added to a long body now and then moves it into the next of
/// the index's length classes. The class is written once, in the
/// document table, not in every posting of the body's terms: such an edit
/// changes the terms shards of the sentence's words, not every shard that
/// holds a word of the body (the other shards of their groups are renamed,
/// their data kept).
#[test]
fn a_body_growing_into_the_next_length_class_changes_few_terms_shards() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = generated_corpus(
        dir.path(),
        amicus::generate::Generate {
            entries: 40,
            seed: 5,
            words_per_entry: 1500,
        },
    );
    let options = BuildOptions::new(&corpus, dir.path().join("public"));
    let mut builder = Builder::new(options.clone());
    // A case: the first of the sorted files.
    let entry = entry_files(&corpus).into_iter().next().unwrap();
    // What each terms shard holds, its name and tag left out.
    let shards = |files: &[(String, Vec<u8>)]| -> std::collections::BTreeSet<Vec<u8>> {
        files
            .iter()
            .filter(|(path, _)| path.starts_with("search/terms-"))
            .map(|(_, bytes)| {
                let data = bytes
                    .iter()
                    .position(|&b| b == b',')
                    .expect("amicusSearch.add(name, data)");
                bytes[data..].to_vec()
            })
            .collect()
    };
    // The table travels in the manifest of a corpus this small.
    let body_lengths = |files: &[(String, Vec<u8>)]| -> serde_json::Value {
        let (_, manifest) = files
            .iter()
            .find(|(path, _)| path.starts_with("search/manifest."))
            .expect("a manifest");
        crate::support::encoded::manifest_of(manifest)["inline"]["docs-0"]["body"].clone()
    };
    let (mut before, _, _) = render(&mut builder);
    let mut moved = 0;
    for step in 0..30 {
        let text = std::fs::read_to_string(&entry).unwrap();
        std::fs::write(
            &entry,
            format!("{text}\nThe chamber heard the witness again on gender.\n"),
        )
        .unwrap();
        let (after, _, _) = render(&mut builder);
        let changed = shards(&after).difference(&shards(&before)).count();
        let all = shards(&after).len();
        assert!(
            changed * 4 < all,
            "step {step}: {changed} of {all} terms shards changed"
        );
        if body_lengths(&after) != body_lengths(&before) {
            moved += 1;
        }
        before = after;
    }
    assert!(moved > 0, "no sentence moved the body into another length class");
    let (full, _, _) = render(&mut Builder::once(options));
    assert!(before == full, "the rebuild differs from a full build");
}
