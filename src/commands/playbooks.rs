//! `calibrate playbooks`: what a pack holds, and the pack as files to edit.

use crate::cli::{CardFormat, GlobalArgs, PlaybooksCommand};
use crate::framework::{Framework, SOURCES};
use crate::render::{markdown, sanitize::plain, text};
use crate::{exit, sink, terminal};
use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;

pub fn run(global: &GlobalArgs, command: PlaybooksCommand) -> Result<ExitCode> {
    match command {
        PlaybooksCommand::List => {
            let framework = Framework::load(global.playbooks.as_deref())?;
            let mut table = text::table(terminal::text_style(global.color).width);
            table.set_header(vec!["Id", "Name", "Quadrant", "Summary"]);
            for p in &framework.playbooks {
                table.add_row(vec![
                    plain(&p.id),
                    plain(&p.name),
                    p.quadrant.to_string(),
                    plain(&p.summary),
                ]);
            }
            sink::stdout(&format!("{table}\n"))?;
        }
        PlaybooksCommand::Show { id, format } => {
            let framework = Framework::load(global.playbooks.as_deref())?;
            let playbook = framework.find_playbook(&id).map_err(anyhow::Error::msg)?;
            let card = match format {
                CardFormat::Text => text::card(playbook, terminal::text_style(global.color).width),
                CardFormat::Markdown => markdown::render_card(playbook),
                CardFormat::Json => format!("{}\n", serde_json::to_string_pretty(playbook)?),
            };
            sink::stdout(&card)?;
        }
        PlaybooksCommand::Export { dir, force } => export(&dir, force)?,
        PlaybooksCommand::Validate { dir } => {
            let framework = Framework::from_dir(&dir)?;
            println!(
                "{}: a valid pack ({} {}) with {} playbooks: {}",
                dir.display(),
                framework.name,
                framework.version,
                framework.playbooks.len(),
                framework.playbook_ids().join(", ")
            );
        }
    }
    Ok(ExitCode::from(exit::SUCCESS))
}

/// Writes the built-in pack, comments and all, refusing to replace any file
/// unless `force`; every file is checked before any is written.
fn export(dir: &Path, force: bool) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    for (name, _) in SOURCES {
        sink::check_writable(&dir.join(name), force)?;
    }
    for (name, text) in SOURCES {
        sink::write_file(&dir.join(name), text, force)?;
    }
    eprintln!(
        "Wrote the pack to {}. Edit it, check it with `calibrate playbooks validate {}`, use it with --playbooks {}",
        dir.display(),
        dir.display(),
        dir.display()
    );
    Ok(())
}
