//! The command line: parsing arguments, running a command, and showing its
//! result or its diagnostics. The only place that prints.
//!
//! One file, longer than most, on purpose: every command's arguments and
//! everything the program prints are here, in one place to read.

use std::io::{IsTerminal, Write};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::diagnostic::Diagnostics;
use crate::scaffold;
use crate::search::{self, engine::Notice, Answer};
use crate::serve::{self, ServeOptions};
use crate::site::{self, BuildError, BuildOptions, Builder, Report};
use crate::watch::{self, Rebuilt};

/// `println!` that does not panic when the reader has gone (`amicus check |
/// head`): what could not be written is dropped.
macro_rules! outln {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `print!`, likewise.
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `eprintln!`, likewise.
macro_rules! errln {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// amicus: a static-site generator for legal knowledge bases.
#[derive(Debug, Parser)]
#[command(name = "amicus", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the corpus into a static site.
    Build {
        #[command(flatten)]
        input: Input,
        /// The output folder; replaced as a whole when the build succeeds.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
        /// Also write the whole site as a zip for offline use
        /// (amicus-site.zip in the output folder, linked from the home page).
        #[arg(long, conflicts_with = "watch")]
        bundle: bool,
        /// Also write a gzip copy (NAME.gz) beside every text file it makes
        /// a tenth smaller, for hosts that serve precompressed files (nginx
        /// gzip_static, Caddy, many CDNs).
        #[arg(long)]
        precompress: bool,
        /// Keep running: after every change to the corpus, the config or the
        /// themes, rebuild and write only the files that changed (for a site
        /// served by another server, or opened from the folder).
        #[arg(long)]
        watch: bool,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Check the corpus without writing anything: errors and warnings.
    Check {
        #[command(flatten)]
        input: Input,
        /// `text` for people, `json` for editors and CI.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail (exit code 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Search the corpus as it is now (checked and indexed as a build does).
    ///
    /// Words must all match; "exact phrases" (quote them for the shell:
    /// '"forced marriage"'), -word and -"phrase" exclude, a OR b, word* for a
    /// prefix, and filters: type:case country:ml court:icc grounds:gender
    /// crimes:forced-marriage year:2020..2024 lang:fr.
    Search {
        /// The query; several arguments are joined with spaces. Options may
        /// come anywhere; after `--`, everything is the query.
        #[arg(required = true, num_args = 1.., allow_hyphen_values = true, trailing_var_arg = true)]
        query: Vec<String>,
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
        /// How many results to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[command(flatten)]
        input: Input,
    },
    /// Serve a live preview that rebuilds and reloads on every save.
    Serve {
        #[command(flatten)]
        input: Input,
        /// The port; 0 picks a free one.
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Only the loopback address keeps the
        /// preview (and any draft in it) off the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
    },
    /// Write a deterministic synthetic corpus (for benchmarks).
    #[command(hide = true)]
    Generate(GenerateArgs),
    /// Create a new entry with the front matter of its type.
    New {
        /// case, policy, principle, recommendation, instrument or report.
        #[arg(value_name = "TYPE")]
        kind: String,
        /// The entry's title; the id is made from it unless --id is given.
        title: String,
        #[arg(long)]
        id: Option<String>,
        /// The corpus folder.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
    },
}

impl Cli {
    /// Parses the process's arguments. `amicus search` takes its options
    /// anywhere among the words of its query (`amicus search gender
    /// persecution --json --limit 5`), and a word that starts with `-` and
    /// is no option of its own (`-acquitted`) is part of the query.
    pub fn from_env() -> Cli {
        Cli::parse_from(search_options_first(std::env::args_os().collect()))
    }

    /// Whether the command rebuilds the site after each save until stopped
    /// (`serve`, `build --watch`), rather than building it once.
    pub fn rebuilds_on_saves(&self) -> bool {
        matches!(self.command, Command::Serve { .. } | Command::Build { watch: true, .. })
    }
}

/// The options of `amicus search` that take a value.
const SEARCH_VALUE_OPTIONS: [&str; 4] = ["--limit", "--corpus", "--config", "--cache"];
/// Its options without a value.
const SEARCH_FLAGS: [&str; 4] = ["--json", "--drafts", "--help", "-h"];

/// `args` with the options of a `search` command moved before its query
/// and the query after `--`, which clap then reads whole: `search gender
/// --json -acquitted` becomes `search --json -- gender -acquitted`. An
/// explicit `--` ends the options. Other commands are left as they are.
fn search_options_first(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let Some(at) = args.iter().skip(1).position(|a| !a.to_string_lossy().starts_with('-')) else {
        return args;
    };
    let at = at + 1;
    if args[at] != "search" {
        return args;
    }
    let (mut options, mut query) = (Vec::new(), Vec::new());
    let mut rest = args[at + 1..].iter();
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy();
        let name = text.split('=').next().unwrap_or_default();
        if text == "--" {
            query.extend(rest.by_ref().cloned());
        } else if SEARCH_FLAGS.contains(&name) {
            options.push(arg.clone());
        } else if SEARCH_VALUE_OPTIONS.contains(&name) {
            options.push(arg.clone());
            if !text.contains('=') {
                options.extend(rest.next().cloned());
            }
        } else {
            query.push(arg.clone());
        }
    }
    let mut rewritten = args[..=at].to_vec();
    rewritten.extend(options);
    rewritten.push("--".into());
    rewritten.extend(query);
    rewritten
}

/// For benchmarks (hidden from help): see `generate.rs`.
#[derive(Debug, Args)]
pub(crate) struct GenerateArgs {
    /// How many entries.
    #[arg(long, default_value_t = 1000)]
    pub(crate) entries: usize,
    /// The same seed gives the same corpus, byte for byte.
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
    /// Words of body text per entry, roughly.
    #[arg(long, default_value_t = 1500)]
    pub(crate) words: usize,
    /// The corpus folder to create; it must not exist or be empty.
    #[arg(long)]
    pub(crate) out: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct Input {
    /// The corpus folder (holding cases/, policies/, principles/, …).
    #[arg(long, default_value = "corpus")]
    pub(crate) corpus: PathBuf,
    /// The site configuration; by default amicus.yaml next to the corpus folder.
    #[arg(long)]
    pub(crate) config: Option<PathBuf>,
    /// Include entries with `status: draft` (never confidential ones).
    #[arg(long)]
    pub(crate) drafts: bool,
    /// No longer used: the search index is made in memory from the corpus
    /// (accepted so that scripts written for older versions still run).
    #[arg(long, hide = true)]
    pub(crate) cache: Option<PathBuf>,
}

impl Input {
    /// Warns of an option that no longer does anything.
    fn warn_of_unused(&self) {
        if self.cache.is_some() {
            errln!("warning: --cache is no longer used: the search index is made in memory from the corpus; an old .amicus-cache/ folder can be deleted");
        }
    }

    fn options(&self, out: PathBuf) -> BuildOptions {
        self.warn_of_unused();
        BuildOptions {
            corpus: self.corpus.clone(),
            out,
            config: self.config.clone(),
            include_drafts: self.drafts,
            bundle: false,
            precompress: false,
        }
    }
}

/// Runs the command `cli` names and prints what came of it: failure when
/// it could not do what was asked (a corpus with errors, warnings under
/// `check --deny-warnings`, an output folder it may not replace).
pub fn run(cli: Cli) -> ExitCode {
    let started = Instant::now();
    match cli.command {
        Command::Build {
            input,
            out,
            quiet,
            bundle,
            precompress,
            timings,
            watch,
        } => {
            let mut options = input.options(out.clone());
            options.precompress = precompress;
            if watch {
                return build_and_watch(options, quiet, timings);
            }
            options.bundle = bundle;
            let progress = progress_bar(quiet);
            let result = site::build(&options, &|| progress.inc(1));
            progress.finish_and_clear();
            match result {
                Ok(report) => {
                    if !quiet {
                        outln!("{}", build_summary(&report, &out, started.elapsed()));
                    }
                    if timings {
                        for (stage, took) in &report.timings {
                            errln!("{stage:>8}: {:>8.1} ms", took.as_secs_f64() * 1000.0);
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&error, "build failed; the previous output is unchanged"),
            }
        }
        Command::Check {
            input,
            format,
            deny_warnings,
        } => check(&input, format, deny_warnings),
        Command::Serve { input, port, bind } => {
            let builder = Builder::new(input.options(PathBuf::new()));
            let corpus = input.corpus.display().to_string();
            let drafts = input.drafts;
            let served = serve::serve(builder, &ServeOptions { bind, port }, |address| {
                outln!("Serving {corpus} at http://{address}/ (Ctrl-C to stop)");
                let _ = std::io::stdout().flush();
                if !address.ip().is_loopback() {
                    errln!("{}", network_warning(address, drafts));
                }
            });
            match served {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    errln!("error: {}", printable(&error.to_string()));
                    ExitCode::FAILURE
                }
            }
        }
        Command::Search {
            query,
            json,
            limit,
            input,
        } => search_command(&query.join(" "), json, limit, &input),
        Command::Generate(args) => generate(&args),
        Command::New {
            kind,
            title,
            id,
            corpus,
        } => {
            let created =
                scaffold::parse_type(&kind).and_then(|kind| scaffold::create(&corpus, kind, &title, id.as_deref()));
            match created {
                Ok(path) => {
                    outln!("{}", path.display());
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    errln!("error: {}", printable(&error.to_string()));
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn generate(args: &GenerateArgs) -> ExitCode {
    let occupied = std::fs::read_dir(&args.out).is_ok_and(|mut items| items.next().is_some());
    if occupied {
        errln!("error: {} is not empty", args.out.display());
        return ExitCode::FAILURE;
    }
    let options = crate::generate::Generate {
        entries: args.entries,
        seed: args.seed,
        words_per_entry: args.words,
    };
    match crate::generate::write_corpus(&args.out, options) {
        Ok(()) => {
            outln!("Wrote {} entries into {}", args.entries, args.out.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            errln!("error: cannot write {}: {error}", args.out.display());
            ExitCode::FAILURE
        }
    }
}

fn check(input: &Input, format: Format, deny_warnings: bool) -> ExitCode {
    let result = site::check(&input.options(PathBuf::new()));
    let (diagnostics, summary) = match &result {
        Ok(report) => (report.warnings.clone(), Some(report.describe_entries())),
        Err(BuildError::Corpus(diagnostics)) => (diagnostics.clone(), None),
        Err(BuildError::Config(diagnostic)) => (Diagnostics(vec![(**diagnostic).clone()]), None),
        Err(other) => {
            // Not about a file of the corpus: no place to report as JSON.
            return fail(other, "check failed");
        }
    };
    let failed = diagnostics.has_errors() || (deny_warnings && !diagnostics.is_empty());
    match format {
        Format::Json => outln!("{}", diagnostics.to_json()),
        Format::Text => {
            if !diagnostics.is_empty() {
                errln!("{}", diagnostics.rendered(colour()));
            }
            match summary {
                Some(summary) if diagnostics.is_empty() => outln!("{summary}: no problems found"),
                Some(summary) => outln!("{summary}: no errors, {}", diagnostics.counts()),
                None => errln!("error: check failed"),
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// What `serve --bind` to an address other than loopback exposes.
fn network_warning(address: std::net::SocketAddr, drafts: bool) -> String {
    format!(
        "warning: the preview is visible to every machine that can reach {} on this network{}; \
         the problems of a build are shown to them without the lines of unpublished entries. \
         Without `--bind`, only this machine sees it.",
        address.ip(),
        if drafts { ", drafts included" } else { "" }
    )
}

/// `amicus search`: answers from the index of the corpus as it is now,
/// made in memory as a build makes it.
fn search_command(query: &str, json: bool, limit: usize, input: &Input) -> ExitCode {
    let index = match Builder::once(input.options(PathBuf::new())).search_index() {
        Ok(index) => index,
        Err(error) => return fail(&error, "search failed"),
    };
    let answer = search::answer(&index, query, limit);
    if json {
        outln!("{}", serde_json::to_string_pretty(&answer).unwrap_or_default());
    } else {
        out!("{}", describe_answer(&answer, std::io::stdout().is_terminal()));
    }
    ExitCode::SUCCESS
}

/// `text` with its control characters made visible (`\x1b` as `␛`, a
/// line break within a title as `␊`): text from the corpus can never move
/// the cursor, retitle the terminal or clear the screen. Tabs become a
/// space.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\x7f' => '\u{2421}',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// The answer as text: results with their snippet, then facets and notices.
fn describe_answer(answer: &Answer, colour: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let shown = answer.results.len();
    let _ = writeln!(
        out,
        "{} result{} for {}{}",
        answer.total,
        if answer.total == 1 { "" } else { "s" },
        printable(&answer.query),
        if shown < answer.total {
            format!(" (showing {shown})")
        } else {
            String::new()
        }
    );
    for (rank, result) in answer.results.iter().enumerate() {
        let mut facts = vec![result.kind.clone(), result.date.clone()];
        facts.extend(result.court.clone());
        facts.extend(result.case_number.clone());
        let _ = writeln!(
            out,
            "\n{:>2}. {}\n    {}\n    {}",
            rank + 1,
            printable(&result.title),
            printable(&facts.join(" · ")),
            printable(&result.url)
        );
        if let Some(snippet) = &result.snippet {
            let text: String = snippet
                .segments
                .iter()
                .map(|s| match (s.mark, colour) {
                    (true, true) => format!("\x1b[1;33m{}\x1b[0m", printable(&s.text)),
                    (true, false) => format!("*{}*", printable(&s.text)),
                    (false, _) => printable(&s.text),
                })
                .collect();
            let _ = writeln!(out, "    {text}");
        }
    }
    for notice in &answer.notices {
        let _ = writeln!(out, "\n{}", printable(&describe_notice(notice)));
    }
    let facets: Vec<String> = answer
        .facets
        .iter()
        .filter(|f| !f.values.is_empty())
        .map(|f| {
            let values: Vec<String> = f.values.iter().map(|v| format!("{} ({})", v.value, v.count)).collect();
            printable(&format!("  {}: {}", f.field, values.join(", ")))
        })
        .collect();
    if !facets.is_empty() {
        let _ = writeln!(out, "\nRefine with:\n{}", facets.join("\n"));
    }
    out
}

fn describe_notice(notice: &Notice) -> String {
    match notice {
        Notice::Unknown { text, suggestions } if suggestions.is_empty() => {
            format!("{text}: not in any entry")
        }
        Notice::Unknown { text, suggestions } => {
            format!("{text}: not in any entry; did you mean {}?", suggestions.join(", "))
        }
        Notice::Expanded { text, words } => format!("{text} stands for: {}", words.join(", ")),
        Notice::BadFilter { text, reason } => format!("{text}: ignored; {reason}"),
        Notice::UnknownValue { text, suggestions } if suggestions.is_empty() => {
            format!("{text}: no entry has this value")
        }
        Notice::UnknownValue { text, suggestions } => {
            format!(
                "{text}: no entry has this value; did you mean {}?",
                suggestions.join(", ")
            )
        }
        Notice::NoCombination { counts } => {
            let parts: Vec<String> = counts.iter().map(|(t, n)| format!("{t} ({n})")).collect();
            format!(
                "No entry matches all of the words; alone they match: {}",
                parts.join(", ")
            )
        }
    }
}

fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} rendering: {pos} pages").unwrap_or(ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

fn build_summary(report: &Report, out: &std::path::Path, elapsed: Duration) -> String {
    let withheld = match report.withheld {
        0 => String::new(),
        n => format!(", {n} withheld (draft or confidential)"),
    };
    let bundle = match report.bundle_bytes {
        Some(bytes) => format!(
            "; offline bundle {} ({})",
            out.join(crate::bundle::FILE).display(),
            crate::bundle::human_size(bytes)
        ),
        None => String::new(),
    };
    format!(
        "Built {}{withheld} into {}: {} files, {:.1} KiB in {:.2}s{bundle}",
        report.describe_entries(),
        out.display(),
        report.files,
        report.bytes as f64 / 1024.0,
        elapsed.as_secs_f64()
    )
}

/// `build --watch`: reports each build as it comes; runs until stopped.
fn build_and_watch(options: BuildOptions, quiet: bool, timings: bool) -> ExitCode {
    let out = options.out.clone();
    let shown = out.clone();
    if !quiet {
        outln!(
            "Watching {} for changes; {} is kept up to date (Ctrl-C to stop)",
            options.corpus.display(),
            out.display()
        );
    }
    let watched = watch::build_and_watch(Builder::new(options), &out, move |rebuilt| match rebuilt {
        Rebuilt::Updated {
            report,
            written,
            removed,
            took,
        } => {
            if !quiet {
                outln!(
                    "Built {} into {}: {written} files written, {removed} removed, in {} ms",
                    report.describe_entries(),
                    shown.display(),
                    took.as_millis()
                );
            }
            if timings {
                for (stage, took) in &report.timings {
                    errln!("{stage:>8}: {:>8.1} ms", took.as_secs_f64() * 1000.0);
                }
            }
        }
        Rebuilt::Failed(error) => {
            fail(
                &error,
                "build failed; the output is unchanged, waiting for the next change",
            );
        }
        Rebuilt::NotWritten(error) => {
            errln!(
                "error: {}\nerror: the next build writes the whole site again",
                printable(&error.to_string())
            );
        }
    });
    let Err(error) = watched;
    errln!("error: {}", printable(&error.to_string()));
    ExitCode::FAILURE
}

fn fail(error: &BuildError, what: &str) -> ExitCode {
    match error {
        BuildError::Corpus(diagnostics) => errln!("{}", diagnostics.rendered(colour())),
        BuildError::Config(diagnostic) => errln!("{}", diagnostic.rendered(colour())),
        other => errln!("error: {}", printable(&other.to_string())),
    }
    errln!("error: {what}");
    ExitCode::FAILURE
}

/// Diagnostics are coloured on a terminal, unless `NO_COLOR` is set.
fn colour() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::{printable, search_options_first};

    #[test]
    fn search_options_may_come_anywhere() {
        let rewrite = |line: &str| -> String {
            let args = line.split(' ').map(std::ffi::OsString::from).collect();
            let out: Vec<String> = search_options_first(args)
                .into_iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            out.join(" ")
        };
        assert_eq!(
            rewrite("amicus search gender persecution --json --limit 5"),
            "amicus search --json --limit 5 -- gender persecution"
        );
        assert_eq!(
            rewrite("amicus search gender -acquitted --limit=2 --corpus c"),
            "amicus search --limit=2 --corpus c -- gender -acquitted"
        );
        assert_eq!(rewrite("amicus search -- --json -x"), "amicus search -- --json -x");
        assert_eq!(rewrite("amicus search --help"), "amicus search --help --");
        assert_eq!(rewrite("amicus build --out x"), "amicus build --out x");
    }

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(printable("a\x1b]0;x\x07\tb\x7f\u{9b}c"), "a␛]0;x␇ b␡\u{fffd}c");
        assert_eq!(printable("persécution — دعوى"), "persécution — دعوى");
    }
}
