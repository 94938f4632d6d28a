//! Where a playbook pack comes from: one built into the binary (converted
//! to JSON at build time) or a folder of YAML files given with
//! `--playbooks`. Both go through the same validation.

use crate::files;
use crate::framework::Framework;
use crate::framework::validate::{FRAMEWORK_FILE, PackFile, Syntax};
use crate::limits::Kind;
use crate::problem::{Problem, Problems};
use std::path::Path;

/// A pack compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn {
    /// The name `--pack` takes, such as `en`.
    pub id: &'static str,
    /// Each file as (name, JSON converted at build time, YAML as written).
    pub files: &'static [(&'static str, &'static str, &'static str)],
}

include!(concat!(env!("OUT_DIR"), "/built_in_packs.rs"));

/// The built-in pack used when none is named.
pub const DEFAULT_PACK: &str = "en";

/// The ids of the built-in packs.
pub fn built_in_ids() -> Vec<&'static str> {
    BUILT_IN.iter().map(|pack| pack.id).collect()
}

/// The files of the built-in pack called `id`.
pub fn built_in_files(id: &str) -> Result<&'static BuiltIn, String> {
    BUILT_IN.iter().find(|pack| pack.id == id).ok_or_else(|| {
        format!(
            "there is no built-in pack '{id}': use one of {}, or --playbooks DIR for a pack of your own",
            built_in_ids().join(", ")
        )
    })
}

/// The pack in `dir` if given, or else the built-in pack `id`.
pub fn load(dir: Option<&Path>, id: &str) -> Result<Framework, Problems> {
    match dir {
        Some(dir) => from_dir(dir),
        None => built_in(id),
    }
}

/// The default built-in pack.
pub fn embedded() -> Result<Framework, Problems> {
    built_in(DEFAULT_PACK)
}

/// The built-in pack called `id`.
pub fn built_in(id: &str) -> Result<Framework, Problems> {
    let pack = built_in_files(id).map_err(|err| Problems(vec![Problem::in_file("--pack", err)]))?;
    let files: Vec<PackFile> = pack
        .files
        .iter()
        .map(|(name, json, _)| PackFile {
            shown: format!("playbooks/{id}/{name}"),
            name: name.to_string(),
            text: json.to_string(),
            syntax: Syntax::Json,
        })
        .collect();
    Framework::from_files(&files)
}

/// Loads a pack from a folder: `framework.yaml`, `wording.yaml` and one
/// `.yaml` (or `.yml`) file per playbook, each read like any other input.
pub fn from_dir(dir: &Path) -> Result<Framework, Problems> {
    let shown = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|err| {
        Problems(vec![Problem::in_file(
            &shown,
            format!("cannot read the playbook folder: {err}"),
        )])
    })?;
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if !files::is_yaml(&path) || !path.is_file() {
            continue;
        }
        match files::read(&path, Kind::Pack) {
            Ok(input) => files.push(PackFile {
                shown: input.shown,
                name: entry.file_name().to_string_lossy().into_owned(),
                text: input.text,
                syntax: Syntax::Yaml,
            }),
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    if !files.iter().any(|file| file.name == FRAMEWORK_FILE) {
        return Err(Problems(vec![Problem::in_file(
            &shown,
            format!(
                "no {FRAMEWORK_FILE} in this folder: a playbook pack needs one beside its playbook files"
            ),
        )]));
    }
    Framework::from_files(&files)
}
