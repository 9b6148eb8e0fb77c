//! Edit-to-updated-page latency: what an editor waits for in `amicus serve`
//! between saving an entry and the page being rebuilt (plus the watcher's
//! 150 ms debounce, which is constant).
//!
//! Run with `cargo bench --bench edit_latency`. `AMICUS_BENCH_ENTRIES`
//! sets the size of the generated corpus (default 10000); the starter corpus
//! is measured too. Prints one Markdown table row per corpus.

use std::path::Path;
use std::time::{Duration, Instant};

use amicus::generate::{write_corpus, Generate};
use amicus::site::{BuildOptions, Builder};

/// The allocator of the `amicus` binary, whose `serve` this measures.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EDITS: usize = 7;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Full build, then `EDITS` body edits and `EDITS` title edits of one entry,
/// each followed by an incremental rebuild; returns the medians.
fn measure(corpus: &Path, entry: &Path) -> (Duration, Duration, Duration, usize, usize) {
    let mut builder = Builder::new(BuildOptions::new(corpus, corpus.with_file_name("public-unused")));
    let started = Instant::now();
    let first = builder.render(&|| {}).expect("the corpus builds");
    let full = started.elapsed();
    let original = std::fs::read_to_string(entry).expect("the entry exists");
    let mut body_edits = Vec::new();
    let mut title_edits = Vec::new();
    let mut rendered_after_title = 0;
    // Body edits first, each on the original front matter, then title
    // edits: a body edit right after a title edit would undo it, and be a
    // title edit too.
    // What serve's watcher reports of a save.
    let changed = vec![entry.canonicalize().expect("the entry exists")];
    for n in 0..EDITS {
        std::fs::write(entry, format!("{original}\nAn added sentence, version {n}.\n")).unwrap();
        builder.expect_changes(changed.clone());
        let started = Instant::now();
        builder.render(&|| {}).expect("the corpus builds");
        body_edits.push(started.elapsed());
    }
    for n in 0..EDITS {
        let retitled = original.replacen("title: ", &format!("title: Edit {n} "), 1);
        std::fs::write(entry, retitled).unwrap();
        builder.expect_changes(changed.clone());
        let started = Instant::now();
        let built = builder.render(&|| {}).expect("the corpus builds");
        title_edits.push(started.elapsed());
        rendered_after_title = built.report.pages_rendered;
        if n == EDITS - 1 {
            let stages: Vec<String> = built
                .report
                .timings
                .iter()
                .map(|(stage, took)| format!("{stage} {:.0} ms", took.as_secs_f64() * 1000.0))
                .collect();
            eprintln!("{}: last title edit: {}", corpus.display(), stages.join(", "));
        }
    }
    std::fs::write(entry, original).unwrap();
    (
        full,
        median(body_edits),
        median(title_edits),
        first.report.pages_rendered,
        rendered_after_title,
    )
}

fn row(name: &str, corpus: &Path, entry: &Path) {
    let (full, body, title, pages, retitled) = measure(corpus, entry);
    println!(
        "| {name} | {pages} | {:.0} ms | {:.0} ms | {:.0} ms ({retitled} pages) |",
        full.as_secs_f64() * 1000.0,
        body.as_secs_f64() * 1000.0,
        title.as_secs_f64() * 1000.0
    );
}

fn main() {
    let entries: usize = std::env::var("AMICUS_BENCH_ENTRIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    println!("| corpus | pages | full build (in memory) | body edit → page | title edit → pages |");
    println!("|---|---:|---:|---:|---:|");

    let starter = tempfile::tempdir().unwrap();
    let corpus = starter.path().join("corpus");
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"), &corpus);
    row("starter (23 entries)", &corpus, &corpus.join("cases/icc-al-hassan.md"));

    let generated = tempfile::tempdir().unwrap();
    let corpus = generated.path().join("corpus");
    write_corpus(
        &corpus,
        Generate {
            entries,
            ..Generate::default()
        },
    )
    .unwrap();
    // An early case: cited by several later entries, as most are.
    let mut cases: Vec<_> = std::fs::read_dir(corpus.join("cases"))
        .unwrap()
        .map(|item| item.unwrap().path())
        .collect();
    cases.sort();
    let entry = &cases[cases.len().min(50) - 1];
    row(&format!("generated ({entries} entries)"), &corpus, entry);
}

fn copy(from: &Path, to: &Path) {
    for item in walkdir::WalkDir::new(from) {
        let item = item.unwrap();
        let target = to.join(item.path().strip_prefix(from).unwrap());
        if item.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(item.path(), &target).unwrap();
        }
    }
}
