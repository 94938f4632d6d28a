//! The playbook pack: the embedded copy is the folder, the content meets the
//! bar consultants read out, and a custom pack is validated the same way.

use crate::common;
use calibrate::packs::{self, BUILT_IN};
use common::{built_in_dir, json, pack_copy, pack_dir};

#[test]
fn each_built_in_pack_is_exactly_its_playbooks_folder() {
    // The binary carries each folder converted to JSON at build time: the
    // same files, holding the same data, and the YAML as written for export.
    let ids: Vec<&str> = BUILT_IN.iter().map(|p| p.id).collect();
    assert_eq!(ids, ["en", "es"]);
    for pack in BUILT_IN {
        let mut on_disk: Vec<(String, serde_json::Value, String)> =
            std::fs::read_dir(built_in_dir(pack.id))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
                .map(|p| {
                    let text = std::fs::read_to_string(&p).unwrap();
                    (
                        p.file_name().unwrap().to_string_lossy().into_owned(),
                        serde_yaml::from_str(&text).unwrap(),
                        text,
                    )
                })
                .collect();
        on_disk.sort_by(|a, b| a.0.cmp(&b.0));
        let embedded: Vec<(String, serde_json::Value, String)> = pack
            .files
            .iter()
            .map(|(name, json, yaml)| {
                (
                    name.to_string(),
                    serde_json::from_str(json).unwrap(),
                    yaml.to_string(),
                )
            })
            .collect();
        assert_eq!(
            embedded, on_disk,
            "{}: pack files must end in .yaml to be built in",
            pack.id
        );
        packs::built_in(pack.id).unwrap_or_else(|p| panic!("{}: {p}", pack.id));
    }
}

#[test]
fn the_folder_loads_to_the_same_pack_as_the_binary() {
    let from_dir = packs::from_dir(&pack_dir()).unwrap();
    let embedded = packs::embedded().unwrap();
    assert_eq!(from_dir.playbook_ids(), embedded.playbook_ids());
    assert_eq!(
        embedded.playbook_ids(),
        ["go-now", "predictable", "discovery", "resilient"]
    );
}

#[test]
fn every_playbook_is_complete_enough_to_read_to_a_client() {
    let pack = packs::embedded().unwrap();
    for p in &pack.playbooks {
        assert!(p.moves.len() >= 5, "{}: moves", p.id);
        assert!(p.avoid.len() >= 3, "{}: avoid", p.id);
        assert!(p.warning_signs.len() >= 3, "{}: warning signs", p.id);
        assert!(p.questions.len() >= 3, "{}: questions", p.id);
        assert!(
            !p.summary.contains('\n') && p.summary.len() <= 120,
            "{}: summary is one line",
            p.id
        );
        assert!(!p.bias.name.trim().is_empty());
        for text in [
            &p.diagnosis,
            &p.guiding_policy,
            &p.bias.watch_for,
            &p.misfit.knowledge,
            &p.misfit.horizon,
            &p.case.story,
        ] {
            assert!(text.split_whitespace().count() >= 2, "{}: {text:?}", p.id);
        }
        let all = p
            .moves
            .iter()
            .chain(&p.avoid)
            .chain(&p.warning_signs)
            .chain(&p.questions);
        let mut seen = std::collections::HashSet::new();
        for item in all {
            assert!(seen.insert(item), "{}: repeated line {item:?}", p.id);
        }
    }
}

#[test]
fn each_case_study_carries_its_figures() {
    let pack = packs::embedded().unwrap();
    let case = |id: &str| {
        let p = pack.find_playbook(id).unwrap();
        format!(
            "{} {} {}",
            p.case.organisation,
            p.case.story,
            p.case.figures.join(" ")
        )
    };
    let go = case("go-now");
    assert!(
        go.contains("General Mills") && go.contains("30%") && go.contains("$300 million"),
        "{go}"
    );
    let discovery = case("discovery");
    assert!(
        discovery.contains("Morgan Stanley")
            && discovery.contains("20%")
            && discovery.contains("80%")
            && discovery.contains("98%"),
        "{discovery}"
    );
    let predictable = case("predictable");
    assert!(
        predictable.contains("Lilly")
            && predictable.contains("$1 billion")
            && predictable.contains("$6 billion"),
        "{predictable}"
    );
    let resilient = case("resilient");
    assert!(
        resilient.contains("Shell")
            && ["Surge", "Archipelagos", "Horizon"]
                .iter()
                .all(|s| resilient.contains(s)),
        "{resilient}"
    );
}

#[test]
fn aliases_resolve_to_their_playbook() {
    let pack = packs::embedded().unwrap();
    assert_eq!(pack.find_playbook("patient").unwrap().id, "predictable");
}

#[test]
fn a_custom_pack_with_other_thresholds_changes_the_verdict() {
    let pack = pack_copy();
    let file = pack.path().join("framework.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("threshold_months: 12", "threshold_months: 24"),
    )
    .unwrap();
    let dir = pack.path().to_str().unwrap();
    let args = [
        "diagnose",
        "--horizon",
        "18m",
        "--facts",
        "7",
        "--assumptions",
        "3",
        "--format",
        "json",
    ];
    assert_eq!(json(&args)["playbook"]["id"], "predictable");
    let mut custom = vec!["--playbooks", dir];
    custom.extend_from_slice(&args);
    assert_eq!(json(&custom)["playbook"]["id"], "go-now");
}

#[test]
fn a_custom_pack_may_add_an_evidence_kind_that_counts() {
    let pack = pack_copy();
    let file = pack.path().join("framework.yaml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("  - id: audit\n    name: An external audit of our own figures\n    description: Audited.\n    counts_as_fact: true\n");
    std::fs::write(&file, text).unwrap();
    let loaded = packs::from_dir(pack.path()).unwrap();
    assert!(loaded.find_evidence("audit").unwrap().counts_as_fact);
}

#[test]
fn duplicate_ids_and_aliases_are_refused() {
    let pack = pack_copy();
    let file = pack.path().join("resilient.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let aliases = text.lines().find(|l| l.starts_with("aliases:")).unwrap();
    std::fs::write(&file, text.replace(aliases, "aliases: [patient]")).unwrap();
    let problems = packs::from_dir(pack.path()).unwrap_err().to_string();
    assert_eq!(
        problems,
        format!(
            "{}:3:11: 'patient' is already used by playbook 'predictable': ids and aliases must be unique",
            file.display()
        )
    );
}

#[test]
fn a_sentence_with_a_placeholder_calibrate_does_not_fill_is_refused_at_its_line() {
    let pack = pack_copy();
    let file = pack.path().join("wording.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("fits: \"{playbook}: it fits the diagnosis.\""))
        .unwrap()
        + 1;
    std::fs::write(
        &file,
        text.replace("{playbook}: it fits", "{playbok}: it fits"),
    )
    .unwrap();
    let out = common::run(&["playbooks", "validate", pack.path().to_str().unwrap()]);
    common::assert_input_error(
        &out,
        &format!(
            "{}:{line}:9: report.fits: calibrate does not fill {{playbok}}: use {{playbook}}",
            file.display()
        ),
    );
}

#[test]
fn a_pack_without_its_wording_says_how_to_get_one() {
    let pack = pack_copy();
    std::fs::remove_file(pack.path().join("wording.yaml")).unwrap();
    let dir = pack.path().to_str().unwrap();
    let out = common::run(&["playbooks", "validate", dir]);
    common::assert_input_error(
        &out,
        &format!(
            "{dir}: no wording.yaml in this folder: a pack needs one for its headings, labels and sentences (`calibrate playbooks export DIR` writes one to start from)"
        ),
    );
}

#[test]
fn a_misspelt_wording_key_is_refused_with_its_place() {
    let pack = pack_copy();
    let file = pack.path().join("wording.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("  warnings: Warnings", "  warnigns: Warnings"),
    )
    .unwrap();
    let out = common::run(&["playbooks", "validate", pack.path().to_str().unwrap()]);
    let line = text
        .lines()
        .position(|l| l == "  warnings: Warnings")
        .unwrap()
        + 1;
    common::assert_input_error(
        &out,
        &format!(
            "{}:{line}:3: report: unknown field `warnigns`, did you mean `warnings`?",
            file.display()
        ),
    );
}

/// The worked example of a firm's own pack, in `examples/packs/northwind`.
fn northwind() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/examples/packs/northwind").to_string()
}

#[test]
fn the_example_firm_pack_is_valid_and_uses_its_own_words_and_rules() {
    let dir = northwind();
    let valid = common::run(&["playbooks", "validate", &dir]);
    assert_eq!(valid.code, 0, "{}", valid.stderr);
    assert!(valid.stdout.contains("sprint, build-out, probe, hedge"));

    // An audit counts as a fact here, and more than 60% must be fact.
    let diagnose = |facts: &[&str], assumptions: usize| {
        let mut args = vec!["--playbooks", &dir, "diagnose", "--horizon", "6m"];
        for fact in facts {
            args.extend(["--fact", fact]);
        }
        let count = assumptions.to_string();
        args.extend(["--assumptions", &count, "--format", "json"]);
        json(&args)
    };
    let audited = diagnose(&["audit: Our claims data passed its audit"], 0);
    assert_eq!(audited["playbook"]["id"], "sprint");
    assert_eq!(audited["knowledge"]["score"], 1.0);
    let sixty = diagnose(&["measured: a", "measured: b", "measured: c"], 2);
    assert_eq!(
        sixty["playbook"]["id"], "probe",
        "60% is not above the firm's 60% bar"
    );

    let text = common::run(&[
        "--playbooks",
        &dir,
        "diagnose",
        "--horizon",
        "6m",
        "--facts",
        "3",
        "--assumptions",
        "7",
    ]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(text.stdout.contains("Recommended track: Probe and Learn"));
    assert!(
        text.stdout
            .contains("What would move this to another track")
    );
    assert!(text.stdout.contains("Open questions"));
}
