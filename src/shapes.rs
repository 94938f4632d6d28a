//! What kind of calibrate file a YAML document is, so a file given to the
//! wrong command is named for what it is, not for its first unknown key.

use serde_yaml::Value;

/// The files calibrate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Record,
    Session,
    Portfolio,
    Pack,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Record => "a decision record",
            Kind::Session => "a workshop session",
            Kind::Portfolio => "a portfolio file",
            Kind::Pack => "a file of a playbook pack",
        }
    }

    /// What to do with a file of this kind.
    fn advice(self) -> &'static str {
        match self {
            Kind::Record => "diagnose it with `calibrate diagnose --record FILE`",
            Kind::Session => "report on it with `calibrate workshop report FILE`",
            Kind::Portfolio => "place it with `calibrate portfolio FILE`",
            Kind::Pack => "use its folder with `--playbooks DIR`",
        }
    }

    /// The keys only this kind of file has.
    fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Record => &[
                "horizon",
                "current_playbook",
                "owner",
                "reviewed",
                "review_every",
            ],
            Kind::Session => &["votes"],
            Kind::Portfolio => &["initiatives"],
            Kind::Pack => &["quadrant", "knowledge", "evidence", "moves", "language"],
        }
    }
}

/// Why `value` is not the `wanted` kind of file, when it is plainly
/// something else: plain text, or another of calibrate's files.
pub fn other_kind(value: &Value, wanted: Kind) -> Option<String> {
    let map = match value {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => {
            return Some(format!(
                "is plain text, not {}: {} is YAML with keys such as {}",
                wanted.name(),
                wanted.name(),
                match wanted {
                    Kind::Record => "initiative, horizon and claims",
                    Kind::Session => "initiative, claims and votes",
                    Kind::Portfolio => "initiatives",
                    Kind::Pack => "id, name and quadrant",
                }
            ));
        }
        Value::Mapping(map) => map,
        _ => return None,
    };
    let has = |key: &&str| map.contains_key(*key);
    let found = [Kind::Pack, Kind::Portfolio, Kind::Session, Kind::Record]
        .into_iter()
        .filter(|kind| *kind != wanted)
        .find(|kind| kind.keys().iter().any(has))?;
    // A record with a stray `votes:` is still a record with a mistake.
    if wanted.keys().iter().any(has) {
        return None;
    }
    Some(format!(
        "is {}, not {}: {}",
        found.name(),
        wanted.name(),
        found.advice()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn a_file_for_another_command_is_named() {
        assert_eq!(
            other_kind(
                &yaml("initiative: X\nhorizon: 6m\nclaims: []\n"),
                Kind::Session
            )
            .unwrap(),
            "is a decision record, not a workshop session: diagnose it with `calibrate diagnose --record FILE`"
        );
        assert_eq!(
            other_kind(
                &yaml("initiative: X\nclaims: []\nvotes: []\n"),
                Kind::Record
            )
            .unwrap(),
            "is a workshop session, not a decision record: report on it with `calibrate workshop report FILE`"
        );
        assert_eq!(
            other_kind(&yaml("Dear board, here is the plan."), Kind::Record).unwrap(),
            "is plain text, not a decision record: a decision record is YAML with keys such as initiative, horizon and claims"
        );
        assert_eq!(
            other_kind(&yaml("initiative: X\nhorizn: 6m\n"), Kind::Record),
            None
        );
    }
}
