//! One module per subcommand, each wiring input, engine, renderer and sink.

pub mod check;
pub mod diagnose;
pub mod init;
pub mod playbooks;
pub mod portfolio;
pub mod workshop;

use crate::cli::{AnswerArgs, Cli, Command, DiagnoseArgs, GlobalArgs, OutputArgs};
use crate::framework::Framework;
use crate::input::Flags;
use crate::problem::Problems;
use crate::render::{Format, TextStyle};
use crate::terminal;
use crate::{exit, packs, record, sink};
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
        Some(Command::Playbooks(command)) => playbooks::run(&cli.global, command),
        Some(Command::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "calibrate", &mut script);
            sink::stdout(&String::from_utf8_lossy(&script))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            sink::stdout(&String::from_utf8_lossy(&page))?;
            Ok(ExitCode::SUCCESS)
        }
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

impl GlobalArgs {
    /// The pack these options name: a folder, or a built-in pack.
    pub fn framework(&self) -> Result<Framework, Problems> {
        packs::load(self.playbooks.as_deref(), &self.pack)
    }
}

/// Today's date on this machine's clock, for commands that need one and
/// were not given `--today`.
pub fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

impl OutputArgs {
    /// The format to render in, after refusing an existing --output file
    /// before any work (and before any interview).
    pub fn prepare(&self) -> Result<Format> {
        if let Some(path) = &self.output {
            sink::check_writable(path, self.force)?;
        }
        Ok(self
            .format
            .or_else(|| self.output.as_deref().and_then(Format::from_path))
            .unwrap_or_default())
    }

    /// How text looks: as the terminal allows, or plain for a file read
    /// later and elsewhere.
    pub fn style(&self, global: &GlobalArgs) -> TextStyle {
        let style = terminal::text_style(global.color);
        if self.output.is_some() {
            style.piped()
        } else {
            style
        }
    }

    /// Writes the report to --output (atomically) or standard output.
    pub fn deliver(&self, report: &str) -> Result<()> {
        self.deliver_with(&|out| out.write_all(report.as_bytes()))
    }

    /// Writes the report `write` makes as it goes to --output (atomically)
    /// or standard output.
    pub fn deliver_with(&self, write: sink::Writer) -> Result<()> {
        match &self.output {
            Some(path) => {
                sink::write_file_with(path, self.force, write)?;
                eprintln!("Wrote {}", path.display());
            }
            None => sink::stdout_with(write)?,
        }
        Ok(())
    }
}

impl AnswerArgs {
    /// The flags as plain values for the input stage.
    pub fn flags(&self) -> Flags {
        Flags {
            name: self.name.clone(),
            horizon: self.horizon.clone(),
            facts: self.fact_texts.clone(),
            assumptions: self.assumption_texts.clone(),
            fact_count: self.facts,
            assumption_count: self.assumptions,
            current: self.current.clone(),
            may_ask: !self.no_input && terminal::interactive(),
        }
    }
}
