//! Portfolios: many initiatives on one 2x2. A portfolio file lists decision
//! records under `initiatives:`; folders of records work too. Each
//! initiative is parsed and placed on its own, so one broken initiative is
//! reported by name while every other is still diagnosed.

use crate::diagnosis::{ChartPoint, position};
use crate::framework::Framework;
use crate::input::Source;
use crate::record::Record;
use crate::yaml::{Problem, Problems};

/// One initiative's place in the portfolio.
#[derive(Debug, Clone)]
pub struct Row {
    pub initiative: String,
    pub horizon_months: f64,
    pub knowledge_score: f64,
    /// Index into the pack's playbooks.
    pub playbook: usize,
    /// The declared playbook's index, if declared.
    pub declared: Option<usize>,
    pub mismatch: bool,
    pub borderline: bool,
    pub point: ChartPoint,
}

/// Every initiative that could be placed, in input order, and every problem.
#[derive(Debug, Default)]
pub struct Portfolio {
    pub rows: Vec<Row>,
    pub problems: Vec<Problem>,
    /// YAML files in the folders searched that are neither records nor portfolios.
    pub skipped: Vec<String>,
}

impl Portfolio {
    /// How many initiatives each playbook has, in the pack's order.
    pub fn counts(&self, framework: &Framework) -> Vec<usize> {
        let mut counts = vec![0; framework.playbooks.len()];
        for row in &self.rows {
            counts[row.playbook] += 1;
        }
        counts
    }

    /// The rows sorted for reading: by playbook, mismatches first, then by name.
    pub fn sorted(&self) -> Vec<&Row> {
        let mut rows: Vec<&Row> = self.rows.iter().collect();
        rows.sort_by(|a, b| {
            (a.playbook, !a.mismatch, &a.initiative).cmp(&(b.playbook, !b.mismatch, &b.initiative))
        });
        rows
    }

    /// The rows whose declared playbook does not fit, in input order.
    pub fn mismatches(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.mismatch)
    }
}

/// Places every initiative in `sources` (portfolio files or single records).
/// `progress` is told how many initiatives each source held once it is done.
pub fn load(
    framework: &Framework,
    sources: &[Source],
    mut progress: impl FnMut(usize),
) -> Portfolio {
    let mut portfolio = Portfolio::default();
    for source in sources {
        let text = match &source.text {
            Ok(text) => text,
            Err(problems) => {
                portfolio.problems.extend(problems.0.iter().cloned());
                continue;
            }
        };
        let items = match items(&source.shown, text) {
            Ok(Some(items)) => items,
            Ok(None) => vec![Item {
                first_line: 1,
                shift: 0,
                text: text.clone(),
            }],
            Err(problem) => {
                portfolio.problems.push(problem);
                continue;
            }
        };
        let count = items.len();
        for item in items {
            match place(framework, &source.shown, &item) {
                Ok(row) => portfolio.rows.push(row),
                Err(problems) => portfolio.problems.extend(problems),
            }
        }
        progress(count);
    }
    portfolio
}

/// One initiative's lines, taken out of a portfolio file and dedented, with
/// what it takes to put its places back.
struct Item {
    first_line: usize,
    shift: usize,
    text: String,
}

fn place(framework: &Framework, path: &str, item: &Item) -> Result<Row, Vec<Problem>> {
    let record = Record::parse(path, &item.text, framework).map_err(|Problems(problems)| {
        let name = item
            .text
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("initiative:"))
            .map(|n| n.trim().trim_matches(['"', '\'']).to_string());
        problems
            .into_iter()
            .map(|mut p| {
                p.place = p
                    .place
                    .map(|(line, column)| (line + item.first_line - 1, column + item.shift));
                if item.first_line > 1 || item.shift > 0 {
                    let label = name.clone().unwrap_or_else(|| "(unnamed)".to_string());
                    p.message = format!("initiative \"{label}\": {}", p.message);
                }
                p
            })
            .collect::<Vec<_>>()
    })?;
    let answers = record.answers();
    let at = |message: String| vec![Problem::at(path, item.first_line, item.shift + 1, message)];
    let p = position(framework, &answers)
        .map_err(|e| at(format!("initiative \"{}\": {}", record.initiative, e.0)))?;
    let index = |id: &str| framework.playbooks.iter().position(|x| x.id == id);
    Ok(Row {
        horizon_months: p.months,
        knowledge_score: p.knowledge.score,
        playbook: index(&p.playbook.id).unwrap_or_default(),
        declared: p.current.and_then(|c| index(&c.id)),
        mismatch: p.mismatch(),
        borderline: p.borderline.any(),
        point: p.chart,
        initiative: record.initiative,
    })
}

/// Splits a portfolio file into its initiatives. `Ok(None)` when the file is
/// not a portfolio (it has no top-level `initiatives:`), so it is read as one
/// record. Lists in block style are split line by line; anything else is
/// parsed whole.
fn items(path: &str, text: &str) -> Result<Option<Vec<Item>>, Problem> {
    let lines: Vec<&str> = text.lines().collect();
    let meaningful = |l: &&str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let Some(start) = lines.iter().position(|l| l.trim_end() == "initiatives:") else {
        return Ok(None);
    };
    for (i, line) in lines.iter().enumerate() {
        let top_level = meaningful(line) && !line.starts_with([' ', '\t', '-']) && *line != "---";
        if top_level && i != start {
            return Err(Problem::at(
                path,
                i + 1,
                1,
                "unknown top-level field: a portfolio file holds only `initiatives:`, a list of decision records",
            ));
        }
    }
    let body = &lines[start + 1..];
    let Some(first) = body.iter().position(meaningful) else {
        return Err(Problem::at(
            path,
            start + 1,
            1,
            "initiatives is empty: list at least one decision record",
        ));
    };
    let indent = body[first].len() - body[first].trim_start().len();
    if !body[first].trim_start().starts_with('-') {
        return Err(Problem::at(
            path,
            start + first + 2,
            indent + 1,
            "initiatives must be a list: start each initiative with `- `",
        ));
    }
    let mut items: Vec<Item> = Vec::new();
    let shift = indent + 2;
    for (offset, line) in body.iter().enumerate().skip(first) {
        let line_indent = line.len() - line.trim_start().len();
        let starts_item =
            line_indent == indent && (line[indent..].starts_with("- ") || line.trim() == "-");
        if starts_item {
            items.push(Item {
                first_line: start + offset + 2,
                shift,
                text: String::new(),
            });
        }
        let Some(item) = items.last_mut() else {
            continue;
        };
        let content = if starts_item {
            format!(
                "{}{}",
                " ".repeat(2),
                &line[indent + 1..].trim_start_matches(' ')
            )
        } else {
            line.get(line_indent.min(shift)..).unwrap_or("").to_string()
        };
        // The dash line keeps its content at the item's own indentation.
        let content = if starts_item {
            content.trim_start().to_string()
        } else {
            content
        };
        item.text.push_str(&content);
        item.text.push('\n');
    }
    Ok(Some(items))
}
