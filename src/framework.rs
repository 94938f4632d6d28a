//! The playbook pack: the two axes, their thresholds, the evidence kinds and
//! the four playbooks, loaded from YAML and validated the same way whether it
//! is the pack built into the binary or a folder given with `--playbooks`.

use crate::answers::{Horizon, MAX_HORIZON_MONTHS};
use crate::limits::Kind;
use crate::wording::Wording;
use crate::yaml::{self, Problem, Problems};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
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

/// The built-in pack called `id`.
pub fn built_in(id: &str) -> Result<&'static BuiltIn, String> {
    BUILT_IN.iter().find(|pack| pack.id == id).ok_or_else(|| {
        format!(
            "there is no built-in pack '{id}': use one of {}, or --playbooks DIR for a pack of your own",
            built_in_ids().join(", ")
        )
    })
}

/// How a pack's files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    /// Files from a folder, as people write them.
    Yaml,
    /// The built-in pack, converted at build time.
    Json,
}

/// Parses one pack file in `syntax`, with the place of any error.
fn decode<T: serde::de::DeserializeOwned>(
    shown: &str,
    text: &str,
    syntax: Syntax,
) -> Result<T, Problem> {
    match syntax {
        Syntax::Yaml => yaml::parse(shown, text),
        Syntax::Json => serde_json::from_str(text)
            .map_err(|err| Problem::at(shown, err.line(), err.column(), err.to_string())),
    }
}

/// The file in a pack that holds the axes and evidence kinds.
pub const FRAMEWORK_FILE: &str = "framework.yaml";

/// The file in a pack that holds every other word a reader sees.
pub const WORDING_FILE: &str = "wording.yaml";

/// Which side of the horizon threshold an initiative falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HorizonSide {
    /// The payoff is needed within the threshold (12 months by default).
    Short,
    /// The payoff takes longer.
    Long,
}

/// Which side of the knowledge threshold an initiative falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KnowledgeSide {
    /// More than the threshold share of the plan is known fact.
    Facts,
    /// The rest: the plan rests mostly on assumptions.
    Assumptions,
}

impl HorizonSide {
    /// The id used in JSON and packs.
    pub fn id(self) -> &'static str {
        match self {
            HorizonSide::Short => "short",
            HorizonSide::Long => "long",
        }
    }

    /// The other side.
    pub fn other(self) -> Self {
        match self {
            HorizonSide::Short => HorizonSide::Long,
            HorizonSide::Long => HorizonSide::Short,
        }
    }
}

impl KnowledgeSide {
    /// The id used in JSON and packs.
    pub fn id(self) -> &'static str {
        match self {
            KnowledgeSide::Facts => "facts",
            KnowledgeSide::Assumptions => "assumptions",
        }
    }

    /// The other side.
    pub fn other(self) -> Self {
        match self {
            KnowledgeSide::Facts => KnowledgeSide::Assumptions,
            KnowledgeSide::Assumptions => KnowledgeSide::Facts,
        }
    }
}

/// One cell of the 2x2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Quadrant {
    pub horizon: HorizonSide,
    pub knowledge: KnowledgeSide,
}

impl Quadrant {
    /// The four cells in reading order: top row (facts) then bottom row,
    /// short horizon on the left.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::new(HorizonSide::Short, KnowledgeSide::Facts),
        Quadrant::new(HorizonSide::Long, KnowledgeSide::Facts),
        Quadrant::new(HorizonSide::Short, KnowledgeSide::Assumptions),
        Quadrant::new(HorizonSide::Long, KnowledgeSide::Assumptions),
    ];

    pub const fn new(horizon: HorizonSide, knowledge: KnowledgeSide) -> Self {
        Quadrant { horizon, knowledge }
    }
}

impl fmt::Display for Quadrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} horizon, {}", self.horizon.id(), self.knowledge.id())
    }
}

/// A validated playbook pack.
#[derive(Debug, Clone)]
pub struct Framework {
    /// The pack's name, shown by `--version` and in reports.
    pub name: String,
    /// The pack's own version.
    pub version: String,
    pub horizon: HorizonAxis,
    pub knowledge: KnowledgeAxis,
    /// Evidence kinds in the pack's order.
    pub evidence: Vec<EvidenceKind>,
    /// Exactly four playbooks, in the order of [`Quadrant::ALL`].
    pub playbooks: Vec<Playbook>,
    /// Every other word a reader sees.
    pub words: Wording,
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

/// The first question: how long until the investment must pay off.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct HorizonAxis {
    /// The question as the interview asks it.
    pub question: String,
    /// A line of help shown under the question.
    pub help: String,
    /// Horizons up to and including this many months are short.
    pub threshold_months: f64,
    /// Within this many months of the threshold a diagnosis is borderline.
    pub borderline_months: f64,
    /// Axis label for the short side.
    pub short_label: String,
    /// Axis label for the long side.
    pub long_label: String,
    /// Ready answers the interview offers.
    pub choices: Vec<HorizonChoice>,
}

/// A ready answer to the horizon question.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct HorizonChoice {
    pub label: String,
    pub horizon: String,
}

/// The second question: how much of the plan is fact rather than assumption.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeAxis {
    pub question: String,
    pub help: String,
    /// A score strictly above this is the facts side.
    pub threshold: f64,
    /// Within this distance of the threshold a diagnosis is borderline.
    pub borderline: f64,
    pub facts_label: String,
    pub assumptions_label: String,
}

/// A kind of evidence, and whether it makes a claim a fact about our outcome.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceKind {
    pub id: String,
    pub name: String,
    pub description: String,
    pub counts_as_fact: bool,
}

/// A playbook: what to do in one quadrant.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub quadrant: Quadrant,
    /// The playbook in one line.
    pub summary: String,
    /// The circumstances it answers.
    pub diagnosis: String,
    pub guiding_policy: String,
    pub moves: Vec<String>,
    pub avoid: Vec<String>,
    /// Signs that it is time to diagnose again.
    pub warning_signs: Vec<String>,
    pub questions: Vec<String>,
    pub bias: Bias,
    /// What running this playbook in the wrong circumstances costs.
    pub misfit: String,
    pub case: Case,
}

/// The misjudgement a playbook is most prone to.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Bias {
    pub name: String,
    pub watch_for: String,
}

/// A real organisation that ran the playbook.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub organisation: String,
    pub headline: String,
    pub story: String,
    pub figures: Vec<String>,
    pub lesson: String,
}

impl Framework {
    /// The pack in `dir` if given, or else the built-in pack `built_in`.
    pub fn load(dir: Option<&Path>, built_in: &str) -> Result<Framework, Problems> {
        match dir {
            Some(dir) => Framework::from_dir(dir),
            None => Framework::built_in(built_in),
        }
    }

    /// The default built-in pack.
    pub fn embedded() -> Result<Framework, Problems> {
        Framework::built_in(DEFAULT_PACK)
    }

    /// The built-in pack called `id`.
    pub fn built_in(id: &str) -> Result<Framework, Problems> {
        let pack = built_in(id).map_err(|err| Problems(vec![Problem::in_file("--pack", err)]))?;
        let files = pack
            .files
            .iter()
            .map(|(name, json, _)| {
                (
                    format!("playbooks/{id}/{name}"),
                    name.to_string(),
                    json.to_string(),
                )
            })
            .collect::<Vec<_>>();
        Framework::from_files(&files, Syntax::Json)
    }

    /// A pack from YAML texts given as (file name, text) pairs, as a folder
    /// would hold them.
    pub fn from_yaml(files: &[(&str, &str)]) -> Result<Framework, Problems> {
        let files = files
            .iter()
            .map(|(name, text)| (name.to_string(), name.to_string(), text.to_string()))
            .collect::<Vec<_>>();
        Framework::from_files(&files, Syntax::Yaml)
    }

    /// Loads a pack from a folder: `framework.yaml` plus one `.yaml` (or
    /// `.yml`) file per playbook.
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
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_yaml = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            );
            if !is_yaml || !path.is_file() {
                continue;
            }
            let shown_file = path.display().to_string();
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            if let Err(why) = Kind::Pack.check(size) {
                problems.push(Problem::in_file(&shown_file, why));
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push((shown_file, name, text)),
                Err(err) => {
                    problems.push(Problem::in_file(&shown_file, format!("cannot read: {err}")))
                }
            }
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        files.sort_by(|a, b| a.1.cmp(&b.1));
        if !files.iter().any(|(_, name, _)| name == FRAMEWORK_FILE) {
            return Err(Problems(vec![Problem::in_file(
                &shown,
                format!(
                    "no {FRAMEWORK_FILE} in this folder: a playbook pack needs one beside its playbook files"
                ),
            )]));
        }
        Framework::from_files(&files, Syntax::Yaml)
    }

    /// Validates a pack given as (shown path, file name, text) triples.
    fn from_files(
        files: &[(String, String, String)],
        syntax: Syntax,
    ) -> Result<Framework, Problems> {
        let mut problems = Vec::new();
        let mut spec = None;
        let mut words = None;
        let mut playbooks = Vec::new();
        for (shown, name, text) in files {
            if yaml::is_blank(text) {
                problems.push(Problem::in_file(
                    shown,
                    "is empty: `calibrate playbooks export DIR` writes a complete pack to start from",
                ));
            } else if name == WORDING_FILE {
                match decode::<Wording>(shown, text, syntax) {
                    Ok(wording) => {
                        problems.extend(wording.check(shown, text));
                        words = Some(wording);
                    }
                    Err(problem) => problems.push(problem),
                }
            } else if name == FRAMEWORK_FILE {
                match decode::<FrameworkFile>(shown, text, syntax) {
                    Ok(file) => {
                        check_framework(&file, shown, text, &mut problems);
                        spec = Some(file);
                    }
                    Err(problem) => problems.push(problem),
                }
            } else {
                match decode::<Playbook>(shown, text, syntax) {
                    Ok(playbook) => {
                        check_playbook(&playbook, shown, text, &mut problems);
                        playbooks.push((shown.as_str(), text.as_str(), playbook));
                    }
                    Err(problem) => problems.push(problem),
                }
            }
        }
        check_unique_names(&playbooks, &mut problems);
        let ordered = order_by_quadrant(playbooks, files, &mut problems);
        if !files.iter().any(|(_, name, _)| name == WORDING_FILE) {
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

    /// The playbook for a quadrant. A validated pack has exactly one.
    pub fn playbook_for(&self, quadrant: Quadrant) -> &Playbook {
        self.playbooks
            .iter()
            .find(|p| p.quadrant == quadrant)
            .expect("a validated pack has a playbook for every quadrant")
    }

    /// Finds a playbook by id or alias, exactly as written in the pack.
    pub fn find_playbook(&self, id_or_alias: &str) -> Result<&Playbook, String> {
        let wanted = id_or_alias;
        if let Some(found) = self
            .playbooks
            .iter()
            .find(|p| p.id == wanted || p.aliases.iter().any(|a| a == wanted))
        {
            return Ok(found);
        }
        let loose = wanted.trim().to_lowercase();
        let near = self
            .playbooks
            .iter()
            .find(|p| p.id == loose || p.aliases.contains(&loose));
        let known = self.playbook_ids().join(", ");
        Err(match near {
            Some(p) => format!("unknown playbook '{wanted}': did you mean '{}'?", p.id),
            None => format!("unknown playbook '{wanted}': use one of {known}"),
        })
    }

    /// Finds an evidence kind by id.
    pub fn find_evidence(&self, id: &str) -> Result<&EvidenceKind, String> {
        if let Some(kind) = self.evidence.iter().find(|k| k.id == id) {
            return Ok(kind);
        }
        let known = self
            .evidence
            .iter()
            .map(|k| k.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let loose = id.trim().to_lowercase();
        Err(match self.evidence.iter().find(|k| k.id == loose) {
            Some(kind) => format!("unknown evidence kind '{id}': did you mean '{}'?", kind.id),
            None => format!("unknown evidence kind '{id}': use one of {known}"),
        })
    }

    /// The evidence kinds that count as facts, by name: "our own measured
    /// data or our own pilot".
    pub fn fact_kinds(&self) -> String {
        let names: Vec<String> = self
            .evidence
            .iter()
            .filter(|k| k.counts_as_fact)
            .map(|k| lowercase_first(&k.name))
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        self.words.either(&names)
    }

    /// The ids of the evidence kinds that count as facts: "measured or pilot".
    pub fn fact_kind_ids(&self) -> String {
        let ids: Vec<&str> = self
            .evidence
            .iter()
            .filter(|k| k.counts_as_fact)
            .map(|k| k.id.as_str())
            .collect();
        self.words.either(&ids)
    }

    /// Playbook ids in quadrant order.
    pub fn playbook_ids(&self) -> Vec<&str> {
        self.playbooks.iter().map(|p| p.id.as_str()).collect()
    }

    /// The label for a side of the horizon axis.
    pub fn horizon_label(&self, side: HorizonSide) -> &str {
        match side {
            HorizonSide::Short => &self.horizon.short_label,
            HorizonSide::Long => &self.horizon.long_label,
        }
    }

    /// The label for a side of the knowledge axis.
    pub fn knowledge_label(&self, side: KnowledgeSide) -> &str {
        match side {
            KnowledgeSide::Facts => &self.knowledge.facts_label,
            KnowledgeSide::Assumptions => &self.knowledge.assumptions_label,
        }
    }
}

fn check_framework(file: &FrameworkFile, path: &str, text: &str, problems: &mut Vec<Problem>) {
    let h = &file.horizon;
    if !(h.threshold_months > 0.0 && h.threshold_months <= MAX_HORIZON_MONTHS) {
        problems.push(Problem::at_key(
            path,
            text,
            "threshold_months",
            format!("threshold_months must be above 0 and at most {MAX_HORIZON_MONTHS}"),
        ));
    }
    if !(h.borderline_months >= 0.0 && h.borderline_months < h.threshold_months) {
        problems.push(Problem::at_key(
            path,
            text,
            "borderline_months",
            "borderline_months must be at least 0 and below threshold_months",
        ));
    }
    for choice in &h.choices {
        if let Err(err) = choice.horizon.parse::<Horizon>() {
            problems.push(Problem::at_value(
                path,
                text,
                "horizon",
                &choice.horizon,
                err,
            ));
        }
    }
    let k = &file.knowledge;
    if !(k.threshold > 0.0 && k.threshold < 1.0) {
        problems.push(Problem::at_key(
            path,
            text,
            "threshold",
            "knowledge threshold must be between 0 and 1",
        ));
    }
    if !(k.borderline >= 0.0 && k.borderline < 0.5) {
        problems.push(Problem::at_key(
            path,
            text,
            "borderline",
            "knowledge borderline must be at least 0 and below 0.5",
        ));
    }
    if !file.evidence.iter().any(|k| k.counts_as_fact) {
        problems.push(Problem::at_key(
            path,
            text,
            "evidence",
            "no evidence kind counts as a fact: mark at least one with counts_as_fact: true",
        ));
    }
    let mut seen = HashMap::new();
    for kind in &file.evidence {
        if !is_id(&kind.id) {
            problems.push(Problem::at_value(
                path,
                text,
                "id",
                &kind.id,
                format!(
                    "evidence id '{}' must be lowercase letters, digits and dashes",
                    kind.id
                ),
            ));
        }
        if seen.insert(kind.id.as_str(), ()).is_some() {
            problems.push(Problem::at_value(
                path,
                text,
                "id",
                &kind.id,
                format!("evidence kind '{}' is listed twice", kind.id),
            ));
        }
    }
}

fn check_playbook(playbook: &Playbook, path: &str, text: &str, problems: &mut Vec<Problem>) {
    if !is_id(&playbook.id) {
        problems.push(Problem::at_key(
            path,
            text,
            "id",
            format!(
                "playbook id '{}' must be lowercase letters, digits and dashes",
                playbook.id
            ),
        ));
    }
    for alias in &playbook.aliases {
        if !is_id(alias) {
            problems.push(Problem::at_key(
                path,
                text,
                "aliases",
                format!("alias '{alias}' must be lowercase letters, digits and dashes"),
            ));
        }
    }
    let lists = [
        ("moves", &playbook.moves),
        ("avoid", &playbook.avoid),
        ("warning_signs", &playbook.warning_signs),
        ("questions", &playbook.questions),
        ("figures", &playbook.case.figures),
    ];
    for (key, list) in lists {
        if list.iter().all(|item| item.trim().is_empty()) {
            problems.push(Problem::at_key(
                path,
                text,
                key,
                format!("{key} needs at least one entry"),
            ));
        }
    }
    let texts = [
        ("name", &playbook.name),
        ("summary", &playbook.summary),
        ("diagnosis", &playbook.diagnosis),
        ("guiding_policy", &playbook.guiding_policy),
        ("misfit", &playbook.misfit),
    ];
    for (key, value) in texts {
        if value.trim().is_empty() {
            problems.push(Problem::at_key(path, text, key, format!("{key} is empty")));
        }
    }
}

/// Ids and aliases must be unique across the pack, or `--current` is ambiguous.
fn check_unique_names(playbooks: &[(&str, &str, Playbook)], problems: &mut Vec<Problem>) {
    let mut owner: HashMap<&str, &str> = HashMap::new();
    for (path, text, playbook) in playbooks {
        let names = std::iter::once(&playbook.id).chain(&playbook.aliases);
        for name in names {
            if let Some(first) = owner.insert(name.as_str(), playbook.id.as_str()) {
                let key = if *name == playbook.id {
                    "id"
                } else {
                    "aliases"
                };
                problems.push(Problem::at_key(
                    path,
                    text,
                    key,
                    format!("'{name}' is already used by playbook '{first}': ids and aliases must be unique"),
                ));
            }
        }
    }
}

/// Exactly one playbook per quadrant, returned in [`Quadrant::ALL`] order.
fn order_by_quadrant(
    playbooks: Vec<(&str, &str, Playbook)>,
    files: &[(String, String, String)],
    problems: &mut Vec<Problem>,
) -> Option<Vec<Playbook>> {
    let parsed = playbooks.len();
    let mut slots: [Option<Playbook>; 4] = Default::default();
    for (path, text, playbook) in playbooks {
        let slot = Quadrant::ALL
            .iter()
            .position(|q| *q == playbook.quadrant)
            .expect("every quadrant value is one of the four");
        match &slots[slot] {
            Some(first) => problems.push(Problem::at_key(
                path,
                text,
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
        .filter(|(_, name, _)| name == FRAMEWORK_FILE || name == WORDING_FILE)
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

/// A name as it reads mid-sentence: "Our own pilot" becomes "our own pilot".
/// Names that start with an acronym or a proper name ("AI", "ISO audit")
/// are left alone.
fn lowercase_first(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_string(),
    }
}

/// The folder a pack's files came from, as the user would name it.
fn folder_of(files: &[(String, String, String)]) -> &str {
    let folder = files
        .first()
        .map(|(shown, name, _)| shown.strip_suffix(name.as_str()).unwrap_or(shown))
        .unwrap_or("playbooks/")
        .trim_end_matches('/');
    if folder.is_empty() { "." } else { folder }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
