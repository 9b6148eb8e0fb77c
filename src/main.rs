use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    amicus::cli::run(amicus::cli::Cli::parse())
}
