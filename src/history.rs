//! Every committed version of one decision record, each placed on the 2x2:
//! how an initiative's diagnosis moved over time. Pure: the versions are
//! read elsewhere and handed in.

use crate::diff::Snapshot;
use jiff::civil::Date;

/// One committed version of the record.
#[derive(Debug, Clone)]
pub struct Step<'a> {
    /// The commit's abbreviated id.
    pub commit: String,
    pub date: Date,
    pub author: String,
    /// The commit message's first line.
    pub summary: String,
    /// The record as placed, or why this version could not be.
    pub placed: Result<Snapshot<'a>, String>,
}

/// A record's history, oldest version first.
#[derive(Debug, Default)]
pub struct HistoryReport<'a> {
    /// The record's path now.
    pub record: String,
    /// The initiative's name in the newest version that has one.
    pub initiative: String,
    pub steps: Vec<Step<'a>>,
}

impl<'a> HistoryReport<'a> {
    pub fn new(record: String, steps: Vec<Step<'a>>) -> HistoryReport<'a> {
        let initiative = steps
            .iter()
            .rev()
            .find_map(|s| s.placed.as_ref().ok().map(|p| p.initiative.clone()))
            .unwrap_or_else(|| record.clone());
        HistoryReport {
            record,
            initiative,
            steps,
        }
    }

    /// The versions that could be placed, numbered from 1 in commit order.
    pub fn placed(&self) -> impl Iterator<Item = (usize, &Snapshot<'a>)> {
        self.steps
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.placed.as_ref().ok().map(|p| (i + 1, p)))
    }
}
