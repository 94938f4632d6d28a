//! Several people writing one workshop session at once: every vote is
//! kept. Each writer locks the session, reads it afresh, adds its vote and
//! writes it back before the next may start.

use crate::common::{new_session, voters};
use std::path::Path;
use std::process::{Command, Stdio};

fn calibrate() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_calibrate"));
    command
        .env_remove("CALIBRATE_PLAYBOOKS")
        .env_remove("CALIBRATE_PACK");
    command
}

#[test]
fn twenty_voters_at_once_leave_twenty_votes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.yaml");
    new_session(&path);
    let voters_at_once: Vec<_> = (1..=20)
        .map(|i| {
            calibrate()
                .args(["workshop", "vote"])
                .arg(&path)
                .args([
                    "--participant",
                    &format!("Person {i:02}"),
                    "--horizon",
                    "6m",
                ])
                .args(if i % 2 == 0 {
                    vec!["--fact", "c1"]
                } else {
                    vec![]
                })
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in voters_at_once {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(stderr.starts_with("Saved Person "), "{stderr}");
    }
    let mut names = voters(&path);
    names.sort();
    let expected: Vec<String> = (1..=20).map(|i| format!("Person {i:02}")).collect();
    assert_eq!(names, expected);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["session.yaml"], "no lock or temporary file is left");
}

#[test]
fn a_held_lock_makes_a_writer_wait_then_give_up_with_a_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.yaml");
    new_session(&path);
    let held = calibrate::lock::Lock::acquire(&path).unwrap();
    let gave_up =
        calibrate::lock::Lock::acquire_within(&path, std::time::Duration::from_millis(50))
            .unwrap_err();
    assert_eq!(
        gave_up.to_string(),
        format!(
            "{}: another calibrate is still writing it after 50 ms; try again when it is done",
            path.display()
        )
    );
    // A voter started now waits, and gets through once the lock is let go.
    let voter = calibrate()
        .args(["workshop", "vote"])
        .arg(&path)
        .args(["--participant", "Ana", "--horizon", "6m"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(
        voters_or_none(&path),
        None,
        "nobody has voted while the lock is held"
    );
    drop(held);
    let out = voter.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(voters(&path), ["Ana"]);
}

/// The voters, or `None` while nobody has voted (the report refuses then).
fn voters_or_none(path: &Path) -> Option<Vec<String>> {
    let out = calibrate()
        .args(["workshop", "report"])
        .arg(path)
        .args(["--format", "json"])
        .output()
        .unwrap();
    out.status.success().then(|| voters(path))
}
