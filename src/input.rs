//! The input stage: flags, a decision record and the interview become one
//! set of [`Answers`].

use crate::answers::{Answers, Claim, Status};
use crate::cli::AnswerArgs;
use crate::framework::Framework;
use crate::interview::{self, Partial};
use crate::limits::Kind;
use crate::record::Record;
use crate::terminal;
use crate::yaml::{Problem, Problems};
use anyhow::{Context, Result, bail};
use std::io::Read;
use std::path::Path;
use std::path::PathBuf;

/// What the answers must include beyond the two questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// The horizon and at least one claim.
    Diagnosis,
    /// Those, and the initiative's name (a record cannot do without it).
    Record,
}

/// Answers from `record` (if any), overridden by the flags, with the
/// interview filling gaps when a person is at the terminal.
pub fn answers(
    framework: &Framework,
    flags: &AnswerArgs,
    record: Option<&Record>,
    needs: Needs,
) -> Result<Answers> {
    if let Some(current) = &flags.current {
        framework
            .find_playbook(current)
            .map_err(anyhow::Error::msg)?;
    }
    let base = record.map(Record::answers);
    let mut partial = Partial {
        initiative: base.as_ref().and_then(|b| b.initiative.clone()),
        horizon: base.as_ref().map(|b| b.horizon.clone()),
        claims: base.as_ref().map(|b| b.claims.clone()).unwrap_or_default(),
        current_playbook: base.and_then(|b| b.current_playbook),
    };
    if flags.name.is_some() {
        partial.initiative = flags.name.clone();
    }
    if flags.horizon.is_some() {
        partial.horizon = flags.horizon.clone();
    }
    if flags.has_claims() {
        partial.claims = claims_from_flags(framework, flags)?;
    }
    if flags.current.is_some() {
        partial.current_playbook = flags.current.clone();
    }
    let missing = missing(&partial, needs);
    let partial = if missing.is_empty() {
        partial
    } else if !flags.no_input && terminal::interactive() {
        interview::complete(framework, partial, needs == Needs::Record)?
    } else {
        bail!(
            "missing {}; pass {} (or run in a terminal without --no-input to be asked)",
            missing
                .iter()
                .map(|(what, _)| *what)
                .collect::<Vec<_>>()
                .join(" and "),
            missing
                .iter()
                .map(|(_, flags)| *flags)
                .collect::<Vec<_>>()
                .join(" and ")
        );
    };
    if let Some((what, flag)) = self::missing(&partial, needs).first() {
        bail!("missing {what}; pass {flag}");
    }
    Ok(Answers {
        initiative: partial.initiative,
        horizon: partial.horizon.expect("checked above"),
        claims: partial.claims,
        current_playbook: partial.current_playbook,
    })
}

/// What is still unanswered, with the flags that answer it.
fn missing(partial: &Partial, needs: Needs) -> Vec<(&'static str, &'static str)> {
    let mut missing = Vec::new();
    if needs == Needs::Record
        && partial
            .initiative
            .as_deref()
            .is_none_or(|n| n.trim().is_empty())
    {
        missing.push(("the initiative's name", "--name TEXT"));
    }
    if partial.horizon.is_none() {
        missing.push(("the horizon", "--horizon DURATION"));
    }
    if partial.claims.is_empty() {
        missing.push((
            "the claims the plan rests on",
            "--fact/--assumption TEXT or --facts/--assumptions N",
        ));
    }
    missing
}

/// Claims from `--fact`, `--assumption` and the quick counts. A fact may
/// start with an evidence kind from the pack, as in `pilot: Agents are faster`.
fn claims_from_flags(framework: &Framework, args: &AnswerArgs) -> Result<Vec<Claim>> {
    let mut claims = Vec::new();
    for (texts, status, flag) in [
        (&args.fact_texts, Status::Fact, "--fact"),
        (&args.assumption_texts, Status::Assumption, "--assumption"),
    ] {
        for text in texts {
            if text.trim().is_empty() {
                bail!(
                    "{flag} needs the claim's text, such as {flag} \"Our churn data covers five years\""
                );
            }
            let evidence = text.split_once(':').and_then(|(kind, rest)| {
                framework
                    .evidence
                    .iter()
                    .find(|k| k.id == kind.trim())
                    .map(|k| (k.id.clone(), rest.trim()))
            });
            claims.push(match evidence {
                Some((kind, rest)) if !rest.is_empty() => {
                    Claim::new(rest, status).with_evidence(kind)
                }
                _ => Claim::new(text.trim(), status),
            });
        }
    }
    let units = &framework.words.units;
    for (count, status, label) in [
        (args.facts, Status::Fact, &units.fact_number),
        (
            args.assumptions,
            Status::Assumption,
            &units.assumption_number,
        ),
    ] {
        for n in 1..=count.unwrap_or(0) {
            let text = crate::wording::fill(label, &[("number", &n.to_string())]);
            claims.push(Claim::new(text, status));
        }
    }
    Ok(claims)
}

/// Reads a whole input file (or standard input for `-`) of `kind`, refusing
/// one larger than the kind's limit before reading it, and returns the name
/// to show in messages and the text.
pub fn read_source(path: &Path, kind: Kind) -> Result<(String, String)> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(kind.limit() + 1)
            .read_to_end(&mut bytes)
            .context("<stdin>: cannot read standard input")?;
        let shown = "<stdin>";
        too_large(shown, kind.check_stream(bytes.len() as u64))?;
        return Ok((shown.to_string(), utf8(shown, bytes, "send UTF-8")?));
    }
    let shown = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|err| read_error(&shown, &err))?;
    if metadata.is_dir() {
        bail!("{shown}: is a folder; give the path of a YAML file");
    }
    too_large(&shown, kind.check(metadata.len()))?;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(kind.limit() + 1).read_to_end(&mut bytes))
        .map_err(|err| read_error(&shown, &err))?;
    // A file that grew while it was read is held to the same limit.
    too_large(&shown, kind.check(bytes.len() as u64))?;
    Ok((shown.clone(), utf8(&shown, bytes, "save it as UTF-8")?))
}

/// The bytes as text, without the byte-order mark some editors put at the
/// start; bytes that are not UTF-8 are an error saying where they stop.
fn utf8(shown: &str, bytes: Vec<u8>, advice: &str) -> Result<String> {
    let text = String::from_utf8(bytes).map_err(|err| {
        anyhow::anyhow!(
            "{shown}: is not UTF-8 text (byte {}); {advice}",
            err.utf8_error().valid_up_to() + 1
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// A size check's refusal as an error naming the file.
fn too_large(shown: &str, checked: Result<(), String>) -> Result<()> {
    checked.map_err(|why| anyhow::anyhow!("{shown}: {why}"))
}

/// One line for a file that cannot be read, saying why in plain words.
fn read_error(shown: &str, err: &std::io::Error) -> anyhow::Error {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => anyhow::anyhow!("{shown}: no such file; check the path"),
        ErrorKind::PermissionDenied => {
            anyhow::anyhow!("{shown}: permission denied; check that you may read it")
        }
        ErrorKind::IsADirectory => {
            anyhow::anyhow!("{shown}: is a folder; give the path of a YAML file")
        }
        _ => anyhow::anyhow!("{shown}: cannot read: {err}"),
    }
}

/// Loads and validates a decision record.
pub fn load_record(path: &Path, framework: &Framework) -> Result<Record> {
    let (shown, text) = read_source(path, Kind::Record)?;
    Ok(Record::parse(&shown, &text, framework)?)
}

/// A file found on the command line or in a folder, read or not.
pub struct Source {
    /// The path as the user would name it.
    pub shown: String,
    pub text: Result<String, Problems>,
}

/// The files named on a command line: each file named, and every decision record in each
/// folder named (searched recursively, hidden folders left out). YAML files
/// in folders that are not decision records go to `skipped`.
pub fn discover(paths: &[PathBuf], kind: Kind, skipped: &mut Vec<String>) -> Vec<Source> {
    let mut sources = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found);
            found.sort();
            for file in found {
                let source = read(&file, kind);
                match &source.text {
                    Ok(text) if !looks_like_record(text) => skipped.push(source.shown),
                    _ => sources.push(source),
                }
            }
        } else {
            sources.push(read(path, kind));
        }
    }
    sources
}

fn walk(folder: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && !hidden {
            walk(&path, found);
        } else if kind.is_file()
            && matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            )
        {
            found.push(path);
        }
    }
}

fn read(path: &Path, kind: Kind) -> Source {
    match read_source(path, kind) {
        Ok((shown, text)) => Source {
            shown,
            text: Ok(text),
        },
        Err(err) => {
            let shown = path.display().to_string();
            let message = format!("{err:#}");
            let message = message
                .strip_prefix(&format!("{shown}: "))
                .unwrap_or(&message)
                .to_string();
            Source {
                text: Err(Problems(vec![Problem::in_file(&shown, message)])),
                shown,
            }
        }
    }
}

/// A YAML file is taken for a decision record when it is a mapping with one
/// of a record's own keys, or when it does not parse (so the error is shown).
fn looks_like_record(text: &str) -> bool {
    if crate::yaml::check_nesting("", text).is_err() {
        return true;
    }
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(serde_yaml::Value::Mapping(map)) => {
            // A pack's framework.yaml also has a `horizon`, beside keys no
            // record has.
            let pack_file = ["knowledge", "evidence", "quadrant"]
                .iter()
                .any(|key| map.contains_key(*key));
            !pack_file
                && ["initiative", "horizon", "claims", "current_playbook"]
                    .iter()
                    .any(|key| map.contains_key(*key))
        }
        Ok(_) => false,
        Err(_) => true,
    }
}
