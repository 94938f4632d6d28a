//! Portfolios: many initiatives on one 2x2. A portfolio file lists decision
//! records under `initiatives:`; folders of records work too. Each
//! initiative is parsed and placed on its own, so one broken initiative is
//! reported by name while every other is still diagnosed.

use crate::diagnosis::{Position, position};
use crate::framework::{Framework, Playbook};
use crate::limits::Kind;
use crate::problem::{Problem, Problems};
use crate::record::Record;

/// One initiative's place in the portfolio.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub initiative: String,
    pub position: Position<'a>,
    /// The playbook the record declares, if it does.
    pub declared: Option<&'a Playbook>,
}

impl Row<'_> {
    /// Whether the declared playbook differs from the diagnosis.
    pub fn mismatch(&self) -> bool {
        self.declared
            .is_some_and(|declared| declared.id != self.position.playbook.id)
    }
}

/// Every initiative that could be placed, in input order, and every problem.
#[derive(Debug, Default)]
pub struct Portfolio<'a> {
    pub rows: Vec<Row<'a>>,
    pub problems: Vec<Problem>,
    /// YAML files in the folders searched that are neither records nor portfolios.
    pub skipped: Vec<String>,
}

impl<'a> Portfolio<'a> {
    /// How many initiatives each playbook has, in the pack's order.
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for row in &self.rows {
            counts[row.position.quadrant.index()] += 1;
        }
        counts
    }

    /// The rows sorted for reading: by playbook, mismatches first, then by name.
    pub fn sorted(&self) -> Vec<&Row<'a>> {
        let mut rows: Vec<&Row> = self.rows.iter().collect();
        rows.sort_by(|a, b| {
            let key = |r: &Row| (r.position.quadrant.index(), !r.mismatch());
            key(a)
                .cmp(&key(b))
                .then_with(|| a.initiative.cmp(&b.initiative))
        });
        rows
    }

    /// The rows whose declared playbook does not fit, in input order.
    pub fn mismatches(&self) -> impl Iterator<Item = &Row<'a>> {
        self.rows.iter().filter(|r| r.mismatch())
    }

    /// Places every initiative in one file's `text`: a portfolio file, or a
    /// single record. `progress` is told how many initiatives are done, now
    /// and then.
    pub fn add_file(
        &mut self,
        framework: &'a Framework,
        shown: &str,
        text: &str,
        today: jiff::civil::Date,
        progress: &(dyn Fn(usize) + Sync),
    ) {
        let items = match items(shown, text) {
            Ok(Some(items)) => items,
            Ok(None) => vec![Item {
                first_line: 1,
                shift: 0,
                range: 0..text.len(),
            }],
            Err(problem) => {
                self.problems.push(problem);
                return;
            }
        };
        for placed in place_all(framework, shown, text, &items, today, progress) {
            match placed {
                Ok(row) => self.rows.push(row),
                Err(problems) => self.problems.extend(problems),
            }
        }
    }
}

/// Places items on every core, keeping their order. Each item's text is
/// made, parsed and dropped in turn, so memory holds rows, not records.
fn place_all<'a>(
    framework: &'a Framework,
    path: &str,
    text: &str,
    items: &[Item],
    today: jiff::civil::Date,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<Result<Row<'a>, Vec<Problem>>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let per_thread = items.len().div_ceil(threads).max(256);
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(per_thread)
            .map(|chunk| {
                scope.spawn(move || {
                    let mut placed = Vec::with_capacity(chunk.len());
                    for (n, item) in chunk.iter().enumerate() {
                        placed.push(place(framework, path, &item.text(text), item, today));
                        if n % 1024 == 1023 {
                            progress(1024);
                        }
                    }
                    progress(chunk.len() % 1024);
                    placed
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Where one initiative's lines sit in a portfolio file, and what it takes
/// to put the places of its problems back.
struct Item {
    /// Its first line in the file, 1-based.
    first_line: usize,
    /// How far its lines are indented in the file.
    shift: usize,
    /// Its bytes in the file.
    range: std::ops::Range<usize>,
}

impl Item {
    /// The item as a document of its own: the list dash dropped and every
    /// line dedented by `shift`.
    fn text(&self, file: &str) -> String {
        let mut out = String::with_capacity(self.range.len());
        for (n, line) in file[self.range.clone()].lines().enumerate() {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let content = if n == 0 {
                line.trim_start_matches(' ')
                    .strip_prefix('-')
                    .unwrap_or(line)
                    .trim_start_matches(' ')
            } else {
                &line[indent.min(self.shift)..]
            };
            out.push_str(content);
            out.push('\n');
        }
        out
    }
}

fn place<'a>(
    framework: &'a Framework,
    path: &str,
    text: &str,
    item: &Item,
    today: jiff::civil::Date,
) -> Result<Row<'a>, Vec<Problem>> {
    // However large the portfolio may be, each initiative is a record.
    let size = item.range.len() as u64;
    if let Err(why) = Kind::Record.check(size) {
        let message = if item.first_line > 1 || item.shift > 0 {
            format!("the initiative here {why}")
        } else {
            why
        };
        return Err(vec![Problem::at(
            path,
            item.first_line,
            item.shift.max(1),
            message,
        )]);
    }
    let record = Record::parse(path, text, framework, today).map_err(|Problems(problems)| {
        let name = initiative_name(text);
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
    let at = |message: String| vec![Problem::at(path, item.first_line, item.shift + 1, message)];
    let mut answers = record.value.into_answers(framework, today).map_err(at)?;
    let initiative = answers.initiative.take().unwrap_or_default();
    let (position, declared) = position(framework, &answers)
        .map_err(|e| at(format!("initiative \"{initiative}\": {}", e.0)))?;
    Ok(Row {
        initiative,
        position,
        declared,
    })
}

/// Finds the initiatives in a portfolio file. `Ok(None)` when the file is
/// not a portfolio (it has no top-level `initiatives:`), so it is read as
/// one record. The list must be in block style, one `- ` per initiative.
fn items(path: &str, text: &str) -> Result<Option<Vec<Item>>, Problem> {
    if !text.lines().any(|l| l.trim_end() == "initiatives:") {
        return Ok(None);
    }
    let meaningful = |l: &str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let mut start = None;
    let mut indent = None;
    let mut items: Vec<Item> = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let here = offset;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        if !meaningful(line) {
            continue;
        }
        let top_level = !line.starts_with([' ', '\t', '-']) && line != "---";
        if top_level {
            if start.is_none() && line.trim_end() == "initiatives:" {
                start = Some(n);
                continue;
            }
            return Err(Problem::at(
                path,
                n + 1,
                1,
                "unknown top-level field: a portfolio file holds only `initiatives:`, a list of decision records",
            ));
        }
        if start.is_none() {
            continue;
        }
        let line_indent = line.len() - line.trim_start_matches(' ').len();
        let list_indent = *indent.get_or_insert(line_indent);
        let rest = &line[line_indent..];
        if line_indent == list_indent && (rest.starts_with("- ") || rest == "-") {
            if let Some(last) = items.last_mut() {
                last.range.end = here;
            }
            items.push(Item {
                first_line: n + 1,
                shift: list_indent + 2,
                range: here..text.len(),
            });
        } else if items.is_empty() {
            return Err(Problem::at(
                path,
                n + 1,
                line_indent + 1,
                "initiatives must be a list: start each initiative with `- `",
            ));
        }
    }
    match start {
        None => Ok(None),
        Some(start) if items.is_empty() => Err(Problem::at(
            path,
            start + 1,
            1,
            "initiatives is empty: list at least one decision record",
        )),
        Some(_) => Ok(Some(items)),
    }
}

/// The name an initiative gives itself, for naming it in its problems: read
/// by the parser, or from its `initiative:` line when it does not parse.
fn initiative_name(text: &str) -> Option<String> {
    // Deep nesting would make the parse slow; it is refused anyway.
    let parsed = crate::yaml::locate("", text)
        .ok()
        .and_then(|_| serde_yaml::from_str::<serde_yaml::Value>(text).ok());
    match parsed {
        Some(value) => value
            .get("initiative")
            .and_then(|name| name.as_str())
            .map(str::to_string),
        None => text
            .lines()
            .find_map(|l| l.strip_prefix("initiative:"))
            .map(|n| n.trim().trim_matches(['"', '\'']).to_string()),
    }
}
