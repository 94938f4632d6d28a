//! `calibrate diff` and `calibrate history` on git repositories the tests
//! build: moves between playbooks, claims that changed, renames, each
//! version of a record in order, and the errors a CI job meets.

use crate::common::Test;
use std::path::Path;
use std::process::Command;

const BOT: &str = "\
initiative: Support bot
horizon: 6m
current_playbook: go-now
claims:
  - claim: The bot resolves two thirds of chats
    status: fact
    evidence: measured
  - claim: Customers accept it
    status: fact
    evidence: pilot
";

const TWIN: &str = "\
initiative: Supply-chain twin
horizon: 2y
claims:
  - {claim: Plant data is clean, status: fact, evidence: measured}
";

/// Runs git in `dir`, as a fixed author on a fixed date.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Ana Díaz")
        .env("GIT_AUTHOR_EMAIL", "ana@example.com")
        .env("GIT_COMMITTER_NAME", "Ana Díaz")
        .env("GIT_COMMITTER_EMAIL", "ana@example.com")
        .env("GIT_AUTHOR_DATE", "2026-11-01T10:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2026-11-01T10:00:00+00:00")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// A repository on `main` with the two records committed.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    std::fs::create_dir(dir.path().join("records")).unwrap();
    write(dir.path(), "records/bot.yaml", BOT);
    write(dir.path(), "records/twin.yaml", TWIN);
    commit(dir.path(), "Records");
    dir
}

fn write(dir: &Path, path: &str, text: &str) {
    std::fs::write(dir.join(path), text).unwrap();
}

fn commit(dir: &Path, message: &str) -> String {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
    git(dir, &["rev-parse", "--short=7", "HEAD"])
}

/// The bot's first claim held as an assumption instead of a fact.
fn doubted() -> String {
    BOT.replacen(
        "status: fact\n    evidence: measured",
        "status: assumption",
        1,
    )
}

#[test]
fn a_fact_turned_assumption_is_the_move_go_now_to_discovery_naming_the_claim() {
    let dir = repo();
    let base = git(dir.path(), &["rev-parse", "--short=7", "HEAD"]);
    write(dir.path(), "records/bot.yaml", &doubted());
    let head = commit(dir.path(), "Doubt the resolution rate");
    Test::new(&["diff", "main~1", "main"])
        .dir(dir.path())
        .stdout(format!(
            "Decision records from main~1 ({base}) to main ({head})\n\
             \n\
             Support bot: Go NOW! → Discovery Planning\n\
             \x20 - Share of facts: 100% → 50%\n\
             \x20 - \"The bot resolves two thirds of chats\": fact (Our own measured data) → assumption\n\
             \x20 - New mismatch: declared Go NOW!, diagnosed Discovery Planning\n\
             \n\
             1 moved, 0 changed in place, 0 added, 0 removed, 1 unchanged.\n"
        ))
        .stderr("")
        .run();
}

#[test]
fn by_default_the_work_tree_is_compared_with_where_the_branch_left_main() {
    let dir = repo();
    let base = git(dir.path(), &["rev-parse", "--short=7", "HEAD"]);
    git(dir.path(), &["checkout", "-q", "-b", "doubt"]);
    write(dir.path(), "records/bot.yaml", &doubted());
    std::fs::remove_file(dir.path().join("records/twin.yaml")).unwrap();
    Test::new(&["diff", "--format", "markdown", "--fail-on-mismatch"])
        .dir(dir.path())
        .status(1)
        .stdout(format!(
            "## Decision records from main ({base}) to the work tree\n\
             \n\
             - **Support bot: Go NOW! → Discovery Planning**\n\
             \x20 - Share of facts: 100% → 50%\n\
             \x20 - \"The bot resolves two thirds of chats\": fact (Our own measured data) → assumption\n\
             \x20 - New mismatch: declared Go NOW!, diagnosed Discovery Planning\n\
             - **Supply-chain twin: removed (it was Predictable Planning)**\n\
             \n\
             1 moved, 0 changed in place, 0 added, 1 removed, 0 unchanged.\n"
        ))
        .run();
}

#[test]
fn a_renamed_record_is_followed_not_removed_and_added() {
    let dir = repo();
    git(
        dir.path(),
        &["mv", "records/twin.yaml", "records/supply-twin.yaml"],
    );
    write(
        dir.path(),
        "records/supply-twin.yaml",
        &TWIN.replace("horizon: 2y", "horizon: 8m"),
    );
    commit(dir.path(), "Rename and shorten");
    let out = Test::new(&["diff", "HEAD~1", "HEAD", "--format", "json"])
        .dir(dir.path())
        .run();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["changes"].as_array().unwrap().len(), 1);
    let change = &v["changes"][0];
    assert_eq!(change["change"], "moved");
    assert_eq!(change["before"]["path"], "records/twin.yaml");
    assert_eq!(change["after"]["path"], "records/supply-twin.yaml");
    assert_eq!(change["before"]["playbook"], "predictable");
    assert_eq!(change["after"]["playbook"], "go-now");
    assert_eq!(v["summary"]["unchanged"], 1);
}

#[test]
fn outside_a_repository_one_line_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let shown = dir.path().canonicalize().unwrap();
    Test::new(&["diff"])
        .dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap().to_str().unwrap())
        .error(&format!(
            "{} is not in a git repository: run calibrate diff inside the repository that holds the records",
            shown.display()
        ))
        .run();
}

#[test]
fn an_unknown_revision_is_named() {
    let dir = repo();
    Test::new(&["diff", "mian", "HEAD"])
        .dir(dir.path())
        .error("'mian' is not a revision in this repository: name a branch, a tag or a commit (`git log --oneline` lists commits)")
        .run();
}

#[test]
fn a_shallow_clone_says_how_to_fetch_the_history() {
    let dir = repo();
    write(dir.path(), "records/bot.yaml", &doubted());
    commit(dir.path(), "Doubt");
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", dir.path().display());
    git(
        clones.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    Test::new(&["diff"])
        .dir(&clones.path().join("shallow"))
        .error("this repository is a shallow clone, so the point where this branch left the default branch cannot be found; name the base revision (calibrate diff BASE) or: fetch the whole history with `git fetch --unshallow` (on GitHub Actions, actions/checkout with fetch-depth: 0)")
        .run();
}

/// A record with four versions: a fact doubted, the horizon lengthened, the
/// file renamed (no new version), the horizon shortened again.
fn four_versions() -> (tempfile::TempDir, Vec<String>) {
    let dir = repo();
    let mut commits = vec![git(dir.path(), &["rev-parse", "--short=7", "HEAD"])];
    write(dir.path(), "records/bot.yaml", &doubted());
    commits.push(commit(dir.path(), "Doubt the resolution rate"));
    write(
        dir.path(),
        "records/bot.yaml",
        &doubted().replace("horizon: 6m", "horizon: 18m"),
    );
    commits.push(commit(dir.path(), "Pay off later"));
    git(
        dir.path(),
        &["mv", "records/bot.yaml", "records/support-bot.yaml"],
    );
    commit(dir.path(), "Rename");
    write(
        dir.path(),
        "records/support-bot.yaml",
        &doubted().replace("horizon: 6m", "horizon: 9m"),
    );
    commits.push(commit(dir.path(), "Nine months after all"));
    (dir, commits)
}

#[test]
fn history_lists_every_version_through_a_rename() {
    let (dir, c) = four_versions();
    Test::new(&["history", "records/support-bot.yaml"])
        .dir(dir.path())
        .env("COLUMNS", "120")
        .stdout(format!(
            "Support bot: 4 versions\n\n\
             ╭───┬────────────┬─────────┬──────────┬───────────┬───────┬────────────────────┬───────────────────────────╮\n\
             │ # ┆ Date       ┆ Commit  ┆ Author   ┆ Horizon   ┆ Facts ┆ Playbook           ┆ Change                    │\n\
             ╞═══╪════════════╪═════════╪══════════╪═══════════╪═══════╪════════════════════╪═══════════════════════════╡\n\
             │ 1 ┆ 2026-11-01 ┆ {} ┆ Ana Díaz ┆ 6 months  ┆ 100%  ┆ Go NOW!            ┆ Records                   │\n\
             │ 2 ┆ 2026-11-01 ┆ {} ┆ Ana Díaz ┆ 6 months  ┆ 50%   ┆ Discovery Planning ┆ Doubt the resolution rate │\n\
             │ 3 ┆ 2026-11-01 ┆ {} ┆ Ana Díaz ┆ 18 months ┆ 50%   ┆ Resilient Strategy ┆ Pay off later             │\n\
             │ 4 ┆ 2026-11-01 ┆ {} ┆ Ana Díaz ┆ 9 months  ┆ 50%   ┆ Discovery Planning ┆ Nine months after all     │\n\
             ╰───┴────────────┴─────────┴──────────┴───────────┴───────┴────────────────────┴───────────────────────────╯\n",
            c[0], c[1], c[2], c[3]
        ))
        .run();
}

#[test]
fn history_draws_four_points_joined_in_order() {
    let (dir, _) = four_versions();
    let svg = Test::new(&["history", "records/support-bot.yaml", "--format", "svg"])
        .dir(dir.path())
        .run()
        .stdout;
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let points: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("point"))
        .map(|n| {
            let name = n
                .children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap_or_default()
                .to_string();
            (name, n.attribute("data-quadrant").unwrap().to_string())
        })
        .collect();
    let quadrants: Vec<(&str, &str)> = points
        .iter()
        .map(|(n, q)| (n.as_str(), q.as_str()))
        .collect();
    assert_eq!(
        quadrants,
        [
            ("1", "short-facts"),
            ("2", "short-assumptions"),
            ("3", "long-assumptions"),
            ("4", "short-assumptions")
        ]
    );
    let legs = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("history"))
        .map(|n| n.attribute("data-leg").unwrap().to_string())
        .collect::<Vec<_>>();
    assert_eq!(legs, ["1", "2", "3"]);
    let markdown = Test::new(&[
        "history",
        "records/support-bot.yaml",
        "--format",
        "markdown",
    ])
    .dir(dir.path())
    .run()
    .stdout;
    let numbered: Vec<&str> = markdown
        .lines()
        .filter(|l| l.trim_start().starts_with('"'))
        .map(|l| l.trim().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(numbered, ["1", "2", "3", "4"]);
    let html = Test::new(&["history", "records/support-bot.yaml", "--format", "html"])
        .dir(dir.path())
        .run()
        .stdout;
    assert!(html.contains(&svg), "the page holds the same chart");
    assert_eq!(html.matches("<tr><td>").count(), 4, "a row per version");
}

#[test]
fn history_of_a_record_never_committed_says_to_commit_it() {
    let dir = repo();
    write(dir.path(), "records/new.yaml", TWIN);
    Test::new(&["history", "records/new.yaml"])
        .dir(dir.path())
        .error("records/new.yaml: has no committed version: commit it first (calibrate history reads the versions git holds)")
        .run();
}

#[test]
fn a_portfolio_since_a_revision_lists_the_initiatives_that_changed_quadrant() {
    let dir = repo();
    let base = git(dir.path(), &["rev-parse", "--short=7", "HEAD"]);
    write(dir.path(), "records/bot.yaml", &doubted());
    let out = Test::new(&["portfolio", "records", "--since", "main"])
        .dir(dir.path())
        .run();
    let (_, since) = out.stdout.split_once("Mismatches (1)\n").unwrap();
    assert_eq!(
        since,
        format!(
            "  ! Support bot: declared Go NOW!, diagnosed Discovery Planning\n\nChanged quadrant since main ({base}) (1)\n  → Support bot: Go NOW! → Discovery Planning\n"
        )
    );
    let json = Test::new(&[
        "portfolio",
        "records",
        "--since",
        "main",
        "--format",
        "json",
    ])
    .dir(dir.path())
    .run();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        v["since"],
        serde_json::json!({
            "revision": format!("main ({base})"),
            "moved": [{"initiative": "Support bot", "before": "go-now", "after": "discovery"}]
        })
    );
}

#[test]
fn a_path_that_names_nothing_on_either_side_is_an_error_not_no_change() {
    let dir = repo();
    let head = git(dir.path(), &["rev-parse", "--short=7", "HEAD"]);
    Test::new(&["diff", "HEAD", "--", "records/pricing.yaml"])
        .dir(dir.path())
        .error(&format!(
            "records/pricing.yaml: no YAML file there at HEAD ({head}) or in the work tree; check the path"
        ))
        .run();
}

#[test]
fn a_record_broken_at_the_base_and_fixed_now_is_a_warning_not_a_failure() {
    let dir = repo();
    write(
        dir.path(),
        "records/twin.yaml",
        "initiative: Supply-chain twin\nhorizn: 2y\n",
    );
    let broken = commit(dir.path(), "Break the twin");
    write(dir.path(), "records/twin.yaml", TWIN);
    Test::new(&["diff", "HEAD"])
        .dir(dir.path())
        .stdout(format!(
            "Decision records from HEAD ({broken}) to the work tree\n\n\
             Supply-chain twin: added, Predictable Planning\n\n\
             0 moved, 0 changed in place, 1 added, 0 removed, 1 unchanged.\n"
        ))
        .stderr(concat!(
            "warning: HEAD:records/twin.yaml:1:1: missing field `horizon`\n",
            "warning: HEAD:records/twin.yaml:1:1: missing field `claims`\n",
            "warning: HEAD:records/twin.yaml:2:1: unknown field `horizn`, did you mean `horizon`?\n",
        ))
        .run();
}
