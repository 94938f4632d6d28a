//! What we know about the terminal: whether we may ask questions, whether to
//! colour, and how wide to draw.

use crate::render::{TextStyle, terminal_width_when_piped};
use std::io::IsTerminal;

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

const PIPED_WIDTH: u16 = terminal_width_when_piped();

/// Whether a person can answer questions: stdin and stderr are terminals.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Whether the user asked for no colour through the environment.
fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// How text output should look for this run.
pub fn text_style(choice: ColorChoice) -> TextStyle {
    let stdout = std::io::stdout();
    let on_terminal = stdout.is_terminal();
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => on_terminal && !no_color_env(),
    };
    let width = if on_terminal {
        dialoguer::console::Term::stdout()
            .size_checked()
            .map_or(PIPED_WIDTH, |(_, columns)| columns.clamp(60, 140))
    } else {
        // Piped text fits the width the shell says, as `ls` and `man` do.
        std::env::var("COLUMNS")
            .ok()
            .and_then(|columns| columns.trim().parse::<u16>().ok())
            .map_or(PIPED_WIDTH, |columns| columns.clamp(40, 200))
    };
    TextStyle {
        color,
        width,
        brief: false,
    }
}

/// Applies the colour choice to the prompts on stderr.
pub fn configure_prompts(choice: ColorChoice) {
    let enabled = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stderr().is_terminal() && !no_color_env(),
    };
    dialoguer::console::set_colors_enabled_stderr(enabled);
}

/// Prints a status line on stderr (`Wrote report.html`), with any text it
/// carries from users or packs made visible and harmless: one line, no
/// terminal escapes.
pub fn status(line: &str) {
    eprintln!("{}", crate::render::sanitize::terminal(line));
}

/// The lines of an error, each to print after `error: `: one per problem
/// when the error lists several, else the whole message as one line, with
/// whatever it quotes made visible and harmless.
pub fn error_lines(error: &anyhow::Error) -> Vec<String> {
    use crate::problem::{Problem, Problems};
    use crate::render::sanitize::terminal;
    if let Some(problems) = error.downcast_ref::<Problems>() {
        return problems
            .0
            .iter()
            .map(|p| terminal(&p.to_string()))
            .collect();
    }
    if let Some(problem) = error.downcast_ref::<Problem>() {
        return vec![terminal(&problem.to_string())];
    }
    vec![terminal(&format!("{error:#}"))]
}
