use calibrate::render::sanitize;
use calibrate::{cli::Cli, commands, exit, terminal};
use clap::{CommandFactory, FromArgMatches};
use std::ffi::OsString;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) if exit::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            if error.downcast_ref::<exit::Interrupted>().is_none() {
                for line in terminal::error_lines(&error) {
                    eprintln!("error: {line}");
                }
            } else if let Some(note) = exit::take_interrupt_note() {
                eprintln!("\n{}", calibrate::render::sanitize::terminal(&note));
            }
            exit::code_for(&error)
        }
    }
}

/// The command line, with an argument that is not UTF-8 named in one line.
fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let parsed = Cli::command()
        .try_get_matches_from_mut(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(error) if error.kind() == clap::error::ErrorKind::InvalidUtf8 => {
            eprintln!("error: {}", sanitize::terminal(&not_utf8(&args)));
            Err(ExitCode::from(exit::INPUT))
        }
        Err(error) => error.exit(),
    }
}

/// Which argument is not UTF-8, and what to do about it.
fn not_utf8(args: &[OsString]) -> String {
    let at = args.iter().skip(1).position(|arg| arg.to_str().is_none());
    let Some(at) = at.map(|i| i + 1) else {
        return "an argument is not UTF-8 text; pass every argument as UTF-8".into();
    };
    let bytes = args[at].as_encoded_bytes();
    let (option, value) = match bytes.iter().position(|&b| b == b'=') {
        Some(eq) if bytes.starts_with(b"--") => (
            String::from_utf8_lossy(&bytes[..eq]).into_owned(),
            &bytes[eq + 1..],
        ),
        _ => {
            let before = args[at - 1].to_string_lossy();
            let option = if at > 1 && before.starts_with('-') && before != "-" {
                before.into_owned()
            } else {
                format!("argument {at}")
            };
            (option, bytes)
        }
    };
    format!(
        "{option}: '{}' is not UTF-8 text; pass it as UTF-8",
        value.escape_ascii()
    )
}

/// Looks at standard output before the Rust runtime starts: a closed one is
/// replaced by `/dev/null` then, and a report written to it would vanish
/// without a word. Run by the system loader, before `main`.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static SEE_IF_STDOUT_IS_CLOSED: extern "C" fn() = {
    extern "C" fn see() {
        // SAFETY: fcntl with F_GETFD only asks about a descriptor.
        if unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1 {
            calibrate::sink::stdout_was_closed();
        }
    }
    see
};
