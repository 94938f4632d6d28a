//! Workshop sessions: the file a group fills in, one vote per person. The
//! report on a session is `workshop`'s business.

use crate::answers::{Answers, Claim, DurationText, MAX_CLAIMS, Status, too_many_claims};
use crate::framework::Framework;
use crate::problem::{Collector, Problem, Problems};
use crate::render::sanitize::is_invisible;
use crate::shapes;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// A workshop session, as kept in its YAML file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The initiative the group is diagnosing.
    pub initiative: String,
    /// The claims everyone weighs, each with a short id.
    pub claims: Vec<SessionClaim>,
    /// One vote per participant.
    #[serde(default)]
    pub votes: Vec<Vote>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SessionClaim {
    pub id: String,
    pub claim: String,
}

/// One person's placement: their horizon, and the claims they hold as
/// proven facts (the rest are assumptions to them).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    pub participant: String,
    pub horizon: DurationText,
    #[serde(default)]
    pub facts: Vec<String>,
}

impl Session {
    /// A new session with claims numbered c1, c2, ...
    pub fn new(initiative: &str, claims: &[String]) -> Result<Session, String> {
        if initiative.trim().is_empty() {
            return Err("the session needs the initiative's name: pass --name TEXT".into());
        }
        if claims.is_empty() {
            return Err(
                "the session needs at least one claim to weigh: pass --claim TEXT (repeatable)"
                    .into(),
            );
        }
        if claims.len() > MAX_CLAIMS {
            return Err(too_many_claims(claims.len(), "a session"));
        }
        if let Some(blank) = claims.iter().position(|c| c.trim().is_empty()) {
            return Err(format!(
                "claim {} is blank: every --claim needs text",
                blank + 1
            ));
        }
        Ok(Session {
            initiative: initiative.trim().to_string(),
            claims: claims
                .iter()
                .enumerate()
                .map(|(i, text)| SessionClaim {
                    id: format!("c{}", i + 1),
                    claim: text.trim().to_string(),
                })
                .collect(),
            votes: Vec::new(),
        })
    }

    /// Parses and checks a session file; every problem names its line.
    /// Horizons are read with the pack's words, deadlines counted from `today`.
    pub fn parse(
        path: &str,
        text: &str,
        framework: &Framework,
        today: jiff::civil::Date,
    ) -> Result<Session, Problems> {
        if yaml::is_blank(text) {
            return Err(Problems(vec![Problem::in_file(
                path,
                "is empty: a workshop session needs initiative and claims (`calibrate workshop new FILE` writes one)",
            )]));
        }
        let parsed = yaml::parse::<Session>(path, text).map_err(|mut p| {
            let other = serde_yaml::from_str::<serde_yaml::Value>(text)
                .ok()
                .and_then(|value| shapes::other_kind(&value, shapes::Kind::Session));
            match other {
                Some(other) => p = Problem::in_file(path, other),
                None => {
                    p.message = p.message.replace(
                        "struct Session",
                        "a workshop session (initiative, claims, votes)",
                    )
                }
            }
            Problems(vec![p])
        })?;
        let (session, at) = (&parsed.value, &parsed.at);
        let mut problems = Collector::default();
        if session.initiative.trim().is_empty() {
            problems.add(|| at.problem("initiative", "initiative is blank: name the initiative"));
        }
        if session.claims.is_empty() {
            problems.add(|| {
                at.problem(
                    "claims",
                    "the session has no claims: add at least one, each with id and claim",
                )
            });
        }
        if session.claims.len() > MAX_CLAIMS {
            problems
                .add(|| at.problem("claims", too_many_claims(session.claims.len(), "a session")));
        }
        let mut ids = HashSet::new();
        for (i, claim) in session.claims.iter().enumerate() {
            if claim.id.trim().is_empty() || claim.claim.trim().is_empty() {
                problems.add(|| {
                    at.problem(
                        &format!("claims.{i}"),
                        "every claim needs an id and its text",
                    )
                });
            } else if !ids.insert(claim.id.as_str()) {
                problems.add(|| {
                    at.problem(
                        &format!("claims.{i}.id"),
                        format!(
                            "claim id '{}' is used twice: give each claim its own id",
                            claim.id
                        ),
                    )
                });
            }
        }
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, vote) in session.votes.iter().enumerate() {
            let here = format!("votes.{i}.participant");
            let name = vote.participant.trim();
            let key = person_key(name);
            if key.is_empty() {
                problems.add(|| at.problem(&here, "a vote has a blank participant name"));
                continue;
            }
            let count = seen.entry(key).or_default();
            if *count > 0 {
                problems.add(|| {
                    at.problem(
                        &here,
                        format!("{name} has voted twice: keep one vote per participant"),
                    )
                });
            }
            *count += 1;
            if let Err(err) = framework.read_horizon(vote.horizon.as_str(), today) {
                problems
                    .add(|| at.problem(&format!("votes.{i}.horizon"), format!("horizon: {err}")));
            }
            let mut reported = HashSet::new();
            for (j, id) in vote.facts.iter().enumerate() {
                if !ids.contains(id.as_str()) && reported.insert(id.as_str()) {
                    problems.add(|| {
                        at.problem(
                            &format!("votes.{i}.facts.{j}"),
                            format!(
                                "{name}'s vote names claim '{id}', which does not exist: use one of {}",
                                known_ids(session)
                            ),
                        )
                    });
                }
            }
        }
        if problems.is_empty() {
            Ok(parsed.value)
        } else {
            Err(problems.finish(path))
        }
    }

    /// Adds a vote, replacing any earlier vote by the same person (see
    /// [`clean_name`] for who is the same). Claim ids are matched however
    /// their case is typed and kept as the session writes them. Returns the
    /// name of the vote replaced, if any: a replaced vote keeps the name as
    /// it was first written.
    pub fn cast(&mut self, vote: Vote) -> Result<Option<String>, String> {
        if vote.participant.trim().is_empty() {
            return Err("the participant's name is blank: pass --participant NAME".into());
        }
        let name = clean_name(&vote.participant);
        if person_key(&name).is_empty() {
            return Err(format!(
                "the participant's name '{}' shows nothing: pass --participant with a name people can read",
                vote.participant
            ));
        }
        let mut facts: Vec<String> = Vec::new();
        for typed in &vote.facts {
            let id = self
                .claims
                .iter()
                .find(|c| crate::suggest::same(&c.id, typed))
                .map(|c| c.id.clone())
                .ok_or_else(|| {
                    format!(
                        "there is no claim '{}': use one of {}",
                        typed.trim(),
                        known_ids(self)
                    )
                })?;
            if !facts.contains(&id) {
                facts.push(id);
            }
        }
        let vote = Vote {
            participant: name,
            facts,
            ..vote
        };
        match self
            .votes
            .iter_mut()
            .find(|v| same_person(&v.participant, &vote.participant))
        {
            Some(earlier) => {
                // The name stays as first written, whatever its case now.
                let name = earlier.participant.clone();
                *earlier = Vote {
                    participant: name.clone(),
                    ..vote
                };
                Ok(Some(name))
            }
            None => {
                self.votes.push(vote);
                Ok(None)
            }
        }
    }

    /// Whether `name` has voted already.
    pub fn has_voted(&self, name: &str) -> bool {
        self.votes.iter().any(|v| same_person(&v.participant, name))
    }

    /// Who has voted, in order.
    pub fn voters(&self) -> Vec<&str> {
        self.votes.iter().map(|v| v.participant.as_str()).collect()
    }

    /// The session as YAML.
    pub fn to_yaml(&self) -> String {
        serde_yaml::to_string(self).expect("a session always serialises")
    }

    /// Each claim id and its place in the session's claims.
    pub fn claim_index(&self) -> HashMap<&str, usize> {
        self.claims
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect()
    }

    /// Which claims `vote` holds as proven, in the session's claim order;
    /// `index` is [`Session::claim_index`], built once for every vote.
    pub fn proven(&self, vote: &Vote, index: &HashMap<&str, usize>) -> Vec<bool> {
        let mut proven = vec![false; self.claims.len()];
        for id in &vote.facts {
            if let Some(&i) = index.get(id.as_str()) {
                proven[i] = true;
            }
        }
        proven
    }

    /// One participant's answers: their horizon, and every claim as a fact
    /// (if they hold it proven, see [`Session::proven`]) or an assumption.
    pub fn answers(
        &self,
        vote: &Vote,
        proven: &[bool],
        framework: &Framework,
        today: jiff::civil::Date,
    ) -> Result<Answers, String> {
        // A participant's "proven" is their own judgement of our evidence:
        // the pack's first kind of evidence that counts as a fact.
        let proven_kind = framework.evidence.iter().find(|k| k.counts_as_fact);
        Ok(Answers {
            initiative: Some(self.initiative.clone()),
            horizon: framework.read_horizon(vote.horizon.as_str(), today)?,
            claims: self
                .claims
                .iter()
                .zip(proven)
                .map(|(c, &proven)| {
                    let status = if proven {
                        Status::Fact
                    } else {
                        Status::Assumption
                    };
                    let claim = Claim::new(c.claim.clone(), status);
                    match proven_kind {
                        Some(kind) if status == Status::Fact => claim.with_evidence(&kind.id),
                        _ => claim,
                    }
                })
                .collect(),
            current_playbook: None,
        })
    }
}

/// The session's claim ids, the first ten, for messages.
fn known_ids(session: &Session) -> String {
    let mut known = session
        .claims
        .iter()
        .take(10)
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if session.claims.len() > 10 {
        known.push_str(", …");
    }
    known
}

/// A participant's name as saved: in Unicode's composed form (NFC), runs
/// of spaces as one, and without invisible characters (zero-width spaces,
/// bidirectional controls, control characters...). A zero-width joiner or
/// non-joiner between two letters stays, as some scripts and emoji need it.
pub fn clean_name(name: &str) -> String {
    let chars: Vec<char> = name.nfc().collect();
    let mut out = String::with_capacity(name.len());
    for (i, &c) in chars.iter().enumerate() {
        let joiner = matches!(c, '\u{200C}' | '\u{200D}');
        let shown = |c: Option<&char>| c.is_some_and(|c| !c.is_whitespace() && !is_invisible(*c));
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !is_invisible(c)
            || (joiner && shown(chars.get(i + 1)) && i > 0 && shown(chars.get(i - 1)))
        {
            out.push(c);
        }
    }
    out.trim_end().to_string()
}

/// What two names are compared by: names that look the same are one person.
/// Compatibility forms folded (NFKC: a full-width Ａ is an A), case ignored,
/// invisible characters and variation selectors dropped, spaces collapsed.
/// Empty for a name with nothing visible in it.
fn person_key(name: &str) -> String {
    let folded: String = name
        .nfkc()
        .filter(|&c| {
            !is_invisible(c) && !matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
        })
        .collect::<String>()
        .to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same_person(a: &str, b: &str) -> bool {
    person_key(a) == person_key(b)
}
