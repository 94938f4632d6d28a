//! A participant's form: what they sent, read into a vote and checked,
//! each problem in the pack's words; and the ballot that lets a phone
//! change its own vote and no one else's.

use super::keys;
use crate::framework::Framework;
use crate::render::sanitize::is_invisible;
use crate::session::{
    LiveKeys, MAX_NAME, MAX_WHY, Session, Vote, clean_name, one_line, person_key,
};
use crate::wording::fill;

/// The confidences a participant may pick besides none: the pack's plain
/// words ("Likely (75%)"), each with its probability as the form sends it.
pub fn likely_choices(framework: &Framework) -> impl Iterator<Item = (String, &str)> {
    framework
        .knowledge
        .confidence
        .iter()
        .map(|choice| (choice.value.to_string(), choice.label.as_str()))
}

/// Whether `value` is a confidence the form offers ("" for none).
fn offered_likely(framework: &Framework, value: &str) -> bool {
    value.is_empty() || likely_choices(framework).any(|(offered, _)| offered == value)
}

/// The cookie a phone keeps its ballot in.
pub const BALLOT_COOKIE: &str = "calibrate_ballot";

/// What a participant's form holds, as they typed it: shown back to them
/// with the problems when it cannot be taken, and filled in from their
/// vote when they come back to change it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entered {
    pub csrf: String,
    pub name: String,
    pub horizon: String,
    /// For each claim: held as a fact, as an assumption, or not said.
    pub readings: Vec<Option<bool>>,
    /// For each claim: "" or the probability offered ("0.8").
    pub likely: Vec<String>,
    /// For each claim: why, in one line, or "".
    pub why: Vec<String>,
}

impl Entered {
    /// An empty form for the session's claims.
    pub fn blank(session: &Session) -> Entered {
        let n = session.claims.len();
        Entered {
            readings: vec![None; n],
            likely: vec![String::new(); n],
            why: vec![String::new(); n],
            ..Entered::default()
        }
    }

    /// The form filled in from `vote`.
    pub fn of(framework: &Framework, session: &Session, vote: &Vote) -> Entered {
        let mut entered = Entered::blank(session);
        entered.name = vote.participant.clone();
        entered.horizon = vote.horizon.as_str().to_string();
        for (i, claim) in session.claims.iter().enumerate() {
            entered.readings[i] = Some(vote.facts.contains(&claim.id));
            if let Some(&sure) = vote.confidence.get(&claim.id) {
                // The nearest the page offers (a vote cast elsewhere may
                // give any probability).
                let nearest = framework
                    .knowledge
                    .confidence
                    .iter()
                    .min_by(|a, b| (a.value - sure).abs().total_cmp(&(b.value - sure).abs()));
                if let Some(choice) = nearest {
                    entered.likely[i] = choice.value.to_string();
                }
            }
            if let Some(why) = vote.why.get(&claim.id) {
                entered.why[i] = why.clone();
            }
        }
        entered
    }

    /// The form as sent: its fields by name (`name`, `horizon`, and for
    /// the claim at index i `read<i>`, `likely<i>`, `why<i>`). Fields it
    /// does not have are left out; the last of a repeated field counts.
    pub fn sent(session: &Session, fields: Vec<(String, String)>) -> Entered {
        let mut entered = Entered::blank(session);
        let n = session.claims.len();
        let at = |key: &str, prefix: &str| {
            key.strip_prefix(prefix)
                .filter(|digits| digits.bytes().all(|b| b.is_ascii_digit()) && digits.len() < 6)
                .and_then(|digits| digits.parse::<usize>().ok())
                .filter(|&i| i < n)
        };
        for (key, value) in fields {
            match key.as_str() {
                "csrf" => entered.csrf = value,
                "name" => entered.name = value,
                "horizon" => entered.horizon = value,
                _ => {
                    if let Some(i) = at(&key, "read") {
                        entered.readings[i] = match value.as_str() {
                            "fact" => Some(true),
                            "assumption" => Some(false),
                            _ => None,
                        };
                    } else if let Some(i) = at(&key, "likely") {
                        entered.likely[i] = value;
                    } else if let Some(i) = at(&key, "why") {
                        entered.why[i] = value;
                    }
                }
            }
        }
        entered
    }

    /// The vote the form holds, or every problem with it in the pack's
    /// words.
    pub fn vote(&self, framework: &Framework, session: &Session) -> Result<Vote, Vec<String>> {
        let words = &framework.words.live;
        let max = |template: &str, max: usize| fill(template, &[("max", &max.to_string())]);
        let mut problems = Vec::new();
        let name = clean_name(&self.name);
        if person_key(&name).is_empty() {
            problems.push(words.problem_name.clone());
        } else if self.name.chars().any(|c| is_invisible(c) && !is_joiner(c)) {
            problems.push(words.problem_name_hidden.clone());
        } else if name.chars().count() > MAX_NAME {
            problems.push(max(&words.problem_name_long, MAX_NAME));
        }
        let horizon = framework
            .horizon
            .choices
            .iter()
            .find(|choice| choice.horizon == self.horizon);
        if horizon.is_none() {
            problems.push(words.problem_horizon.clone());
        }
        if self.readings.iter().any(Option::is_none) {
            problems.push(words.problem_reading.clone());
        }
        if self
            .likely
            .iter()
            .any(|value| !offered_likely(framework, value))
        {
            problems.push(words.problem_expired.clone());
        }
        if self
            .why
            .iter()
            .any(|why| one_line(why).chars().count() > MAX_WHY)
        {
            problems.push(max(&words.problem_why_long, MAX_WHY));
        }
        let Some(horizon) = horizon.filter(|_| problems.is_empty()) else {
            return Err(problems);
        };
        let mut vote = Vote::new(&name, &horizon.horizon, Vec::new());
        for (i, claim) in session.claims.iter().enumerate() {
            if self.readings[i] == Some(true) {
                vote.facts.push(claim.id.clone());
            }
            if let Ok(sure) = self.likely[i].parse::<f64>() {
                vote.confidence.insert(claim.id.clone(), sure);
            }
            let why = one_line(&self.why[i]);
            if !why.is_empty() {
                vote.why.insert(claim.id.clone(), why);
            }
        }
        Ok(vote)
    }
}

/// Zero-width (non-)joiners, which some scripts and emoji need in a name.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// The cookie value that lets the phone of the person whose name folds to
/// `key` (see [`person_key`]) change their vote: the key in hexadecimal,
/// a dot, and its signature.
pub fn ballot_cookie(keys: &LiveKeys, key: &str) -> String {
    let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.{}", keys::ballot(keys, key))
}

/// The person a ballot cookie stands for, if its signature holds.
pub fn ballot_holder(keys: &LiveKeys, cookie: &str) -> Option<String> {
    let (hex, signature) = cookie.split_once('.')?;
    if hex.len() % 2 != 0 || hex.len() > 4 * 4 * MAX_NAME {
        return None;
    }
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    let key = String::from_utf8(bytes).ok()?;
    keys::same(&keys::ballot(keys, &key), signature).then_some(key)
}

/// The ballot in a request's `Cookie` headers, if any.
pub fn ballot_in<'a>(cookies: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    cookies
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == BALLOT_COOKIE)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ballot_stands_for_its_holder_only() {
        let keys = keys::fresh().unwrap();
        let cookie = ballot_cookie(&keys, "ana maría");
        assert_eq!(ballot_holder(&keys, &cookie).as_deref(), Some("ana maría"));
        let forged = cookie.replacen("61", "62", 1);
        assert_eq!(ballot_holder(&keys, &forged), None);
        assert_eq!(ballot_holder(&keys_other(), &cookie), None);
        assert_eq!(ballot_holder(&keys, "zz.00"), None);
        assert_eq!(ballot_holder(&keys, "é"), None);
    }

    fn keys_other() -> LiveKeys {
        keys::fresh().unwrap()
    }

    #[test]
    fn a_confidence_given_elsewhere_shows_as_the_nearest_the_page_offers() {
        let framework = crate::packs::embedded().unwrap();
        let session = Session::new(
            "Copilot",
            &["Data is clean".into(), "Agents trust it".into()],
        )
        .unwrap();
        let mut vote = Vote::new("Ana", "6m", vec!["c1".into()]);
        vote.confidence.insert("c1".into(), 0.7);
        vote.confidence.insert("c2".into(), 0.1);
        let entered = Entered::of(&framework, &session, &vote);
        // The pack offers 95%, 75%, 50%, 25% and 5%.
        assert_eq!(entered.likely, ["0.75", "0.05"]);
        assert!(offered_likely(&framework, "0.75"));
        assert!(!offered_likely(&framework, "0.7"));
    }

    #[test]
    fn the_ballot_is_found_among_cookies() {
        let headers = ["a=1; calibrate_ballot=ab.cd", "b=2"];
        assert_eq!(ballot_in(headers.into_iter()), Some("ab.cd"));
        assert_eq!(ballot_in(["x=1"].into_iter()), None);
    }
}
