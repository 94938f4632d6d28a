//! Command-line definitions (clap derive types only).

use crate::render::{Format, Report};
use crate::terminal::ColorChoice;
use clap::{Args, Parser, Subcommand};
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
  calibrate diagnose --record plan.yaml -o report.html
      A self-contained HTML report with the 2x2, to project or forward.
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
#[command(
    name = "calibrate",
    version = concat!(env!("CARGO_PKG_VERSION"), " (built-in pack: ", env!("CALIBRATE_BUILT_IN_PACK"), ")"),
    after_long_help = EXIT_CODES,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub pack: PackArgs,

    #[command(flatten)]
    pub color: ColorArg,
}

/// Which playbook pack to use, for the commands that read one. Given before
/// the command or after it.
#[derive(Debug, Clone, Default, Args)]
pub struct PackArgs {
    /// Load the playbook pack from this folder instead of a built-in one
    /// [env: CALIBRATE_PLAYBOOKS]
    #[arg(long, value_name = "DIR")]
    pub playbooks: Option<PathBuf>,

    /// The built-in pack to use: en (English, the default) or es (Spanish)
    /// [env: CALIBRATE_PACK]
    #[arg(
        long,
        value_name = "ID",
        value_parser = clap::builder::PossibleValuesParser::new(crate::packs::built_in_ids())
    )]
    pub pack: Option<String>,
}

/// A built-in pack, for the command that writes one out.
#[derive(Debug, Clone, Default, Args)]
pub struct BuiltInPackArg {
    /// The built-in pack to write: en (English, the default) or es (Spanish)
    /// [env: CALIBRATE_PACK]
    #[arg(
        long,
        value_name = "ID",
        value_parser = clap::builder::PossibleValuesParser::new(crate::packs::built_in_ids())
    )]
    pub pack: Option<String>,
}

/// Colour, for the commands that print text for people.
#[derive(Debug, Clone, Default, Args)]
pub struct ColorArg {
    /// When to use colour in text output [default: auto] (NO_COLOR also turns it off)
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Diagnose one initiative and show its playbook (the default in a terminal)
    #[command(after_help = DIAGNOSE_EXAMPLES, after_long_help = format!("{DIAGNOSE_EXAMPLES}\n\n{INTERVIEW_EXIT_CODES}"))]
    Diagnose(DiagnoseArgs),

    /// Write a new decision record, by interview, from flags, or as a template
    #[command(after_help = INIT_EXAMPLES, after_long_help = format!("{INIT_EXAMPLES}\n\n{INTERVIEW_EXIT_CODES}"))]
    Init(InitArgs),

    /// Check that each record's declared playbook still fits its circumstances (for CI)
    #[command(after_help = CHECK_EXAMPLES, after_long_help = format!("{CHECK_EXAMPLES}\n\n{CHECK_EXIT_CODES}"))]
    Check(CheckArgs),

    /// How decision records changed between two git revisions (for pull requests)
    #[command(after_help = DIFF_EXAMPLES, after_long_help = format!("{DIFF_EXAMPLES}\n\n{DIFF_EXIT_CODES}"))]
    Diff(DiffArgs),

    /// Every committed version of one decision record, on the 2x2 and as a table
    #[command(after_help = HISTORY_EXAMPLES, after_long_help = format!("{HISTORY_EXAMPLES}\n\n{HISTORY_EXIT_CODES}"))]
    History(HistoryArgs),

    /// Print the JSON Schema of decision records, with the pack's ids
    #[command(after_help = SCHEMA_EXAMPLES, after_long_help = format!("{SCHEMA_EXAMPLES}\n\n{PLAIN_EXIT_CODES}"))]
    Schema(SchemaArgs),

    /// Your track record: how often resolved claims held against the confidence stated
    #[command(after_help = CALIBRATION_EXAMPLES, after_long_help = format!("{CALIBRATION_EXAMPLES}\n\n{PLAIN_EXIT_CODES}"))]
    Calibration(CalibrationArgs),

    /// Many initiatives on one 2x2: every playbook, every mismatch
    #[command(after_help = PORTFOLIO_EXAMPLES, after_long_help = format!("{PORTFOLIO_EXAMPLES}\n\n{PORTFOLIO_EXIT_CODES}"))]
    Portfolio(PortfolioArgs),

    /// Several people diagnose one initiative; the report shows where they disagree
    #[command(subcommand, after_help = WORKSHOP_EXAMPLES, after_long_help = format!("{WORKSHOP_EXAMPLES}\n\n{WORKSHOP_EXIT_CODES}"))]
    Workshop(WorkshopCommand),

    /// List, show, export and validate playbook packs
    #[command(subcommand, after_help = PLAYBOOKS_EXAMPLES, after_long_help = format!("{PLAYBOOKS_EXAMPLES}\n\n{PLAIN_EXIT_CODES}"))]
    Playbooks(PlaybooksCommand),

    /// Print a shell completion script: source <(calibrate completions bash)
    #[command(after_help = COMPLETIONS_EXAMPLES, after_long_help = format!("{COMPLETIONS_EXAMPLES}\n\n{PLAIN_EXIT_CODES}"))]
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },

    /// Print the manual: one page for calibrate, or with --dir a page for every command
    #[command(after_help = MAN_EXAMPLES, after_long_help = format!("{MAN_EXAMPLES}\n\n{PLAIN_EXIT_CODES}"))]
    Man(ManArgs),
}

/// The exit codes of commands that may interview.
const INTERVIEW_EXIT_CODES: &str = "\
Exit codes:
  0    success
  2    usage or input error (the message says what to fix)
  130  interrupted (Ctrl-C); nothing was written";

/// The exit codes of commands that check nothing and ask nothing.
const PLAIN_EXIT_CODES: &str = "\
Exit codes:
  0    success
  2    usage or input error (the message says what to fix)";

const WORKSHOP_EXIT_CODES: &str = "\
Exit codes:
  0    success
  2    usage or input error (the message says what to fix); the session is left as it was
  130  interrupted (Ctrl-C); the votes already given are saved";

#[derive(Debug, Clone, Default, Args)]
pub struct SchemaArgs {
    #[command(flatten)]
    pub pack: PackArgs,
}

#[derive(Debug, Clone, Default, Args)]
pub struct ManArgs {
    /// Write calibrate.1 and a page for every command (calibrate-diagnose.1 ...)
    /// into this folder, instead of printing calibrate's page
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Overwrite pages that exist in DIR
    #[arg(long, requires = "dir")]
    pub force: bool,
}

const SCHEMA_EXAMPLES: &str = "\
Examples:
  calibrate schema > decision-record.schema.json
      Save the schema for an editor or a validator.
  calibrate schema | jq '.properties | keys'
      The fields a decision record may have.";

const WORKSHOP_EXAMPLES: &str = "\
Examples:
  calibrate workshop new copilot.yaml --name \"Claims copilot\" --claim \"Our data is clean\"
      Start a session with the claims the group will weigh.
  calibrate workshop run copilot.yaml
      Pass the laptop: each person answers in private, saved after every vote.
  calibrate workshop report copilot.yaml -o workshop.html
      Where the group agrees and splits, to project.";

const PLAYBOOKS_EXAMPLES: &str = "\
Examples:
  calibrate playbooks list
      The four playbooks and the quadrant each one answers.
  calibrate playbooks export mypack && calibrate playbooks validate mypack
      Start a pack of your own from the built-in one, then check it.
  calibrate --playbooks mypack diagnose
      Diagnose with your own pack.";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  source <(calibrate completions bash)
      Completions in this bash session (add it to ~/.bashrc to keep them).
  calibrate completions zsh > ~/.zfunc/_calibrate
      For zsh, with ~/.zfunc on your fpath.
  calibrate completions fish > ~/.config/fish/completions/calibrate.fish
      For fish.";

const MAN_EXAMPLES: &str = "\
Examples:
  calibrate man > calibrate.1 && man ./calibrate.1
      Read the manual page.
  calibrate man --dir ~/.local/share/man/man1
      Install every page, for `man calibrate` and `man calibrate-diagnose`.";

const PLAYBOOKS_LIST_EXAMPLES: &str = "\
Examples:
  calibrate playbooks list
      The built-in playbooks.
  calibrate --pack es playbooks list
      The Spanish pack's playbooks.
  calibrate --playbooks mypack playbooks list
      The playbooks of your own pack.";
const PLAYBOOKS_SHOW_EXAMPLES: &str = "\
Examples:
  calibrate playbooks show discovery
      The Discovery Planning card in the terminal.
  calibrate playbooks show patient --format markdown > predictable.md
      By alias, as Markdown for a strategy document.
  calibrate playbooks show go-now --format json | jq .moves
      The moves alone.";
const PLAYBOOKS_EXPORT_EXAMPLES: &str = "\
Examples:
  calibrate playbooks export mypack
      The English pack, comments and all, to edit.
  calibrate --pack es playbooks export mipack
      Start from the Spanish pack instead.
  calibrate playbooks export mypack --force
      Replace the files already in mypack.";
const PLAYBOOKS_VALIDATE_EXAMPLES: &str = "\
Examples:
  calibrate playbooks validate mypack
      Exit 0 when the pack is valid, or 2 with every problem listed.
  calibrate playbooks validate examples/packs/northwind
      The worked example of a firm's own pack.";

#[derive(Debug, Clone, Subcommand)]
pub enum PlaybooksCommand {
    /// The pack's playbooks: id, name, quadrant, summary
    #[command(after_help = PLAYBOOKS_LIST_EXAMPLES, after_long_help = format!("{PLAYBOOKS_LIST_EXAMPLES}\n\n{PLAIN_EXIT_CODES}"))]
    List {
        #[command(flatten)]
        pack: PackArgs,
        #[command(flatten)]
        color: ColorArg,
    },
    /// One playbook's whole card
    #[command(after_help = PLAYBOOKS_SHOW_EXAMPLES, after_long_help = format!("{PLAYBOOKS_SHOW_EXAMPLES}\n\n{PLAIN_EXIT_CODES}"))]
    Show {
        /// The playbook's id or alias
        #[arg(value_parser = PlaybookId, hide_possible_values = true)]
        id: String,
        /// Output format
        #[arg(long, value_parser = FormatOf(Report::Card), default_value = "text")]
        format: Format,
        #[command(flatten)]
        pack: PackArgs,
        #[command(flatten)]
        color: ColorArg,
    },
    /// Write the pack to DIR, to make your own
    #[command(after_help = PLAYBOOKS_EXPORT_EXAMPLES, after_long_help = format!("{PLAYBOOKS_EXPORT_EXAMPLES}\n\n{PLAIN_EXIT_CODES}"))]
    Export {
        /// The folder to write (created if missing)
        dir: PathBuf,
        /// Overwrite files that exist
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        pack: BuiltInPackArg,
    },
    /// Check a pack folder: every problem with its file, line and column
    #[command(after_help = PLAYBOOKS_VALIDATE_EXAMPLES, after_long_help = format!("{PLAYBOOKS_VALIDATE_EXAMPLES}\n\n{PLAIN_EXIT_CODES}"))]
    Validate {
        /// The pack folder
        dir: PathBuf,
    },
}

const CALIBRATION_EXAMPLES: &str = "\
Examples:
  calibrate calibration examples/track-record/
      The Brier score, the calibration table per evidence kind, owner and playbook,
      and how often each playbook paid off.
  calibrate calibration strategy/ archive/ -o track-record.html
      Over several folders, as HTML with a reliability diagram.";

#[derive(Debug, Clone, Args)]
pub struct CalibrationArgs {
    /// Decision records, or folders of them; claims with an outcome are scored
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub today: TodayArg,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub pack: PackArgs,
    #[command(flatten)]
    pub color: ColorArg,
}

const PORTFOLIO_EXAMPLES: &str = "\"
Examples:
  calibrate portfolio strategy/
      Every decision record under strategy/ on one 2x2.
  calibrate portfolio portfolio.yaml --format json
      A portfolio file: `initiatives:` followed by decision records.
  calibrate portfolio strategy/ --fail-on-mismatch -o portfolio.html
      For CI: an HTML report, and exit 1 if any declared playbook does not fit.";

const PORTFOLIO_EXIT_CODES: &str = "\
Exit codes:
  0    every initiative was placed (and with --fail-on-mismatch, none is mismatched)
  1    --fail-on-mismatch and an initiative's declared playbook does not fit
  2    an initiative or file is invalid (named with file, line and column); the rest
       are still placed and reported";

#[derive(Debug, Clone, Args)]
pub struct PortfolioArgs {
    /// Portfolio files, decision records, or folders of them
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub today: TodayArg,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Exit 1 when any initiative's declared playbook does not fit
    #[arg(long)]
    pub fail_on_mismatch: bool,
    /// Also list the initiatives that changed quadrant since this git revision
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    #[command(flatten)]
    pub pack: PackArgs,
    #[command(flatten)]
    pub color: ColorArg,
}

const WORKSHOP_NEW_EXAMPLES: &str = "\
Examples:
  calibrate workshop new copilot.yaml --name \"Claims copilot\" \\
      --claim \"Adjusters will trust the suggestions\" --claim \"Our claims data is clean\"
      A session with two claims; they get the ids c1 and c2.
  calibrate workshop new copilot.yaml
      Asks for the initiative and the claims.
  calibrate --pack es workshop new taller.yaml
      The interview in Spanish.";
const WORKSHOP_VOTE_EXAMPLES: &str = "\
Examples:
  calibrate workshop vote copilot.yaml --participant Ana --horizon 6m --fact c2
      Ana expects the payoff in six months and holds claim c2 as proven.
  calibrate workshop vote copilot.yaml --participant Ben --horizon 2y
      Ben holds none of the claims as proven.
  calibrate workshop vote copilot.yaml
      Asks one person for their vote.";
const WORKSHOP_RUN_EXAMPLES: &str = "\
Examples:
  calibrate workshop run copilot.yaml
      Asks each person in turn; the screen is cleared between people.
  calibrate --pack es workshop run taller.yaml
      The same, in Spanish.";
const WORKSHOP_REPORT_EXAMPLES: &str = "\
Examples:
  calibrate workshop report copilot.yaml
      The report in the terminal.
  calibrate workshop report copilot.yaml -o workshop.html
      One HTML file with everyone on the 2x2, to project.
  calibrate workshop report copilot.yaml --anonymous --format markdown
      Without names, for the minutes.";

const WORKSHOP_SERVE_EXAMPLES: &str = "\
Examples:
  calibrate workshop serve copilot.yaml
      On this computer only: try it, or share your screen on a video call.
  calibrate workshop serve copilot.yaml --bind 0.0.0.0
      In a room: phones on the same network scan the QR code to join.
  calibrate workshop serve copilot.yaml --port 8080
      Stop with Ctrl-C; run it again to carry on with the same links.";

#[derive(Debug, Clone, Subcommand)]
pub enum WorkshopCommand {
    /// Start a session: the initiative and the claims everyone will weigh
    #[command(after_help = WORKSHOP_NEW_EXAMPLES, after_long_help = format!("{WORKSHOP_NEW_EXAMPLES}\n\n{WORKSHOP_EXIT_CODES}"))]
    New(WorkshopNewArgs),
    /// Add or replace one person's vote (interviews them without the flags)
    #[command(after_help = WORKSHOP_VOTE_EXAMPLES, after_long_help = format!("{WORKSHOP_VOTE_EXAMPLES}\n\n{WORKSHOP_EXIT_CODES}"))]
    Vote(WorkshopVoteArgs),
    /// Pass the laptop: ask each person in turn, saving after every vote
    #[command(after_help = WORKSHOP_RUN_EXAMPLES, after_long_help = format!("{WORKSHOP_RUN_EXAMPLES}\n\n{WORKSHOP_EXIT_CODES}"))]
    Run(WorkshopFileArg),
    /// Where the group agrees, where it splits, and the claims to discuss
    #[command(after_help = WORKSHOP_REPORT_EXAMPLES, after_long_help = format!("{WORKSHOP_REPORT_EXAMPLES}\n\n{WORKSHOP_EXIT_CODES}"))]
    Report(WorkshopReportArgs),
    /// Live: everyone votes from their own phone; you reveal the results
    #[command(after_help = WORKSHOP_SERVE_EXAMPLES, after_long_help = format!("{WORKSHOP_SERVE_EXAMPLES}\n\n{WORKSHOP_EXIT_CODES}"))]
    Serve(WorkshopServeArgs),
}

#[derive(Debug, Clone, Args)]
pub struct WorkshopServeArgs {
    /// The session file (`calibrate workshop new` writes one)
    pub file: PathBuf,
    /// The port to listen on; 0 picks a free one. Keep the same port to
    /// resume a workshop with the links people already have
    #[arg(long, value_name = "N", default_value_t = crate::live::DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on: 127.0.0.1 (this computer only) unless
    /// given; 0.0.0.0 lets phones on the same network join
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1", value_parser = crate::live::read_bind)]
    pub bind: std::net::IpAddr,
    #[command(flatten)]
    pub today: TodayArg,
    #[command(flatten)]
    pub pack: PackArgs,
    #[command(flatten)]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Args)]
pub struct WorkshopNewArgs {
    /// The session file to create
    pub file: PathBuf,
    /// The initiative the group is diagnosing
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// A claim the plan rests on (repeatable); each gets an id: c1, c2, ...
    #[arg(long = "claim", value_name = "TEXT")]
    pub claims: Vec<String>,
    /// Overwrite FILE if it exists
    #[arg(long)]
    pub force: bool,
    /// Never ask questions: missing answers are an error
    #[arg(long)]
    pub no_input: bool,
    #[command(flatten)]
    pub pack: PackArgs,
    #[command(flatten)]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Args)]
pub struct WorkshopVoteArgs {
    /// The session file
    pub file: PathBuf,
    /// Who is voting
    #[arg(long, value_name = "NAME")]
    pub participant: Option<String>,
    /// When they expect the payoff: 6m, 18 months, 2y, or a deadline such as 2027-06-30
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    pub horizon: Option<String>,
    /// The ids of the claims they hold as proven, in any case: --fact c1,c3 or
    /// --fact c1 --fact c3; the rest are assumptions
    #[arg(long = "fact", value_name = "ID", value_delimiter = ',')]
    pub facts: Vec<String>,
    /// How likely they think a claim is to hold, from 0 to 1 or as a
    /// percentage: --confidence c1=0.8 or --confidence c2=60%
    #[arg(long, value_name = "ID=P")]
    pub confidence: Vec<String>,
    /// Why they read a claim as they do, in one line: --why c1="we measured it"
    #[arg(long, value_name = "ID=TEXT")]
    pub why: Vec<String>,
    /// Never ask questions: missing answers are an error
    #[arg(long)]
    pub no_input: bool,
    #[command(flatten)]
    pub today: TodayArg,
    #[command(flatten)]
    pub pack: PackArgs,
    #[command(flatten)]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Args)]
pub struct WorkshopFileArg {
    /// The session file
    pub file: PathBuf,
    #[command(flatten)]
    pub today: TodayArg,
    #[command(flatten)]
    pub pack: PackArgs,
    #[command(flatten)]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Args)]
pub struct WorkshopReportArgs {
    /// The session file
    pub file: PathBuf,
    #[command(flatten)]
    pub today: TodayArg,
    /// Leave out who said what
    #[arg(long)]
    pub anonymous: bool,
    /// The round to report on, 1 or 2 [default: the latest anyone voted in;
    /// the second round's report shows how far the group moved since the first]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=2))]
    pub round: Option<u8>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub pack: PackArgs,
    #[command(flatten)]
    pub color: ColorArg,
}

const INIT_EXAMPLES: &str = "\
Examples:
  calibrate init strategy/assistant.yaml
      Interview, then write the record.
  calibrate init plan.yaml --name \"Claims copilot\" --horizon 6m \\
      --fact \"measured: Claims volumes are stable\" --assumption \"Adjusters will trust it\"
      Write a record from flags.
  calibrate init --template > plan.yaml
      A commented record to fill in by hand.";

const CHECK_EXAMPLES: &str = "\
Examples:
  calibrate check strategy/
      Check every decision record under strategy/.
  calibrate check --strict --format github strategy/
      Also fail on borderline diagnoses, overdue reviews and facts without evidence,
      with annotations a GitHub pull request shows inline.";

const CHECK_EXIT_CODES: &str = "\
Exit codes:
  0    every record's declared playbook fits (with --strict: and nothing else was found)
  1    a record's declared playbook does not fit, or --strict found a problem
  2    a record could not be read or is invalid (every other file is still checked)";

const DIFF_EXAMPLES: &str = "\
Examples:
  calibrate diff
      What this branch changed in the records, against where it left the default branch.
  calibrate diff main HEAD strategy/ --format markdown
      The records under strategy/ from main to HEAD, as a pull-request comment.
  calibrate diff v1.0 -- strategy/pricing.yaml
      One record since the tag v1.0, in the work tree (`--` ends the revisions).";

const DIFF_EXIT_CODES: &str = "\
Exit codes:
  0    the comparison was made (whatever it found)
  1    with --fail-on-mismatch: a declared playbook stopped fitting
  2    not a git repository, an unknown revision, a shallow clone, or a record that cannot be read";

const HISTORY_EXAMPLES: &str = "\
Examples:
  calibrate history strategy/pricing.yaml
      Each committed version: date, author, commit and playbook.
  calibrate history strategy/pricing.yaml --format svg > pricing-history.svg
      The versions as numbered points joined in order on the 2x2, for a slide.";

const HISTORY_EXIT_CODES: &str = "\
Exit codes:
  0    the history was shown
  2    not a git repository, a shallow clone, or a record with no committed version";

#[derive(Debug, Clone, Args)]
pub struct HistoryArgs {
    /// The decision record, as a path in the work tree (renames are followed)
    #[arg(value_name = "RECORD")]
    pub record: PathBuf,

    /// Output format
    #[arg(long, value_parser = FormatOf(Report::History), default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub today: TodayArg,
    #[command(flatten)]
    pub pack: PackArgs,
    #[command(flatten)]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// Up to two revisions (BASE, then HEAD), then the records or folders to
    /// compare. BASE defaults to where HEAD left the default branch, HEAD to
    /// the work tree, the paths to the whole repository
    #[arg(value_name = "BASE HEAD PATH")]
    pub args: Vec<String>,

    /// Records or folders, after `--`, when a path could be read as a revision
    #[arg(last = true, value_name = "PATH")]
    pub paths: Vec<String>,

    /// Exit 1 when a declared playbook stopped fitting
    #[arg(long)]
    pub fail_on_mismatch: bool,

    /// Output format
    #[arg(long, value_parser = FormatOf(Report::Diff), default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub today: TodayArg,
    #[command(flatten)]
    pub pack: PackArgs,
    #[command(flatten)]
    pub color: ColorArg,
}

/// The day deadlines are counted from.
#[derive(Debug, Clone, Default, Args)]
pub struct TodayArg {
    /// Count a deadline given as a date from this day instead of today
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub today: Option<jiff::civil::Date>,
}

/// A calendar date as people type it on the command line.
fn date(text: &str) -> Result<jiff::civil::Date, String> {
    crate::answers::read_date(text)
}

/// Answers given as flags; anything missing is asked for in a terminal.
#[derive(Debug, Clone, Default, Args)]
pub struct AnswerArgs {
    /// How long until the investment must pay off: a number and a unit, such as
    /// 6m, 90d, 18 months or 2y (months when there is no unit), or a deadline
    /// such as 2027-06-30
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    pub horizon: Option<String>,

    /// A claim the plan rests on that you have shown in your own situation
    /// (repeatable). Start it with the evidence behind it to have it weighed:
    /// "measured: …", "pilot: …", "track-record: …", "vendor: …", "peer: …" or "opinion: …"
    #[arg(long = "fact", value_name = "TEXT")]
    pub fact_texts: Vec<String>,

    /// A claim the plan rests on that you believe but have not shown (repeatable)
    #[arg(long = "assumption", value_name = "TEXT")]
    pub assumption_texts: Vec<String>,

    /// Quick count: this many more facts, without naming them
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=1_000))]
    pub facts: Option<u32>,

    /// Quick count: this many more assumptions, without naming them
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=1_000))]
    pub assumptions: Option<u32>,

    /// The playbook the team runs today (id or alias), to check it against the diagnosis
    #[arg(long, value_name = "PLAYBOOK", value_parser = PlaybookId, hide_possible_values = true)]
    pub current: Option<String>,

    /// The initiative's name
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,

    /// Never ask questions: missing answers are an error (the default without a terminal)
    #[arg(long)]
    pub no_input: bool,
}

#[derive(Debug, Clone, Default, Args)]
pub struct DiagnoseArgs {
    #[command(flatten)]
    pub answers: AnswerArgs,

    #[command(flatten)]
    pub today: TodayArg,

    /// Read the answers from a decision record (`-` for stdin); flags given
    /// beside it override its fields
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,

    /// One screen of text: the verdict, what would change it and the warnings,
    /// without the playbook's card (`calibrate playbooks show ID` prints it)
    #[arg(long)]
    pub brief: bool,

    /// Past decision records (files or folders) to take the outside view
    /// from: a warning when most initiatives diagnosed in the same playbook
    /// took longer than this horizon
    #[arg(long, value_name = "PATH")]
    pub track_record: Vec<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub pack: PackArgs,

    #[command(flatten)]
    pub color: ColorArg,
}

/// Where a report goes and in what format, for every command that writes one.
#[derive(Debug, Clone, Default, Args)]
pub struct OutputArgs {
    /// Output format [default: from the --output extension, else text]
    #[arg(long, value_parser = FormatOf(Report::Diagnosis))]
    pub format: Option<Format>,

    /// Write the report to FILE (whole or not at all) instead of standard
    /// output; .html, .svg, .md, .json and .txt choose the format
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Overwrite the --output file if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// Where to write the record (standard output when left out)
    pub file: Option<PathBuf>,

    #[command(flatten)]
    pub answers: AnswerArgs,

    /// Who answers for the diagnosis
    #[arg(long, value_name = "TEXT")]
    pub owner: Option<String>,

    /// Write a commented template to fill in by hand instead
    #[arg(long, conflicts_with_all = ["horizon", "fact_texts", "assumption_texts", "facts", "assumptions", "current", "name", "owner"])]
    pub template: bool,

    /// Overwrite FILE if it exists
    #[arg(long)]
    pub force: bool,

    /// The date to record as the last review, and to count a deadline from
    /// (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub today: Option<jiff::civil::Date>,

    /// Where editors find the record's schema: a path from the record's folder
    /// (written with `calibrate schema`) or a URL [default: this version's copy
    /// online]
    #[arg(long, value_name = "PATH_OR_URL")]
    pub schema: Option<String>,
    #[command(flatten)]
    pub pack: PackArgs,
    #[command(flatten)]
    pub color: ColorArg,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Decision records, or folders searched for *.yaml and *.yml records
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Also fail on a borderline diagnosis, an overdue review, or facts with
    /// no recorded evidence
    #[arg(long)]
    pub strict: bool,

    /// Check as of this date instead of today, for reproducible results
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub today: Option<jiff::civil::Date>,

    /// Pass when the folders hold no decision records at all (by default
    /// that is an error, so a wrong path cannot pass CI)
    #[arg(long)]
    pub allow_empty: bool,

    /// Output format
    #[arg(long, value_parser = FormatOf(Report::Check), default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub pack: PackArgs,
    #[command(flatten)]
    pub color: ColorArg,
}

/// The formats a report can be written in, each with what it gives for
/// that report, for parsing, `--help` and shell completion.
#[derive(Debug, Clone, Copy)]
pub struct FormatOf(pub Report);

impl FormatOf {
    /// What `format` gives for this report.
    fn help(self, format: Format) -> &'static str {
        match (self.0, format) {
            (Report::Check, Format::Text) => "One line per record and a summary",
            (Report::Check, Format::Json) => "One object per record with its diagnosis and verdict",
            (Report::Check, Format::Github) => "GitHub Actions workflow annotations",
            (Report::Check, Format::Markdown) => {
                "A Markdown table of every finding, for a pull request or a CI summary"
            }
            (_, Format::Text) => "Text for a terminal (plain when piped or written to a file)",
            (_, Format::Json) => "One JSON object, for tools",
            (_, Format::Markdown) => "Markdown with a Mermaid quadrant chart, for documents",
            (_, Format::Html) => "A self-contained HTML page with the 2x2 drawn in SVG",
            (_, Format::Svg) => "The 2x2 alone, as SVG for slides",
            (_, Format::Github) => "GitHub Actions workflow annotations",
            (_, Format::Sarif) => "SARIF 2.1.0, for code scanning (GitHub's Security tab)",
        }
    }
}

impl clap::builder::TypedValueParser for FormatOf {
    type Value = Format;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Format, clap::Error> {
        let values: Vec<clap::builder::PossibleValue> =
            self.possible_values().into_iter().flatten().collect();
        clap::builder::PossibleValuesParser::new(values)
            .parse_ref(command, arg, value)
            .map(|name| {
                Format::for_report(self.0)
                    .into_iter()
                    .find(|format| format.name() == name)
                    .unwrap_or_default()
            })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(Format::for_report(self.0).into_iter().map(
            move |format| clap::builder::PossibleValue::new(format.name()).help(self.help(format)),
        )))
    }
}

/// A playbook id or alias. Any text is accepted here (a custom pack has its
/// own ids, checked against the pack later); the built-in ids are offered to
/// shell completion.
#[derive(Debug, Clone, Copy)]
pub struct PlaybookId;

impl clap::builder::TypedValueParser for PlaybookId {
    type Value = String;

    fn parse_ref(
        &self,
        _: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        value
            .to_str()
            .map(str::to_string)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let ids = ["go-now", "predictable", "discovery", "resilient"];
        Some(Box::new(
            ids.into_iter().map(clap::builder::PossibleValue::new),
        ))
    }
}
