//! Shared helpers for the integration tests: run the real binary.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The built binary, with a clean environment for colour.
pub fn calibrate() -> Command {
    let mut cmd = Command::cargo_bin("calibrate").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("CALIBRATE_PLAYBOOKS")
        .env_remove("CALIBRATE_PACK");
    cmd
}

/// What a finished run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary with `args` and no standard input.
pub fn run(args: &[&str]) -> Run {
    let output = calibrate().args(args).write_stdin("").output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// Runs the binary and parses its standard output as JSON.
pub fn json(args: &[&str]) -> serde_json::Value {
    let run = run(args);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// The repository's default pack, `playbooks/en/`.
pub fn pack_dir() -> PathBuf {
    built_in_dir("en")
}

/// The folder of the built-in pack `id`, such as `playbooks/es/`.
pub fn built_in_dir(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("playbooks")
        .join(id)
}

/// A copy of the default pack in a temporary folder, to break on purpose.
pub fn pack_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(pack_dir()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// Asserts a clean input error, whole: exit 2, nothing on stdout, and
/// standard error exactly `error: ` and `message` on one line.
pub fn assert_input_error(run: &Run, message: &str) {
    assert_errors(run, &[message]);
}

/// Asserts an input error of several lines, whole: exit 2, nothing on
/// stdout, and standard error exactly one `error: ` line per message.
pub fn assert_errors(run: &Run, messages: &[&str]) {
    let expected: String = messages.iter().map(|m| format!("error: {m}\n")).collect();
    assert_eq!(run.stderr, expected, "standard error");
    assert_eq!(run.code, 2, "exit code; stderr: {}", run.stderr);
    assert!(run.stdout.is_empty(), "stdout: {}", run.stdout);
}

/// A run of the binary, set up step by step, with what it should print and
/// how it should end; `run` checks each expectation whole.
#[derive(Default)]
#[must_use = "a test does nothing until it is run"]
pub struct Test {
    args: Vec<String>,
    stdin: String,
    env: Vec<(String, String)>,
    dir: Option<std::path::PathBuf>,
    status: Option<i32>,
    stdout: Option<String>,
    stderr: Option<String>,
}

impl Test {
    /// `calibrate` with these arguments, no standard input, and a clean
    /// environment for colour and packs.
    pub fn new(args: &[&str]) -> Test {
        Test {
            args: args.iter().map(|a| a.to_string()).collect(),
            ..Test::default()
        }
    }

    pub fn arg(mut self, arg: impl Into<String>) -> Test {
        self.args.push(arg.into());
        self
    }

    pub fn stdin(mut self, text: impl Into<String>) -> Test {
        self.stdin = text.into();
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.env.push((key.into(), value.into()));
        self
    }

    /// The folder to run in.
    pub fn dir(mut self, dir: &std::path::Path) -> Test {
        self.dir = Some(dir.to_path_buf());
        self
    }

    /// The exit code to expect (0 unless said).
    pub fn status(mut self, code: i32) -> Test {
        self.status = Some(code);
        self
    }

    /// Standard output, whole.
    pub fn stdout(mut self, text: impl Into<String>) -> Test {
        self.stdout = Some(text.into());
        self
    }

    /// Standard error, whole.
    pub fn stderr(mut self, text: impl Into<String>) -> Test {
        self.stderr = Some(text.into());
        self
    }

    /// An input error, whole: `error: MESSAGE` on standard error, nothing on
    /// standard output, exit 2.
    pub fn error(self, message: &str) -> Test {
        self.status(2)
            .stdout("")
            .stderr(format!("error: {message}\n"))
    }

    /// Runs it and checks every expectation; returns what it printed.
    pub fn run(self) -> Run {
        let mut cmd = calibrate();
        cmd.args(&self.args).write_stdin(self.stdin.clone());
        for (key, value) in &self.env {
            cmd.env(key, value);
        }
        if let Some(dir) = &self.dir {
            cmd.current_dir(dir);
        }
        let output = cmd.output().unwrap();
        let run = Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        };
        let shown = format!("calibrate {}", self.args.join(" "));
        if let Some(expected) = &self.stderr {
            assert_eq!(&run.stderr, expected, "standard error of {shown}");
        }
        if let Some(expected) = &self.stdout {
            assert_eq!(&run.stdout, expected, "standard output of {shown}");
        }
        assert_eq!(
            run.code,
            self.status.unwrap_or(0),
            "exit code of {shown}; stderr: {}",
            run.stderr
        );
        run
    }
}

/// Writes a new workshop session at `path` about "Copilot", with the
/// claims c1 and c2.
pub fn new_session(path: &Path) {
    let out = run(&[
        "workshop",
        "new",
        path.to_str().unwrap(),
        "--name",
        "Copilot",
        "--claim",
        "Data is clean",
        "--claim",
        "People trust it",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// Writes a portfolio of `n` generated initiatives (bench/gen_portfolio.py)
/// into `dir` and returns its path.
pub fn portfolio_file(dir: &Path, n: usize) -> PathBuf {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/gen_portfolio.py");
    let output = std::process::Command::new("python3")
        .arg(script)
        .arg(n.to_string())
        .output()
        .expect("python3 runs bench/gen_portfolio.py");
    assert!(output.status.success());
    let path = dir.join(format!("portfolio-{n}.yaml"));
    std::fs::write(&path, output.stdout).unwrap();
    path
}

/// Casts `name`'s vote in the session `session` (relative to `dir`): their
/// horizon and the claims they hold proven.
pub fn vote_in(dir: &Path, session: &str, name: &str, horizon: &str, facts: &[&str]) {
    let mut args = vec![
        "workshop",
        "vote",
        session,
        "--participant",
        name,
        "--horizon",
        horizon,
    ];
    for fact in facts {
        args.extend_from_slice(&["--fact", fact]);
    }
    let out = calibrate()
        .args(&args)
        .current_dir(dir)
        .write_stdin("")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Who has voted in the session at `path`, as its report names them.
pub fn voters(path: &Path) -> Vec<String> {
    let json = json(&[
        "workshop",
        "report",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    json["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}
