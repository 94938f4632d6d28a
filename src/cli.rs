//! Command-line definitions (clap derive types only).

use crate::answers::Horizon;
use crate::render::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0    success
  1    a check found a problem
  2    usage or input error (the message says what to fix)
  130  interrupted (Ctrl-C); nothing was written";

const DIAGNOSE_EXAMPLES: &str = "\
Examples:
  calibrate diagnose
      Answer the questions in an interview.
  calibrate diagnose --horizon 6m --facts 7 --assumptions 3
      Payoff due in six months; seven of ten claims are facts.
  calibrate diagnose --name \"Claims copilot\" --horizon 18m \\
      --fact \"Our claims data is clean\" --assumption \"Adjusters will trust it\" \\
      --current go-now --format markdown
      Describe the claims, compare with the playbook run today, write Markdown.";

/// Diagnose an initiative's circumstances before you pick its playbook.
///
/// Two questions: how long until the investment must pay off, and how much of
/// what the plan rests on is known fact rather than assumption. The answers
/// place it on a 2x2, and each quadrant has its own playbook: Go NOW!,
/// Predictable Planning, Discovery Planning or Resilient Strategy.
///
/// Run with no arguments in a terminal to be interviewed.
#[derive(Debug, Parser)]
#[command(name = "calibrate", version, after_long_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Load the playbook pack from this folder instead of the built-in one
    #[arg(long, global = true, value_name = "DIR")]
    pub playbooks: Option<PathBuf>,

    /// When to use colour in text output (NO_COLOR also turns it off)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Diagnose one initiative and show its playbook (the default in a terminal)
    #[command(after_help = DIAGNOSE_EXAMPLES, after_long_help = format!("{DIAGNOSE_EXAMPLES}\n\n{EXIT_CODES}"))]
    Diagnose(DiagnoseArgs),
}

/// Answers given as flags; anything missing is asked for in a terminal.
#[derive(Debug, Clone, Default, Args)]
pub struct DiagnoseArgs {
    /// How long until the investment must pay off: a number with an optional
    /// unit d, w, m (default), q or y, such as 6m, 90d or 2y
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    pub horizon: Option<Horizon>,

    /// A claim the plan rests on that you have shown in your own situation
    /// (repeatable). Start it with the evidence behind it to have it weighed:
    /// "measured: …", "pilot: …", "vendor: …", "peer: …" or "opinion: …"
    #[arg(long = "fact", value_name = "TEXT")]
    pub fact_texts: Vec<String>,

    /// A claim the plan rests on that you believe but have not shown (repeatable)
    #[arg(long = "assumption", value_name = "TEXT")]
    pub assumption_texts: Vec<String>,

    /// Quick count: this many more facts, without naming them
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10_000))]
    pub facts: Option<u32>,

    /// Quick count: this many more assumptions, without naming them
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10_000))]
    pub assumptions: Option<u32>,

    /// The playbook the team runs today (id or alias), to check it against the diagnosis
    #[arg(long, value_name = "PLAYBOOK")]
    pub current: Option<String>,

    /// The initiative's name, shown in the report
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Never ask questions: missing answers are an error (the default without a terminal)
    #[arg(long)]
    pub no_input: bool,
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}
