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
    /// One vote per participant: the first round.
    #[serde(default)]
    pub votes: Vec<Vote>,
    /// The second round, after the group has discussed the first; absent
    /// until the facilitator starts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_round: Option<Vec<Vote>>,
    /// Whether the current round still takes votes.
    #[serde(default, skip_serializing_if = "Voting::is_open")]
    pub voting: Voting,
    /// The live workshop's links (`workshop serve`), kept so that a
    /// restarted server answers the links people already have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live: Option<LiveKeys>,
}

/// Whether a round takes votes: open until the facilitator closes it to
/// reveal the results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Voting {
    #[default]
    Open,
    Closed,
}

impl Voting {
    pub fn is_open(&self) -> bool {
        *self == Voting::Open
    }
}

/// The secrets of a live workshop: the participants' link, the
/// facilitator's link, and the key its forms and ballots are signed with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LiveKeys {
    pub join: String,
    pub facilitator: String,
    pub secret: String,
}

/// A round of voting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Round {
    First,
    Second,
}

impl Round {
    pub fn number(self) -> u8 {
        match self {
            Round::First => 1,
            Round::Second => 2,
        }
    }
}

/// Whether `confidence` is a probability, from 0 to 1.
fn is_probability(confidence: f64) -> bool {
    crate::answers::check_confidence(confidence).is_ok()
}

/// What is wrong with a confidence that is not a probability.
fn not_a_probability(id: &str, confidence: f64) -> String {
    format!(
        "the confidence for claim '{id}' is {confidence}: give the probability that the claim holds, from 0 to 1 (such as 0.8)"
    )
}

/// The longest participant's name, in characters.
pub const MAX_NAME: usize = 80;
/// The longest reason given for a reading, in characters.
pub const MAX_WHY: usize = 280;

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
    /// The probability, from 0 to 1, they give each claim of holding, by
    /// claim id (optional).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub confidence: BTreeMap<String, f64>,
    /// Why they read a claim as they do, in one line, by claim id (optional).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub why: BTreeMap<String, String>,
}

impl Vote {
    /// A vote with a horizon and the claims held proven, and no reasons.
    pub fn new(participant: &str, horizon: &str, facts: Vec<String>) -> Vote {
        Vote {
            participant: participant.to_string(),
            horizon: DurationText(horizon.to_string()),
            facts,
            confidence: BTreeMap::new(),
            why: BTreeMap::new(),
        }
    }
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
            second_round: None,
            voting: Voting::Open,
            live: None,
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
        let rounds = [
            ("votes", Some(&session.votes)),
            ("second_round", session.second_round.as_ref()),
        ];
        for (round, votes) in rounds {
            for (i, vote) in votes.into_iter().flatten().enumerate() {
                check_vote(
                    session,
                    &ids,
                    vote,
                    &format!("{round}.{i}"),
                    framework,
                    today,
                    &mut |key, message| problems.add(|| at.problem(key, message)),
                );
            }
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for (i, vote) in votes.into_iter().flatten().enumerate() {
                let name = vote.participant.trim();
                let key = person_key(name);
                if key.is_empty() {
                    continue;
                }
                let count = seen.entry(key).or_default();
                if *count > 0 {
                    problems.add(|| {
                        at.problem(
                            &format!("{round}.{i}.participant"),
                            format!("{name} has voted twice: keep one vote per participant"),
                        )
                    });
                }
                *count += 1;
            }
        }
        if problems.is_empty() {
            Ok(parsed.value)
        } else {
            Err(problems.finish(path))
        }
    }

    /// The round votes go into now: the second once it has started.
    pub fn round(&self) -> Round {
        if self.second_round.is_some() {
            Round::Second
        } else {
            Round::First
        }
    }

    /// The votes of `round` (none for a second round not started).
    pub fn round_votes(&self, round: Round) -> &[Vote] {
        match round {
            Round::First => &self.votes,
            Round::Second => self.second_round.as_deref().unwrap_or_default(),
        }
    }

    /// The votes of the current round.
    pub fn current_votes(&self) -> &[Vote] {
        self.round_votes(self.round())
    }

    /// The latest round anyone has voted in, for a report.
    pub fn latest_round(&self) -> Round {
        if self.round_votes(Round::Second).is_empty() {
            Round::First
        } else {
            Round::Second
        }
    }

    /// Whether the current round takes votes: refused, with how to reopen
    /// it, once the facilitator has closed it.
    pub fn check_open(&self) -> Result<(), String> {
        if self.voting == Voting::Closed {
            return Err(
                "voting is closed: the results of this round have been revealed; reopen it from the facilitator's page, or delete `voting: closed` from the session"
                    .into(),
            );
        }
        Ok(())
    }

    /// Adds a vote to the current round, replacing any earlier vote by the
    /// same person in it (see [`clean_name`] for who is the same). Claim ids
    /// are matched however their case is typed and kept as the session
    /// writes them. Returns the name of the vote replaced, if any: a
    /// replaced vote keeps the name as it was first written. Refused once
    /// the facilitator has closed the round.
    pub fn cast(&mut self, vote: Vote) -> Result<Option<String>, String> {
        self.check_open()?;
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
        if name.chars().count() > MAX_NAME {
            return Err(format!(
                "the participant's name is {} characters long; use at most {MAX_NAME}",
                name.chars().count()
            ));
        }
        let claim_id = |typed: &str| {
            self.claims
                .iter()
                .find(|c| crate::suggest::same(&c.id, typed))
                .map(|c| c.id.clone())
                .ok_or_else(|| {
                    format!(
                        "there is no claim '{}': use one of {}",
                        typed.trim(),
                        known_ids(self)
                    )
                })
        };
        let mut facts: Vec<String> = Vec::new();
        for typed in &vote.facts {
            let id = claim_id(typed)?;
            if !facts.contains(&id) {
                facts.push(id);
            }
        }
        let mut confidence = BTreeMap::new();
        for (typed, &sure) in &vote.confidence {
            if !is_probability(sure) {
                return Err(not_a_probability(typed.trim(), sure));
            }
            confidence.insert(claim_id(typed)?, sure);
        }
        let mut why = BTreeMap::new();
        for (typed, reason) in &vote.why {
            let reason = one_line(reason);
            if reason.chars().count() > MAX_WHY {
                return Err(format!(
                    "the reason given for claim '{}' is {} characters long; keep it to one line of at most {MAX_WHY}",
                    typed.trim(),
                    reason.chars().count()
                ));
            }
            if !reason.is_empty() {
                why.insert(claim_id(typed)?, reason);
            }
        }
        let vote = Vote {
            participant: name,
            facts,
            confidence,
            why,
            ..vote
        };
        let votes = match self.round() {
            Round::First => &mut self.votes,
            Round::Second => self.second_round.get_or_insert_default(),
        };
        match votes
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
                votes.push(vote);
                Ok(None)
            }
        }
    }

    /// Closes the current round: it takes no more votes, and its results
    /// may be shown.
    pub fn close(&mut self) {
        self.voting = Voting::Closed;
    }

    /// Opens the current round to votes again.
    pub fn reopen(&mut self) {
        self.voting = Voting::Open;
    }

    /// Starts the second round, open to votes (nothing changes once it has
    /// started). Refused before anyone has voted in the first.
    pub fn start_second_round(&mut self) -> Result<(), String> {
        if self.second_round.is_some() {
            return Ok(());
        }
        if self.votes.is_empty() {
            return Err("nobody has voted in round 1 yet: a second round compares with it".into());
        }
        self.second_round = Some(Vec::new());
        self.voting = Voting::Open;
        Ok(())
    }

    /// Whether `name` has voted in any round.
    pub fn has_voted_in_any_round(&self, name: &str) -> bool {
        [Round::First, Round::Second].into_iter().any(|round| {
            self.round_votes(round)
                .iter()
                .any(|v| same_person(&v.participant, name))
        })
    }

    /// `name`'s vote in the current round, if they have voted in it.
    pub fn vote_of(&self, name: &str) -> Option<&Vote> {
        self.current_votes()
            .iter()
            .find(|v| same_person(&v.participant, name))
    }

    /// Whether `name` has voted already in the current round.
    pub fn has_voted(&self, name: &str) -> bool {
        self.vote_of(name).is_some()
    }

    /// Who has voted in the current round, in order.
    pub fn voters(&self) -> Vec<&str> {
        self.current_votes()
            .iter()
            .map(|v| v.participant.as_str())
            .collect()
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

/// Checks one vote of a session being read, reporting each problem with
/// the key path under `here` (`votes.3`) it belongs to.
fn check_vote(
    session: &Session,
    ids: &HashSet<&str>,
    vote: &Vote,
    here: &str,
    framework: &Framework,
    today: jiff::civil::Date,
    problem: &mut dyn FnMut(&str, String),
) {
    let name = vote.participant.trim();
    if person_key(name).is_empty() {
        problem(
            &format!("{here}.participant"),
            "a vote has a blank participant name".into(),
        );
        return;
    }
    if let Err(err) = framework.read_horizon(vote.horizon.as_str(), today) {
        problem(&format!("{here}.horizon"), format!("horizon: {err}"));
    }
    let unknown = |id: &str| {
        format!(
            "{name}'s vote names claim '{id}', which does not exist: use one of {}",
            known_ids(session)
        )
    };
    let mut reported = HashSet::new();
    for (j, id) in vote.facts.iter().enumerate() {
        if !ids.contains(id.as_str()) && reported.insert(id.as_str()) {
            problem(&format!("{here}.facts.{j}"), unknown(id));
        }
    }
    for (id, &sure) in &vote.confidence {
        if !is_probability(sure) {
            problem(
                &format!("{here}.confidence.{id}"),
                not_a_probability(id, sure),
            );
        }
    }
    let noted = vote.confidence.keys().map(|id| ("confidence", id));
    for (field, id) in noted.chain(vote.why.keys().map(|id| ("why", id))) {
        if !ids.contains(id.as_str()) {
            problem(&format!("{here}.{field}.{id}"), unknown(id));
        }
    }
}

/// `text` on one line: line breaks and runs of spaces as one space, and no
/// control characters (an escape sequence is kept out of the file, not just
/// out of the terminal).
pub fn one_line(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| c.is_whitespace() || !c.is_control())
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
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
pub fn person_key(name: &str) -> String {
    let folded: String = name
        .nfkc()
        .filter(|&c| {
            !is_invisible(c) && !matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
        })
        .collect::<String>()
        .to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two names are one person's (see [`person_key`]).
pub fn same_person(a: &str, b: &str) -> bool {
    person_key(a) == person_key(b)
}
