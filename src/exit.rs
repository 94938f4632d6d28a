//! Exit codes, and the errors that carry one other than 2.

use std::fmt;
use std::process::ExitCode;

/// Everything went as asked.
pub const SUCCESS: u8 = 0;
/// A check ran and found a problem.
pub const PROBLEM: u8 = 1;
/// The command line or an input was wrong.
pub const INPUT: u8 = 2;
/// The user pressed Ctrl-C.
pub const INTERRUPTED: u8 = 130;

/// The user interrupted an interview; nothing was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interrupted;

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupted {}

/// The exit code for an error that reached `main`.
pub fn code_for(error: &anyhow::Error) -> ExitCode {
    if error.downcast_ref::<Interrupted>().is_some() {
        ExitCode::from(INTERRUPTED)
    } else {
        ExitCode::from(INPUT)
    }
}

/// Whether the error is a closed pipe on our output (`calibrate … | head`),
/// which is not worth a message.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

/// What to tell the user if Ctrl-C ends the program now, such as how much
/// of a workshop is saved. Read by both ways an interruption ends a run:
/// the signal handler and an interrupted prompt.
static INTERRUPT_NOTE: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Sets (or with `None` clears) the note shown on Ctrl-C.
pub fn set_interrupt_note(note: Option<String>) {
    if let Ok(mut slot) = INTERRUPT_NOTE.lock() {
        *slot = note;
    }
}

/// Takes the note shown on Ctrl-C, if any.
pub fn take_interrupt_note() -> Option<String> {
    INTERRUPT_NOTE.lock().ok().and_then(|mut slot| slot.take())
}

/// Ctrl-C outside a prompt: put the cursor back, say what is saved, and
/// leave without writing. Installed when a prompt first appears, so runs
/// that never ask anything start without it.
pub fn handle_ctrl_c() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            use std::io::{IsTerminal, Write};
            if std::io::stderr().is_terminal() {
                let _ = std::io::stderr().write_all(b"\x1b[?25h\n");
            }
            if let Some(note) = take_interrupt_note() {
                eprintln!("{}", crate::render::sanitize::terminal(&note));
            }
            std::process::exit(INTERRUPTED.into());
        });
    });
}
