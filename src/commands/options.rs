//! What the command-line options come to: the pack, colour, today's date,
//! where a report goes, and answers as plain values for the input stage.

use crate::cli::{AnswerArgs, Cli, ColorArg, OutputArgs, PackArgs, TodayArg};
use crate::framework::Framework;
use crate::input::Flags;
use crate::problem::Problems;
use crate::render::{Format, TextStyle};
use crate::terminal::{self, ColorChoice};
use crate::{packs, sink};
use anyhow::Result;
use std::path::PathBuf;

/// What the pack and colour options come to for one command: given after
/// the command's name, before it, or through the environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A pack folder, which takes the place of a built-in pack.
    pub playbooks: Option<PathBuf>,
    /// The built-in pack.
    pub pack: String,
    pub color: ColorChoice,
}

impl Settings {
    /// A flag given after the command's name beats one given before it,
    /// and any flag beats the environment (CALIBRATE_PLAYBOOKS, then
    /// CALIBRATE_PACK; an empty variable is unset).
    pub fn of(cli: &Cli, pack: &PackArgs, color: &ColorArg) -> Result<Settings> {
        let folder = pack
            .playbooks
            .clone()
            .or_else(|| cli.pack.playbooks.clone());
        let built_in = pack.pack.clone().or_else(|| cli.pack.pack.clone());
        if folder.is_some() && built_in.is_some() {
            anyhow::bail!(
                "--playbooks and --pack both name a pack: pass --playbooks DIR for a folder, or --pack ID for a built-in pack"
            );
        }
        let variable = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
        let (playbooks, built_in) = match (folder, built_in) {
            (None, None) => match variable("CALIBRATE_PLAYBOOKS") {
                Some(dir) => (Some(PathBuf::from(dir)), None),
                None => (None, variable("CALIBRATE_PACK")),
            },
            (folder, built_in) => (folder, built_in.map(Into::into)),
        };
        let ids = crate::packs::built_in_ids();
        let pack = match built_in.map(|id| id.to_string_lossy().into_owned()) {
            None => crate::packs::DEFAULT_PACK.to_string(),
            // A flag's value was checked when it was parsed; the variable's is checked here.
            Some(id) if !ids.contains(&id.as_str()) => anyhow::bail!(
                "CALIBRATE_PACK: there is no built-in pack '{id}': use one of {}, or set CALIBRATE_PLAYBOOKS to a pack folder of your own",
                ids.join(", ")
            ),
            Some(id) => id,
        };
        let color = color.color.or(cli.color.color).unwrap_or(ColorChoice::Auto);
        terminal::configure_prompts(color);
        Ok(Settings {
            playbooks,
            pack,
            color,
        })
    }

    /// The pack these options name: a folder, or a built-in pack.
    pub fn framework(&self) -> Result<Framework, Problems> {
        packs::load(self.playbooks.as_deref(), &self.pack)
    }
}

/// Today's date on this machine's clock, for commands that need one and
/// were not given `--today`.
pub fn today() -> jiff::civil::Date {
    let (today, note) = crate::clock::today();
    if let Some(note) = note {
        terminal::status(&note);
    }
    today
}

impl TodayArg {
    /// The date given, or today's.
    pub fn date(&self) -> jiff::civil::Date {
        self.today.unwrap_or_else(today)
    }
}

impl OutputArgs {
    /// The format to render in, after refusing an existing --output file
    /// before any work (and before any interview).
    pub fn prepare(&self) -> Result<Format> {
        let Some(path) = self.file() else {
            return Ok(self.format.unwrap_or_default());
        };
        if path.is_dir() {
            anyhow::bail!(
                "{}: is a folder; give the name of the file to write the report to",
                path.display()
            );
        }
        sink::check_writable(path, self.force)?;
        if let Some(format) = self.format {
            return Ok(format);
        }
        match (Format::from_path(path), path.extension()) {
            (Some(format), _) => Ok(format),
            (None, None) => Ok(Format::default()),
            (None, Some(extension)) => anyhow::bail!(
                "{}: calibrate does not write .{} files: name it .html, .svg, .md, .json or .txt, or pass --format",
                path.display(),
                extension.to_string_lossy()
            ),
        }
    }

    /// How text looks: as the terminal allows, or plain for a file read
    /// later and elsewhere.
    pub fn style(&self, global: &Settings) -> TextStyle {
        let style = terminal::text_style(global.color);
        if self.file().is_some() {
            style.piped()
        } else {
            style
        }
    }

    /// The --output file, unless it is `-` (standard output).
    fn file(&self) -> Option<&std::path::Path> {
        self.output.as_deref().filter(|path| !sink::is_stdout(path))
    }

    /// Writes the report to --output (atomically) or standard output.
    pub fn deliver(&self, report: &str) -> Result<()> {
        self.deliver_with(&|out| out.write_all(report.as_bytes()))
    }

    /// Writes the report `write` makes as it goes to --output (atomically)
    /// or standard output.
    pub fn deliver_with(&self, write: sink::Writer) -> Result<()> {
        match self.file() {
            Some(path) => {
                sink::write_file_with(path, self.force, write)?;
                terminal::status(&format!("Wrote {}", path.display()));
            }
            None => sink::stdout_with(write)?,
        }
        Ok(())
    }
}

impl AnswerArgs {
    /// The flags as plain values for the input stage; deadlines count from `today`.
    pub fn flags(&self, today: jiff::civil::Date) -> Flags {
        Flags {
            name: self.name.clone(),
            horizon: self.horizon.clone(),
            facts: self.fact_texts.clone(),
            assumptions: self.assumption_texts.clone(),
            fact_count: self.facts,
            assumption_count: self.assumptions,
            current: self.current.clone(),
            may_ask: !self.no_input && terminal::interactive(),
            today,
        }
    }
}
