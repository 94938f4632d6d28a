//! The axes: ticks with the thresholds marked, where the time scale
//! compresses, and both questions with their two sides.

use super::canvas::{
    BOTTOM, Drawing, INK, LEFT, MID_X, RIGHT, SOFT, TOP, WIDTH, quadrant_rect, shrink, turned,
};
use super::layout::{Anchor, Rect, text_box};
use crate::diagnosis::chart_ticks;
use crate::framework::{Framework, HorizonSide, KnowledgeSide, Quadrant};
use crate::render::metrics::{ASCENT, DESCENT, Font};
use crate::wording::fill;
use std::fmt::Write;

/// The ticks and both questions with their sides. Returns where the next
/// line below the chart may go.
pub(super) fn axes(
    d: &mut Drawing,
    framework: &Framework,
    x: &impl Fn(f64) -> f64,
    y: &impl Fn(f64) -> f64,
) -> f64 {
    let words = &framework.words;
    let ticks = chart_ticks(framework);
    let tick_font = Font::regular(15.0);
    let strong = Font::bold(15.0);

    // Horizon ticks under the plot: the threshold first, then from the far
    // end inwards, each labelled where its label does not collide.
    let mut order: Vec<_> = ticks.horizon.iter().collect();
    order.sort_by(|a, b| {
        b.threshold
            .cmp(&a.threshold)
            .then(b.value.total_cmp(&a.value))
    });
    let mut labelled: Vec<Rect> = Vec::new();
    let baseline = BOTTOM + 25.0;
    for tick in order {
        let font = if tick.threshold { strong } else { tick_font };
        let label = words.months(tick.value);
        let at = x(tick.at);
        let rect = text_box(font, &label, at, baseline, Anchor::Middle);
        let _ = writeln!(
            d.out,
            r##"<line class="tick" x1="{at:.1}" y1="{BOTTOM}" x2="{at:.1}" y2="{}" stroke="{SOFT}" stroke-width="{}"/>"##,
            BOTTOM + 7.0,
            if tick.threshold { 3.0 } else { 1.5 }
        );
        if rect.left < 2.0 || rect.right > WIDTH - 2.0 || labelled.iter().any(|l| l.near(rect, 6.0))
        {
            continue;
        }
        labelled.push(rect);
        let colour = if tick.threshold { INK } else { SOFT };
        d.text(
            font,
            at,
            baseline,
            Anchor::Middle,
            &format!(r#"class="tick-label" fill="{colour}""#),
            &label,
        );
    }
    // Where the scale compresses: a break in the axis, and a note.
    let knee = x(ticks.compressed_from.at);
    let _ = writeln!(
        d.out,
        r##"<path class="axis-break" d="M{:.1} {:.1} l6 -12 M{:.1} {:.1} l6 -12" stroke="{SOFT}" stroke-width="1.5" fill="none"/>"##,
        knee - 6.0,
        BOTTOM + 6.0,
        knee,
        BOTTOM + 6.0
    );

    // Knowledge ticks beside the plot.
    for tick in &ticks.knowledge {
        let font = if tick.threshold { strong } else { tick_font };
        let at = y(tick.at);
        let _ = writeln!(
            d.out,
            r##"<line class="tick" x1="{}" y1="{at:.1}" x2="{LEFT}" y2="{at:.1}" stroke="{SOFT}" stroke-width="{}"/>"##,
            LEFT - 7.0,
            if tick.threshold { 3.0 } else { 1.5 }
        );
        let colour = if tick.threshold { INK } else { SOFT };
        d.text(
            font,
            LEFT - 11.0,
            at + (ASCENT - DESCENT) / 2.0 * font.size,
            Anchor::End,
            &format!(r#"class="tick-label" fill="{colour}""#),
            &words.percent(tick.value),
        );
    }

    // The horizon's two sides under each half, then the note, then the
    // question.
    let half = MID_X - LEFT - 16.0;
    for (side, centre) in [
        (HorizonSide::Short, (LEFT + MID_X) / 2.0),
        (HorizonSide::Long, (MID_X + RIGHT) / 2.0),
    ] {
        let (font, label) = shrink(framework.horizon_label(side), half, 19.0, 14.0, true);
        d.text(
            font,
            centre,
            BOTTOM + 56.0,
            Anchor::Middle,
            &format!(r#"class="axis-label" fill="{INK}""#),
            &label,
        );
    }
    let note = fill(
        &words.chart.compressed,
        &[("months", &words.months(ticks.compressed_from.value))],
    );
    let (font, note) = shrink(&note, half, 14.0, 12.0, false);
    d.text(
        font,
        (MID_X + RIGHT) / 2.0,
        BOTTOM + 80.0,
        Anchor::Middle,
        &format!(r#"class="axis-note" font-style="italic" fill="{SOFT}""#),
        &note,
    );
    let question = Font::regular(18.0);
    let lines = question.wrap(&framework.horizon.question, RIGHT - LEFT);
    let mut baseline = BOTTOM + 108.0;
    for (i, line) in lines.iter().take(2).enumerate() {
        let line = question
            .cut(line, RIGHT - LEFT)
            .unwrap_or_else(|| line.clone());
        baseline = BOTTOM + 108.0 + i as f64 * question.line_height();
        d.text(
            question,
            (LEFT + RIGHT) / 2.0,
            baseline,
            Anchor::Middle,
            &format!(r#"class="axis-question" font-style="italic" fill="{SOFT}""#),
            &line,
        );
    }

    // The knowledge sides beside each half, turned to read upwards, and the
    // question further out.
    for (side, quadrant) in [
        (KnowledgeSide::Facts, Quadrant::ALL[0]),
        (KnowledgeSide::Assumptions, Quadrant::ALL[2]),
    ] {
        let r = quadrant_rect(quadrant);
        let (font, label) = shrink(
            framework.knowledge_label(side),
            r.height() - 20.0,
            19.0,
            14.0,
            true,
        );
        turned(
            d,
            font,
            86.0,
            (r.top + r.bottom) / 2.0,
            r#"class="axis-label""#,
            INK,
            &label,
        );
    }
    let question = Font::regular(17.0);
    let room = BOTTOM - TOP - 20.0;
    let mut lines = question.wrap(&framework.knowledge.question, room);
    if lines.len() > 2 {
        let rest = lines[1..].join(" ");
        lines.truncate(1);
        lines.push(rest);
    }
    let n = lines.len() as f64;
    for (i, line) in lines.iter().enumerate() {
        let line = question.cut(line, room).unwrap_or_else(|| line.clone());
        turned(
            d,
            question,
            43.0 + 22.0 * i as f64 - 11.0 * (n - 1.0),
            (TOP + BOTTOM) / 2.0,
            r#"class="axis-question" font-style="italic""#,
            SOFT,
            &line,
        );
    }
    baseline
}
