//! What the user tells us: the horizon, the claims the plan rests on, and the
//! playbook the team runs today. Every input path (flags, records, the
//! interview) produces the same [`Answers`].

use std::fmt;
use std::str::FromStr;

/// The longest horizon we accept. Past this the question stops being a
/// planning horizon at all, and it is almost always a typo (`1e9y`, `5000m`).
pub const MAX_HORIZON_MONTHS: f64 = 50.0 * 12.0;

/// The heaviest weight a single claim may carry. Weights express "this claim
/// matters twice as much as that one"; anything beyond this is a mistake.
pub const MAX_WEIGHT: f64 = 1000.0;

/// The most claims one plan may list. A real plan rests on a handful, or a
/// few dozen; the limit keeps every report readable and every run quick.
pub const MAX_CLAIMS: usize = 1000;

/// The answers to the method's two questions, plus what the team runs today.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    /// The initiative's name, if given.
    pub initiative: Option<String>,
    /// How long until the investment must pay off.
    pub horizon: Horizon,
    /// What the plan rests on.
    pub claims: Vec<Claim>,
    /// The playbook the team says it runs today (an id or alias, as typed).
    pub current_playbook: Option<String>,
}

/// One thing the plan rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The claim in the user's words.
    pub text: String,
    /// Whether the user holds it as a fact or an assumption.
    pub status: Status,
    /// The kind of evidence behind a fact (an evidence-kind id from the pack).
    pub evidence: Option<String>,
    /// How much the plan rests on it, relative to the other claims.
    pub weight: f64,
}

impl Claim {
    /// A claim of weight 1 with no evidence recorded.
    pub fn new(text: impl Into<String>, status: Status) -> Self {
        Claim {
            text: text.into(),
            status,
            evidence: None,
            weight: 1.0,
        }
    }

    /// The same claim with its evidence kind recorded.
    pub fn with_evidence(mut self, evidence: impl Into<String>) -> Self {
        self.evidence = Some(evidence.into());
        self
    }

    /// The same claim with another weight.
    pub fn with_weight(mut self, weight: f64) -> Self {
        self.weight = weight;
        self
    }
}

/// Why a plan, record or session with `count` claims is refused; `what`
/// names it, as in "a decision record".
pub fn too_many_claims(count: usize, what: &str) -> String {
    format!(
        "there are {count} claims; {what} may list at most {MAX_CLAIMS}: keep the ones the decision rests on"
    )
}

/// Whether a claim is held as known or believed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Shown in our own situation.
    Fact,
    /// Believed, but not shown here.
    Assumption,
}

impl FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "fact" => Ok(Status::Fact),
            "assumption" => Ok(Status::Assumption),
            other => Err(format!(
                "unknown status '{other}': expected 'fact' or 'assumption'"
            )),
        }
    }
}

/// Checks a claim weight: positive, finite and not absurdly large.
pub fn check_weight(weight: f64) -> Result<f64, String> {
    if weight.is_finite() && weight > 0.0 && weight <= MAX_WEIGHT {
        Ok(weight)
    } else {
        // Very large or very small numbers read better in scientific form.
        let shown = if weight.is_finite() && weight != 0.0 && !(1e-3..1e6).contains(&weight.abs()) {
            format!("{weight:e}")
        } else {
            weight.to_string()
        };
        Err(format!(
            "weight {shown} is out of range: use a number above 0 and at most {MAX_WEIGHT}"
        ))
    }
}

/// How long until the investment must pay off, kept as typed and in months.
#[derive(Debug, Clone, PartialEq)]
pub struct Horizon {
    text: String,
    months: f64,
}

impl Horizon {
    /// A horizon of a whole number of months.
    pub fn months(months: u32) -> Result<Self, String> {
        format!("{months}m").parse()
    }

    /// The horizon in months (days count as 12/365.25 of a month).
    pub fn in_months(&self) -> f64 {
        self.months
    }

    /// The horizon as the user wrote it, trimmed.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Horizon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Horizon {
    type Err = String;

    /// Parses a number with an optional unit: `d` days, `w` weeks, `m` months
    /// (the default), `q` quarters, `y` years. `6m`, `18`, `2y`, `90d`, `1.5y`.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let hint = "use a number with an optional unit d, w, m, q or y, such as 6m, 90d or 2y";
        let text = input.trim();
        let split = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let unit = unit.trim_start();
        let per_unit = match unit.to_ascii_lowercase().as_str() {
            "" | "m" => 1.0,
            "d" => 12.0 / 365.25,
            "w" => 7.0 * 12.0 / 365.25,
            "q" => 3.0,
            "y" => 12.0,
            _ if text.starts_with('-') => {
                return Err(format!("'{text}' is negative: {hint}"));
            }
            _ => return Err(format!("'{text}' is not a duration: {hint}")),
        };
        let valid_number = !number.is_empty()
            && number.chars().filter(|&c| c == '.').count() <= 1
            && number.chars().any(|c| c.is_ascii_digit());
        let value: f64 = match number.parse() {
            Ok(value) if valid_number => value,
            _ => return Err(format!("'{text}' is not a duration: {hint}")),
        };
        let months = value * per_unit;
        if months <= 0.0 {
            return Err(format!(
                "'{text}' is zero: the payoff needs a deadline after today ({hint})"
            ));
        }
        if months > MAX_HORIZON_MONTHS {
            return Err(format!("'{text}' is longer than 50 years: {hint}"));
        }
        Ok(Horizon {
            text: text.to_string(),
            months,
        })
    }
}

impl<'de> serde::Deserialize<'de> for Horizon {
    /// Accepts the duration syntax as a string, or a bare number of months.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Horizon;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration such as 6m, 90d or 2y")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Horizon, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Horizon, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Horizon, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Horizon, E> {
                self.visit_str(&v.to_string())
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl serde::Serialize for Horizon {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl schemars::JsonSchema for Horizon {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number with an optional unit: d days, w weeks, m months (the default), q quarters, y years; such as 6m, 90d or 2y.",
            "anyOf": [
                { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*[dDwWmMqQyY]?\\s*$" },
                { "type": "number", "exclusiveMinimum": 0 }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(text: &str) -> f64 {
        text.parse::<Horizon>().unwrap().in_months()
    }

    #[test]
    fn units_convert_to_months() {
        assert_eq!(months("6m"), 6.0);
        assert_eq!(months("18"), 18.0);
        assert_eq!(months("2y"), 24.0);
        assert_eq!(months("1q"), 3.0);
        assert_eq!(months("1.5y"), 18.0);
        assert_eq!(months(" 12 M "), 12.0);
        assert!((months("365d") - 365.0 * 12.0 / 365.25).abs() < 1e-12);
        assert!((months("90d") - 90.0 * 12.0 / 365.25).abs() < 1e-12);
        assert!((months("4w") - 28.0 * 12.0 / 365.25).abs() < 1e-12);
    }

    #[test]
    fn bad_horizons_say_what_is_wrong() {
        for (input, fragment) in [
            ("abc", "not a duration"),
            ("", "not a duration"),
            ("m", "not a duration"),
            ("6x", "not a duration"),
            ("1.2.3m", "not a duration"),
            ("1e9y", "not a duration"),
            ("-3m", "negative"),
            ("0", "zero"),
            ("0d", "zero"),
            ("51y", "longer than 50 years"),
            ("99999999999999999999y", "longer than 50 years"),
        ] {
            let err = input.parse::<Horizon>().unwrap_err();
            assert!(err.contains(fragment), "{input}: {err}");
        }
        assert!("50y".parse::<Horizon>().is_ok());
    }

    #[test]
    fn weights_must_be_positive_and_finite() {
        assert_eq!(check_weight(2.0), Ok(2.0));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e308] {
            assert!(check_weight(bad).is_err(), "{bad}");
        }
    }
}
