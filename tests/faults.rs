//! Clean behaviour on faults: a reader that stops early, a full disk, a
//! read-only folder, and input files that are missing, folders, or not
//! readable. Each gets one clear line and leaves no partial file.

use crate::common;
use common::{assert_input_error, run, voters};
use std::path::Path;
use std::process::{Command, Stdio};

fn calibrate() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_calibrate"));
    command
        .env_remove("CALIBRATE_PLAYBOOKS")
        .env_remove("CALIBRATE_PACK");
    command
}

/// Runs `args` with standard output going into a pipe nobody reads, as in
/// `calibrate ... | head -0`: every write fails with a broken pipe.
fn into_a_closed_pipe(args: &[&str]) -> (i32, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = calibrate()
        .args(args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_reader_that_stops_early_ends_every_command_quietly() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let pack = concat!(env!("CARGO_MANIFEST_DIR"), "/playbooks/en");
    let cases: &[&[&str]] = &[
        &[
            "diagnose",
            "--horizon",
            "2y",
            "--facts",
            "2",
            "--assumptions",
            "8",
        ],
        &[
            "diagnose",
            "--horizon",
            "6m",
            "--facts",
            "2",
            "--format",
            "html",
        ],
        &["check", examples],
        &["portfolio", examples, "--format", "json"],
        &["playbooks", "list"],
        &["playbooks", "show", "go-now"],
        &["playbooks", "validate", pack],
        &["schema"],
        &["man"],
        &["completions", "bash"],
        &["--help"],
    ];
    for args in cases {
        let (code, stderr) = into_a_closed_pipe(args);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} should be quiet: {stderr}");
        // `check` keeps its verdict (1: Klarna fails), so a failing check
        // piped into `head` still fails CI; the rest succeed.
        let expected = if args[0] == "check" { 1 } else { 0 };
        assert_eq!(code, expected, "{args:?}");
    }
}

/// Whether this machine lets a test mount a small file system in a private
/// mount namespace (root, or user namespaces allowed). Without it the mount
/// tests are skipped with a note, except in CI, where they must run.
fn can_mount() -> bool {
    let ok = Command::new("unshare")
        .args([
            "-r",
            "-m",
            "sh",
            "-c",
            "mount -t tmpfs -o size=8k tmpfs /mnt",
        ])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must be able to mount a tmpfs in a private namespace"
        );
        eprintln!("note: skipping: no private mount namespace on this machine");
    }
    ok
}

/// Runs a shell script inside a private mount namespace with `dir` mounted
/// as a tmpfs with `options`, and `$CALIBRATE` set to the binary.
fn in_small_mount(dir: &Path, options: &str, script: &str) -> std::process::Output {
    let script = format!("mount -t tmpfs -o {options} tmpfs \"$DIR\" && {script}");
    Command::new("unshare")
        .args(["-r", "-m", "sh", "-c", &script])
        .env("DIR", dir)
        .env("CALIBRATE", env!("CARGO_BIN_EXE_calibrate"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn a_full_disk_gives_one_line_and_leaves_no_partial_file() {
    if !can_mount() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // 16 KB: room for a small existing file, not for an HTML report. The
    // script lists what is left, and shows the old file's contents.
    let out = in_small_mount(
        dir.path(),
        "size=16k",
        r#"printf 'the old report\n' > "$DIR/report.html"
"$CALIBRATE" diagnose --horizon 2y --facts 2 --assumptions 8 -o "$DIR/new.html"
echo "exit=$?"
"$CALIBRATE" diagnose --horizon 2y --facts 2 --assumptions 8 -o "$DIR/report.html" --force
echo "exit=$?"
ls -A "$DIR"
cat "$DIR/report.html""#,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let full = |name: &str| {
        format!(
            "error: {}/{name}: the disk is full; free some space or write elsewhere; nothing was written\n",
            dir.path().display()
        )
    };
    assert_eq!(stderr, full("new.html") + &full("report.html"));
    assert_eq!(stdout.matches("exit=2").count(), 2, "{stdout}");
    let listing: Vec<&str> = stdout.lines().filter(|l| !l.starts_with("exit=")).collect();
    assert_eq!(
        listing,
        ["report.html", "the old report"],
        "no temporary or partial file, and the old report is untouched"
    );
}

#[test]
fn a_read_only_folder_gives_one_line_and_leaves_nothing() {
    if !can_mount() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = in_small_mount(
        dir.path(),
        "size=1m,ro",
        r#""$CALIBRATE" workshop new "$DIR/s.yaml" --name X --claim Y; echo "exit=$?"; ls -A "$DIR""#,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        format!(
            "error: {}/s.yaml: the folder is on a read-only file system; write elsewhere; nothing was written\n",
            dir.path().display()
        )
    );
    assert_eq!(stdout.trim(), "exit=2", "nothing written: {stdout}");
}

#[test]
fn a_missing_folder_for_a_report_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no/such/report.html");
    let out = run(&[
        "diagnose",
        "--horizon",
        "6m",
        "--facts",
        "2",
        "-o",
        target.to_str().unwrap(),
    ]);
    let folder = dir.path().join("no/such");
    assert_input_error(
        &out,
        &format!(
            "{}: the folder {} does not exist; create it first",
            target.display(),
            folder.display()
        ),
    );
}

#[test]
fn missing_files_and_folders_given_as_files_get_one_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("plan.yaml");
    let missing = missing.to_str().unwrap();
    let folder = dir.path().to_str().unwrap();
    for args in [
        vec!["diagnose", "--record", missing],
        vec!["workshop", "report", missing],
        vec![
            "workshop",
            "vote",
            missing,
            "--participant",
            "A",
            "--horizon",
            "6m",
        ],
    ] {
        let out = run(&args);
        assert_input_error(&out, &format!("{missing}: no such file; check the path"));
    }
    for args in [
        vec!["diagnose", "--record", folder],
        vec!["workshop", "report", folder],
    ] {
        let out = run(&args);
        assert_input_error(
            &out,
            &format!("{folder}: is a folder; give the path of a YAML file"),
        );
    }
    let check = run(&["check", missing]);
    assert_eq!(check.code, 2);
    assert_eq!(
        check.stdout,
        format!(
            "invalid {missing}: no such file; check the path\n\n1 record: 0 pass, 1 invalid.\n"
        )
    );
}

#[test]
fn a_file_without_read_permission_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.yaml");
    std::fs::write(&file, "initiative: X\nhorizon: 6m\nclaims: []\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // Root reads anything, so run as nobody when the tests run as root.
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n");
    let mut command = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_calibrate"));
        c
    } else {
        calibrate()
    };
    let out = command
        .args(["diagnose", "--record", file.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "error: {}: permission denied; check that you may read it\n",
            file.display()
        )
    );
}

#[test]
fn an_input_over_its_size_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.yaml");
    // Sparse: 2 GB on paper, nothing on disk. Reading it would take seconds
    // and gigabytes; refusing it takes neither.
    let handle = std::fs::File::create(&file).unwrap();
    handle.set_len(2 * 1024 * 1024 * 1024).unwrap();
    let path = file.to_str().unwrap();
    let started = std::time::Instant::now();
    for (args, limit) in [
        (
            vec!["diagnose", "--record", path],
            "a decision record may be at most 1 MB",
        ),
        (
            vec!["workshop", "report", path],
            "a workshop session may be at most 4 MB",
        ),
        (
            vec!["portfolio", path],
            "a portfolio file may be at most 512 MB",
        ),
    ] {
        let out = run(&args);
        let message = format!("error: {path}: is too large (2048 MB); {limit}\n");
        assert_eq!(out.stderr, message, "{args:?}");
        assert_eq!(out.code, 2, "{args:?}");
    }
    assert!(started.elapsed().as_secs() < 5, "refused without reading");
}

/// Runs a prepared command, killing it if it has not finished within five
/// seconds: a guard against the hangs these tests are about, not a timing.
fn within_a_moment(mut command: Command) -> std::process::Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(5) {
            let _ = child.kill();
            panic!("{command:?} still running after 5 s: it hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

#[test]
fn a_named_pipe_or_a_device_given_as_a_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("plan.yaml");
    mkfifo(&fifo);
    let fifo = fifo.to_str().unwrap();
    let pipe = format!("{fifo}: is a named pipe, not a file; give the path of a YAML file");
    let device = "/dev/zero: is a device, not a file; give the path of a YAML file";
    let random = device.replace("zero", "urandom");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["diagnose", "--record", fifo], &pipe),
        (vec!["workshop", "report", fifo], &pipe),
        (
            vec![
                "workshop",
                "vote",
                fifo,
                "--participant",
                "Ana",
                "--horizon",
                "6m",
            ],
            &pipe,
        ),
        (vec!["portfolio", fifo], &pipe),
        (vec!["diagnose", "--record", "/dev/zero"], device),
        (vec!["portfolio", "/dev/zero"], device),
        (vec!["workshop", "report", "/dev/urandom"], &random),
    ];
    for (args, message) in cases {
        let mut command = calibrate();
        command.args(&args);
        let out = within_a_moment(command);
        assert_eq!(text(&out.stderr), format!("error: {message}\n"), "{args:?}");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let mut command = calibrate();
    command.args(["check", fifo]);
    let out = within_a_moment(command);
    assert_eq!(
        text(&out.stdout),
        format!("invalid {pipe}\n\n1 record: 0 pass, 1 invalid.\n")
    );
    assert_eq!(out.status.code(), Some(2));
    // Nothing was made beside the session while refusing it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["plan.yaml"]);
}

#[test]
fn a_size_just_over_a_limit_is_shown_so_the_two_differ() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.yaml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(1024 * 1024 + 1)
        .unwrap();
    // A link is held to its target's size.
    let link = dir.path().join("link.yaml");
    std::os::unix::fs::symlink(&big, &link).unwrap();
    for path in [&big, &link] {
        let out = run(&["diagnose", "--record", path.to_str().unwrap()]);
        assert_input_error(
            &out,
            &format!(
                "{}: is too large (1,048,577 bytes); a decision record may be at most 1,048,576 bytes (1 MB)",
                path.display()
            ),
        );
    }
}

#[test]
fn a_failing_record_linked_into_a_folder_fails_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let klarna = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/klarna-customer-service.yaml"
    );
    std::os::unix::fs::symlink(klarna, dir.path().join("klarna.yaml")).unwrap();
    // A link back up the tree is not followed, so the search ends.
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = run(&["check", folder]);
    assert_eq!(
        out.stdout,
        format!(
            "FAIL    {folder}/klarna.yaml:9: declared go-now, but 88% of the plan's weight rests on assumptions (vendor evidence is not a fact): diagnosed discovery (premature action if it stays)\n\n1 record: 0 pass, 1 fails.\n"
        )
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
}

#[test]
fn a_closed_standard_output_is_said_and_fails() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    for args in [
        vec!["check", examples],
        vec!["diagnose", "--horizon", "6m", "--facts", "2"],
    ] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(r#""$CALIBRATE" "$@" >&-"#)
            .arg("sh")
            .args(&args)
            .env("CALIBRATE", env!("CARGO_BIN_EXE_calibrate"))
            .output()
            .unwrap();
        assert_eq!(
            text(&out.stderr),
            "error: standard output is closed, so the report could not be written; redirect it to a file or a pipe\n",
            "{args:?}"
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

/// A session file to vote in, with the claims c1 and c2.
fn session(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("session.yaml");
    common::new_session(&path);
    path
}

fn vote(path: &Path, name: &str) -> common::Run {
    run(&[
        "workshop",
        "vote",
        path.to_str().unwrap(),
        "--participant",
        name,
        "--horizon",
        "6m",
    ])
}

#[test]
fn a_vote_through_a_link_reaches_the_shared_file() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let shared = session(dir.path());
    let symlink = dir.path().join("mine.yaml");
    std::os::unix::fs::symlink(&shared, &symlink).unwrap();
    let hard = dir.path().join("hard.yaml");
    std::fs::hard_link(&shared, &hard).unwrap();

    assert_eq!(vote(&symlink, "Ana").code, 0);
    assert_eq!(vote(&hard, "Ben").code, 0);
    assert_eq!(voters(&shared), ["Ana", "Ben"]);
    assert!(std::fs::symlink_metadata(&symlink).unwrap().is_symlink());
    assert_eq!(
        std::fs::metadata(&hard).unwrap().ino(),
        std::fs::metadata(&shared).unwrap().ino()
    );

    // A report written with --force through a link replaces the target.
    let report = dir.path().join("report.md");
    std::fs::write(&report, "old").unwrap();
    let to_report = dir.path().join("latest.md");
    std::os::unix::fs::symlink(&report, &to_report).unwrap();
    let out = run(&[
        "workshop",
        "report",
        shared.to_str().unwrap(),
        "-o",
        to_report.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(std::fs::read_to_string(&report).unwrap().starts_with("# "));
    assert!(std::fs::symlink_metadata(&to_report).unwrap().is_symlink());
}

#[test]
fn a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = session(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(vote(&path, "Ana").code, 0);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600, "a private session stays private");

    for (umask, expected) in [("077", 0o600), ("022", 0o644)] {
        let report = dir.path().join(format!("report-{umask}.json"));
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(r#"umask {umask} && exec "$CALIBRATE" "$@""#))
            .arg("sh")
            .args(["diagnose", "--horizon", "6m", "--facts", "2", "-o"])
            .arg(&report)
            .env("CALIBRATE", env!("CARGO_BIN_EXE_calibrate"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(mode(&report), expected, "umask {umask}");
    }
}

#[test]
fn a_dash_for_output_means_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_calibrate"))
        .args([
            "diagnose",
            "--horizon",
            "6m",
            "--facts",
            "2",
            "--format",
            "json",
            "-o",
            "-",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(text(&out.stderr), "");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["playbook"]["id"], "go-now");
    let out = Command::new(env!("CARGO_BIN_EXE_calibrate"))
        .args(["playbooks", "export", "-"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        text(&out.stderr),
        "error: -: a pack is a folder of files, not one stream; name the folder to write it to\n"
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file or folder named -"
    );
}

#[test]
fn a_device_or_a_pipe_as_output_is_written_through_never_replaced() {
    if !can_mount() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // In a private mount namespace, so the machine's own /dev is never at
    // stake: a null device, a link to standard output and a named pipe.
    let out = in_small_mount(
        dir.path(),
        "size=1m",
        r#"touch "$DIR/null" && mount --bind /dev/null "$DIR/null" && ln -s /proc/self/fd/1 "$DIR/stdout" && mkfifo "$DIR/fifo" || exit 99
"$CALIBRATE" diagnose --horizon 6m --facts 2 --format json -o "$DIR/null" --force; echo "null exit=$?"
test -c "$DIR/null" && echo "null is still a device"
"$CALIBRATE" diagnose --horizon 6m --facts 2 --format json -o "$DIR/stdout" --force | head -c 1; echo; echo "stdout exit=$?"
test -L "$DIR/stdout" && echo "stdout is still a link"
cat "$DIR/fifo" | head -c 1 & "$CALIBRATE" diagnose --horizon 6m --facts 2 --format json -o "$DIR/fifo"; wait; echo; echo "fifo exit=$?"
test -p "$DIR/fifo" && echo "fifo is still a pipe"
mkdir "$DIR/folder"; "$CALIBRATE" diagnose --horizon 6m --facts 2 -o "$DIR/folder" --force; echo "folder exit=$?""#,
    );
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(
        stdout,
        "null exit=0\nnull is still a device\n{\nstdout exit=0\nstdout is still a link\n{\nfifo exit=0\nfifo is still a pipe\nfolder exit=2\n",
        "{stderr}"
    );
    let folder = dir.path().join("folder");
    assert_eq!(
        stderr,
        format!(
            "Wrote {}/null\nWrote {}/stdout\nWrote {}/fifo\nerror: {}: is a folder; give the name of the file to write the report to\n",
            dir.path().display(),
            dir.path().display(),
            dir.path().display(),
            folder.display()
        )
    );
}

#[test]
fn a_time_zone_that_cannot_be_read_gives_utc_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("zone");
    mkfifo(&fifo);
    let record = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/lilly-ai-drug-discovery.yaml"
    );
    for tz in ["/dev/zero", fifo.to_str().unwrap()] {
        let mut command = calibrate();
        command.args(["check", record]).env("TZ", tz);
        let out = within_a_moment(command);
        assert_eq!(
            text(&out.stderr),
            format!(
                "note: TZ={tz} is not a time zone calibrate can read, so today's date is taken in UTC (--today YYYY-MM-DD sets it)\n"
            )
        );
        assert_eq!(out.status.code(), Some(0), "{tz}");
    }
}

#[test]
fn an_empty_playbooks_variable_counts_as_unset() {
    let out = calibrate()
        .args(["playbooks", "list"])
        .env("CALIBRATE_PLAYBOOKS", "")
        .env("CALIBRATE_PACK", "")
        .output()
        .unwrap();
    assert_eq!(text(&out.stderr), "");
    assert!(text(&out.stdout).contains("Go NOW!"));
}

#[test]
fn an_argument_that_is_not_utf8_is_named() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"Caf\xe9");
    let out = calibrate()
        .args(["diagnose", "--horizon", "6m", "--facts", "1", "--name"])
        .arg(bad)
        .output()
        .unwrap();
    assert_eq!(
        text(&out.stderr),
        "error: --name: 'Caf\\xe9' is not UTF-8 text; pass it as UTF-8\n"
    );
    assert_eq!(out.status.code(), Some(2));
    let mut with_equals = std::ffi::OsString::from("--participant=");
    with_equals.push(bad);
    let out = calibrate()
        .args(["workshop", "vote", "s.yaml", "--horizon", "6m"])
        .arg(with_equals)
        .output()
        .unwrap();
    assert_eq!(
        text(&out.stderr),
        "error: --participant: 'Caf\\xe9' is not UTF-8 text; pass it as UTF-8\n"
    );
}
