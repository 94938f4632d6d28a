//! How a set of decision records changed between two versions: which
//! initiatives moved to another playbook, how their horizon and share of
//! facts moved, which claims changed, which declared playbooks stopped
//! fitting, and which records came and went. Pure: the two versions are read
//! elsewhere and handed in.

use crate::answers::{Answers, Status};
use crate::diagnosis::{Position, position};
use crate::framework::{Framework, Playbook};
use crate::problem::Problem;

/// One record as it stood in one version.
#[derive(Debug, Clone)]
pub struct Snapshot<'a> {
    /// Its path from the top of the repository.
    pub path: String,
    pub initiative: String,
    pub position: Position<'a>,
    /// The playbook the record declares, if it does.
    pub declared: Option<&'a Playbook>,
    pub claims: Vec<ClaimState>,
}

impl Snapshot<'_> {
    /// Whether the declared playbook differs from the diagnosis.
    pub fn mismatch(&self) -> bool {
        self.declared
            .is_some_and(|declared| declared.id != self.position.playbook.id)
    }
}

/// A claim as a record holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimState {
    pub text: String,
    pub status: Status,
    /// The evidence kind's id, if one is recorded.
    pub evidence: Option<String>,
}

/// A claim that is new, gone, or held differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimChange {
    pub text: String,
    pub before: Option<ClaimState>,
    pub after: Option<ClaimState>,
}

/// What happened to one record.
#[derive(Debug, Clone)]
pub enum Change<'a> {
    Added(Snapshot<'a>),
    Removed(Snapshot<'a>),
    /// Its answers changed (its path too, when it was renamed).
    Changed {
        before: Snapshot<'a>,
        after: Snapshot<'a>,
        claims: Vec<ClaimChange>,
    },
}

impl Change<'_> {
    /// Whether the record now sits under another playbook.
    pub fn moved(&self) -> bool {
        matches!(self, Change::Changed { before, after, .. }
            if before.position.playbook.id != after.position.playbook.id)
    }

    /// Whether its declared playbook no longer fits, where it did (or where
    /// the record is new).
    pub fn new_mismatch(&self) -> bool {
        match self {
            Change::Added(after) => after.mismatch(),
            Change::Removed(_) => false,
            Change::Changed { before, after, .. } => after.mismatch() && !before.mismatch(),
        }
    }

    /// The record as it is now, or as it was when it is gone.
    pub fn latest(&self) -> &Snapshot<'_> {
        match self {
            Change::Added(s) | Change::Removed(s) => s,
            Change::Changed { after, .. } => after,
        }
    }
}

/// Every change between two versions of the records, in path order.
#[derive(Debug, Default)]
pub struct DiffReport<'a> {
    /// How the two versions are named: `main (3f2c1ab)`, the work tree.
    pub base: String,
    pub head: String,
    pub changes: Vec<Change<'a>>,
    /// Records compared and found the same.
    pub unchanged: usize,
    /// Records that could not be read, in the newer version.
    pub problems: Vec<Problem>,
    /// The same, in the older version: reported, but not the change's fault.
    pub base_problems: Vec<Problem>,
}

impl DiffReport<'_> {
    pub fn moved(&self) -> usize {
        self.changes.iter().filter(|c| c.moved()).count()
    }

    pub fn added(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| matches!(c, Change::Added(_)))
            .count()
    }

    pub fn removed(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| matches!(c, Change::Removed(_)))
            .count()
    }

    /// Records whose answers changed without moving them.
    pub fn changed_in_place(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| matches!(c, Change::Changed { .. }) && !c.moved())
            .count()
    }
}

/// A record's answers as one version holds them.
pub struct Version {
    pub path: String,
    pub answers: Answers,
}

/// Reads the text of a record at `path` (shown in messages as `shown`),
/// dated `today` for deadlines, and places it: every problem, or the
/// snapshot.
pub fn read<'a>(
    framework: &'a Framework,
    shown: &str,
    path: &str,
    text: &str,
    today: jiff::civil::Date,
) -> Result<Snapshot<'a>, Vec<Problem>> {
    let (_, _, answers) =
        crate::record::Record::parse_answers(shown, text, framework, today).map_err(|p| p.0)?;
    snapshot(
        framework,
        Version {
            path: path.to_string(),
            answers,
        },
    )
    .map_err(|message| vec![Problem::in_file(shown, message)])
}

/// Places a version's record, or says why it cannot be placed.
pub fn snapshot<'a>(framework: &'a Framework, version: Version) -> Result<Snapshot<'a>, String> {
    let (position, declared) = position(framework, &version.answers).map_err(|e| e.0)?;
    Ok(Snapshot {
        path: version.path,
        initiative: version.answers.initiative.clone().unwrap_or_default(),
        position,
        declared,
        claims: version
            .answers
            .claims
            .into_iter()
            .map(|c| ClaimState {
                text: c.text,
                status: c.status,
                evidence: c.evidence.map(|e| e.to_lowercase()),
            })
            .collect(),
    })
}

/// Pairs the records of two versions by path, and a record gone from one
/// path with a new one of the same initiative elsewhere (a rename), and keeps
/// the pairs whose answers differ.
pub fn compare<'a>(
    before: Vec<Snapshot<'a>>,
    after: Vec<Snapshot<'a>>,
) -> (Vec<Change<'a>>, usize) {
    let by_path: std::collections::HashMap<String, usize> = before
        .iter()
        .enumerate()
        .map(|(i, b)| (b.path.clone(), i))
        .collect();
    let mut before: Vec<Option<Snapshot>> = before.into_iter().map(Some).collect();
    let mut changes = Vec::new();
    let mut unchanged = 0;
    let mut added = Vec::new();
    for now in after {
        match by_path.get(&now.path).copied() {
            Some(i) => {
                let was = before[i].take().expect("found above");
                match changed(was, now) {
                    Some(change) => changes.push(change),
                    None => unchanged += 1,
                }
            }
            None => added.push(now),
        }
    }
    for now in added {
        let renamed = before.iter().position(|b| {
            b.as_ref()
                .is_some_and(|b| b.initiative.trim() == now.initiative.trim())
        });
        match renamed {
            Some(i) => {
                // A renamed record differs at least by its path.
                let was = before[i].take().expect("found above");
                changes.extend(changed(was, now));
            }
            None => changes.push(Change::Added(now)),
        }
    }
    changes.extend(before.into_iter().flatten().map(Change::Removed));
    changes.sort_by(|a, b| a.latest().path.cmp(&b.latest().path));
    (changes, unchanged)
}

/// The change from `before` to `after`, if anything a reader would care
/// about differs: the path, the place on the 2x2, the declared playbook or
/// a claim.
fn changed<'a>(before: Snapshot<'a>, after: Snapshot<'a>) -> Option<Change<'a>> {
    let claims = claim_changes(&before.claims, &after.claims);
    let same = before.path == after.path
        && before.initiative == after.initiative
        && before.position.months == after.position.months
        && before.position.score == after.position.score
        && before.declared.map(|p| &p.id) == after.declared.map(|p| &p.id)
        && claims.is_empty();
    (!same).then_some(Change::Changed {
        before,
        after,
        claims,
    })
}

/// The claims added, removed, or held with another status or evidence,
/// matched by their text (ignoring case and surrounding space).
fn claim_changes(before: &[ClaimState], after: &[ClaimState]) -> Vec<ClaimChange> {
    let key = |c: &ClaimState| c.text.trim().to_lowercase();
    let mut changes = Vec::new();
    let mut left: Vec<Option<&ClaimState>> = before.iter().map(Some).collect();
    for now in after {
        let was = left
            .iter_mut()
            .find(|b| b.is_some_and(|b| key(b) == key(now)))
            .and_then(Option::take);
        match was {
            Some(was) if was.status == now.status && was.evidence == now.evidence => {}
            was => changes.push(ClaimChange {
                text: now.text.clone(),
                before: was.cloned(),
                after: Some(now.clone()),
            }),
        }
    }
    for was in left.into_iter().flatten() {
        changes.push(ClaimChange {
            text: was.text.clone(),
            before: Some(was.clone()),
            after: None,
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(text: &str, status: Status, evidence: Option<&str>) -> ClaimState {
        ClaimState {
            text: text.into(),
            status,
            evidence: evidence.map(String::from),
        }
    }

    #[test]
    fn claims_are_matched_by_text_and_compared_by_status_and_evidence() {
        let before = [
            claim("Data is clean", Status::Fact, Some("measured")),
            claim("Users adopt it", Status::Assumption, None),
            claim("Gone", Status::Fact, None),
        ];
        let after = [
            claim("users adopt it", Status::Assumption, None),
            claim("Data is clean", Status::Fact, Some("vendor")),
            claim("New", Status::Assumption, None),
        ];
        let changes = claim_changes(&before, &after);
        let texts: Vec<(&str, bool, bool)> = changes
            .iter()
            .map(|c| (c.text.as_str(), c.before.is_some(), c.after.is_some()))
            .collect();
        assert_eq!(
            texts,
            [
                ("Data is clean", true, true),
                ("New", false, true),
                ("Gone", true, false)
            ]
        );
    }
}
