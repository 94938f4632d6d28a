//! The interview, driven through a real pseudo-terminal the way a person
//! would: wait for each question, press keys, read what comes back.
//!
//! Prompts and report share the terminal here, so the report is read after
//! the last answer; the JSON format keeps its assertions independent of the
//! card's wording.

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use serde_json::Value;
use std::process::Command;

/// Generous, so slow CI machines pass; a hung prompt still fails the test.
const TIMEOUT_MS: u64 = 10_000;

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const CTRL_C: &str = "\x03";
const SHOW_CURSOR: &str = "\x1b[?25h";
const HIDE_CURSOR: &str = "\x1b[?25l";

// Positions in the "What shows it?" list.
const MEASURED: usize = 0;
const PILOT: usize = 1;
const VENDOR: usize = 3;
/// "Not recorded", after the six kinds: where the evidence list starts.
const NOT_RECORDED: usize = 6;

/// Starts `calibrate` with `args` on a fresh pseudo-terminal.
fn spawn(args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_calibrate"));
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm-256color");
    spawn_command(command, Some(TIMEOUT_MS)).expect("start calibrate on a pty")
}

/// Waits for `prompt` and returns everything shown up to it.
fn wait_for(s: &mut PtySession, prompt: &str) -> String {
    s.exp_string(prompt)
        .unwrap_or_else(|err| panic!("waiting for {prompt:?}: {err}"))
}

/// Sends keys as one write, so an escape sequence arrives whole.
fn press(s: &mut PtySession, keys: &str) {
    s.send(keys).expect("send keys");
    s.flush().expect("flush keys");
}

/// Waits for a text question and types `text`, then Enter.
fn answer(s: &mut PtySession, prompt: &str, text: &str) {
    wait_for(s, prompt);
    press(s, &format!("{text}{ENTER}"));
}

/// Waits for the horizon list, where nothing is picked until the person
/// moves, and picks item `nth`; Enter pressed first chooses nothing.
fn pick_horizon(s: &mut PtySession, prompt: &str, nth: usize) {
    wait_for(s, prompt);
    press(s, ENTER);
    press(s, &format!("{}{ENTER}", DOWN.repeat(nth + 1)));
}

/// Marks which claims (0-based, out of `count`) matter most.
fn matters_most(s: &mut PtySession, prompt: &str, count: usize, marked: &[usize]) {
    wait_for(s, prompt);
    let mut keys = String::new();
    for i in 0..count {
        if marked.contains(&i) {
            keys += " ";
        }
        keys += DOWN;
    }
    press(s, &format!("{keys}{ENTER}"));
}

/// Says the answers shown for review are right.
fn review_ok(s: &mut PtySession, prompt: &str) {
    wait_for(s, prompt);
    press(s, ENTER);
}

/// Declines to save the answers as a record: clears the suggested name.
/// Returns what was shown up to the question, the report included.
fn skip_saving(s: &mut PtySession, prompt: &str) -> String {
    let shown = wait_for(s, prompt);
    press(s, &format!("{}{ENTER}", "\x7f".repeat(60)));
    // rexpect turns each byte into a char; put the UTF-8 back together.
    let bytes: Vec<u8> = shown.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Waits for a select list whose cursor starts on `default` and picks item `nth`.
fn pick(s: &mut PtySession, prompt: &str, default: usize, nth: usize) {
    wait_for(s, prompt);
    let moves = if nth >= default {
        DOWN.repeat(nth - default)
    } else {
        UP.repeat(default - nth)
    };
    press(s, &format!("{moves}{ENTER}"));
}

/// Names one claim and says whether it is a fact (backed by the `evidence`th
/// kind) or, with `None`, an assumption.
fn claim(s: &mut PtySession, prompt: &str, text: &str, evidence: Option<usize>) {
    answer(s, prompt, text);
    let know_or_believe = "Do you know it, or believe it?";
    match evidence {
        Some(kind) => {
            pick(s, know_or_believe, 1, 0);
            pick(s, "What shows it?", NOT_RECORDED, kind);
        }
        None => pick(s, know_or_believe, 1, 1),
    }
    sure(s, CANT_SAY);
}

// Positions in the "How sure are you" list: the pack's five answers, then
// "I can't say", where the cursor starts.
const LIKELY: usize = 1;
const CANT_SAY: usize = 5;

/// Says how sure the person is that the claim just named holds.
fn sure(s: &mut PtySession, nth: usize) {
    pick(s, "How sure are you that", CANT_SAY, nth);
}

/// Reads to the end, then returns what was shown (as UTF-8) and the exit code.
fn finish(s: &mut PtySession) -> (String, i32) {
    let rest = s.exp_eof().expect("calibrate should exit");
    // rexpect turns each byte into a char; put the UTF-8 back together.
    let bytes: Vec<u8> = rest.chars().map(|c| c as u32 as u8).collect();
    let shown = String::from_utf8_lossy(&bytes).into_owned();
    match s.process().wait().expect("wait for calibrate") {
        WaitStatus::Exited(_, code) => (shown, code),
        other => panic!("calibrate did not exit normally: {other:?}\n{shown}"),
    }
}

/// The JSON report: the object that opens on a line of its own.
fn report(shown: &str) -> Value {
    let start = shown
        .find("\n{\r\n")
        .unwrap_or_else(|| panic!("no JSON report in the output:\n{shown}"));
    serde_json::Deserializer::from_str(&shown[start..])
        .into_iter::<Value>()
        .next()
        .and_then(Result::ok)
        .unwrap_or_else(|| panic!("the report is not JSON:\n{shown}"))
}

#[test]
fn full_interview_recommends_go_now_and_agrees_with_the_team() {
    let mut s = spawn(&["diagnose", "--format", "json"]);
    answer(&mut s, "initiative called", "Claims copilot");
    pick_horizon(&mut s, "investment must pay off", 0); // This quarter
    claim(
        &mut s,
        "Name one claim",
        "Our claims data is clean",
        Some(MEASURED),
    );
    claim(&mut s, "Claim 2", "Triage cuts handling time", Some(PILOT));
    claim(&mut s, "Claim 3", "Adjusters will trust it", None);
    answer(&mut s, "Claim 4", ""); // the list is done
    matters_most(&mut s, "depend on most", 3, &[0]);
    pick(&mut s, "playbook does the team run today", 0, 1); // Go NOW!
    review_ok(&mut s, "Is this right?");
    let shown = skip_saving(&mut s, "File name");
    let (rest, code) = finish(&mut s);
    assert_eq!(code, 0, "{shown}{rest}");
    let json = report(&shown);
    assert_eq!(json["initiative"], "Claims copilot", "{json:#}");
    assert_eq!(json["horizon"]["months"], 3.0, "{json:#}");
    assert_eq!(json["knowledge"]["facts"], 2, "{json:#}");
    assert_eq!(json["knowledge"]["assumptions"], 1, "{json:#}");
    assert_eq!(json["claims"][0]["evidence"], "measured", "{json:#}");
    assert_eq!(json["claims"][1]["evidence"], "pilot", "{json:#}");
    assert_eq!(json["claims"][2]["status"], "assumption", "{json:#}");
    assert_eq!(
        json["claims"][0]["weight"], 2.0,
        "marked as mattering most: {json:#}"
    );
    assert_eq!(json["claims"][1]["weight"], 1.0, "{json:#}");
    assert_eq!(json["playbook"]["id"], "go-now", "{json:#}");
    assert_eq!(json["current"]["id"], "go-now", "{json:#}");
    assert_eq!(json["current"]["matches"], true, "{json:#}");
}

#[test]
fn a_fact_resting_on_vendor_evidence_counts_as_an_assumption() {
    let mut s = spawn(&["diagnose", "--format", "json"]);
    answer(&mut s, "initiative called", "Service bot");
    pick_horizon(&mut s, "investment must pay off", 2); // This year
    answer(&mut s, "Name one claim", "The bot resolves 70% of chats");
    pick(&mut s, "Do you know it, or believe it?", 1, 0);
    pick(&mut s, "What shows it?", NOT_RECORDED, VENDOR);
    // The interview says so at once, before the report.
    wait_for(&mut s, "as an assumption");
    sure(&mut s, CANT_SAY);
    claim(&mut s, "Claim 2", "Customers accept a bot", None);
    answer(&mut s, "Claim 3", "");
    matters_most(&mut s, "depend on most", 2, &[]);
    pick(&mut s, "playbook does the team run today", 0, 0); // Not sure
    review_ok(&mut s, "Is this right?");
    let shown = skip_saving(&mut s, "File name");
    let (rest, code) = finish(&mut s);
    assert_eq!(code, 0, "{shown}{rest}");
    let json = report(&shown);
    assert_eq!(json["horizon"]["months"], 12.0, "{json:#}");
    assert_eq!(json["knowledge"]["facts"], 0, "{json:#}");
    assert_eq!(json["playbook"]["id"], "discovery", "{json:#}");
    assert_eq!(json["current"], Value::Null, "{json:#}");
    let warnings = json["warnings"].as_array().expect("warnings list");
    assert!(
        warnings.iter().any(|w| {
            let w = w.as_str().unwrap_or_default().to_lowercase();
            w.contains("vendor") && w.contains("klarna")
        }),
        "no warning about evidence that is not yours: {json:#}"
    );
}

#[test]
fn plain_calibrate_interviews_and_ctrl_c_leaves_without_a_report() {
    let mut s = spawn(&[]);
    wait_for(&mut s, "initiative called");
    press(&mut s, "Half-typed name");
    press(&mut s, CTRL_C);

    let (shown, code) = finish(&mut s);
    assert_eq!(code, 130, "{shown}");
    for report_part in ["Playbook", "Go NOW!", "Horizon", "schema_version"] {
        assert!(!shown.contains(report_part), "a report was shown:\n{shown}");
    }
    assert!(!shown.contains("error"), "Ctrl-C is not an error:\n{shown}");
    // The shell's prompt that follows starts on a line of its own.
    assert!(
        shown.ends_with("\r\n"),
        "no new line after Ctrl-C: {shown:?}"
    );
}

#[test]
fn ctrl_c_in_a_select_list_restores_the_cursor() {
    let mut s = spawn(&["diagnose"]);
    answer(&mut s, "initiative called", "");
    // The list hides the cursor while it is shown.
    let list = wait_for(&mut s, "Another length");
    assert!(list.contains(HIDE_CURSOR), "cursor not hidden: {list:?}");
    assert!(list.contains("investment must pay off"), "{list:?}");
    press(&mut s, CTRL_C);

    let (shown, code) = finish(&mut s);
    assert_eq!(code, 130, "{shown:?}");
    assert!(shown.contains(SHOW_CURSOR), "cursor left hidden: {shown:?}");
    assert!(!shown.contains("Playbook"), "a report was shown: {shown:?}");
}

#[test]
fn a_mistyped_horizon_is_explained_and_can_be_retyped() {
    let mut s = spawn(&[
        "diagnose",
        "--facts",
        "2",
        "--assumptions",
        "8",
        "--format",
        "json",
    ]);
    answer(&mut s, "initiative called", "");
    pick_horizon(&mut s, "investment must pay off", 5); // Another length
    answer(&mut s, "How long until it must pay off?", "soon");
    wait_for(&mut s, "not a duration");
    answer(&mut s, "How long until it must pay off?", "2 years");
    pick(&mut s, "playbook does the team run today", 0, 0);
    // The refused answer and why are gone; the accepted one stays.
    let review = wait_for(&mut s, "Is this right?");
    assert!(review.contains("2 years"), "{review:?}");
    press(&mut s, ENTER);
    let shown = skip_saving(&mut s, "File name");
    let (rest, code) = finish(&mut s);
    assert_eq!(code, 0, "{shown}{rest}");
    let json = report(&shown);
    assert_eq!(json["horizon"]["text"], "2 years", "{json:#}");
    assert_eq!(json["horizon"]["side"], "long", "{json:#}");
    assert_eq!(json["playbook"]["id"], "resilient", "{json:#}");
}

#[test]
fn init_interviews_then_writes_a_record_that_needs_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    let mut s = spawn(&["init", path.to_str().unwrap(), "--today", "2026-11-21"]);
    // A record needs a name: an empty answer is not accepted.
    wait_for(&mut s, "What is the initiative called?");
    press(&mut s, ENTER);
    press(&mut s, &format!("Claims copilot{ENTER}"));
    pick_horizon(&mut s, "investment must pay off", 3); // One to two years
    claim(
        &mut s,
        "Name one claim",
        "Our claims data is clean",
        Some(MEASURED),
    );
    claim(&mut s, "Claim 2", "Adjusters will trust it", None);
    answer(&mut s, "Claim 3", "");
    matters_most(&mut s, "depend on most", 2, &[]);
    pick(&mut s, "playbook does the team run today", 0, 4); // Resilient Strategy
    review_ok(&mut s, "Is this right?");
    let (shown, code) = finish(&mut s);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("Wrote"), "{shown}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("initiative: Claims copilot\n"), "{text}");
    assert!(
        text.contains("horizon: 18m\ncurrent_playbook: resilient\nreviewed: 2026-11-21\n"),
        "{text}"
    );
    assert!(
        text.contains("- claim: Our claims data is clean\n  status: fact\n  evidence: measured\n"),
        "{text}"
    );
}

#[test]
fn ctrl_c_during_init_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    let mut s = spawn(&["init", path.to_str().unwrap()]);
    answer(&mut s, "What is the initiative called?", "Claims copilot");
    wait_for(&mut s, "investment must pay off");
    press(&mut s, CTRL_C);
    let (shown, code) = finish(&mut s);
    assert_eq!(code, 130, "{shown}");
    assert!(!path.exists(), "nothing written after Ctrl-C");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file left"
    );
}

#[test]
fn the_spanish_pack_interviews_in_spanish() {
    let mut s = spawn(&["--pack", "es", "diagnose", "--format", "json"]);
    let intro = wait_for(&mut s, "mo se llama la iniciativa");
    assert!(intro.contains("Ctrl-C sale sin guardar nada"), "{intro}");
    press(&mut s, &format!("Copiloto{ENTER}"));
    pick_horizon(&mut s, "debe rendir frutos esta inversi", 0);
    answer(&mut s, "Indiquen una afirmaci", "Los datos son limpios");
    pick(&mut s, "Lo saben o lo creen", 1, 0);
    pick(&mut s, "lo demuestra", NOT_RECORDED, MEASURED);
    pick(&mut s, "tan seguros est", CANT_SAY, CANT_SAY);
    answer(&mut s, "(dejen vac", "");
    let asked = wait_for(&mut s, "aplica hoy el equipo");
    assert!(!asked.contains("Claim"), "{asked}");
    press(&mut s, ENTER);
    review_ok(&mut s, "Es correcto?");
    let shown = skip_saving(&mut s, "Nombre del archivo");
    let (rest, code) = finish(&mut s);
    assert_eq!(code, 0, "{shown}{rest}");
    let json = report(&shown);
    assert_eq!(json["playbook"]["id"], "go-now", "{json:#}");
    assert_eq!(json["playbook"]["name"], "¡Adelante YA!", "{json:#}");
}

#[test]
fn each_claim_is_asked_how_sure_in_plain_words() {
    let mut s = spawn(&["diagnose", "--format", "json"]);
    answer(&mut s, "initiative called", "Claims copilot");
    pick_horizon(&mut s, "investment must pay off", 0);
    answer(
        &mut s,
        "Name one claim",
        "Adjusters will trust the suggestions",
    );
    pick(&mut s, "Do you know it, or believe it?", 1, 1);
    wait_for(
        &mut s,
        "How sure are you that \"Adjusters will trust the suggestions\" holds?",
    );
    press(&mut s, &format!("{}{ENTER}", UP.repeat(CANT_SAY - LIKELY)));
    answer(&mut s, "Claim 2", "");
    pick(&mut s, "playbook does the team run today", 0, 0);
    // The review lists the claim with how sure the person said they are.
    let review = wait_for(&mut s, "Is this right?");
    let claims: Vec<&str> = review
        .lines()
        .skip_while(|l| !l.contains("Adjusters will trust"))
        .take_while(|l| !l.contains("Playbook today"))
        .map(str::trim)
        .collect();
    assert_eq!(
        claims.join(" "),
        "Claims          1. Adjusters will trust the suggestions (assumption; 75% likely to hold)",
        "{review}"
    );
    press(&mut s, ENTER);
    let shown = skip_saving(&mut s, "File name");
    let (rest, code) = finish(&mut s);
    assert_eq!(code, 0, "{shown}{rest}");
    let json = report(&shown);
    assert_eq!(json["claims"][0]["confidence"], 0.75, "{json:#}");
    assert_eq!(json["outlook"]["runs"], 10_000, "{json:#}");
}

#[test]
fn the_review_changes_one_answer_without_starting_over() {
    let mut s = spawn(&["diagnose", "--format", "json"]);
    answer(&mut s, "initiative called", "Claims copilot");
    pick_horizon(&mut s, "investment must pay off", 0); // This quarter
    claim(
        &mut s,
        "Name one claim",
        "Our claims data is clean",
        Some(MEASURED),
    );
    answer(&mut s, "Claim 2", "");
    pick(&mut s, "playbook does the team run today", 0, 0);
    let review = wait_for(&mut s, "Is this right?");
    assert!(review.contains("Your answers"), "{review}");
    // Change when it must pay off, to three years or more.
    press(&mut s, &format!("{DOWN}{DOWN}{ENTER}"));
    pick_horizon(&mut s, "investment must pay off", 4);
    review_ok(&mut s, "Is this right?");
    let shown = skip_saving(&mut s, "File name");
    let (rest, code) = finish(&mut s);
    assert_eq!(code, 0, "{shown}{rest}");
    let json = report(&shown);
    assert_eq!(json["horizon"]["text"], "3y", "{json:#}");
    assert_eq!(json["playbook"]["id"], "predictable", "{json:#}");
    assert_eq!(
        json["claims"][0]["claim"], "Our claims data is clean",
        "{json:#}"
    );
}

#[test]
fn the_answers_can_be_saved_as_a_record_after_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_calibrate"));
    command
        .args(["diagnose", "--format", "json", "--today", "2026-11-22"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm-256color");
    let mut s = spawn_command(command, Some(TIMEOUT_MS)).unwrap();
    answer(&mut s, "initiative called", "Claims copilot");
    pick_horizon(&mut s, "investment must pay off", 1); // Within six months
    claim(
        &mut s,
        "Name one claim",
        "Our claims data is clean",
        Some(MEASURED),
    );
    answer(&mut s, "Claim 2", "");
    pick(&mut s, "playbook does the team run today", 0, 1); // Go NOW!
    review_ok(&mut s, "Is this right?");
    // The suggested name comes from the initiative's.
    wait_for(&mut s, "claims-copilot.yaml");
    press(&mut s, ENTER);
    wait_for(
        &mut s,
        "Saved claims-copilot.yaml. Check it in CI with: calibrate check claims-copilot.yaml",
    );
    let (_, code) = finish(&mut s);
    assert_eq!(code, 0);
    let record = std::fs::read_to_string(dir.path().join("claims-copilot.yaml")).unwrap();
    assert_eq!(
        record,
        format!(
            "# yaml-language-server: $schema=https://github.com/calibrate-cli/calibrate/raw/v{}/schema/decision-record.schema.json\ninitiative: Claims copilot\nhorizon: 6m\ncurrent_playbook: go-now\nreviewed: 2026-11-22\nreview_every: 90d\nclaims:\n- claim: Our claims data is clean\n  status: fact\n  evidence: measured\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}
