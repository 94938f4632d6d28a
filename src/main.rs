use calibrate::{cli::Cli, commands, exit};
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Ctrl-C outside a prompt: put the cursor back and leave without writing.
    let _ = ctrlc::set_handler(|| {
        if std::io::stderr().is_terminal() {
            let _ = std::io::stderr().write_all(b"\x1b[?25h\n");
        }
        if let Some(note) = exit::take_interrupt_note() {
            eprintln!("{note}");
        }
        std::process::exit(exit::INTERRUPTED.into());
    });
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
