//! The bad-input corpus: every case in `tests/corpus/MANIFEST` runs the real
//! binary on one input and checks its exit code and message, that nothing
//! panics, that it finishes in time and that it fits in a modest address
//! space. Large inputs are generated here from small templates, so the
//! repository stays small. Every failing case is reported, one per line.

use crate::common;

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The address space each run gets. A normal run of a debug build needs
/// well under 64 MiB; this leaves room for thread stacks and allocator arenas.
const MEMORY_LIMIT_KIB: u64 = 512 * 1024;

/// How long any case may take before it is killed and failed as a hang.
const KILL_AFTER: Duration = Duration::from_secs(10);

/// How long a case may take: a second in a release build, more for a debug one.
const TIME_LIMIT: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(5)
} else {
    Duration::from_secs(1)
};

/// Words that must never appear in anything calibrate prints.
const NEVER: [&str; 3] = ["panicked", "stack backtrace", "RUST_BACKTRACE"];

/// One line of the manifest.
struct Case {
    line: usize,
    file: String,
    command: String,
    exit: i32,
    fragments: Vec<String>,
}

impl Case {
    fn label(&self) -> String {
        format!("MANIFEST:{} {} ({})", self.line, self.file, self.command)
    }

    fn stem(&self) -> &str {
        self.file
            .rsplit_once('.')
            .map_or(self.file.as_str(), |(stem, _)| stem)
    }

    fn extension(&self) -> &str {
        self.file.rsplit_once('.').map_or("", |(_, ext)| ext)
    }
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn read_manifest(corpus: &Path) -> Vec<Case> {
    let text = fs::read_to_string(corpus.join("MANIFEST")).expect("tests/corpus/MANIFEST");
    let mut cases = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('|').map(str::trim).collect();
        assert!(
            fields.len() >= 4,
            "MANIFEST:{}: want FILE | COMMAND | EXIT | FRAGMENT...",
            index + 1
        );
        cases.push(Case {
            line: index + 1,
            file: fields[0].to_string(),
            command: fields[1].to_string(),
            exit: fields[2]
                .parse()
                .unwrap_or_else(|_| panic!("MANIFEST:{}: bad exit code", index + 1)),
            fragments: fields[3..].iter().map(|f| f.to_string()).collect(),
        });
    }
    cases
}

#[test]
fn every_bad_input_gets_a_clean_answer() {
    let corpus = corpus_dir();
    let cases = read_manifest(&corpus);
    let mut failures = Vec::new();

    // Every input in the folder is used, and every case's input exists.
    let inputs: BTreeSet<String> = fs::read_dir(&corpus)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "MANIFEST")
        .collect();
    let used: BTreeSet<String> = cases.iter().map(|c| c.file.clone()).collect();
    for unused in inputs.difference(&used) {
        failures.push(format!("{unused}: not used by any case in MANIFEST"));
    }

    let mut timings = Vec::new();
    for case in &cases {
        if !inputs.contains(&case.file) {
            failures.push(format!("{}: no such input file", case.label()));
            continue;
        }
        let scratch = tempfile::tempdir().unwrap();
        match run_case(&corpus, scratch.path(), case) {
            Ok(outcome) => {
                timings.push((case.label(), outcome.elapsed));
                if !outcome.problems.is_empty() {
                    failures.push(format!("{}: {}", case.label(), outcome.problems.join("; ")));
                }
            }
            Err(setup) => failures.push(format!("{}: {setup}", case.label())),
        }
    }

    println!("corpus timings (limit {TIME_LIMIT:?}):");
    for (label, elapsed) in &timings {
        println!("  {:>8.3} s  {label}", elapsed.as_secs_f64());
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// What one run showed.
struct Outcome {
    elapsed: Duration,
    problems: Vec<String>,
}

/// Prepares the input in `scratch`, runs the case and judges what it printed.
/// `Err` when the case itself could not be set up.
fn run_case(corpus: &Path, scratch: &Path, case: &Case) -> Result<Outcome, String> {
    let work = scratch.join("work");
    fs::create_dir(&work).unwrap();
    let folder_command = case.command.ends_with("-folder");
    let into = if folder_command {
        let dir = work.join(case.stem());
        fs::create_dir(&dir).unwrap();
        dir
    } else {
        work.clone()
    };
    let source = corpus.join(&case.file);
    let input = match case.extension() {
        "gen" => {
            let target = into.join(format!("{}.yaml", case.stem()));
            generate(&source, &target)?;
            target
        }
        "pack" => {
            let target = into.join(case.stem());
            patch_pack(&source, &target)?;
            target
        }
        _ => {
            let target = into.join(&case.file);
            fs::copy(&source, &target).unwrap();
            target
        }
    };
    let shown = if folder_command {
        case.stem().to_string()
    } else {
        input.file_name().unwrap().to_string_lossy().into_owned()
    };
    let mut stdin = Stdio::null();
    let args: Vec<&str> = match case.command.as_str() {
        "check" | "check-folder" => vec!["check", &shown],
        "diagnose-record" => vec!["diagnose", "--record", &shown, "--format", "json"],
        "diagnose-stdin" => {
            stdin = Stdio::from(File::open(&input).unwrap());
            vec!["diagnose", "--record", "-", "--format", "json"]
        }
        "portfolio" | "portfolio-folder" => vec!["portfolio", &shown, "--format", "json"],
        "workshop-report" => vec!["workshop", "report", &shown, "--format", "json"],
        "pack-validate" => vec!["playbooks", "validate", &shown],
        "pack-diagnose" => vec![
            "--playbooks",
            &shown,
            "diagnose",
            "--horizon",
            "6m",
            "--facts",
            "2",
            "--assumptions",
            "1",
        ],
        other => return Err(format!("unknown command {other:?}")),
    };

    let stdout_path = scratch.join("stdout");
    let stderr_path = scratch.join("stderr");
    let started = Instant::now();
    let mut child = limited(env!("CARGO_BIN_EXE_calibrate"), &args)
        .current_dir(&work)
        .env_remove("NO_COLOR")
        .env_remove("CALIBRATE_PLAYBOOKS")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .stdin(stdin)
        .stdout(File::create(&stdout_path).unwrap())
        .stderr(File::create(&stderr_path).unwrap())
        .spawn()
        .map_err(|err| format!("cannot start calibrate: {err}"))?;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > KILL_AFTER {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = started.elapsed();
    // The inputs can be large: free the disk before the next case.
    let _ = fs::remove_dir_all(&work);

    let stdout = String::from_utf8_lossy(&fs::read(&stdout_path).unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&fs::read(&stderr_path).unwrap()).into_owned();
    let mut problems = Vec::new();
    match status {
        None => problems.push(format!("did not finish within {KILL_AFTER:?}; killed")),
        Some(status) => {
            if let Some(problem) = exit_problem(status, case.exit) {
                problems.push(problem);
            }
        }
    }
    for word in NEVER {
        if stdout.contains(word) || stderr.contains(word) {
            problems.push(format!("says {word:?}: {}", excerpt(&stderr)));
        }
    }
    if status.is_some() {
        problems.extend(message_problem(case, &stdout, &stderr));
    }
    if elapsed > TIME_LIMIT && status.is_some() {
        problems.push(format!(
            "took {:.2} s (limit {:.0} s)",
            elapsed.as_secs_f64(),
            TIME_LIMIT.as_secs_f64()
        ));
    }
    Ok(Outcome { elapsed, problems })
}

/// The binary run with `args` inside an address-space limit.
#[cfg(unix)]
fn limited(binary: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(r#"ulimit -v "$1" || exit 97; shift; exec "$@""#)
        .arg("sh")
        .arg(MEMORY_LIMIT_KIB.to_string())
        .arg(binary)
        .args(args);
    cmd
}

#[cfg(not(unix))]
fn limited(binary: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(binary);
    cmd.args(args);
    cmd
}

fn exit_problem(status: ExitStatus, wanted: i32) -> Option<String> {
    match status.code() {
        Some(code) if code == wanted => None,
        Some(97) => Some("could not set the memory limit".to_string()),
        Some(code) => Some(format!("exit {code}, expected {wanted}")),
        None => Some(format!(
            "ended by a signal ({status}), expected exit {wanted}"
        )),
    }
}

/// Whether the message says what the case expects, in the right place.
fn message_problem(case: &Case, stdout: &str, stderr: &str) -> Option<String> {
    let has_all = |line: &str| case.fragments.iter().all(|f| line.contains(f.as_str()));
    let wanted = case.fragments.join(" … ");
    if case.exit != 2 {
        let everything = format!("{stdout}\n{stderr}");
        return (!has_all(&everything)).then(|| {
            format!(
                "wanted {wanted:?} in the output; stdout: {}; stderr: {}",
                excerpt(stdout),
                excerpt(stderr)
            )
        });
    }
    if case.command.starts_with("check") {
        let invalid: Vec<&str> = stdout
            .lines()
            .filter(|l| l.starts_with("invalid "))
            .collect();
        if invalid.iter().any(|l| has_all(l)) {
            return None;
        }
        let shown = invalid.first().copied().unwrap_or(stdout);
        return Some(format!(
            "wanted an `invalid` line with {wanted:?}; got {}",
            excerpt(shown)
        ));
    }
    let first = stderr.lines().next().unwrap_or_default();
    if !first.starts_with("error: ") {
        return Some(format!(
            "stderr does not start with `error: `: {}",
            excerpt(stderr)
        ));
    }
    let found = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .any(has_all);
    (!found).then(|| format!("wanted {wanted:?}; got {}", excerpt(first)))
}

/// The first line of `text`, shortened for a one-line report.
fn excerpt(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut short: String = line.chars().take(160).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    if short.is_empty() {
        "(nothing)".to_string()
    } else {
        format!("{short:?}")
    }
}

/// Writes the template `source` to `target`, replacing each `{{generator
/// args}}` with what the generator makes.
fn generate(source: &Path, target: &Path) -> Result<(), String> {
    let template = fs::read_to_string(source).unwrap();
    let mut out = BufWriter::new(File::create(target).unwrap());
    let mut rest = template.as_str();
    while let Some(open) = rest.find("{{") {
        out.write_all(&rest.as_bytes()[..open]).unwrap();
        let close = rest[open..].find("}}").ok_or("a `{{` without its `}}`")? + open;
        let words: Vec<&str> = rest[open + 2..close].split_whitespace().collect();
        generator(&words, &mut out)?;
        rest = &rest[close + 2..];
    }
    out.write_all(rest.as_bytes()).unwrap();
    out.flush().unwrap();
    Ok(())
}

fn generator(words: &[&str], out: &mut impl Write) -> Result<(), String> {
    let count = |at: usize| -> Result<usize, String> {
        words
            .get(at)
            .and_then(|w| w.parse().ok())
            .ok_or_else(|| format!("{{{{{}}}}} needs a count", words.join(" ")))
    };
    let mut put = |text: &str| out.write_all(text.as_bytes()).unwrap();
    match words.first().copied() {
        // [[[ ... ]]]
        Some("nested-lists") => {
            let n = count(1)?;
            put(&"[".repeat(n));
            put(&"]".repeat(n));
        }
        // {a: {a: ... 1}}
        Some("nested-maps") => {
            let n = count(1)?;
            put(&"{a: ".repeat(n));
            put("1");
            put(&"}".repeat(n));
        }
        // N copies of one character, on the current line.
        Some("chars") => {
            let n = count(1)?;
            let unit = words.get(2).ok_or("{{chars N C}} needs a character")?;
            let chunk = unit.repeat(64 * 1024 / unit.len().max(1));
            let mut left = n;
            while left > 0 {
                let take = left.min(chunk.len());
                put(&chunk[..take]);
                left -= take;
            }
        }
        // N well-formed claims, as items of a block list under `claims:`.
        Some("claims") => {
            for i in 1..=count(1)? {
                put(&format!(
                    "  - claim: Claim number {i} holds\n    status: fact\n    evidence: measured\n"
                ));
            }
        }
        // "Billion laughs": top-level keys lol0.. each anchoring ten aliases
        // of the one before.
        Some("alias-bomb") => {
            let levels = count(1)?;
            put("lol0: &lol0 [");
            put(&["lol"; 10].join(", "));
            put("]\n");
            for level in 1..levels {
                let alias = format!("*lol{}", level - 1);
                put(&format!("lol{level}: &lol{level} ["));
                put(&[alias.as_str(); 10].join(", "));
                put("]\n");
            }
        }
        _ => return Err(format!("unknown generator {{{{{}}}}}", words.join(" "))),
    }
    Ok(())
}

/// Copies the default pack to `target` and applies the patch in `source`, one
/// change a line: `remove FILE`, `empty FILE`, `pad FILE BYTES` (a comment
/// line of that size at the end), `replace FILE: OLD => NEW` (the first
/// occurrence, which must be there, so a patch cannot silently stop applying)
/// or `grow FILE: OLD => NEW * COUNT` (OLD followed by NEW repeated COUNT
/// times, `\n` in NEW being a line break).
fn patch_pack(source: &Path, target: &Path) -> Result<(), String> {
    fs::create_dir(target).unwrap();
    for entry in fs::read_dir(common::pack_dir()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, target.join(path.file_name().unwrap())).unwrap();
    }
    for line in fs::read_to_string(source).unwrap().lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (verb, rest) = line
            .split_once(' ')
            .ok_or(format!("bad patch line {line:?}"))?;
        match verb {
            "remove" => fs::remove_file(target.join(rest)).map_err(|e| format!("{rest}: {e}"))?,
            "empty" => fs::write(target.join(rest), "").unwrap(),
            "pad" => {
                let (file, bytes) = rest.split_once(' ').ok_or("pad FILE BYTES")?;
                let bytes: usize = bytes.parse().map_err(|_| "pad FILE BYTES")?;
                let mut text = fs::read_to_string(target.join(file)).unwrap();
                text.push('#');
                text.push_str(&"x".repeat(bytes));
                text.push('\n');
                fs::write(target.join(file), text).unwrap();
            }
            "replace" | "grow" => {
                let (file, change) = rest.split_once(": ").ok_or("replace FILE: OLD => NEW")?;
                let (old, new) = change
                    .split_once(" => ")
                    .ok_or("replace FILE: OLD => NEW")?;
                let new = match verb {
                    "grow" => {
                        let (unit, count) = new.rsplit_once(" * ").ok_or("grow: NEW * COUNT")?;
                        let count: usize = count.parse().map_err(|_| "grow: NEW * COUNT")?;
                        format!("{old}{}", unit.replace("\\n", "\n").repeat(count))
                    }
                    _ => new.to_string(),
                };
                let text = fs::read_to_string(target.join(file)).unwrap();
                if !text.contains(old) {
                    return Err(format!(
                        "the patch no longer applies: {old:?} is not in {file}"
                    ));
                }
                fs::write(target.join(file), text.replacen(old, &new, 1)).unwrap();
            }
            other => return Err(format!("unknown patch verb {other:?}")),
        }
    }
    Ok(())
}
