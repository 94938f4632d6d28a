//! `calibrate playbooks`, shell completions, the man page and --version.

use crate::common;
use common::{assert_input_error, run};

#[test]
fn list_shows_every_playbook_with_its_quadrant() {
    let out = run(&["playbooks", "list"]);
    assert_eq!(out.code, 0);
    for (id, quadrant) in [
        ("go-now", ["Payoff within 12 months", "Mostly facts"]),
        ("predictable", ["Payoff takes longer", "Mostly facts"]),
        (
            "discovery",
            ["Payoff within 12 months", "Mostly assumptions"],
        ),
        ("resilient", ["Payoff takes longer", "Mostly assumptions"]),
    ] {
        let lines: Vec<&str> = out.stdout.lines().collect();
        let row = lines
            .iter()
            .position(|l| l.contains(&format!(" {id} ")))
            .unwrap_or_else(|| panic!("{id}"));
        // The quadrant is both axis labels, one per line of the row.
        assert!(lines[row].contains(quadrant[0]), "{}", lines[row]);
        assert!(lines[row + 1].contains(quadrant[1]), "{}", lines[row + 1]);
    }
}

#[test]
fn show_prints_a_whole_card_by_id_or_alias_in_any_format() {
    let md = run(&["playbooks", "show", "patient", "--format", "markdown"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(md.stdout.starts_with("## Predictable Planning\n"));
    assert!(md.stdout.contains("### Case: Eli Lilly"));
    let json = run(&["playbooks", "show", "discovery", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["id"], "discovery");
    assert_eq!(v["quadrant"]["horizon"], "short");
    assert!(v["moves"].as_array().unwrap().len() >= 5);
    let text = run(&["playbooks", "show", "go-now"]);
    assert!(text.stdout.contains("General Mills"));
    assert_input_error(
        &run(&["playbooks", "show", "yolo"]),
        "unknown playbook 'yolo': use one of go-now, predictable, discovery, resilient",
    );
}

#[test]
fn export_then_validate_and_a_missing_playbook_names_the_empty_quadrant() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("mypack");
    let pack = pack.to_str().unwrap();
    assert_eq!(run(&["playbooks", "export", pack]).code, 0);
    let valid = run(&["playbooks", "validate", pack]);
    assert_eq!(valid.code, 0, "{}", valid.stderr);
    assert!(valid.stdout.contains("a valid pack"));
    let exported = std::fs::read_to_string(dir.path().join("mypack/framework.yaml")).unwrap();
    assert!(
        exported.starts_with("# "),
        "comments are kept for whoever edits it"
    );
    std::fs::remove_file(dir.path().join("mypack/discovery.yaml")).unwrap();
    let broken = run(&["playbooks", "validate", pack]);
    assert_input_error(
        &broken,
        &format!(
            "{pack}: no playbook for the quadrant (short horizon, assumptions): a pack needs exactly one playbook per quadrant"
        ),
    );
    let again = run(&["playbooks", "export", pack]);
    assert_input_error(
        &again,
        &format!("{pack}/framework.yaml: already exists; pass --force to overwrite it"),
    );
    assert!(
        !dir.path().join("mypack/discovery.yaml").exists(),
        "nothing written when any file is refused"
    );
    assert_eq!(run(&["playbooks", "export", pack, "--force"]).code, 0);
    assert_eq!(run(&["playbooks", "validate", pack]).code, 0);
}

#[test]
fn bash_completes_formats_and_playbook_ids() {
    let script = run(&["completions", "bash"]).stdout;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("calibrate.bash");
    std::fs::write(&path, script).unwrap();
    let complete = |words: &str| {
        let line = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); COMP_LINE=\"{words}\"; COMP_POINT=${{#COMP_LINE}}; _calibrate calibrate \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; echo \"${{COMPREPLY[@]}}\"",
            path.display()
        );
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(line)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let formats = complete("calibrate diagnose --format ''");
    for format in ["text", "json", "markdown", "html", "svg"] {
        assert!(
            formats.split_whitespace().any(|w| w == format),
            "{format} in {formats}"
        );
    }
    let ids = complete("calibrate diagnose --current ''");
    assert!(ids.split_whitespace().any(|w| w == "discovery"), "{ids}");
}

#[test]
fn man_page_and_version() {
    let man = run(&["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.contains(".TH calibrate 1"));
    let version = run(&["--version"]);
    assert!(
        version.stdout.starts_with("calibrate 0."),
        "{}",
        version.stdout
    );
    assert!(
        version
            .stdout
            .contains("(built-in pack: Calibrated Decision Design 1.0)")
    );
}

#[test]
fn the_environment_can_choose_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack");
    assert_eq!(
        run(&["playbooks", "export", pack.to_str().unwrap()]).code,
        0
    );
    let file = pack.join("go-now.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("name: \"Go NOW!\"", "name: \"Ship It\""),
    )
    .unwrap();
    let out = common::calibrate()
        .args([
            "diagnose",
            "--horizon",
            "6m",
            "--facts",
            "7",
            "--format",
            "json",
        ])
        .env("CALIBRATE_PLAYBOOKS", &pack)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["playbook"]["name"], "Ship It");
}

#[test]
fn export_writes_the_pack_chosen_with_pack() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("es");
    let pack = pack.to_str().unwrap();
    assert_eq!(run(&["--pack", "es", "playbooks", "export", pack]).code, 0);
    let wording = std::fs::read_to_string(dir.path().join("es/wording.yaml")).unwrap();
    assert!(wording.contains("language: es"));
    let valid = run(&["playbooks", "validate", pack]);
    assert_eq!(valid.code, 0, "{}", valid.stderr);
    assert!(valid.stdout.contains("Diseño de Decisiones Calibradas"));
}

#[test]
fn the_environment_can_choose_a_built_in_pack() {
    let out = common::Test::new(&["diagnose", "--horizon", "6m", "--facts", "7"])
        .env("CALIBRATE_PACK", "es")
        .stderr("")
        .run();
    assert!(
        out.stdout.contains("Guía de actuación: ¡Adelante YA!"),
        "{}",
        out.stdout
    );
    common::Test::new(&["diagnose", "--horizon", "6m", "--facts", "7"])
        .env("CALIBRATE_PACK", "fr")
        .status(2)
        .stdout("")
        .stderr("error: CALIBRATE_PACK: there is no built-in pack 'fr': use one of en, es, or set CALIBRATE_PLAYBOOKS to a pack folder of your own\n")
        .run();
}
