//! The command line: parsing arguments, running a command, and showing its
//! result or its diagnostics. The only place that prints.

use std::io::{IsTerminal, Write};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::diagnostic::Diagnostics;
use crate::scaffold;
use crate::serve::{self, ServeOptions};
use crate::site::{self, BuildError, BuildOptions, Builder, Report};

/// amicus: a static-site generator for legal knowledge bases.
#[derive(Debug, Parser)]
#[command(name = "amicus", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
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
        #[arg(long)]
        bundle: bool,
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

/// For benchmarks (hidden from help): see `generate.rs`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many entries.
    #[arg(long, default_value_t = 1000)]
    pub entries: usize,
    /// The same seed gives the same corpus, byte for byte.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Words of body text per entry, roughly.
    #[arg(long, default_value_t = 1500)]
    pub words: usize,
    /// The corpus folder to create; it must not exist or be empty.
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct Input {
    /// The corpus folder (holding cases/, policies/, principles/, …).
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// The site configuration; by default amicus.yaml next to the corpus folder.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Include entries with `status: draft` (never confidential ones).
    #[arg(long)]
    pub drafts: bool,
}

impl Input {
    fn options(&self, out: PathBuf) -> BuildOptions {
        BuildOptions {
            corpus: self.corpus.clone(),
            out,
            config: self.config.clone(),
            include_drafts: self.drafts,
            bundle: false,
        }
    }
}

pub fn run(cli: Cli) -> ExitCode {
    let started = Instant::now();
    match cli.command {
        Command::Build {
            input,
            out,
            quiet,
            bundle,
            timings,
        } => {
            let mut options = input.options(out.clone());
            options.bundle = bundle;
            let progress = progress_bar(quiet);
            let result = site::build(&options, &|| progress.inc(1));
            progress.finish_and_clear();
            match result {
                Ok(report) => {
                    if !quiet {
                        println!("{}", build_summary(&report, &out, started.elapsed()));
                    }
                    if timings {
                        for (stage, took) in &report.timings {
                            eprintln!("{stage:>8}: {:>8.1} ms", took.as_secs_f64() * 1000.0);
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
            let served = serve::serve(builder, &ServeOptions { bind, port }, |address| {
                println!("Serving {corpus} at http://{address}/ (Ctrl-C to stop)");
                let _ = std::io::stdout().flush();
            });
            match served {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::FAILURE
                }
            }
        }
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
                    println!("{}", path.display());
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn generate(args: &GenerateArgs) -> ExitCode {
    let occupied = std::fs::read_dir(&args.out).is_ok_and(|mut items| items.next().is_some());
    if occupied {
        eprintln!("error: {} is not empty", args.out.display());
        return ExitCode::FAILURE;
    }
    let options = crate::generate::Generate {
        entries: args.entries,
        seed: args.seed,
        words_per_entry: args.words,
    };
    match crate::generate::write_corpus(&args.out, options) {
        Ok(()) => {
            println!("Wrote {} entries into {}", args.entries, args.out.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write {}: {error}", args.out.display());
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
        Format::Json => println!("{}", diagnostics.to_json()),
        Format::Text => {
            if !diagnostics.is_empty() {
                eprintln!("{diagnostics}");
            }
            match summary {
                Some(summary) if diagnostics.is_empty() => println!("{summary}: no problems found"),
                Some(summary) => println!("{summary}: no errors, {}", diagnostics.counts()),
                None => eprintln!("error: check failed"),
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
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

fn fail(error: &BuildError, what: &str) -> ExitCode {
    match error {
        BuildError::Corpus(diagnostics) => eprintln!("{diagnostics}"),
        BuildError::Config(diagnostic) => eprint!("{diagnostic}"),
        other => eprintln!("error: {other}"),
    }
    eprintln!("error: {what}");
    ExitCode::FAILURE
}
