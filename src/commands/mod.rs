//! One module per subcommand, each wiring input, engine, renderer and sink.

pub mod calibration;
pub mod check;
pub mod diagnose;
pub mod diff;
pub mod history;
pub mod init;
pub mod options;
pub mod playbooks;
pub mod portfolio;
pub mod workshop;

use options::Settings;

use crate::cli::{
    Cli, ColorArg, Command, DiagnoseArgs, PackArgs, PlaybooksCommand, WorkshopCommand,
};
use crate::terminal;
use crate::{exit, record, sink};
use anyhow::Result;
use clap::CommandFactory;
use std::process::ExitCode;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let settings = |pack: &PackArgs, color: &ColorArg| Settings::of(&cli, pack, color);
    let no_pack = PackArgs::default();
    let no_color = ColorArg::default();
    match cli.command {
        Some(Command::Diagnose(ref args)) => {
            diagnose::run(&settings(&args.pack, &args.color)?, args.clone())
        }
        Some(Command::Init(ref args)) => {
            init::run(&settings(&args.pack, &args.color)?, args.clone())
        }
        Some(Command::Check(ref args)) => {
            check::run(&settings(&args.pack, &args.color)?, args.clone())
        }
        Some(Command::Calibration(ref args)) => {
            calibration::run(&settings(&args.pack, &args.color)?, args.clone())
        }
        Some(Command::Diff(ref args)) => {
            diff::run(&settings(&args.pack, &args.color)?, args.clone())
        }
        Some(Command::History(ref args)) => {
            history::run(&settings(&args.pack, &args.color)?, args.clone())
        }
        Some(Command::Portfolio(ref args)) => {
            portfolio::run(&settings(&args.pack, &args.color)?, args.clone())
        }
        Some(Command::Playbooks(ref command)) => {
            let (pack, color) = match command {
                PlaybooksCommand::List { pack, color }
                | PlaybooksCommand::Show { pack, color, .. } => (pack.clone(), color),
                PlaybooksCommand::Export { pack, .. } => (
                    PackArgs {
                        playbooks: None,
                        pack: pack.pack.clone(),
                    },
                    &no_color,
                ),
                PlaybooksCommand::Validate { .. } => (no_pack.clone(), &no_color),
            };
            playbooks::run(&settings(&pack, color)?, command.clone())
        }
        Some(Command::Workshop(ref command)) => {
            let (pack, color) = match command {
                WorkshopCommand::New(args) => (&args.pack, &args.color),
                WorkshopCommand::Vote(args) => (&args.pack, &args.color),
                WorkshopCommand::Run(args) => (&args.pack, &args.color),
                WorkshopCommand::Report(args) => (&args.pack, &args.color),
                WorkshopCommand::Serve(args) => (&args.pack, &args.color),
            };
            workshop::run(&settings(pack, color)?, command.clone())
        }
        Some(Command::Schema(ref args)) => {
            let settings = settings(&args.pack, &no_color)?;
            sink::stdout(&record::json_schema(&settings.framework()?))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "calibrate", &mut script);
            sink::stdout(&String::from_utf8_lossy(&script))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man(ref args)) => man(args),
        // Plain `calibrate` interviews a person, and never waits on a pipe.
        None if terminal::interactive() => {
            diagnose::run(&settings(&no_pack, &no_color)?, DiagnoseArgs::default())
        }
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

/// `calibrate man`: the page for calibrate on standard output, or with
/// `--dir` a page for it and for every command, written into that folder.
fn man(args: &crate::cli::ManArgs) -> Result<ExitCode> {
    let command = Cli::command();
    let Some(dir) = &args.dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command).render(&mut page)?;
        sink::stdout(&String::from_utf8_lossy(&page))?;
        return Ok(ExitCode::SUCCESS);
    };
    let mut pages = Vec::new();
    collect_pages(command, &mut pages)?;
    std::fs::create_dir_all(dir)
        .map_err(|err| anyhow::anyhow!("{}: cannot create the folder: {err}", dir.display()))?;
    for (name, _) in &pages {
        sink::check_writable(&dir.join(name), args.force)?;
    }
    for (name, page) in &pages {
        sink::write_file(&dir.join(name), page, args.force)?;
    }
    terminal::status(&format!(
        "Wrote {} manual pages to {}",
        pages.len(),
        dir.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// The manual page of `command` and of each command under it, named as man
/// expects: calibrate.1, calibrate-workshop-vote.1.
fn collect_pages(command: clap::Command, pages: &mut Vec<(String, String)>) -> Result<()> {
    let command = command.disable_help_subcommand(true);
    let mut page = Vec::new();
    let man = clap_mangen::Man::new(command.clone());
    let name = format!("{}.{}", man.get_filename().trim_end_matches(".1"), "1");
    man.render(&mut page)?;
    pages.push((name, String::from_utf8_lossy(&page).into_owned()));
    let prefix = command
        .get_display_name()
        .unwrap_or(command.get_name())
        .to_string();
    let spoken = command
        .get_bin_name()
        .unwrap_or(command.get_name())
        .to_string();
    for sub in command.get_subcommands() {
        // The page is calibrate-workshop-vote(1); the command is typed
        // `calibrate workshop vote`.
        let file = format!("{prefix}-{}", sub.get_name());
        let typed = format!("{spoken} {}", sub.get_name());
        collect_pages(
            sub.clone()
                .name(file.clone())
                .display_name(file)
                .bin_name(typed),
            pages,
        )?;
    }
    Ok(())
}
