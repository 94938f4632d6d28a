//! The playbook pack: the two axes, their thresholds, the evidence kinds and
//! the four playbooks. `validate` turns a pack's files into a [`Framework`];
//! where the files come from (built in, or a folder) is `packs`' business.

pub mod validate;

use crate::answers::{Horizon, UnitWords};
use crate::suggest;
use crate::wording::Wording;
use serde::Deserialize;
use std::fmt;

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

    /// Its place in [`Quadrant::ALL`], which is also its playbook's place
    /// in a pack.
    pub fn index(self) -> usize {
        match (self.horizon, self.knowledge) {
            (HorizonSide::Short, KnowledgeSide::Facts) => 0,
            (HorizonSide::Long, KnowledgeSide::Facts) => 1,
            (HorizonSide::Short, KnowledgeSide::Assumptions) => 2,
            (HorizonSide::Long, KnowledgeSide::Assumptions) => 3,
        }
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
    /// The words a horizon may be written in, beside d, w, m, q and y.
    #[serde(default)]
    pub units: UnitWords,
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
    /// The answers the interview offers for how sure someone is that a
    /// claim holds, each with the probability it stands for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidence: Vec<ConfidenceChoice>,
}

/// A plain-language answer to "how sure are you?", and the probability it means.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConfidenceChoice {
    pub label: String,
    /// The probability, 0 to 1, that the claim holds.
    pub value: f64,
}

/// A kind of evidence, and whether it makes a claim a fact about our outcome.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceKind {
    pub id: String,
    /// Other words people may type for it, such as the word in the pack's
    /// own language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
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
    pub misfit: Misfit,
    pub case: Case,
}

impl Playbook {
    /// Its id and aliases: every name a person may type for it.
    pub fn names(&self) -> Vec<&str> {
        std::iter::once(self.id.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .collect()
    }
}

impl EvidenceKind {
    /// Its id and aliases: every name a person may type for it.
    pub fn names(&self) -> Vec<&str> {
        std::iter::once(self.id.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .collect()
    }
}

/// What running a playbook in a neighbouring quadrant costs, one half for
/// each question the diagnosis can answer differently.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Misfit {
    /// Where the plan rests mostly on the other kind of claim.
    pub knowledge: String,
    /// Where the payoff falls on the other side of the horizon threshold.
    pub horizon: String,
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
    /// Which side of the horizon threshold `months` falls on. Horizons are
    /// counted in days: less than half a day past the threshold is on it.
    pub fn horizon_side(&self, months: f64) -> HorizonSide {
        if months <= self.horizon.threshold_months + crate::answers::HALF_A_DAY {
            HorizonSide::Short
        } else {
            HorizonSide::Long
        }
    }

    /// Which side of the knowledge threshold a share of facts falls on:
    /// strictly above is facts, since you need to know more than you don't.
    pub fn knowledge_side(&self, score: f64) -> KnowledgeSide {
        if score > self.knowledge.threshold {
            KnowledgeSide::Facts
        } else {
            KnowledgeSide::Assumptions
        }
    }

    /// The playbook for a quadrant. A validated pack has exactly one.
    pub fn playbook_for(&self, quadrant: Quadrant) -> &Playbook {
        self.playbooks
            .iter()
            .find(|p| p.quadrant == quadrant)
            .expect("a validated pack has a playbook for every quadrant")
    }

    /// Finds a playbook by id or alias, however its case and spacing are
    /// typed ("Go-Now", " discovery "); a near miss gets a suggestion.
    pub fn find_playbook(&self, typed: &str) -> Result<&Playbook, String> {
        let names = Playbook::names;
        if let Some(found) = self
            .playbooks
            .iter()
            .find(|p| names(p).iter().any(|name| suggest::same(name, typed)))
        {
            return Ok(found);
        }
        let all: Vec<&str> = self.playbooks.iter().flat_map(names).collect();
        let near = suggest::nearest(typed, all.iter().copied())
            .and_then(|name| self.playbooks.iter().find(|p| names(p).contains(&name)));
        Err(match near {
            Some(p) => format!("unknown playbook '{typed}': did you mean '{}'?", p.id),
            None => format!(
                "unknown playbook '{typed}': use one of {}",
                self.playbook_ids().join(", ")
            ),
        })
    }

    /// Finds an evidence kind by id or alias, however its case and spacing
    /// are typed; a near miss gets a suggestion.
    pub fn find_evidence(&self, typed: &str) -> Result<&EvidenceKind, String> {
        let names = EvidenceKind::names;
        if let Some(kind) = self
            .evidence
            .iter()
            .find(|k| names(k).iter().any(|name| suggest::same(name, typed)))
        {
            return Ok(kind);
        }
        let all: Vec<&str> = self.evidence.iter().flat_map(names).collect();
        let near = suggest::nearest(typed, all.iter().copied())
            .and_then(|name| self.evidence.iter().find(|k| names(k).contains(&name)));
        Err(match near {
            Some(kind) => format!(
                "unknown evidence kind '{typed}': did you mean '{}'?",
                kind.id
            ),
            None => format!(
                "unknown evidence kind '{typed}': use one of {}",
                self.evidence
                    .iter()
                    .map(|k| k.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
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

    /// Reads a horizon written with this pack's words, or as a deadline
    /// counted from `today`.
    pub fn read_horizon(&self, text: &str, today: jiff::civil::Date) -> Result<Horizon, String> {
        Horizon::read(text, &self.horizon.units, today)
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

/// Whether `s` is a valid id: lowercase letters, digits and dashes.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
