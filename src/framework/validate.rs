//! Turning a pack's files into a [`Framework`]: each file decoded, every
//! rule checked, and every problem reported with its file, line and column.
//! The same for the built-in packs and for a folder of the user's.

use super::{EvidenceKind, Framework, HorizonAxis, KnowledgeAxis, Playbook, Quadrant, is_id};
use crate::answers::{Horizon, MAX_HORIZON_MONTHS, Unit};
use crate::problem::{Collector, Problem, Problems};
use crate::wording::Wording;
use crate::yaml::{self, Locations, Parsed};
use serde::Deserialize;
use std::collections::HashMap;

/// The file in a pack that holds the axes and evidence kinds.
pub const FRAMEWORK_FILE: &str = "framework.yaml";

/// The file in a pack that holds every other word a reader sees.
pub const WORDING_FILE: &str = "wording.yaml";

/// One file of a pack, read into memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackFile {
    /// The path as the user would name it.
    pub shown: String,
    /// The file's name in the pack, such as `framework.yaml`.
    pub name: String,
    pub text: String,
    pub syntax: Syntax,
}

/// How a pack's files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Files from a folder, as people write them.
    Yaml,
    /// A built-in pack, converted at build time.
    Json,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameworkFile {
    name: String,
    version: String,
    horizon: HorizonAxis,
    knowledge: KnowledgeAxis,
    evidence: Vec<EvidenceKind>,
}

/// Parses one pack file, with the place of any error. A built-in file has
/// no places to give: it is checked by the tests to be valid.
fn decode<T: serde::de::DeserializeOwned>(file: &PackFile) -> Result<Parsed<T>, Problem> {
    match file.syntax {
        Syntax::Yaml => yaml::parse(&file.shown, &file.text),
        Syntax::Json => serde_json::from_str(&file.text)
            .map(|value| Parsed {
                value,
                at: Locations::none(&file.shown),
            })
            .map_err(|err| Problem::at(&file.shown, err.line(), err.column(), err.to_string())),
    }
}

impl Framework {
    /// A pack from YAML texts given as (file name, text) pairs, as a folder
    /// would hold them.
    pub fn from_yaml(files: &[(&str, &str)]) -> Result<Framework, Problems> {
        let files: Vec<PackFile> = files
            .iter()
            .map(|(name, text)| PackFile {
                shown: name.to_string(),
                name: name.to_string(),
                text: text.to_string(),
                syntax: Syntax::Yaml,
            })
            .collect();
        Framework::from_files(&files)
    }

    /// Decodes and validates a pack's files.
    pub fn from_files(files: &[PackFile]) -> Result<Framework, Problems> {
        let mut problems = Vec::new();
        let mut spec = None;
        let mut words = None;
        let mut playbooks = Vec::new();
        for file in files {
            // At most 20 problems a file, the rest counted.
            let mut found = Collector::default();
            if yaml::is_blank(&file.text) {
                found.add(|| {
                    Problem::in_file(
                        &file.shown,
                        "is empty: `calibrate playbooks export DIR` writes a complete pack to start from",
                    )
                });
            } else if file.name == WORDING_FILE {
                match decode::<Wording>(file) {
                    Ok(parsed) => {
                        parsed.value.check(&parsed.at, &mut found);
                        words = Some(parsed.value);
                    }
                    Err(problem) => found.add(|| problem),
                }
            } else if file.name == FRAMEWORK_FILE {
                match decode::<FrameworkFile>(file) {
                    Ok(parsed) => {
                        check_framework(&parsed.value, &parsed.at, &mut found);
                        spec = Some(parsed.value);
                    }
                    Err(problem) => found.add(|| problem),
                }
            } else {
                match decode::<Playbook>(file) {
                    Ok(parsed) => {
                        check_playbook(&parsed.value, &parsed.at, &mut found);
                        playbooks.push(parsed);
                    }
                    Err(problem) => found.add(|| problem),
                }
            }
            problems.extend(found.finish(&file.shown).0);
        }
        check_unique_names(&playbooks, &mut problems);
        let ordered = order_by_quadrant(playbooks, files, &mut problems);
        if !files.iter().any(|file| file.name == WORDING_FILE) {
            problems.push(Problem::in_file(
                folder_of(files),
                format!(
                    "no {WORDING_FILE} in this folder: a pack needs one for its headings, labels and sentences (`calibrate playbooks export DIR` writes one to start from)"
                ),
            ));
        }
        match (spec, words, ordered) {
            (Some(spec), Some(words), Some(playbooks)) if problems.is_empty() => Ok(Framework {
                name: spec.name,
                version: spec.version,
                horizon: spec.horizon,
                knowledge: spec.knowledge,
                evidence: spec.evidence,
                playbooks,
                words,
            }),
            _ => Err(Problems(problems)),
        }
    }
}

fn check_framework(file: &FrameworkFile, at: &Locations, problems: &mut Collector) {
    let h = &file.horizon;
    if !(h.threshold_months > 0.0 && h.threshold_months <= MAX_HORIZON_MONTHS) {
        problems.add(|| {
            at.problem(
                "horizon.threshold_months",
                format!("threshold_months must be above 0 and at most {MAX_HORIZON_MONTHS}"),
            )
        });
    }
    if !(h.borderline_months >= 0.0 && h.borderline_months < h.threshold_months) {
        problems.add(|| {
            at.problem(
                "horizon.borderline_months",
                "borderline_months must be at least 0 and below threshold_months",
            )
        });
    }
    for (i, choice) in h.choices.iter().enumerate() {
        // A ready answer is a length, never a date: any day will do.
        let any_day = jiff::civil::date(2000, 1, 1);
        if let Err(err) = Horizon::read(&choice.horizon, &h.units, any_day) {
            problems.add(|| at.problem(&format!("horizon.choices.{i}.horizon"), err));
        }
    }
    let mut words = HashMap::new();
    for unit in Unit::ALL {
        for (i, word) in h.units.words(unit).enumerate().skip(1) {
            let here = format!("horizon.units.{}.{}", unit_key(unit), i - 1);
            if word.trim().is_empty()
                || word
                    .chars()
                    .any(|c| c.is_ascii_digit() || c.is_whitespace())
            {
                problems.add(|| {
                    at.problem(
                        &here,
                        format!("'{word}' cannot be a unit: use a word without digits or spaces"),
                    )
                });
            } else if let Some(other) = words
                .insert(word.to_lowercase(), unit)
                .filter(|u| *u != unit)
            {
                problems.add(|| {
                    at.problem(
                        &here,
                        format!("'{word}' is already a word for {}", unit_key(other)),
                    )
                });
            }
        }
    }
    let k = &file.knowledge;
    if !(k.threshold > 0.0 && k.threshold < 1.0) {
        problems.add(|| {
            at.problem(
                "knowledge.threshold",
                "knowledge threshold must be between 0 and 1",
            )
        });
    }
    if !(k.borderline >= 0.0 && k.borderline < 0.5) {
        problems.add(|| {
            at.problem(
                "knowledge.borderline",
                "knowledge borderline must be at least 0 and below 0.5",
            )
        });
    }
    for (i, choice) in k.confidence.iter().enumerate() {
        if !(0.0..=1.0).contains(&choice.value) {
            problems.add(|| {
                at.problem(
                    &format!("knowledge.confidence.{i}.value"),
                    "a confidence is a probability: give a value from 0 to 1",
                )
            });
        }
    }
    if !file.evidence.iter().any(|k| k.counts_as_fact) {
        problems.add(|| {
            at.problem(
                "evidence",
                "no evidence kind counts as a fact: mark at least one with counts_as_fact: true",
            )
        });
    }
    let mut seen = HashMap::new();
    for (i, kind) in file.evidence.iter().enumerate() {
        let here = format!("evidence.{i}.id");
        if !is_id(&kind.id) {
            problems.add(|| {
                at.problem(
                    &here,
                    format!(
                        "evidence id '{}' must be lowercase letters, digits and dashes",
                        kind.id
                    ),
                )
            });
        }
        if seen.insert(kind.id.to_lowercase(), ()).is_some() {
            problems.add(|| {
                at.problem(
                    &here,
                    format!("evidence kind '{}' is listed twice", kind.id),
                )
            });
        }
    }
    // People type kinds in any case: an alias must name one kind only.
    for (i, kind) in file.evidence.iter().enumerate() {
        for (j, alias) in kind.aliases.iter().enumerate() {
            let here = format!("evidence.{i}.aliases.{j}");
            if alias.trim().is_empty() || alias.contains(char::is_whitespace) || alias.contains(':')
            {
                problems.add(|| {
                    at.problem(
                        &here,
                        format!("evidence alias '{alias}' must be one word without a colon"),
                    )
                });
            } else if seen.insert(alias.to_lowercase(), ()).is_some() {
                problems.add(|| {
                    at.problem(
                    &here,
                    format!(
                        "'{alias}' already names an evidence kind: each name may belong to one kind"
                    ),
                )
                });
            }
        }
    }
}

/// The key a unit's words sit under in framework.yaml.
fn unit_key(unit: Unit) -> &'static str {
    match unit {
        Unit::Days => "days",
        Unit::Weeks => "weeks",
        Unit::Months => "months",
        Unit::Quarters => "quarters",
        Unit::Years => "years",
    }
}

fn check_playbook(playbook: &Playbook, at: &Locations, problems: &mut Collector) {
    if !is_id(&playbook.id) {
        problems.add(|| {
            at.problem(
                "id",
                format!(
                    "playbook id '{}' must be lowercase letters, digits and dashes",
                    playbook.id
                ),
            )
        });
    }
    for (i, alias) in playbook.aliases.iter().enumerate() {
        if !is_id(alias) {
            problems.add(|| {
                at.problem(
                    &format!("aliases.{i}"),
                    format!("alias '{alias}' must be lowercase letters, digits and dashes"),
                )
            });
        }
    }
    let lists = [
        ("moves", &playbook.moves),
        ("avoid", &playbook.avoid),
        ("warning_signs", &playbook.warning_signs),
        ("questions", &playbook.questions),
        ("case.figures", &playbook.case.figures),
    ];
    for (key, list) in lists {
        if list.iter().all(|item| item.trim().is_empty()) {
            let name = key.rsplit('.').next().unwrap_or(key);
            problems.add(|| at.problem(key, format!("{name} needs at least one entry")));
        }
    }
    let texts = [
        ("name", &playbook.name),
        ("summary", &playbook.summary),
        ("diagnosis", &playbook.diagnosis),
        ("guiding_policy", &playbook.guiding_policy),
        ("misfit.knowledge", &playbook.misfit.knowledge),
        ("misfit.horizon", &playbook.misfit.horizon),
    ];
    for (key, value) in texts {
        if value.trim().is_empty() {
            problems.add(|| at.problem(key, format!("{key} is empty")));
        }
    }
}

/// Ids and aliases must be unique across the pack, or `--current` is ambiguous.
fn check_unique_names(playbooks: &[Parsed<Playbook>], problems: &mut Vec<Problem>) {
    let mut owner: HashMap<&str, &str> = HashMap::new();
    for Parsed {
        value: playbook,
        at,
    } in playbooks
    {
        let names = std::iter::once(("id".to_string(), &playbook.id)).chain(
            playbook
                .aliases
                .iter()
                .enumerate()
                .map(|(i, alias)| (format!("aliases.{i}"), alias)),
        );
        for (here, name) in names {
            if let Some(first) = owner.insert(name.as_str(), playbook.id.as_str()) {
                problems.push(at.problem(
                    &here,
                    format!("'{name}' is already used by playbook '{first}': ids and aliases must be unique"),
                ));
            }
        }
    }
}

/// Exactly one playbook per quadrant, returned in [`Quadrant::ALL`] order.
fn order_by_quadrant(
    playbooks: Vec<Parsed<Playbook>>,
    files: &[PackFile],
    problems: &mut Vec<Problem>,
) -> Option<Vec<Playbook>> {
    let parsed = playbooks.len();
    let mut slots: [Option<Playbook>; 4] = Default::default();
    for Parsed {
        value: playbook,
        at,
    } in playbooks
    {
        let slot = Quadrant::ALL
            .iter()
            .position(|q| *q == playbook.quadrant)
            .expect("every quadrant value is one of the four");
        match &slots[slot] {
            Some(first) => problems.push(at.problem(
                "quadrant",
                format!(
                    "quadrant ({}) already has playbook '{}': a pack has exactly one playbook per quadrant",
                    playbook.quadrant, first.id
                ),
            )),
            None => slots[slot] = Some(playbook),
        }
    }
    let folder = folder_of(files);
    // A playbook file that did not parse has already been reported; the
    // quadrant it meant to fill would only repeat that.
    let special = files
        .iter()
        .filter(|file| file.name == FRAMEWORK_FILE || file.name == WORDING_FILE)
        .count();
    let unparsed = files.len() - special > parsed;
    for (slot, quadrant) in slots.iter().zip(Quadrant::ALL) {
        if slot.is_none() && !unparsed {
            problems.push(Problem::in_file(
                folder,
                format!("no playbook for the quadrant ({quadrant}): a pack needs exactly one playbook per quadrant"),
            ));
        }
    }
    if slots.iter().all(Option::is_some) {
        Some(slots.into_iter().flatten().collect())
    } else {
        None
    }
}

/// The folder a pack's files came from, as the user would name it.
fn folder_of(files: &[PackFile]) -> &str {
    let folder = files
        .first()
        .map(|file| file.shown.strip_suffix(&file.name).unwrap_or(&file.shown))
        .unwrap_or("playbooks/")
        .trim_end_matches('/');
    if folder.is_empty() { "." } else { folder }
}
