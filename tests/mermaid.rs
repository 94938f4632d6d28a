//! Every Mermaid chart calibrate writes, rendered by the real `mermaid`
//! package (each major version `.ci/run` installs under `target/mermaid/`)
//! in headless Chromium: no parse error, and every point drawn inside the
//! quadrant its numbers place it in, which is the quadrant of its playbook.
//!
//! Without the package the test prints a note and passes, except under CI
//! (the `CI` variable set), where it fails; without Chromium it passes as
//! the browser tests do.

use crate::browser::{BORDERLINE, calibrate, open};
use crate::common::{portfolio_file, vote_in};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Once;

/// `mermaid.min.js` of each installed major version, oldest first.
fn installed() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/mermaid");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&root)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let script = entry
                .ok()?
                .path()
                .join("node_modules/mermaid/dist/mermaid.min.js");
            script.is_file().then_some(script)
        })
        .collect();
    found.sort();
    if found.is_empty() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} holds no mermaid package: .ci/run installs it (npm install --prefix target/mermaid/12 mermaid@12)",
            root.display()
        );
        static NOTE: Once = Once::new();
        NOTE.call_once(|| {
            let _ = writeln!(
                std::io::stderr(),
                "mermaid test skipped: no mermaid package in target/mermaid (.ci/run installs it)"
            );
        });
    }
    found
}

/// One report in Markdown, and the playbook (by quadrant, as Mermaid numbers
/// them) of each point its chart draws, when the report says so in order.
struct Report {
    name: String,
    markdown: String,
    /// The quadrant number (1 top right, then anticlockwise) each point
    /// must land in, from the JSON report; `None` where points merge.
    quadrants: Option<Vec<u8>>,
}

/// The Mermaid quadrant of a playbook of the built-in packs.
fn quadrant_of(playbook: &str) -> u8 {
    match playbook {
        "predictable" => 1,
        "go-now" => 2,
        "discovery" => 3,
        "resilient" => 4,
        other => panic!("unknown playbook {other}"),
    }
}

/// Runs calibrate with `args` plus `--format FORMAT` in `dir`.
fn output(dir: &Path, args: &[&str], format: &str) -> String {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--format", format]);
    let out = Command::new(env!("CARGO_BIN_EXE_calibrate"))
        .args(&all)
        .current_dir(dir)
        .env_remove("CALIBRATE_PLAYBOOKS")
        .env_remove("CALIBRATE_PACK")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{all:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every kind of Markdown report with a chart: each example, the Spanish
/// pack, a borderline diagnosis, a workshop with two identical votes (named
/// and anonymous), and portfolios of 5, 50 and 400 initiatives.
fn reports(dir: &Path) -> Vec<Report> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut reports = Vec::new();
    let mut diagnosis = |name: &str, args: &[&str]| {
        let json: serde_json::Value = serde_json::from_str(&output(dir, args, "json")).unwrap();
        reports.push(Report {
            name: name.to_string(),
            markdown: output(dir, args, "markdown"),
            quadrants: Some(vec![quadrant_of(json["playbook"]["id"].as_str().unwrap())]),
        });
    };
    for entry in std::fs::read_dir(&examples).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let name = path.file_stem().unwrap().to_str().unwrap().to_string();
            diagnosis(&name, &["diagnose", "--record", path.to_str().unwrap()]);
            diagnosis(
                &format!("{name} (es)"),
                &[
                    "--pack",
                    "es",
                    "diagnose",
                    "--record",
                    path.to_str().unwrap(),
                ],
            );
        }
    }
    diagnosis("borderline", BORDERLINE);

    calibrate(
        dir,
        &[
            "workshop", "new", "s.yaml", "--name", "Copilot", "--claim", "a", "--claim", "b",
        ],
    );
    for (name, horizon, facts) in [
        ("Ana", "6m", &["c1"][..]),
        ("Fay (CFO)", "6m", &["c1"]),
        ("Ben Okafor, Head of Claims Operations", "11m", &[]),
        ("Cy", "2y", &["c2"]),
    ] {
        vote_in(dir, "s.yaml", name, horizon, facts);
    }
    for anonymous in [false, true] {
        let mut args = vec!["workshop", "report", "s.yaml"];
        if anonymous {
            args.push("--anonymous");
        }
        reports.push(Report {
            name: format!("workshop (anonymous: {anonymous})"),
            markdown: output(dir, &args, "markdown"),
            quadrants: None,
        });
    }

    let mut portfolios = vec![("portfolio of 5".to_string(), examples.clone())];
    for n in [50, 400] {
        portfolios.push((format!("portfolio of {n}"), portfolio_file(dir, n)));
    }
    for (name, path) in portfolios {
        let args = ["portfolio", path.to_str().unwrap()];
        let json: serde_json::Value = serde_json::from_str(&output(dir, &args, "json")).unwrap();
        let initiatives = json["initiatives"].as_array().unwrap();
        reports.push(Report {
            name,
            markdown: output(dir, &args, "markdown"),
            // Past ten points every initiative has its own dot, in order.
            quadrants: (initiatives.len() > 10).then(|| {
                initiatives
                    .iter()
                    .take(100)
                    .map(|i| quadrant_of(i["playbook"].as_str().unwrap()))
                    .collect()
            }),
        });
    }
    reports
}

/// The chart in a Markdown report: its source, each quadrant's title by
/// number, and each point's label and the quadrant its numbers put it in.
struct Chart {
    source: String,
    titles: [String; 4],
    points: Vec<(String, u8)>,
}

fn chart(markdown: &str) -> Chart {
    let source = markdown
        .split("```mermaid\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a mermaid block")
        .to_string();
    let mut titles: [String; 4] = Default::default();
    let mut points = Vec::new();
    for line in source.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("quadrant-") {
            let (number, title) = rest.split_once(' ').unwrap();
            let number: usize = number.parse().unwrap();
            titles[number - 1] = title.trim_matches('"').to_string();
        } else if let Some((label, at)) = line.rsplit_once(": [") {
            let numbers: Vec<f64> = at
                .trim_end_matches(']')
                .split(',')
                .map(|n| n.trim().parse().unwrap())
                .collect();
            let (x, y) = (numbers[0], numbers[1]);
            assert!(
                x > 0.0 && x < 1.0 && y > 0.0 && y < 1.0 && x != 0.5 && y != 0.5,
                "{line}"
            );
            let quadrant = match (x > 0.5, y > 0.5) {
                (true, true) => 1,
                (false, true) => 2,
                (false, false) => 3,
                (true, false) => 4,
            };
            let label = label.split(":::").next().unwrap().trim_matches('"');
            points.push((label.to_string(), quadrant));
        }
    }
    Chart {
        source,
        titles,
        points,
    }
}

/// Renders `source` with Mermaid and returns, for each point it drew, the
/// title of the quadrant its centre lies in (empty when none), or the error.
const RENDER: &str = r#"(async () => {
    try {
        mermaid.initialize({ startOnLoad: false });
        const { svg } = await mermaid.render('chart' + (window.charts = (window.charts || 0) + 1), SOURCE);
        const holder = document.createElement('div');
        holder.innerHTML = svg;
        document.body.appendChild(holder);
        const quadrants = [...holder.querySelectorAll('g.quadrant')].map(g => {
            const r = g.querySelector('rect');
            const [x, y, w, h] = ['x', 'y', 'width', 'height'].map(a => parseFloat(r.getAttribute(a)));
            return { title: g.querySelector('text').textContent, x, y, w, h };
        });
        const points = [...holder.querySelectorAll('g.data-point circle')].map(c => {
            const cx = parseFloat(c.getAttribute('cx')), cy = parseFloat(c.getAttribute('cy'));
            const q = quadrants.find(q => cx > q.x && cx < q.x + q.w && cy > q.y && cy < q.y + q.h);
            return q ? q.title : '';
        });
        holder.remove();
        return JSON.stringify({ points });
    } catch (e) {
        return JSON.stringify({ error: String(e && e.message || e) });
    }
})()"#;

#[test]
fn every_mermaid_chart_parses_and_puts_each_point_in_its_quadrant() {
    let scripts = installed();
    if scripts.is_empty() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let reports = reports(dir.path());
    for script in scripts {
        let version = script
            .ancestors()
            .nth(4)
            .and_then(|p| p.file_name())
            .unwrap()
            .to_string_lossy()
            .to_string();
        std::fs::copy(&script, dir.path().join("mermaid.min.js")).unwrap();
        let page = dir.path().join("mermaid.html");
        std::fs::write(
            &page,
            "<!DOCTYPE html><meta charset=\"utf-8\"><body><script src=\"mermaid.min.js\"></script></body>",
        )
        .unwrap();
        let Some(page) = open(&page) else { return };
        for report in &reports {
            let chart = chart(&report.markdown);
            let source = serde_json::Value::String(chart.source.clone()).to_string();
            let drawn: serde_json::Value =
                serde_json::from_str(&page.eval_promised(&RENDER.replace("SOURCE", &source)))
                    .unwrap();
            let name = format!("{} with mermaid {version}", report.name);
            assert!(
                drawn["error"].is_null(),
                "{name}: {}\n{}",
                drawn["error"],
                chart.source
            );
            // Mermaid draws the points last to first.
            let drawn: Vec<&str> = drawn["points"]
                .as_array()
                .unwrap()
                .iter()
                .rev()
                .map(|p| p.as_str().unwrap())
                .collect();
            assert_eq!(drawn.len(), chart.points.len(), "{name}: points drawn");
            for ((label, quadrant), title) in chart.points.iter().zip(&drawn) {
                assert_eq!(
                    *title,
                    chart.titles[usize::from(*quadrant) - 1],
                    "{name}: point {label:?}"
                );
            }
            if let Some(expected) = &report.quadrants {
                let placed: Vec<u8> = chart.points.iter().map(|p| p.1).collect();
                assert_eq!(&placed, expected, "{name}: each point's playbook");
            }
        }
    }
}
