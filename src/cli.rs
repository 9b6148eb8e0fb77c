//! The command line: parsing arguments, running a command, and showing its
//! result or its diagnostics. The only place that prints.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::site::{self, BuildError, BuildOptions, Report};

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
    },
    /// Check the corpus without writing anything.
    Check {
        #[command(flatten)]
        input: Input,
    },
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
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&error, "build failed; the previous output is unchanged"),
            }
        }
        Command::Check { input } => match site::check(&input.options(PathBuf::new())) {
            Ok(report) => {
                println!("{}: no problems found", report.describe_entries());
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error, "check failed"),
        },
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
