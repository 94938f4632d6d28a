use calibrate::{cli::Cli, commands, exit};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) if exit::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            if error.downcast_ref::<exit::Interrupted>().is_none() {
                eprintln!("error: {error:#}");
            } else if let Some(note) = exit::take_interrupt_note() {
                eprintln!("\n{note}");
            }
            exit::code_for(&error)
        }
    }
}
