//! Draws a chart: the quadrants with their titles fitted, the borderline
//! bands, the axes, the key, and the points with their labels placed.

use super::axes::axes;
use super::canvas::{
    ALARM, AMBER, BOTTOM, Drawing, FILLS, INK, LEFT, MID_X, MID_Y, PAD, RIGHT, SOFT, STRONG_FILLS,
    TOP, WIDTH, diamond, quadrant_id, quadrant_rect,
};
use super::chart::{Chart, Key, Mark, Swatch};
use super::layout::{Anchor, Rect, Wanted, place_labels, spread};
use crate::diagnosis::{Borderline, chart_bands};
use crate::framework::{Framework, KnowledgeSide, Quadrant};
use crate::render::metrics::{ASCENT, DESCENT, Font};
use crate::render::sanitize::xml;
use std::fmt::Write;

/// The quadrants' titles, fitted: one size for all four, each wrapped to
/// its own lines, and the height of the strip along the outer edge of each
/// quadrant that holds them (and nothing else).
struct Titles {
    font: Font,
    lines: [Vec<String>; 4],
    strip: f64,
    count_font: Font,
}

impl Titles {
    fn fit(framework: &Framework, counts: Option<&[String; 4]>) -> Titles {
        let count_font = Font::bold(34.0);
        let room = |quadrant: Quadrant| {
            let count = counts.map_or(0.0, |c| count_font.width(&c[quadrant.index()]) + 12.0);
            MID_X - LEFT - 2.0 * PAD - count
        };
        let names = Quadrant::ALL.map(|q| framework.playbook_for(q).name.as_str());
        let wrapped = |font: Font| Quadrant::ALL.map(|q| font.wrap(names[q.index()], room(q)));
        let fits = |font: Font, most: usize| {
            let lines = wrapped(font);
            Quadrant::ALL.iter().all(|q| {
                let these = &lines[q.index()];
                these.len() <= most && font.widest(these) <= room(*q)
            })
        };
        // One line at a large size; else two lines, as large as they fit;
        // else the smallest size, with what still does not fit cut short.
        let sizes = (14..=26).rev().map(f64::from);
        let font = sizes
            .clone()
            .take_while(|&size| size >= 22.0)
            .map(Font::bold)
            .find(|&font| fits(font, 1))
            .or_else(|| sizes.map(Font::bold).find(|&font| fits(font, 2)))
            .unwrap_or(Font::bold(14.0));
        let lines = Quadrant::ALL.map(|q| {
            let mut lines = wrapped(font)[q.index()].clone();
            if lines.len() > 3 {
                let rest = lines[2..].join(" ");
                lines.truncate(2);
                lines.push(rest);
            }
            lines
                .iter()
                .map(|line| {
                    font.cut(line, room(q))
                        .unwrap_or_else(|| font.cut(line, f64::MAX).unwrap_or_default())
                })
                .collect()
        });
        let most = lines.iter().map(Vec::len).max().unwrap_or(1) as f64;
        let text = (ASCENT + DESCENT) * font.size + (most - 1.0) * font.line_height();
        let count = if counts.is_some() {
            (ASCENT + DESCENT) * count_font.size
        } else {
            0.0
        };
        Titles {
            font,
            lines,
            strip: text.max(count) + 18.0,
            count_font,
        }
    }

    /// The strip along the quadrant's outer edge: the top of the upper
    /// quadrants, the bottom of the lower ones.
    fn strip(&self, quadrant: Quadrant) -> Rect {
        let r = quadrant_rect(quadrant);
        match quadrant.knowledge {
            KnowledgeSide::Facts => Rect::new(r.left, r.top, r.right, r.top + self.strip),
            KnowledgeSide::Assumptions => {
                Rect::new(r.left, r.bottom - self.strip, r.right, r.bottom)
            }
        }
    }

    /// Where points may be drawn in the quadrant: all of it but the strip.
    fn field(&self, quadrant: Quadrant) -> Rect {
        let r = quadrant_rect(quadrant);
        match quadrant.knowledge {
            KnowledgeSide::Facts => Rect::new(r.left, r.top + self.strip, r.right, r.bottom),
            KnowledgeSide::Assumptions => Rect::new(r.left, r.top, r.right, r.bottom - self.strip),
        }
    }
}

/// Draws the chart.
pub(super) fn draw(framework: &Framework, chart: &Chart) -> String {
    let titles = Titles::fit(framework, chart.counts.as_ref());
    // The data's 0..1 on each axis; the strips lie outside it.
    let (data_top, data_bottom) = (TOP + titles.strip, BOTTOM - titles.strip);
    let x = |u: f64| LEFT + u * (RIGHT - LEFT);
    let y = |u: f64| data_bottom - u * (data_bottom - data_top);
    let mut d = Drawing { out: String::new() };

    quadrants(&mut d, framework, chart, &titles);
    bands(
        &mut d,
        framework,
        chart.bands,
        &x,
        &y,
        data_top,
        data_bottom,
    );
    frame(&mut d);
    quadrant_titles(&mut d, chart, &titles);
    let below = axes(&mut d, framework, &x, &y);
    let height = legend(&mut d, &chart.legend, below);
    marks(&mut d, chart, &titles, &x, &y);

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0}" viewBox="0 0 {WIDTH} {height:.0}" role="img" aria-labelledby="chart-title" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif">"#
    );
    let _ = writeln!(
        svg,
        r#"<title id="chart-title">{}</title>"#,
        xml(&chart.title)
    );
    svg.push_str(concat!(
        r##"<defs><pattern id="borderline-band" patternUnits="userSpaceOnUse" width="12" height="12" patternTransform="rotate(45)">"##,
        r##"<rect width="12" height="12" fill="#fff4dc" fill-opacity="0.7"/>"##,
        r##"<rect width="4" height="12" fill="#c26a00" fill-opacity="0.45"/></pattern>"##,
    ));
    if !chart.path.is_empty() {
        svg.push_str(concat!(
            r##"<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">"##,
            r##"<path d="M0,0 L10,5 L0,10 z" fill="#5f6b7a"/></marker>"##,
        ));
    }
    svg.push_str("</defs>\n");
    let _ = writeln!(
        svg,
        r##"<rect width="{WIDTH}" height="{height:.0}" fill="#ffffff"/>"##
    );
    svg.push_str(&d.out);
    svg.push_str("</svg>\n");
    svg
}

fn quadrants(d: &mut Drawing, framework: &Framework, chart: &Chart, titles: &Titles) {
    for quadrant in Quadrant::ALL {
        let r = quadrant_rect(quadrant);
        let i = quadrant.index();
        let chosen = chart.highlight == Some(quadrant);
        let fill = if chosen { STRONG_FILLS[i] } else { FILLS[i] };
        let _ = writeln!(
            d.out,
            r#"<rect class="quadrant" data-quadrant="{}" x="{}" y="{}" width="{}" height="{}" fill="{fill}"><title>{}</title></rect>"#,
            quadrant_id(quadrant),
            r.left,
            r.top,
            r.width(),
            r.height(),
            xml(&framework.playbook_for(quadrant).name)
        );
        // A hairline under (or over) the strip of titles, where the data stops.
        let strip = titles.strip(quadrant);
        let line_y = match quadrant.knowledge {
            KnowledgeSide::Facts => strip.bottom,
            KnowledgeSide::Assumptions => strip.top,
        };
        let _ = writeln!(
            d.out,
            r##"<line x1="{}" y1="{line_y:.1}" x2="{}" y2="{line_y:.1}" stroke="#ffffff" stroke-width="2"/>"##,
            r.left, r.right
        );
    }
}

fn bands(
    d: &mut Drawing,
    framework: &Framework,
    shown: Borderline,
    x: &impl Fn(f64) -> f64,
    y: &impl Fn(f64) -> f64,
    data_top: f64,
    data_bottom: f64,
) {
    let b = chart_bands(framework);
    if shown.horizon {
        let (from, to) = (x(b.horizon.0), x(b.horizon.1));
        let _ = writeln!(
            d.out,
            r#"<rect class="band" x="{from:.1}" y="{data_top:.1}" width="{:.1}" height="{:.1}" fill="url(#borderline-band)"/>"#,
            to - from,
            data_bottom - data_top
        );
    }
    if shown.knowledge {
        let (from, to) = (y(b.knowledge.1), y(b.knowledge.0));
        let _ = writeln!(
            d.out,
            r#"<rect class="band" x="{LEFT}" y="{from:.1}" width="{}" height="{:.1}" fill="url(#borderline-band)"/>"#,
            RIGHT - LEFT,
            to - from
        );
    }
}

fn frame(d: &mut Drawing) {
    let _ = writeln!(
        d.out,
        r##"<rect x="{LEFT}" y="{TOP}" width="{}" height="{}" fill="none" stroke="{SOFT}" stroke-width="2"/>"##,
        RIGHT - LEFT,
        BOTTOM - TOP
    );
    let _ = writeln!(
        d.out,
        r##"<line class="threshold" x1="{MID_X}" y1="{TOP}" x2="{MID_X}" y2="{BOTTOM}" stroke="{SOFT}" stroke-width="2" stroke-dasharray="8 6"/>"##
    );
    let _ = writeln!(
        d.out,
        r##"<line class="threshold" x1="{LEFT}" y1="{MID_Y}" x2="{RIGHT}" y2="{MID_Y}" stroke="{SOFT}" stroke-width="2" stroke-dasharray="8 6"/>"##
    );
}

/// Each quadrant's name in its strip, and its count when there is one.
fn quadrant_titles(d: &mut Drawing, chart: &Chart, titles: &Titles) {
    let font = titles.font;
    for quadrant in Quadrant::ALL {
        let strip = titles.strip(quadrant);
        let lines = &titles.lines[quadrant.index()];
        let block =
            (ASCENT + DESCENT) * font.size + (lines.len() as f64 - 1.0) * font.line_height();
        let first = strip.top + (strip.height() - block) / 2.0 + ASCENT * font.size;
        let weight = if chart.highlight == Some(quadrant) {
            "800"
        } else {
            "700"
        };
        let mut tspans = String::new();
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(
                tspans,
                r#"<tspan x="{:.1}" y="{:.1}">{}</tspan>"#,
                strip.left + PAD,
                first + i as f64 * font.line_height(),
                xml(line)
            );
        }
        let _ = writeln!(
            d.out,
            r#"<text class="title" data-quadrant="{}" font-size="{}" font-weight="{weight}" fill="{INK}">{tspans}</text>"#,
            quadrant_id(quadrant),
            font.size
        );
        if let Some(counts) = &chart.counts {
            let count = titles.count_font;
            let baseline = strip.top
                + (strip.height() - (ASCENT + DESCENT) * count.size) / 2.0
                + ASCENT * count.size;
            d.text(
                count,
                strip.right - PAD,
                baseline,
                Anchor::End,
                &format!(
                    r#"class="count" data-quadrant="{}" fill="{INK}""#,
                    quadrant_id(quadrant)
                ),
                &counts[quadrant.index()],
            );
        }
    }
}

/// The key under the chart, in rows as wide as the plot. Returns the
/// drawing's height.
fn legend(d: &mut Drawing, keys: &[Key], above: f64) -> f64 {
    if keys.is_empty() {
        return above + 16.0;
    }
    let font = Font::regular(16.0);
    let row = 30.0;
    let mut baseline = above + 14.0;
    let mut x = LEFT;
    for (i, key) in keys.iter().enumerate() {
        let text = font
            .cut(&key.text, RIGHT - LEFT - 30.0)
            .unwrap_or_else(|| key.text.clone());
        let width = 28.0 + font.width(&text);
        if i == 0 || x + width > RIGHT {
            baseline += row;
            x = LEFT;
        }
        let centre = baseline - (ASCENT - DESCENT) / 2.0 * font.size;
        let (sx, sy) = (x + 10.0, centre);
        let _ = match key.swatch {
            Swatch::Dot(colour) => writeln!(
                d.out,
                r##"<circle class="key" cx="{sx:.1}" cy="{sy:.1}" r="8" fill="{colour}"/>"##
            ),
            Swatch::Dust => writeln!(
                d.out,
                r##"<circle class="key" cx="{sx:.1}" cy="{sy:.1}" r="5" fill="{INK}" fill-opacity="0.4"/>"##
            ),
            Swatch::Ring => writeln!(
                d.out,
                r##"<circle class="key" cx="{sx:.1}" cy="{sy:.1}" r="7" fill="none" stroke="{ALARM}" stroke-width="3"/>"##
            ),
            Swatch::Diamond(colour) => writeln!(
                d.out,
                r##"<path class="key" d="{}" fill="{colour}"/>"##,
                diamond(sx, sy, 10.0)
            ),
            Swatch::Share => writeln!(
                d.out,
                r##"<text class="key" x="{sx:.1}" y="{:.1}" font-size="18" font-weight="bold" text-anchor="middle" fill="{INK}">%</text>"##,
                sy + 6.0
            ),
            Swatch::Band => writeln!(
                d.out,
                r##"<rect class="key" x="{:.1}" y="{:.1}" width="20" height="16" fill="url(#borderline-band)" stroke="{AMBER}" stroke-width="1"/>"##,
                sx - 10.0,
                sy - 8.0
            ),
        };
        d.text(
            font,
            x + 28.0,
            baseline,
            Anchor::Start,
            &format!(r#"class="key-label" fill="{INK}""#),
            &text,
        );
        x += width + 28.0;
    }
    baseline + 14.0
}

/// How far the consensus diamond reaches from its centre.
const CONSENSUS_RADIUS: f64 = 16.0;

/// The points, then the labels of those that are named.
fn marks(
    d: &mut Drawing,
    chart: &Chart,
    titles: &Titles,
    x: &impl Fn(f64) -> f64,
    y: &impl Fn(f64) -> f64,
) {
    let radius = if chart.dense { 5.0 } else { 11.0 };
    // Where each mark is drawn: its place on the scale, kept within its
    // quadrant's field; dense dots pulled slightly apart.
    let fields: Vec<Rect> = chart
        .marks
        .iter()
        .map(|m| titles.field(m.quadrant()).inset(radius + 3.0))
        .collect();
    let centres: Vec<(f64, f64)> = if chart.dense {
        let dots: Vec<(f64, f64, Rect)> = chart
            .marks
            .iter()
            .zip(&fields)
            .map(|(m, field)| (x(m.point.x), y(m.point.y), *field))
            .collect();
        spread(&dots, 2.0 * radius + 1.0)
    } else {
        chart
            .marks
            .iter()
            .zip(&fields)
            .map(|(m, f)| {
                (
                    x(m.point.x).clamp(f.left, f.right),
                    y(m.point.y).clamp(f.top, f.bottom),
                )
            })
            .collect()
    };

    path(d, chart, &centres, radius);
    let mut obstacles = Vec::new();
    // Consensus last, on top.
    let order = (0..chart.marks.len())
        .filter(|&i| !chart.marks[i].consensus)
        .chain((0..chart.marks.len()).filter(|&i| chart.marks[i].consensus));
    for i in order {
        let mark = &chart.marks[i];
        let (cx, cy) = centres[i];
        let names = mark.names.join(", ");
        let quadrant = quadrant_id(mark.quadrant());
        if mark.consensus {
            let r = CONSENSUS_RADIUS;
            obstacles.push(Rect::around(cx, cy, r + 2.0));
            let _ = writeln!(
                d.out,
                r##"<path class="consensus" data-quadrant="{quadrant}" data-point="{i}" d="{}" fill="{}" stroke="#ffffff" stroke-width="3"><title>{}</title></path>"##,
                diamond(cx, cy, r),
                mark.fills[0],
                xml(&names)
            );
            continue;
        }
        if chart.dense {
            let _ = if mark.mismatch {
                writeln!(
                    d.out,
                    r##"<circle class="point mismatch" data-quadrant="{quadrant}" data-point="{i}" cx="{cx:.1}" cy="{cy:.1}" r="{}" fill="#ffffff" fill-opacity="0.6" stroke="{ALARM}" stroke-width="2.5"><title>{}</title></circle>"##,
                    radius + 1.0,
                    xml(&names)
                )
            } else {
                writeln!(
                    d.out,
                    r##"<circle class="point" data-quadrant="{quadrant}" data-point="{i}" cx="{cx:.1}" cy="{cy:.1}" r="{radius}" fill="{INK}" fill-opacity="0.4"><title>{}</title></circle>"##,
                    xml(&names)
                )
            };
            continue;
        }
        let _ = writeln!(
            d.out,
            r##"<circle class="point" data-quadrant="{quadrant}" data-point="{i}" cx="{cx:.1}" cy="{cy:.1}" r="{radius}" fill="{}" stroke="#ffffff" stroke-width="3"><title>{}</title></circle>"##,
            mark.fills[0],
            xml(&names)
        );
        if mark.fills.len() > 1 {
            slices(d, cx, cy, radius, &mark.fills);
        }
        let mut reach = radius + 1.5;
        if mark.mismatch {
            reach = radius + 7.0;
            let _ = writeln!(
                d.out,
                r##"<circle class="ring" cx="{cx:.1}" cy="{cy:.1}" r="{}" fill="none" stroke="{ALARM}" stroke-width="3"/>"##,
                radius + 5.5
            );
        }
        obstacles.push(Rect::around(cx, cy, reach));
    }
    let largest = if chart.marks.len() > 1 { 17.0 } else { 20.0 };
    let names: Vec<String> = chart.marks.iter().map(|m| m.names.join(", ")).collect();
    let wanted: Vec<Wanted> = chart
        .marks
        .iter()
        .enumerate()
        .filter(|(_, m)| m.labelled)
        .map(|(i, m)| Wanted {
            text: &names[i],
            x: centres[i].0,
            y: centres[i].1,
            radius: if m.consensus {
                CONSENSUS_RADIUS + 1.0
            } else if m.mismatch {
                radius + 7.0
            } else {
                radius + 1.5
            },
            area: titles.field(m.quadrant()).inset(4.0),
        })
        .collect();
    let owners: Vec<(usize, &Mark)> = chart
        .marks
        .iter()
        .enumerate()
        .filter(|(_, m)| m.labelled)
        .collect();
    // The largest size, down to 4 units smaller, at which every label fits
    // whole; else the largest, with what does not fit cut short.
    let layout = |size: f64| {
        let font = Font::bold(size);
        let placed = place_labels(&wanted, &obstacles, font);
        let whole = placed
            .iter()
            .zip(&wanted)
            .all(|(p, w)| p.as_ref().is_some_and(|p| p.text == w.text));
        (font, placed, whole)
    };
    let (font, placed, _) = [largest, largest - 2.0, largest - 4.0]
        .into_iter()
        .map(layout)
        .find(|(_, _, whole)| *whole)
        .unwrap_or_else(|| layout(largest));
    for (placed, (i, mark)) in placed.into_iter().zip(owners) {
        let Some(placed) = placed else { continue };
        let _ = writeln!(
            d.out,
            r##"<text class="label" data-quadrant="{}" data-for="{i}" x="{:.1}" y="{:.1}" font-size="{}" font-weight="700" text-anchor="{}" fill="{}" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
            quadrant_id(mark.quadrant()),
            placed.x,
            placed.baseline,
            font.size,
            placed.anchor.id(),
            mark.label_colour,
            xml(&placed.text)
        );
    }
}

/// A merged point drawn as a pie: one slice per person, after the first
/// colour the circle already has.
fn slices(d: &mut Drawing, cx: f64, cy: f64, r: f64, fills: &[&str]) {
    let n = fills.len() as f64;
    let at = |k: f64| {
        let angle = std::f64::consts::TAU * k / n - std::f64::consts::FRAC_PI_2;
        (cx + r * angle.cos(), cy + r * angle.sin())
    };
    for (k, colour) in fills.iter().enumerate().skip(1) {
        let (from, to) = (at(k as f64), at(k as f64 + 1.0));
        let _ = writeln!(
            d.out,
            r##"<path d="M{cx:.1} {cy:.1} L{:.2} {:.2} A{r} {r} 0 0 1 {:.2} {:.2} Z" fill="{colour}"/>"##,
            from.0, from.1, to.0, to.1
        );
    }
    let _ = writeln!(
        d.out,
        r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="{r}" fill="none" stroke="#ffffff" stroke-width="3"/>"##
    );
}

/// The line from each mark in `chart.path` to the next, under the points:
/// each leg a slight curve (to its left as it goes, so a leg back over the
/// same ground stays apart from the leg out), stopping short of the points
/// it joins, with an arrow at its end.
fn path(d: &mut Drawing, chart: &Chart, centres: &[(f64, f64)], radius: f64) {
    let gap = radius + 4.0;
    for (leg, pair) in chart.path.windows(2).enumerate() {
        let ((x1, y1), (x2, y2)) = (centres[pair[0]], centres[pair[1]]);
        let (dx, dy) = (x2 - x1, y2 - y1);
        let length = dx.hypot(dy);
        if length <= 2.0 * gap {
            continue;
        }
        let (ux, uy) = (dx / length, dy / length);
        // The bend: a sixth of the leg's length, square to it.
        let bend = length / 6.0;
        let (cx, cy) = ((x1 + x2) / 2.0 + uy * bend, (y1 + y2) / 2.0 - ux * bend);
        // Leave and reach the points along the curve's own direction.
        let toward = |(fx, fy): (f64, f64), (tx, ty): (f64, f64)| {
            let (vx, vy) = (tx - fx, ty - fy);
            let n = vx.hypot(vy).max(f64::EPSILON);
            (fx + vx / n * gap, fy + vy / n * gap)
        };
        let (sx, sy) = toward((x1, y1), (cx, cy));
        let (ex, ey) = toward((x2, y2), (cx, cy));
        let _ = writeln!(
            d.out,
            r##"<path class="history" data-leg="{}" d="M{sx:.1},{sy:.1} Q{cx:.1},{cy:.1} {ex:.1},{ey:.1}" fill="none" stroke="#5f6b7a" stroke-width="2.5" marker-end="url(#arrow)"/>"##,
            leg + 1,
        );
    }
}
