//! `calibrate workshop run`, the pass-the-laptop mode, driven through a real
//! pseudo-terminal: several people vote in turn, the screen is cleared
//! between them, and an interrupted session resumes where it stopped.
//!
//! The votes are read back through `workshop report --format json`, so the
//! assertions do not depend on the session file's layout.

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};

/// Generous, so slow CI machines pass; a hung prompt still fails the test.
const TIMEOUT_MS: u64 = 10_000;

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const SPACE: &str = " ";
const CTRL_C: &str = "\x03";
/// What `console`'s `Term::clear_screen` writes: erase the display.
const CLEAR_SCREEN: &str = "\x1b[2J";

const WHO_NEXT: &str = "Who votes next?";
const HORIZON: &str = "How long until this investment must pay off?";
const FACTS: &str = "Which of these are proven facts?";

// Positions in the horizon list; the cursor starts on the first.
const THIS_QUARTER: usize = 0;
const ONE_TO_TWO_YEARS: usize = 3;

// Positions in the list of confidences: almost sure (95%), likely, a coin
// flip, unlikely (25%), almost certainly not, I can't say.
const ALMOST_SURE: usize = 0;
const UNLIKELY: usize = 3;
const CANT_SAY: usize = 5;

const CLAIMS: [&str; 3] = [
    "Our claims data is clean",
    "Triage cuts handling time",
    "Adjusters will trust it",
];

fn calibrate() -> Command {
    Command::new(env!("CARGO_BIN_EXE_calibrate"))
}

/// Writes a fresh session with the three claims c1, c2, c3.
fn new_session(path: &Path) {
    let mut command = calibrate();
    command.args([
        "workshop",
        "new",
        path.to_str().unwrap(),
        "--name",
        "Claims copilot",
    ]);
    for claim in CLAIMS {
        command.args(["--claim", claim]);
    }
    let out = command.output().expect("run workshop new");
    assert!(out.status.success(), "workshop new failed: {out:?}");
}

/// Starts `calibrate workshop run FILE` on a fresh pseudo-terminal.
fn spawn_run(path: &Path) -> PtySession {
    let mut command = calibrate();
    command
        .args(["workshop", "run", path.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm-256color");
    spawn_command(command, Some(TIMEOUT_MS)).expect("start calibrate on a pty")
}

/// Waits for `prompt` and returns everything shown since the last wait,
/// the prompt included.
fn wait_for(s: &mut PtySession, prompt: &str) -> String {
    let before = s
        .exp_string(prompt)
        .unwrap_or_else(|err| panic!("waiting for {prompt:?}: {err}"));
    before + prompt
}

/// Sends keys as one write, so an escape sequence arrives whole.
fn press(s: &mut PtySession, keys: &str) {
    s.send(keys).expect("send keys");
    s.flush().expect("flush keys");
}

/// One person's whole turn, saying "I can't say" to how sure they are of
/// each claim: see [`vote_sure`].
fn vote(s: &mut PtySession, name: &str, horizon: usize, facts: &[usize]) -> String {
    vote_sure(s, name, horizon, facts, &[CANT_SAY; 3])
}

/// One person's whole turn: name, horizon (the `horizon`th item), the claims
/// they hold as proven (0-based positions), how sure they are of each claim
/// (positions in the pack's list of confidences), up to the thank-you.
/// Returns everything shown since the last wait.
fn vote_sure(
    s: &mut PtySession,
    name: &str,
    horizon: usize,
    facts: &[usize],
    sure: &[usize; 3],
) -> String {
    let mut shown = wait_for(s, WHO_NEXT);
    press(s, &format!("{name}{ENTER}"));
    shown += &wait_for(s, HORIZON);
    // Nothing is picked until the person moves: one step down is the first.
    press(s, &format!("{}{ENTER}", DOWN.repeat(horizon + 1)));
    shown += &wait_for(s, FACTS);
    // Walk down the list, marking the chosen claims on the way.
    let mut keys = String::new();
    for i in 0..CLAIMS.len() {
        if facts.contains(&i) {
            keys += SPACE;
        }
        if i + 1 < CLAIMS.len() {
            keys += DOWN;
        }
    }
    press(s, &format!("{keys}{ENTER}"));
    // The cursor starts on "I can't say", the last choice.
    for (claim, &choice) in CLAIMS.iter().zip(sure) {
        shown += &wait_for(s, &format!("How sure are you that \"{claim}\" holds?"));
        press(s, &format!("{}{ENTER}", UP.repeat(CANT_SAY - choice)));
    }
    shown += &wait_for(s, &format!("Thank you, {name}. Your vote is saved."));
    shown
}

/// rexpect turns each byte into a char; puts the UTF-8 back together.
fn utf8(shown: &str) -> String {
    let bytes: Vec<u8> = shown.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Reads to the end, then returns what was shown and the exit code.
fn finish(s: &mut PtySession) -> (String, i32) {
    let shown = s.exp_eof().expect("calibrate should exit");
    match s.process().wait().expect("wait for calibrate") {
        WaitStatus::Exited(_, code) => (shown, code),
        other => panic!("calibrate did not exit normally: {other:?}\n{shown}"),
    }
}

/// The session's report as JSON; fails if the file does not load.
fn report(path: &Path) -> Value {
    let out = calibrate()
        .args([
            "workshop",
            "report",
            path.to_str().unwrap(),
            "--format",
            "json",
        ])
        .env("NO_COLOR", "1")
        .output()
        .expect("run workshop report");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the session does not load: {stderr}");
    serde_json::from_slice(&out.stdout).expect("the report is JSON")
}

/// (name, playbook, horizon in months, knowledge score) for each participant.
fn participants(json: &Value) -> Vec<(String, String, f64, f64)> {
    json["participants"]
        .as_array()
        .unwrap_or_else(|| panic!("no participants list: {json:#}"))
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or_default().to_string(),
                p["playbook"].as_str().unwrap_or_default().to_string(),
                p["horizon_months"].as_f64().unwrap_or(f64::NAN),
                p["knowledge_score"].as_f64().unwrap_or(f64::NAN),
            )
        })
        .collect()
}

fn assert_participant(actual: &(String, String, f64, f64), expected: (&str, &str, f64, f64)) {
    let (name, playbook, months, score) = expected;
    assert_eq!(actual.0, name, "{actual:?}");
    assert_eq!(actual.1, playbook, "{actual:?}");
    assert_eq!(actual.2, months, "{actual:?}");
    assert!((actual.3 - score).abs() < 0.01, "{actual:?}");
}

#[test]
fn an_interrupted_run_keeps_the_saved_votes_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.yaml");
    new_session(&path);

    let mut s = spawn_run(&path);
    vote(&mut s, "Ana", THIS_QUARTER, &[1]);
    press(&mut s, ENTER);
    vote(&mut s, "Ben", ONE_TO_TWO_YEARS, &[0, 1]);
    press(&mut s, ENTER);
    wait_for(&mut s, "Voted so far (2): Ana, Ben.");
    wait_for(&mut s, WHO_NEXT);
    press(&mut s, &format!("Cy{ENTER}"));
    wait_for(&mut s, HORIZON);
    press(&mut s, CTRL_C);
    let (shown, code) = finish(&mut s);
    assert_eq!(code, 130, "{shown:?}");
    assert!(
        shown.contains("Stopped. 2 votes are saved in"),
        "the facilitator is told: {shown:?}"
    );
    assert!(shown.contains("to carry on"), "{shown:?}");

    // The two finished votes are saved and the file still loads; Cy's is not.
    let json = report(&path);
    let people = participants(&json);
    assert_eq!(people.len(), 2, "{json:#}");
    assert_participant(&people[0], ("Ana", "discovery", 3.0, 1.0 / 3.0));
    assert_participant(&people[1], ("Ben", "predictable", 18.0, 2.0 / 3.0));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["session.yaml"], "a temporary file was left behind");

    // Running again picks up where it stopped.
    let mut s = spawn_run(&path);
    wait_for(&mut s, "Voted so far (2): Ana, Ben.");
    vote(&mut s, "Cy", THIS_QUARTER, &[0, 1]);
    press(&mut s, ENTER);
    wait_for(&mut s, "Voted so far (3): Ana, Ben, Cy.");
    wait_for(&mut s, WHO_NEXT);
    press(&mut s, ENTER); // nobody else: finish
    let (shown, code) = finish(&mut s);
    assert_eq!(code, 0, "{shown:?}");
    assert!(shown.contains("3 voted: Ana, Ben, Cy."), "{shown:?}");

    let json = report(&path);
    let people = participants(&json);
    assert_eq!(people.len(), 3, "{json:#}");
    assert_participant(&people[0], ("Ana", "discovery", 3.0, 1.0 / 3.0));
    assert_participant(&people[1], ("Ben", "predictable", 18.0, 2.0 / 3.0));
    assert_participant(&people[2], ("Cy", "go-now", 3.0, 2.0 / 3.0));
    // Only c1 splits the group: Ben and Cy hold it proven, Ana does not.
    let contested = json["contested_claims"].as_array().expect("contested list");
    assert_eq!(contested.len(), 1, "{json:#}");
    assert_eq!(contested[0]["id"], "c1", "{json:#}");
    assert_eq!(
        contested[0]["fact"],
        serde_json::json!(["Ben", "Cy"]),
        "{json:#}"
    );
    assert_eq!(
        contested[0]["assumption"],
        serde_json::json!(["Ana"]),
        "{json:#}"
    );
}

#[test]
fn the_next_person_does_not_see_the_previous_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.yaml");
    new_session(&path);

    let mut s = spawn_run(&path);
    let mut transcript = vote(&mut s, "Ana", ONE_TO_TWO_YEARS, &[0]);
    let anas_answers = ["One to two years (18 months)", CLAIMS[0], "Thank you, Ana"];
    for answer in anas_answers {
        assert!(
            transcript.contains(answer),
            "{answer:?} not shown to Ana: {transcript:?}"
        );
    }
    // After her Enter the screen is erased, and what is drawn after that
    // (Ben's screen) repeats none of her answers.
    press(&mut s, ENTER);
    transcript += &wait_for(&mut s, WHO_NEXT);
    let cleared = transcript
        .rfind(CLEAR_SCREEN)
        .unwrap_or_else(|| panic!("the screen was never cleared: {transcript:?}"));
    let bens_screen = &transcript[cleared..];
    assert!(
        bens_screen.contains("Voted so far (1): Ana."),
        "the last clear is not before Ben's screen: {bens_screen:?}"
    );
    for hidden in anas_answers {
        assert!(
            !bens_screen.contains(hidden),
            "{hidden:?} still on screen for the next person: {bens_screen:?}"
        );
    }
    // Ben's horizon list starts afresh, with nothing picked, not on Ana's choice.
    press(&mut s, &format!("Ben{ENTER}"));
    let list = utf8(&wait_for(&mut s, "Another length"));
    assert!(list.contains("  This quarter"), "{list:?}");
    assert!(!list.contains('❯'), "{list:?}");
    press(&mut s, CTRL_C);
    let (shown, code) = finish(&mut s);
    assert_eq!(code, 130, "{shown:?}");
}

#[test]
fn a_round_the_facilitator_closed_is_refused_before_anyone_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.yaml");
    new_session(&path);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("voting: closed\n");
    std::fs::write(&path, &text).unwrap();

    let mut s = spawn_run(&path);
    let (shown, code) = finish(&mut s);
    assert_eq!(code, 2, "{shown:?}");
    assert_eq!(
        shown.trim_end(),
        "error: voting is closed: the results of this round have been revealed; reopen it from the facilitator's page, or delete `voting: closed` from the session"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn run_without_a_terminal_points_to_workshop_vote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.yaml");
    new_session(&path);
    let before = std::fs::read_to_string(&path).unwrap();

    let out = calibrate()
        .args(["workshop", "run", path.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run workshop run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("workshop vote"), "{stderr}");
    assert!(out.stdout.is_empty(), "{:?}", out.stdout);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn ctrl_c_in_the_claims_list_or_the_replace_question_keeps_the_saved_votes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.yaml");
    new_session(&path);

    // Ctrl-C while claims are being marked: nothing of that vote is saved.
    let mut s = spawn_run(&path);
    vote(&mut s, "Ana", THIS_QUARTER, &[0]);
    press(&mut s, ENTER);
    wait_for(&mut s, WHO_NEXT);
    press(&mut s, &format!("Ben{ENTER}"));
    wait_for(&mut s, HORIZON);
    press(&mut s, &format!("{DOWN}{ENTER}"));
    wait_for(&mut s, FACTS);
    press(&mut s, &format!("{SPACE}{CTRL_C}"));
    let (shown, code) = finish(&mut s);
    assert_eq!(code, 130, "{shown:?}");
    assert!(shown.contains("\x1b[?25h"), "cursor restored: {shown:?}");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("Ana") && !saved.contains("Ben"), "{saved}");

    // Ctrl-C at "replace that vote?": Ana's vote stays as it was.
    let mut s = spawn_run(&path);
    wait_for(&mut s, WHO_NEXT);
    press(&mut s, &format!("ana{ENTER}"));
    wait_for(&mut s, "Replace that vote?");
    press(&mut s, CTRL_C);
    let (shown, code) = finish(&mut s);
    assert_eq!(code, 130, "{shown:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);
}

#[test]
fn a_vote_cast_beside_a_run_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.yaml");
    new_session(&path);

    let mut s = spawn_run(&path);
    vote(&mut s, "Ana", THIS_QUARTER, &[1]);
    press(&mut s, ENTER);
    // Someone votes from another terminal while the laptop goes round.
    let beside = calibrate()
        .args(["workshop", "vote", path.to_str().unwrap()])
        .args(["--participant", "Zed", "--horizon", "2y", "--fact", "c1"])
        .output()
        .unwrap();
    assert!(beside.status.success(), "{beside:?}");
    vote(&mut s, "Ben", ONE_TO_TWO_YEARS, &[0, 1]);
    press(&mut s, ENTER);
    wait_for(&mut s, "Voted so far (3): Ana, Zed, Ben.");
    wait_for(&mut s, WHO_NEXT);
    press(&mut s, ENTER);
    let (shown, code) = finish(&mut s);
    assert_eq!(code, 0, "{shown:?}");
    let names: Vec<String> = participants(&report(&path))
        .into_iter()
        .map(|p| p.0)
        .collect();
    assert_eq!(names, ["Ana", "Zed", "Ben"]);
}

#[test]
fn each_person_says_how_sure_they_are_and_the_report_weighs_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.yaml");
    new_session(&path);

    let mut s = spawn_run(&path);
    vote_sure(
        &mut s,
        "Ana",
        THIS_QUARTER,
        &[1],
        &[UNLIKELY, CANT_SAY, CANT_SAY],
    );
    press(&mut s, ENTER);
    vote_sure(
        &mut s,
        "Ben",
        ONE_TO_TWO_YEARS,
        &[0, 1],
        &[ALMOST_SURE, CANT_SAY, CANT_SAY],
    );
    press(&mut s, ENTER);
    wait_for(&mut s, WHO_NEXT);
    press(&mut s, ENTER);
    let (shown, code) = finish(&mut s);
    assert_eq!(code, 0, "{shown:?}");

    // Ben holds c1 as a fact at 95%, Ana as an assumption she thinks
    // unlikely (25%): each counts by how sure they are of their side.
    let json = report(&path);
    let contested = json["contested_claims"].as_array().expect("contested list");
    assert_eq!(contested.len(), 1, "{json:#}");
    assert_eq!(contested[0]["id"], "c1");
    assert_eq!(contested[0]["fact_confidence"], 0.95);
    assert_eq!(contested[0]["assumption_confidence"], 0.25);
    assert_eq!(contested[0]["tension"], 0.75);
    let text = calibrate()
        .args(["workshop", "report", path.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let (_, contested) = text.split_once("\nContested claims").unwrap();
    let (contested, _) = contested.split_once("\nTo discuss").unwrap();
    assert_eq!(
        contested,
        ", most divided first (each person counted by how sure they are)\n  \
         1. \"Our claims data is clean\" (c1): 1 as fact, 1 as assumption; likely to hold: 95% say those who\n     \
         call it a fact, 25% the others\n     \
         Fact: Ben. Assumption: Ana.\n"
    );
}
