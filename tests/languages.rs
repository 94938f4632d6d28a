//! Built-in packs in more than one language: the same keys in each, and a
//! report in Spanish with no English left in it.

use crate::common;
use calibrate::framework::Framework;
use calibrate::packs::{self, BUILT_IN};
use common::{built_in_dir, run};
use std::collections::BTreeSet;

/// Every key path in a YAML document; list items share their list's path.
fn key_paths(value: &serde_yaml::Value, at: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_yaml::Value::Mapping(map) => {
            for (key, value) in map {
                let key = key
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| serde_yaml::to_string(key).unwrap().trim().to_string());
                let path = format!("{at}.{key}");
                out.insert(path.clone());
                key_paths(value, &path, out);
            }
        }
        serde_yaml::Value::Sequence(items) => {
            for item in items {
                key_paths(item, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

fn pack_keys(id: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for entry in std::fs::read_dir(built_in_dir(id)).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let value: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        keys.insert(name.clone());
        key_paths(&value, &name, &mut keys);
    }
    keys
}

#[test]
fn every_built_in_pack_holds_the_same_keys_as_the_english_one() {
    let english = pack_keys("en");
    assert!(english.contains("wording.yaml.report.what_would_change"));
    for pack in BUILT_IN {
        let keys = pack_keys(pack.id);
        let missing: Vec<&String> = english.difference(&keys).collect();
        let extra: Vec<&String> = keys.difference(&english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, extra {extra:?}",
            pack.id
        );
    }
}

#[test]
fn both_packs_diagnose_alike_and_differ_only_in_words() {
    let en = packs::built_in("en").unwrap();
    let es = packs::built_in("es").unwrap();
    let ids = |f: &Framework| f.playbook_ids().join(",");
    assert_eq!(ids(&en), ids(&es));
    assert_eq!(en.horizon.threshold_months, es.horizon.threshold_months);
    assert_eq!(en.knowledge.threshold, es.knowledge.threshold);
    let kinds = |f: &Framework| {
        f.evidence
            .iter()
            .map(|k| (k.id.clone(), k.counts_as_fact))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&en), kinds(&es));
    assert_eq!(es.words.language, "es");
    assert_ne!(
        en.words.report.what_would_change,
        es.words.report.what_would_change
    );
}

/// Words that only English would put in a report. Proper names in the case
/// studies (Surge, Archipelagos, Horizon) are not on it.
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "is",
    "are",
    "with",
    "your",
    "you",
    "what",
    "would",
    "this",
    "that",
    "becomes",
    "playbook",
    "payoff",
    "month",
    "months",
    "mostly",
    "fact",
    "facts",
    "assumption",
    "assumptions",
    "borderline",
    "warnings",
    "claim",
    "claims",
    "evidence",
    "weight",
    "scored",
    "held",
    "guiding",
    "policy",
    "moves",
    "avoid",
    "bias",
    "yes",
    "none",
    "recorded",
    "fits",
    "does",
    "premature",
    "action",
    "analysis",
    "prove",
    "than",
    "sooner",
    "later",
    "which",
    "when",
    "diagnosed",
    "threshold",
    "share",
    "takes",
    "longer",
    "within",
    "verdict",
    "participant",
    "consensus",
    "initiatives",
    "declared",
    "mismatch",
    "count",
];

/// The text a reader sees: markup and the style sheet removed.
fn visible(text: &str) -> String {
    let mut visible = String::new();
    let mut in_tag = false;
    let text = match (text.find("<style>"), text.find("</style>")) {
        (Some(start), Some(end)) => format!("{}{}", &text[..start], &text[end..]),
        _ => text.to_string(),
    };
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                visible.push(' ');
            }
            c if !in_tag => visible.push(c),
            _ => {}
        }
    }
    visible
}

/// The English words in `text`, after markup is removed.
fn english_words(text: &str) -> BTreeSet<String> {
    visible(text)
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

#[test]
fn a_spanish_report_has_no_english_left_in_any_format() {
    for format in ["text", "markdown", "html", "svg"] {
        let out = run(&[
            "--pack",
            "es",
            "diagnose",
            "--horizon",
            "2y",
            "--facts",
            "2",
            "--assumptions",
            "8",
            "--fact",
            "vendor: El asistente resuelve dos tercios de las consultas",
            "--current",
            "go-now",
            "--format",
            format,
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains("Estrategia resiliente"), "{format}");
        let found = english_words(&out.stdout);
        assert!(found.is_empty(), "{format}: English words {found:?}");
        assert!(
            !visible(&out.stdout).contains('{'),
            "{format}: a placeholder left"
        );
    }
}

#[test]
fn the_acceptance_command_reads_in_spanish() {
    let out = run(&[
        "--pack",
        "es",
        "diagnose",
        "--horizon",
        "2y",
        "--facts",
        "2",
        "--assumptions",
        "8",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for spanish in [
        "Guía de actuación",
        "Qué cambiaría el diagnóstico",
        "Advertencias",
    ] {
        assert!(out.stdout.contains(spanish), "{spanish}");
    }
    assert!(english_words(&out.stdout).is_empty());
}

#[test]
fn spanish_portfolios_and_workshops_read_in_spanish_too() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let portfolio = run(&[
        "--pack",
        "es",
        "portfolio",
        examples,
        "--format",
        "markdown",
    ]);
    assert_eq!(portfolio.code, 0, "{}", portfolio.stderr);
    let found = english_words(&portfolio.stdout);
    assert!(found.is_empty(), "portfolio: {found:?}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("taller.yaml");
    let file = file.to_str().unwrap();
    let new = run(&[
        "--pack",
        "es",
        "workshop",
        "new",
        file,
        "--name",
        "Copiloto",
        "--claim",
        "Los datos están limpios",
        "--claim",
        "Los peritos confiarán",
    ]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    for (who, horizon, facts) in [("Ana", "6m", "c1"), ("Luis", "2y", "c2")] {
        let vote = run(&[
            "--pack",
            "es",
            "workshop",
            "vote",
            file,
            "--participant",
            who,
            "--horizon",
            horizon,
            "--fact",
            facts,
        ]);
        assert_eq!(vote.code, 0, "{}", vote.stderr);
    }
    for format in ["text", "markdown", "html"] {
        let report = run(&[
            "--pack", "es", "workshop", "report", file, "--format", format,
        ]);
        assert_eq!(report.code, 0, "{}", report.stderr);
        let found = english_words(&report.stdout);
        assert!(found.is_empty(), "workshop {format}: {found:?}");
    }
}

#[test]
fn an_unknown_pack_is_refused_with_the_choices() {
    let out = run(&[
        "--pack",
        "fr",
        "diagnose",
        "--horizon",
        "6m",
        "--facts",
        "1",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("[possible values: en, es]"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_pack_folder_and_a_built_in_pack_cannot_both_be_named() {
    let out = run(&[
        "--pack",
        "es",
        "--playbooks",
        built_in_dir("en").to_str().unwrap(),
        "playbooks",
        "list",
    ]);
    crate::common::assert_input_error(
        &out,
        "--playbooks and --pack both name a pack: pass --playbooks DIR for a folder, or --pack ID for a built-in pack",
    );
    // Given after the command's name, or one before it and one after, the same.
    let folder = built_in_dir("en");
    let out = run(&[
        "playbooks",
        "list",
        "--pack",
        "es",
        "--playbooks",
        folder.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    let out = run(&[
        "--pack",
        "es",
        "playbooks",
        "list",
        "--playbooks",
        folder.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
}

#[test]
fn a_flag_beats_the_environment_and_an_empty_variable_is_unset() {
    let folder = built_in_dir("es");
    let out =
        crate::common::Test::new(&["playbooks", "list", "--playbooks", folder.to_str().unwrap()])
            .env("CALIBRATE_PACK", "en")
            .stderr("")
            .run();
    assert!(out.stdout.contains("¡Adelante YA!"), "{}", out.stdout);
    let out = crate::common::Test::new(&["--pack", "es", "playbooks", "list"])
        .env("CALIBRATE_PLAYBOOKS", "")
        .stderr("")
        .run();
    assert!(out.stdout.contains("¡Adelante YA!"), "{}", out.stdout);
}
