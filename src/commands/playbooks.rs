//! `calibrate playbooks`: what a pack holds, and the pack as files to edit.

use super::options::Settings;
use crate::cli::PlaybooksCommand;
use crate::render::{self, sanitize, sanitize::plain, text};
use crate::{exit, packs, sink, terminal};
use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::ExitCode;

pub fn run(global: &Settings, command: PlaybooksCommand) -> Result<ExitCode> {
    match command {
        PlaybooksCommand::List { .. } => {
            let framework = global.framework()?;
            let mut table = text::table(terminal::text_style(global.color).width);
            let words = &framework.words.card;
            table.set_header(
                [&words.id, &words.name, &words.quadrant, &words.summary].map(|h| plain(h)),
            );
            for p in &framework.playbooks {
                let quadrant = format!(
                    "{}\n{}",
                    framework.horizon_label(p.quadrant.horizon),
                    framework.knowledge_label(p.quadrant.knowledge)
                );
                table.add_row(vec![
                    plain(&p.id),
                    plain(&p.name),
                    quadrant.lines().map(plain).collect::<Vec<_>>().join("\n"),
                    plain(&p.summary),
                ]);
            }
            sink::stdout(&format!("{table}\n"))?;
        }
        PlaybooksCommand::Show { id, format, .. } => {
            let framework = global.framework()?;
            let playbook = framework.find_playbook(&id).map_err(anyhow::Error::msg)?;
            let style = terminal::text_style(global.color);
            sink::stdout(&render::card(format, &framework, style, playbook)?)?;
        }
        PlaybooksCommand::Export { dir, force, .. } => export(&global.pack, &dir, force)?,
        PlaybooksCommand::Validate { dir } => {
            let framework = packs::from_dir(&dir)?;
            let line = format!(
                "{}: a valid pack ({} {}) with {} playbooks: {}",
                dir.display(),
                framework.name,
                framework.version,
                framework.playbooks.len(),
                framework.playbook_ids().join(", ")
            );
            sink::stdout(&format!("{}\n", sanitize::terminal(&line)))?;
        }
    }
    Ok(ExitCode::from(exit::SUCCESS))
}

/// Writes the built-in pack `pack`, comments and all, refusing to replace
/// any file unless `force`; every file is checked before any is written.
fn export(pack: &str, dir: &Path, force: bool) -> Result<()> {
    if sink::is_stdout(dir) {
        bail!("-: a pack is a folder of files, not one stream; name the folder to write it to");
    }
    let pack = packs::built_in_files(pack).map_err(anyhow::Error::msg)?;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    for (name, _, _) in pack.files {
        sink::check_writable(&dir.join(name), force)?;
    }
    for (name, _, yaml) in pack.files {
        sink::write_file(&dir.join(name), yaml, force)?;
    }
    terminal::status(&format!(
        "Wrote the pack to {}. Edit it, check it with `calibrate playbooks validate {}`, use it with --playbooks {}",
        dir.display(),
        dir.display(),
        dir.display()
    ));
    Ok(())
}
