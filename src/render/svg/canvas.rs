//! The drawing's frame of reference: where the plot lies, the colours that
//! carry meaning, and how text and shapes are written.

use super::layout::{Anchor, Rect};
use crate::framework::{HorizonSide, KnowledgeSide, Quadrant};
use crate::render::metrics::Font;
use crate::render::sanitize::xml;
use std::fmt::Write;

// The drawing: 960 units wide, the plot inside; the height grows with what
// goes under the plot.
pub(super) const WIDTH: f64 = 960.0;
pub(super) const LEFT: f64 = 150.0;
pub(super) const RIGHT: f64 = 936.0;
pub(super) const TOP: f64 = 16.0;
pub(super) const BOTTOM: f64 = 576.0;
pub(super) const MID_X: f64 = (LEFT + RIGHT) / 2.0;
pub(super) const MID_Y: f64 = (TOP + BOTTOM) / 2.0;
/// Room between a quadrant's edge and its title.
pub(super) const PAD: f64 = 14.0;

pub(super) const INK: &str = "#1d1d1f";
pub(super) const SOFT: &str = "#3a3a3c";
/// A declared playbook that does not fit, or a group split.
pub(super) const ALARM: &str = "#b3261e";
/// A borderline answer: a dot, and text.
pub(super) const AMBER: &str = "#c26a00";
pub(super) const AMBER_TEXT: &str = "#8a4b00";

/// Quadrant fills, pale and free of meaning, and the diagnosed one's.
pub(super) const FILLS: [&str; 4] = ["#e8eef6", "#eeeaf5", "#e4f0f1", "#f0eeea"];
pub(super) const STRONG_FILLS: [&str; 4] = ["#c9d8ee", "#d9cfec", "#c5e0e3", "#ddd6cb"];

/// Participants' colours: told apart by the legend, none of them red,
/// amber or green, which carry meaning.
pub(super) const PARTICIPANT_COLOURS: [&str; 6] = [
    "#1f4e9e", "#8e24aa", "#6d4c41", "#00838f", "#212121", "#607d8b",
];

/// A quadrant's id in the drawing, as `data-quadrant`: "short-facts".
pub(super) fn quadrant_id(quadrant: Quadrant) -> String {
    format!("{}-{}", quadrant.horizon.id(), quadrant.knowledge.id())
}

/// The quadrant's box in the drawing.
pub(super) fn quadrant_rect(quadrant: Quadrant) -> Rect {
    let (left, right) = match quadrant.horizon {
        HorizonSide::Short => (LEFT, MID_X),
        HorizonSide::Long => (MID_X, RIGHT),
    };
    let (top, bottom) = match quadrant.knowledge {
        KnowledgeSide::Facts => (TOP, MID_Y),
        KnowledgeSide::Assumptions => (MID_Y, BOTTOM),
    };
    Rect::new(left, top, right, bottom)
}

/// The SVG written so far.
pub(super) struct Drawing {
    pub(super) out: String,
}

impl Drawing {
    /// One line of text. `attrs` holds the class, colour and style.
    pub(super) fn text(
        &mut self,
        font: Font,
        x: f64,
        baseline: f64,
        anchor: Anchor,
        attrs: &str,
        text: &str,
    ) {
        let _ = writeln!(
            self.out,
            r#"<text x="{x:.1}" y="{baseline:.1}" font-size="{}"{} text-anchor="{}" {attrs}>{}</text>"#,
            font.size,
            weight(font),
            anchor.id(),
            xml(text)
        );
    }
}

pub(super) fn weight(font: Font) -> &'static str {
    if font.bold {
        r#" font-weight="700""#
    } else {
        ""
    }
}

/// Text turned to read upwards, centred on (`x`, `y`); `x` is its baseline.
pub(super) fn turned(
    d: &mut Drawing,
    font: Font,
    x: f64,
    y: f64,
    attrs: &str,
    colour: &str,
    text: &str,
) {
    let _ = writeln!(
        d.out,
        r#"<text transform="translate({x:.1} {y:.1}) rotate(-90)" font-size="{}"{} text-anchor="middle" fill="{colour}" {attrs}>{}</text>"#,
        font.size,
        weight(font),
        xml(text)
    );
}

/// The text at the largest size from `largest` down to `smallest` that fits
/// `room`, cut short at the smallest if it still does not.
pub(super) fn shrink(
    text: &str,
    room: f64,
    largest: f64,
    smallest: f64,
    bold: bool,
) -> (Font, String) {
    let font = |size: f64| Font { size, bold };
    let mut size = largest;
    while size > smallest && font(size).width(text) > room {
        size -= 1.0;
    }
    let text = font(size)
        .cut(text, room)
        .unwrap_or_else(|| text.to_string());
    (font(size), text)
}

pub(super) fn diamond(x: f64, y: f64, r: f64) -> String {
    format!(
        "M{x:.1} {:.1} L{:.1} {y:.1} L{x:.1} {:.1} L{:.1} {y:.1} Z",
        y - r,
        x + r,
        y + r,
        x - r
    )
}
