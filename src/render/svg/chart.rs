//! What a chart shows: its points (merged where they coincide), its key,
//! and what to stress.

use super::canvas::INK;
use crate::diagnosis::{Borderline, ChartPoint};
use crate::framework::{HorizonSide, KnowledgeSide, Quadrant};
use std::collections::HashMap;

/// One thing to plot: a point (several people or initiatives merged when
/// they sit at the same spot) or the workshop's consensus.
#[derive(Debug, Clone)]
pub(super) struct Mark {
    pub(super) names: Vec<String>,
    pub(super) point: ChartPoint,
    /// One colour per name; a merged point is drawn in slices.
    pub(super) fills: Vec<&'static str>,
    pub(super) label_colour: &'static str,
    /// A declared playbook that does not fit: a red ring.
    pub(super) mismatch: bool,
    /// The group's consensus: a diamond.
    pub(super) consensus: bool,
    pub(super) labelled: bool,
}

impl Mark {
    pub(super) fn new(name: &str, point: ChartPoint, fill: &'static str) -> Mark {
        Mark {
            names: vec![name.to_string()],
            point,
            fills: vec![fill],
            label_colour: fill,
            mismatch: false,
            consensus: false,
            labelled: true,
        }
    }

    pub(super) fn quadrant(&self) -> Quadrant {
        quadrant_of(self.point)
    }
}

/// A line of the key under the chart.
#[derive(Debug, Clone)]
pub(super) struct Key {
    pub(super) swatch: Swatch,
    pub(super) text: String,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Swatch {
    Dot(&'static str),
    /// A dense chart's small translucent dot.
    Dust,
    Ring,
    Diamond(&'static str),
    Band,
    /// A percent sign: the key to the shares in the quadrants' corners.
    Share,
}

/// Everything one chart shows.
pub(super) struct Chart {
    pub(super) title: String,
    /// The diagnosed quadrant, drawn stronger.
    pub(super) highlight: Option<Quadrant>,
    /// The borderline bands to shade.
    pub(super) bands: Borderline,
    pub(super) marks: Vec<Mark>,
    /// Many points: small translucent dots, spread slightly apart, no labels.
    pub(super) dense: bool,
    /// A number for each quadrant, shown large in its corner: how many
    /// points it holds, or the share of simulated outcomes landing there.
    pub(super) counts: Option<[String; 4]>,
    pub(super) legend: Vec<Key>,
    /// The marks to join in this order with arrows, for a record's history.
    pub(super) path: Vec<usize>,
}

/// Marks at the very same spot become one, named "Ana, Fay", drawn in
/// slices of their colours. The consensus and mismatches stay apart.
pub(super) fn merge(marks: Vec<Mark>) -> Vec<Mark> {
    let mut merged: Vec<Mark> = Vec::new();
    let mut at: HashMap<(u64, u64, bool), usize> = HashMap::new();
    for mark in marks {
        if mark.consensus {
            merged.push(mark);
            continue;
        }
        let spot = (
            mark.point.x.to_bits(),
            mark.point.y.to_bits(),
            mark.mismatch,
        );
        match at.get(&spot) {
            Some(&i) => {
                let m = &mut merged[i];
                m.names.extend(mark.names);
                m.fills.extend(mark.fills);
                // One name's colour would mislabel the others.
                if m.fills.iter().any(|&f| f != m.label_colour) {
                    m.label_colour = INK;
                }
            }
            None => {
                at.insert(spot, merged.len());
                merged.push(mark);
            }
        }
    }
    merged
}

/// Which quadrant a chart point lies in.
pub(super) fn quadrant_of(point: ChartPoint) -> Quadrant {
    Quadrant::new(
        if point.x > 0.5 {
            HorizonSide::Long
        } else {
            HorizonSide::Short
        },
        if point.y > 0.5 {
            KnowledgeSide::Facts
        } else {
            KnowledgeSide::Assumptions
        },
    )
}
