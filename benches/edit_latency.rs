//! Edit-to-updated-page latency: what an editor waits for between saving
//! an entry and the site being rebuilt (plus the watcher's 50 ms
//! debounce, which is constant). Each cell gives three medians: the site
//! rebuilt in memory, as `amicus serve` serves it; then, as
//! `amicus build --watch` writes it, every changed file on disk but the
//! corpus-wide ones (the pages and search shards a reader loads); then
//! every changed file on disk.
//!
//! Run with `cargo bench --bench edit_latency`. `AMICUS_BENCH_ENTRIES`
//! sets the size of the generated corpus (default 10000); the starter corpus
//! is measured too, and the generated corpus's most-cited entry. Prints one
//! Markdown table row per corpus.

use std::path::Path;
use std::time::{Duration, Instant};

use amicus::generate::{write_corpus, Generate};
use amicus::output::Published;
use amicus::site::{BuildOptions, Builder};

/// The allocator of the `amicus` binary, whose `serve` this measures.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EDITS: usize = 7;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The times of one kind of edit until the site was updated: in memory,
/// on disk but for the corpus-wide files (the pages and search shards),
/// and on disk.
#[derive(Default)]
struct Edits {
    in_memory: Vec<Duration>,
    pages_on_disk: Vec<Duration>,
    on_disk: Vec<Duration>,
}

impl Edits {
    /// Their medians, in milliseconds.
    fn cell(self) -> String {
        let ms = |samples| median(samples).as_secs_f64() * 1000.0;
        format!(
            "{:.0} / {:.0} / {:.0} ms",
            ms(self.in_memory),
            ms(self.pages_on_disk),
            ms(self.on_disk)
        )
    }
}

/// What `build --watch` does after a save, timed: the rebuild, then the
/// changed files written into `out`. Returns the pages rendered.
fn rebuild(
    builder: &mut Builder,
    published: &mut Published,
    out: &Path,
    changed: &[std::path::PathBuf],
    edits: &mut Edits,
) -> usize {
    builder.expect_changes(changed.to_vec());
    let started = Instant::now();
    let built = builder.render(&|| {}).expect("the corpus builds");
    edits.in_memory.push(started.elapsed());
    let rendered = started.elapsed();
    let update = published.update(out, built.files).expect("the output is written");
    edits.pages_on_disk.push(rendered + update.pages_written);
    edits.on_disk.push(started.elapsed());
    built.report.pages_rendered
}

/// What [`measure`] measured.
struct Measured {
    full: Duration,
    pages: usize,
    /// A sentence added at the end of the body.
    appended: Edits,
    /// A sentence added in the middle of the body, which moves every word
    /// after it.
    inserted: Edits,
    retitled: Edits,
    /// The pages a title edit renders.
    retitled_pages: usize,
}

/// `text` with `sentence` put at the start of the first numbered
/// paragraph (`[12] …`) past the middle of its body, after its number (at
/// the end, if there is none).
fn insert_mid_body(text: &str, sentence: &str) -> String {
    let body = text.match_indices("---\n").nth(1).map_or(0, |(at, _)| at + 4);
    let middle = body + (text.len() - body) / 2;
    let paragraph = text[middle..].match_indices("\n[").find_map(|(at, _)| {
        let start = middle + at + 2;
        let number = text[start..].find("] ")?;
        text[start..start + number]
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then_some(start + number + 2)
    });
    match paragraph {
        Some(at) => format!("{}{sentence} {}", &text[..at], &text[at..]),
        None => format!("{text}\n{sentence}\n"),
    }
}

/// Full build, then `EDITS` edits of each kind of one entry's body, then
/// `EDITS` of its title, each followed by an incremental rebuild written
/// to disk.
fn measure(corpus: &Path, entry: &Path) -> Measured {
    let out = corpus.with_file_name("public");
    let mut builder = Builder::new(BuildOptions::new(corpus, &out));
    let mut published = Published::default();
    let started = Instant::now();
    let first = builder.render(&|| {}).expect("the corpus builds");
    let full = started.elapsed();
    let pages = first.report.pages_rendered;
    published.update(&out, first.files).expect("the output is written");
    let original = std::fs::read_to_string(entry).expect("the entry exists");
    let (mut appended, mut inserted, mut retitled) = (Edits::default(), Edits::default(), Edits::default());
    let mut retitled_pages = 0;
    // Body edits first, each on the original front matter, then title
    // edits: a body edit right after a title edit would undo it, and be a
    // title edit too.
    // What the watcher reports of a save.
    let changed = vec![entry.canonicalize().expect("the entry exists")];
    for n in 0..EDITS {
        std::fs::write(entry, format!("{original}\nAn added sentence, version {n}.\n")).unwrap();
        rebuild(&mut builder, &mut published, &out, &changed, &mut appended);
    }
    for n in 0..EDITS {
        // One word more each time: every word after it moves.
        let sentence = format!("An inserted sentence{}.", " again".repeat(n));
        std::fs::write(entry, insert_mid_body(&original, &sentence)).unwrap();
        rebuild(&mut builder, &mut published, &out, &changed, &mut inserted);
    }
    for n in 0..EDITS {
        let text = original.replacen("title: ", &format!("title: Edit {n} "), 1);
        std::fs::write(entry, text).unwrap();
        retitled_pages = rebuild(&mut builder, &mut published, &out, &changed, &mut retitled);
    }
    std::fs::write(entry, original).unwrap();
    Measured {
        full,
        pages,
        appended,
        inserted,
        retitled,
        retitled_pages,
    }
}

/// Prints a row; `kept` says the full build found the search index of an
/// earlier row's build of the same corpus, which it then only checks.
fn row(name: &str, corpus: &Path, entry: &Path, kept: bool) {
    let measured = measure(corpus, entry);
    println!(
        "| {name} | {} | {:.0} ms{} | {} | {} | {} ({} pages) |",
        measured.pages,
        measured.full.as_secs_f64() * 1000.0,
        if kept { " (search index kept)" } else { "" },
        measured.appended.cell(),
        measured.inserted.cell(),
        measured.retitled.cell(),
        measured.retitled_pages
    );
}

fn main() {
    let entries: usize = std::env::var("AMICUS_BENCH_ENTRIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    println!("| corpus | pages | full build (in memory) | sentence added at the end | sentence added mid-body | title edit |");
    println!("|---|---:|---:|---:|---:|---:|");

    let starter = tempfile::tempdir().unwrap();
    let corpus = starter.path().join("corpus");
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"), &corpus);
    row(
        "starter (23 entries)",
        &corpus,
        &corpus.join("cases/icc-al-hassan.md"),
        false,
    );

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
    let mut cases: Vec<_> = std::fs::read_dir(corpus.join("cases"))
        .unwrap()
        .map(|item| item.unwrap().path())
        .collect();
    cases.sort();
    // An early case: cited by several later entries, as most are.
    let entry = &cases[cases.len().min(50) - 1];
    row(&format!("generated ({entries} entries)"), &corpus, entry, false);
    // The first case: the generator's citations follow a power law, and
    // half the corpus cites it. Its title is on every citing page.
    row(
        &format!("generated ({entries} entries), most-cited entry"),
        &corpus,
        &cases[0],
        true,
    );
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
