//! One module per subcommand, each wiring input, engine, renderer and sink.

pub mod check;
pub mod diagnose;
pub mod init;
pub mod portfolio;
pub mod workshop;

use crate::cli::{Cli, Command, DiagnoseArgs};
use crate::terminal;
use crate::{exit, record, sink};
use anyhow::Result;
use clap::CommandFactory;
use std::process::ExitCode;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    terminal::configure_prompts(cli.global.color);
    match cli.command {
        Some(Command::Diagnose(args)) => diagnose::run(&cli.global, args),
        Some(Command::Init(args)) => init::run(&cli.global, args),
        Some(Command::Check(args)) => check::run(&cli.global, args),
        Some(Command::Portfolio(args)) => portfolio::run(&cli.global, args),
        Some(Command::Workshop(command)) => workshop::run(&cli.global, command),
        Some(Command::Schema) => {
            sink::stdout(&record::json_schema())?;
            Ok(ExitCode::SUCCESS)
        }
        // Plain `calibrate` interviews a person, and never waits on a pipe.
        None if terminal::interactive() => diagnose::run(&cli.global, DiagnoseArgs::default()),
        None => {
            let mut help = Cli::command();
            eprintln!("{}", help.render_help());
            eprintln!(
                "error: no command given, and no terminal to ask questions on: run `calibrate diagnose` with flags"
            );
            Ok(ExitCode::from(exit::INPUT))
        }
    }
}

/// Today's date on this machine's clock, for commands that need one and
/// were not given `--today`.
pub fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}
