//! Playbook packs: any set of pack files loads or is refused with problems,
//! and a pack that loads diagnoses and renders without panicking.
//!
//! The input is split on a separator line into up to six files, named as
//! a pack folder would name them.
#![no_main]

use calibrate::answers::{Answers, Claim, Horizon, Status};
use calibrate::diagnosis::diagnose;
use calibrate::framework::Framework;
use calibrate::render::{self, Format, TextStyle};
use libfuzzer_sys::fuzz_target;

const SEPARATOR: &str = "\n---8<---\n";
const NAMES: [&str; 6] = [
    "framework.yaml",
    "wording.yaml",
    "go-now.yaml",
    "predictable.yaml",
    "discovery.yaml",
    "resilient.yaml",
];
const FORMATS: [Format; 5] = [
    Format::Text,
    Format::Json,
    Format::Markdown,
    Format::Html,
    Format::Svg,
];

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let files: Vec<(&str, &str)> = NAMES.iter().copied().zip(input.split(SEPARATOR)).collect();
    let Ok(framework) = Framework::from_yaml(&files) else {
        return;
    };
    let style = TextStyle {
        color: false,
        width: 100,
        brief: false,
    };
    for playbook in &framework.playbooks {
        for format in [Format::Text, Format::Markdown, Format::Json] {
            let _ = render::card(format, &framework, style, playbook);
        }
    }
    let fact_kind = framework
        .evidence
        .iter()
        .find(|kind| kind.counts_as_fact)
        .or(framework.evidence.first())
        .map(|kind| kind.id.clone());
    let current = framework.playbooks.last().map(|p| p.id.clone());
    // One plan near each corner of the 2x2, and one on the thresholds.
    for (horizon, facts) in [("1m", 3), ("50y", 3), ("1m", 0), ("50y", 0), ("12m", 1)] {
        let mut claims = Vec::new();
        for i in 0..3 {
            let claim = if i < facts {
                let claim = Claim::new(format!("claim {i}"), Status::Fact);
                match &fact_kind {
                    Some(kind) => claim.with_evidence(kind.clone()),
                    None => claim,
                }
            } else {
                Claim::new(format!("claim {i}"), Status::Assumption)
            };
            claims.push(claim);
        }
        let answers = Answers {
            initiative: Some("Fuzzed initiative".into()),
            horizon: horizon.parse::<Horizon>().expect("a valid horizon"),
            claims,
            current_playbook: current.clone(),
        };
        let Ok(diagnosis) = diagnose(&framework, &answers) else {
            continue;
        };
        for format in FORMATS {
            let _ = render::diagnosis(format, &framework, style, &diagnosis);
        }
    }
});
