//! Portfolios: many initiatives on one 2x2. A portfolio file lists decision
//! records under `initiatives:`; folders of records work too. The file is
//! read as a stream by the YAML parser, and each initiative is placed as
//! soon as it has been read, so one broken initiative is reported by name
//! while every other is still diagnosed, and memory holds one initiative
//! at a time besides the rows.

use crate::diagnosis::{Position, position};
use crate::framework::{Framework, Playbook};
use crate::limits::Kind;
use crate::problem::{Problem, Problems};
use crate::record::{EMPTY, Record};
use crate::yaml::walk::{Piece, SHARED_ANCHORS, Source, Why, walk};
use crate::yaml::{Node, Place};

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
    /// With `--since`: the revision, and each initiative placed under another
    /// playbook then, with that playbook, in input order.
    pub since: Option<(String, Vec<(usize, &'a Playbook)>)>,
}

impl<'a> Portfolio<'a> {
    /// Notes, for each row, the playbook `earlier` placed an initiative of
    /// the same name under, where it differs: which initiatives changed
    /// quadrant since `label`.
    pub fn compare_with(&mut self, label: String, earlier: &Portfolio<'a>) {
        let before: std::collections::HashMap<&str, &'a Playbook> = earlier
            .rows
            .iter()
            .map(|r| (r.initiative.trim(), r.position.playbook))
            .collect();
        let moved = self
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, row)| {
                let was = *before.get(row.initiative.trim())?;
                (was.id != row.position.playbook.id).then_some((i, was))
            })
            .collect();
        self.since = Some((label, moved));
    }

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
    /// single record. `progress` is told of each initiative placed.
    pub fn add_file(
        &mut self,
        framework: &'a Framework,
        shown: &str,
        text: &str,
        today: jiff::civil::Date,
        progress: &(dyn Fn(usize) + Sync),
    ) {
        self.add(framework, shown, &text, today, progress);
    }

    /// Places every initiative in `source`, shown as `shown`: a portfolio
    /// file, read as a stream with one initiative in memory at a time, or a
    /// single record. `progress` is told of each initiative placed.
    pub fn add(
        &mut self,
        framework: &'a Framework,
        shown: &str,
        source: &dyn Source,
        today: jiff::civil::Date,
        progress: &(dyn Fn(usize) + Sync),
    ) {
        let place = |piece: Piece| place(framework, shown, piece, today);
        let mut take = |placed| match placed {
            Ok(row) => {
                self.rows.push(row);
                progress(1);
            }
            Err(problems) => self.problems.extend(problems),
        };
        walk(source, LIST, Kind::Record.limit(), &place, &mut take);
    }
}

/// The key a portfolio file lists its initiatives under.
const LIST: &str = "initiatives";

/// What one piece of a file comes to: a row, or its problems.
fn place<'a>(
    framework: &'a Framework,
    path: &str,
    piece: Piece,
    today: jiff::civil::Date,
) -> Result<Row<'a>, Vec<Problem>> {
    let at =
        |(line, column): Place, message: String| vec![Problem::at(path, line, column, message)];
    match piece {
        Piece::Node { node, listed } => place_node(framework, path, &node, listed, today),
        Piece::Broken {
            at: place,
            why,
            partial,
            listed,
        } => {
            let message = match why {
                Why::Syntax(message) => message,
                Why::TooDeep => crate::yaml::too_deep(),
                Why::TooLarge(size) => {
                    let limit = Kind::Record.limit();
                    let why = match size {
                        Some(size) => Kind::Record.check(size.max(limit + 1)),
                        None => Kind::Record.check_stream(limit + 1),
                    }
                    .err()
                    .unwrap_or_default();
                    if listed {
                        format!("the initiative here {why}")
                    } else {
                        why
                    }
                }
                Why::UnknownAnchor(name) => format!(
                    "unknown anchor: *{name} is not defined before it is used (anchors from earlier initiatives are kept up to {} MB in all)",
                    SHARED_ANCHORS / (1024 * 1024)
                ),
                Why::Recursive(name) => {
                    format!("*{name} is inside the node &{name} names: an alias cannot refer to what holds it")
                }
            };
            Err(at(place, named(&partial, listed, message)))
        }
        Piece::OtherKey(place) => Err(at(
            place,
            "unknown top-level field: a portfolio file holds only `initiatives:`, a list of decision records".into(),
        )),
        Piece::RepeatedKey(place) => Err(at(
            place,
            "`initiatives:` is given a second time here: list every initiative under one `initiatives:`".into(),
        )),
        Piece::EmptyList(place) => Err(at(
            place,
            "initiatives is empty: list at least one decision record".into(),
        )),
        Piece::NotAList(place) => Err(at(
            place,
            "initiatives must be a list: start each initiative with `- `".into(),
        )),
        Piece::MoreDocuments(place) => Err(at(
            place,
            "a second YAML document starts here: a portfolio file is one document, with every initiative under one `initiatives:`".into(),
        )),
        Piece::Empty => Err(vec![Problem::in_file(path, EMPTY)]),
        Piece::Input(message) => Err(vec![Problem::in_file(path, message)]),
    }
}

/// A problem's message, naming the initiative it is in when it is one of
/// a portfolio file's.
fn named(node: &Node, listed: bool, message: String) -> String {
    if !listed {
        return message;
    }
    let name = node.scalar_at("initiative").unwrap_or("(unnamed)");
    format!("initiative \"{name}\": {message}")
}

fn place_node<'a>(
    framework: &'a Framework,
    path: &str,
    node: &Node,
    listed: bool,
    today: jiff::civil::Date,
) -> Result<Row<'a>, Vec<Problem>> {
    let record =
        Record::from_node(path, node, framework, today).map_err(|Problems(problems)| {
            problems
                .into_iter()
                .map(|mut p| {
                    p.message = named(node, listed, std::mem::take(&mut p.message));
                    p
                })
                .collect::<Vec<_>>()
        })?;
    let (line, column) = if listed { node.start().place() } else { (1, 1) };
    let at = |message: String| vec![Problem::at(path, line, column, message)];
    let mut answers = record.into_answers(framework, today).map_err(at)?;
    let initiative = answers.initiative.take().unwrap_or_default();
    let (position, declared) = position(framework, &answers)
        .map_err(|e| at(format!("initiative \"{initiative}\": {}", e.0)))?;
    Ok(Row {
        initiative,
        position,
        declared,
    })
}
