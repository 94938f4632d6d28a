//! `calibrate diagnose` through the binary: every format, the acceptance
//! cases, colour and the plain `calibrate` entry point.

use crate::common;
use common::{json, run};

#[test]
fn acceptance_cases_land_in_the_right_quadrants() {
    let go = json(&[
        "diagnose",
        "--horizon",
        "6m",
        "--facts",
        "7",
        "--assumptions",
        "3",
        "--format",
        "json",
    ]);
    assert_eq!(go["playbook"]["id"], "go-now");
    assert_eq!(go["borderline"], false);

    let resilient = json(&[
        "diagnose",
        "--horizon",
        "2y",
        "--facts",
        "2",
        "--assumptions",
        "8",
        "--format",
        "json",
    ]);
    assert_eq!(resilient["playbook"]["id"], "resilient");

    let discovery = json(&[
        "diagnose",
        "--horizon",
        "1y",
        "--facts",
        "5",
        "--assumptions",
        "5",
        "--format",
        "json",
    ]);
    assert_eq!(discovery["playbook"]["id"], "discovery");
    assert_eq!(discovery["borderline"], true);
}

#[test]
fn json_has_the_documented_fields() {
    let v = json(&[
        "diagnose",
        "--horizon",
        "18m",
        "--fact",
        "Our churn data covers five years",
        "--assumption",
        "Customers want it",
        "--assumption",
        "Agents will use it",
        "--current",
        "go-now",
        "--name",
        "Retention copilot",
        "--format",
        "json",
    ]);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["initiative"], "Retention copilot");
    assert_eq!(v["horizon"]["months"], 18.0);
    assert_eq!(v["horizon"]["side"], "long");
    assert!((v["knowledge"]["score"].as_f64().unwrap() - 0.3333).abs() < 1e-4);
    assert_eq!(v["knowledge"]["side"], "assumptions");
    assert_eq!(v["knowledge"]["facts"], 1);
    assert_eq!(v["knowledge"]["assumptions"], 2);
    assert_eq!(v["playbook"]["id"], "resilient");
    assert_eq!(v["playbook"]["name"], "Resilient Strategy");
    assert!(v["playbook"]["summary"].as_str().unwrap().len() > 20);
    assert_eq!(v["borderline"], false);
    let flips = v["flips"].as_array().unwrap();
    assert_eq!(flips.len(), 2);
    for flip in flips {
        assert!(flip["axis"] == "horizon" || flip["axis"] == "knowledge");
        assert!(flip["to"].is_string() && flip["change"].is_string());
    }
    assert_eq!(v["current"]["id"], "go-now");
    assert_eq!(v["current"]["matches"], false);
    assert_eq!(v["current"]["cost"], "premature_action");
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0]
            .as_str()
            .unwrap()
            .contains("no evidence is recorded")
    );
}

#[test]
fn json_current_is_null_when_no_playbook_is_declared() {
    let v = json(&[
        "diagnose",
        "--horizon",
        "6m",
        "--facts",
        "3",
        "--format",
        "json",
    ]);
    assert!(v["current"].is_null());
    assert!(v["initiative"].is_null());
}

#[test]
fn text_draws_the_grid_and_the_card_without_colour_in_a_pipe() {
    let out = run(&[
        "diagnose",
        "--horizon",
        "6m",
        "--facts",
        "7",
        "--assumptions",
        "3",
        "--name",
        "Supply chain twin",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = out.stdout;
    for name in [
        "Go NOW!",
        "Predictable Planning",
        "Discovery Planning",
        "Resilient Strategy",
    ] {
        assert!(text.contains(name), "{name} missing");
    }
    assert!(text.starts_with("Supply chain twin\n"));
    assert!(text.contains("Playbook: Go NOW!"));
    assert!(text.contains("●"), "the marker");
    assert!(text.contains("General Mills"), "the case study");
    assert!(text.contains("What would change the diagnosis"));
    assert!(!text.contains('\u{1b}'), "no escape codes in a pipe");
    assert!(out.stderr.is_empty(), "nothing on stderr: {}", out.stderr);
    // The marker sits in the Go NOW! cell: top row, left column.
    let lines: Vec<&str> = text.lines().collect();
    let top = lines.iter().position(|l| l.contains("Go NOW!")).unwrap();
    let middle = lines.iter().position(|l| l.contains('├')).unwrap();
    let marker = lines.iter().position(|l| l.contains('●')).unwrap();
    assert!(top < marker && marker < middle);
    let divider = lines[top].find("│ Predictable").unwrap();
    assert!(lines[marker].find('●').unwrap() < divider);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let args = [
        "diagnose",
        "--horizon",
        "6m",
        "--facts",
        "7",
        "--color",
        "always",
    ];
    assert!(run(&args).stdout.contains('\u{1b}'));
    let never = run(&[
        "diagnose",
        "--horizon",
        "6m",
        "--facts",
        "7",
        "--color",
        "never",
    ]);
    assert!(!never.stdout.contains('\u{1b}'));
    let output = common::calibrate()
        .args(["diagnose", "--horizon", "6m", "--facts", "7"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains('\u{1b}'));
}

#[test]
fn text_reports_mismatch_and_downgraded_facts() {
    let out = run(&[
        "diagnose",
        "--horizon",
        "6m",
        "--facts",
        "1",
        "--assumptions",
        "3",
        "--current",
        "go-now",
    ]);
    assert!(
        out.stdout
            .contains("Go NOW! does not fit: premature action."),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Playbook: Discovery Planning"));
}

#[test]
fn markdown_has_a_mermaid_quadrant_chart_with_one_point() {
    let out = run(&[
        "diagnose",
        "--horizon",
        "2y",
        "--fact",
        "Data | with a pipe",
        "--assumption",
        "b",
        "--assumption",
        "c",
        "--name",
        "Scenario \"planning\"",
        "--format",
        "markdown",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = out.stdout;
    assert!(md.starts_with("# Scenario \"planning\"\n"));
    assert!(md.contains("**Playbook: Resilient Strategy.**"));
    let chart: Vec<&str> = md
        .split("```mermaid\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap()
        .lines()
        .collect();
    let start = chart.iter().position(|l| *l == "quadrantChart").unwrap();
    assert_eq!(
        chart[..start],
        [
            "---",
            "config:",
            "  quadrantChart:",
            "    chartWidth: 640",
            "    chartHeight: 560",
            "    quadrantLabelFontSize: 16",
            "    pointLabelFontSize: 12",
            "---"
        ]
    );
    assert!(
        chart
            .iter()
            .any(|l| l.trim() == "quadrant-4 \"Resilient Strategy\"")
    );
    let points: Vec<&&str> = chart.iter().filter(|l| l.contains(": [")).collect();
    assert_eq!(points.len(), 1);
    assert_eq!(
        points[0].trim(),
        "\"Scenario 'planning'\":::plain: [0.67, 0.33]"
    );
    assert!(
        md.contains("| Data \\| with a pipe | fact | none recorded | 1 |"),
        "pipes escaped in the claims table"
    );
}

#[test]
fn plain_calibrate_without_a_terminal_prints_help_and_exits_2() {
    let out = run(&[]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr
            .starts_with("Diagnose an initiative's circumstances before you pick its playbook\n")
    );
    assert!(out.stderr.ends_with(
        "\nerror: no command given, and no terminal to ask questions on: run `calibrate diagnose` with flags\n"
    ));
}

#[test]
fn without_a_terminal_missing_answers_name_the_flags_and_never_wait() {
    let out = run(&["diagnose"]);
    common::assert_input_error(
        &out,
        "missing the horizon and the claims the plan rests on; pass --horizon DURATION and --fact/--assumption TEXT or --facts/--assumptions N (or run in a terminal without --no-input to be asked)",
    );
}

#[test]
fn help_documents_exit_codes_and_examples() {
    let out = run(&["diagnose", "--help"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("130  interrupted"));
    assert!(
        out.stdout
            .contains("calibrate diagnose --horizon 6m --facts 7 --assumptions 3")
    );
    let version = run(&["--version"]);
    assert!(version.stdout.starts_with("calibrate "));
}

#[test]
fn a_fact_flag_can_name_its_evidence() {
    let v = json(&[
        "diagnose",
        "--horizon",
        "6m",
        "--fact",
        "measured: Our query volumes are stable",
        "--fact",
        "vendor: The bot resolves two thirds of queries",
        "--fact",
        "Vendor : The vendor's model is accurate",
        "--assumption",
        "Adoption: agents will use it",
        "--format",
        "json",
    ]);
    let claims = v["claims"].as_array().unwrap();
    assert_eq!(claims[0]["claim"], "Our query volumes are stable");
    assert_eq!(claims[0]["evidence"], "measured");
    assert_eq!(claims[1]["evidence"], "vendor");
    assert_eq!(claims[1]["counted_as"], "assumption");
    // Any case, and space before the colon, name the same kind.
    assert_eq!(claims[2]["claim"], "The vendor's model is accurate");
    assert_eq!(claims[2]["evidence"], "vendor");
    assert_eq!(claims[2]["counted_as"], "assumption");
    // An assumption's label is part of its text.
    assert_eq!(claims[3]["claim"], "Adoption: agents will use it");
    assert!(claims[3]["evidence"].is_null());
    assert_eq!(
        v["warnings"],
        serde_json::json!([
            "2 claims held as facts rest on evidence that is not yours (Vendor specifications or demos), which says nothing certain about your own outcome, so each is scored as an assumption: \"The bot resolves two thirds of queries\" and \"The vendor's model is accurate\". Klarna, for one, scaled its assistant on technical specifications and its first weeks' numbers. Test them in your own setting to make them facts."
        ])
    );
}

#[test]
fn no_facts_at_all_is_zero_percent_not_minus_zero() {
    let out = run(&["diagnose", "--horizon", "6m", "--assumptions", "3"]);
    assert!(
        out.stdout
            .contains(" 0% of the plan's weight is fact (0 facts, 3 assumptions)"),
        "{}",
        out.stdout
    );
    let v = json(&[
        "diagnose",
        "--horizon",
        "6m",
        "--assumptions",
        "3",
        "--format",
        "json",
    ]);
    assert_eq!(v["knowledge"]["score"].to_string(), "0.0");
}

#[test]
fn long_horizons_are_said_in_years_and_a_hair_past_the_line_is_on_it() {
    let out = run(&[
        "diagnose",
        "--horizon",
        "40y",
        "--facts",
        "3",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        v["flips"][1]["change"],
        "if the payoff must come within 12 months (39 years sooner than now), this becomes Go NOW!"
    );
    let out = run(&[
        "diagnose",
        "--horizon",
        "12.0000001m",
        "--facts",
        "3",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["horizon"]["side"], "short");
    assert_eq!(
        v["flips"][1]["change"],
        "if the payoff slips at all past 12 months, this becomes Predictable Planning"
    );
    let out = run(&[
        "diagnose",
        "--horizon",
        "12.1m",
        "--facts",
        "3",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        v["flips"][1]["change"],
        "if the payoff must come within 12 months (3 days sooner than now), this becomes Go NOW!"
    );
}

#[test]
fn an_evidence_kind_is_read_however_it_is_typed_and_a_wrong_one_refused() {
    for typed in [
        "Vendor: The bot resolves two thirds",
        "VENDOR : The bot resolves two thirds",
        " vendor: The bot resolves two thirds",
    ] {
        let v = json(&[
            "diagnose",
            "--horizon",
            "6m",
            "--fact",
            typed,
            "--format",
            "json",
        ]);
        assert_eq!(
            v["claims"][0]["claim"], "The bot resolves two thirds",
            "{typed}"
        );
        assert_eq!(v["claims"][0]["evidence"], "vendor", "{typed}");
        assert_eq!(v["claims"][0]["counted_as"], "assumption", "{typed}");
    }
    let kinds = "measured, pilot, track-record, vendor, peer or opinion";
    for (typed, advice) in [
        (
            "Vendors",
            format!("did you mean 'vendor'? (the kinds are {kinds})"),
        ),
        (
            "pilots",
            format!("did you mean 'pilot'? (the kinds are {kinds})"),
        ),
        (
            "internal",
            format!(
                "use one of {kinds}, or reword the claim so it does not start with one word and a colon"
            ),
        ),
    ] {
        let out = run(&[
            "diagnose",
            "--horizon",
            "6m",
            "--fact",
            &format!("{typed}: our data"),
        ]);
        common::assert_input_error(
            &out,
            &format!("--fact \"{typed}: …\": '{typed}' is not a kind of evidence: {advice}"),
        );
    }
    // In the Spanish pack, in its own words.
    let v = json(&[
        "--pack",
        "es",
        "diagnose",
        "--horizon",
        "6m",
        "--fact",
        "Proveedor: el bot resuelve",
        "--format",
        "json",
    ]);
    assert_eq!(v["claims"][0]["evidence"], "vendor");
}

#[test]
fn at_80_columns_the_verdict_the_mismatch_and_the_flips_come_first() {
    let klarna = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/klarna-customer-service.yaml"
    );
    let out = common::Test::new(&["diagnose", "--record", klarna])
        .env("COLUMNS", "80")
        .run();
    let first: Vec<&str> = out.stdout.lines().take(30).collect();
    let first = first.join("\n");
    assert!(first.contains("Playbook: Discovery Planning"), "{first}");
    assert!(
        first.contains("Go NOW! does not fit: premature action."),
        "{first}"
    );
    assert!(first.contains("  • If the payoff slips past 12 months (more than 6 months later than now), this\n    becomes Resilient Strategy"), "{first}");
    assert!(
        out.stdout.lines().all(|l| l.chars().count() <= 80),
        "{}",
        out.stdout
    );
    // Brief: one screen of 24 lines, for every example.
    for example in [
        "general-mills-supply-chain",
        "klarna-customer-service",
        "lilly-ai-drug-discovery",
        "morgan-stanley-advisor-assistant",
        "shell-energy-scenarios",
    ] {
        let path = format!("{}/examples/{example}.yaml", env!("CARGO_MANIFEST_DIR"));
        let out = common::Test::new(&["diagnose", "--brief", "--record", &path])
            .env("COLUMNS", "80")
            .run();
        assert!(
            out.stdout.lines().count() <= 24,
            "{example}:\n{}",
            out.stdout
        );
        assert!(
            !out.stdout.contains("Guiding policy"),
            "no card: {}",
            out.stdout
        );
    }
}

#[test]
fn a_date_that_is_not_one_is_said_plainly() {
    common::Test::new(&["diagnose", "--horizon", "6m", "--facts", "1", "--today", "2026-13-01"])
        .status(2)
        .stdout("")
        .stderr("error: invalid value '2026-13-01' for '--today <YYYY-MM-DD>': '2026-13-01' is not a date: the month is from 01 to 12\n\nFor more information, try '--help'.\n")
        .run();
}

#[test]
fn the_brief_report_counts_facts_that_are_not_the_organisation_s_own() {
    common::Test::new(&[
        "diagnose",
        "--brief",
        "--no-input",
        "--horizon",
        "6m",
        "--fact",
        "Vendor: resolves two thirds of queries",
        "--fact",
        "Handles 2.3 million chats a month",
        "--assumption",
        "Customers accept the bot",
    ])
    .env("COLUMNS", "100")
    .stdout(concat!(
        "                     Payoff within 12 months  Payoff takes longer\n",
        "Mostly facts         Go NOW!                  Predictable Planning\n",
        "Mostly assumptions ● Discovery Planning       Resilient Strategy\n",
        "\n",
        "Playbook: Discovery Planning\n",
        "  Horizon     6m (6 months): Payoff within 12 months\n",
        "  Knowledge   33% of the plan's weight is fact (1 fact, 2 assumptions): Mostly assumptions\n",
        "\n",
        "What would change the diagnosis\n",
        "  • Prove 1 more of your assumptions with your own data or a pilot and this becomes Go NOW!\n",
        "  • If the payoff slips past 12 months (more than 6 months later than now), this becomes Resilient\n",
        "    Strategy\n",
        "\n",
        "Warnings\n",
        "  ! Facts scored as assumptions, as their evidence is not yours: 1\n",
        "  ! Facts with no evidence recorded: 1\n",
    ))
    .run();
}
