//! The 2x2 as SVG: for slides on its own, and inside the HTML report.
//!
//! A chart must never tell the reader something false, so every label
//! stays inside its own point's quadrant and clear of the titles and of
//! other labels, titles fit their quadrant, and colour carries meaning:
//! points are neutral ink, red only for a mismatch, amber only for a
//! borderline answer.

mod layout;

use super::metrics::{ASCENT, DESCENT, Font};
use super::phrases::Tone;
use super::renderer::{Renderer, TextStyle};
use super::sanitize::xml;
use crate::diagnosis::{Borderline, ChartPoint, Diagnosis, chart_bands, chart_ticks};
use crate::framework::{Framework, HorizonSide, KnowledgeSide, Quadrant};
use crate::portfolio::Portfolio;
use crate::wording::fill;
use crate::workshop::WorkshopReport;
use layout::{Anchor, Rect, Wanted, place_labels, spread, text_box};
use std::fmt::Write;

/// The 2x2 alone, as SVG.
pub struct Svg;

impl Renderer for Svg {
    fn diagnosis(&self, framework: &Framework, _: TextStyle, d: &Diagnosis) -> String {
        diagnosis(framework, d)
    }

    fn workshop(&self, framework: &Framework, _: TextStyle, report: &WorkshopReport) -> String {
        workshop(framework, report)
    }

    fn portfolio(&self, framework: &Framework, _: TextStyle, portfolio: &Portfolio) -> String {
        self::portfolio(framework, portfolio)
    }
}

/// The most points a portfolio chart draws; past this a chart is a smear.
pub const PORTFOLIO_CHART_LIMIT: usize = 500;

/// The most initiatives a portfolio chart names beside their points; past
/// this it draws small dots and counts instead.
pub const PORTFOLIO_LABEL_LIMIT: usize = 12;

// The drawing: 960 units wide, the plot inside; the height grows with what
// goes under the plot.
const WIDTH: f64 = 960.0;
const LEFT: f64 = 150.0;
const RIGHT: f64 = 936.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 576.0;
const MID_X: f64 = (LEFT + RIGHT) / 2.0;
const MID_Y: f64 = (TOP + BOTTOM) / 2.0;
/// Room between a quadrant's edge and its title.
const PAD: f64 = 14.0;

const INK: &str = "#1d1d1f";
const SOFT: &str = "#3a3a3c";
/// A declared playbook that does not fit, or a group split.
const ALARM: &str = "#b3261e";
/// A borderline answer: a dot, and text.
const AMBER: &str = "#c26a00";
const AMBER_TEXT: &str = "#8a4b00";

/// Quadrant fills, pale and free of meaning, and the diagnosed one's.
const FILLS: [&str; 4] = ["#e8eef6", "#eeeaf5", "#e4f0f1", "#f0eeea"];
const STRONG_FILLS: [&str; 4] = ["#c9d8ee", "#d9cfec", "#c5e0e3", "#ddd6cb"];

/// Participants' colours: told apart by the legend, none of them red,
/// amber or green, which carry meaning.
const PARTICIPANT_COLOURS: [&str; 6] = [
    "#1f4e9e", "#8e24aa", "#6d4c41", "#00838f", "#37474f", "#7986cb",
];

/// One thing to plot: a point (several people or initiatives merged when
/// they sit at the same spot) or the workshop's consensus.
#[derive(Debug, Clone)]
struct Mark {
    names: Vec<String>,
    point: ChartPoint,
    /// One colour per name; a merged point is drawn in slices.
    fills: Vec<&'static str>,
    label_colour: &'static str,
    /// A declared playbook that does not fit: a red ring.
    mismatch: bool,
    /// The group's consensus: a diamond.
    consensus: bool,
    labelled: bool,
}

impl Mark {
    fn new(name: &str, point: ChartPoint, fill: &'static str) -> Mark {
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

    fn quadrant(&self) -> Quadrant {
        quadrant_of(self.point)
    }
}

/// A line of the key under the chart.
#[derive(Debug, Clone)]
struct Key {
    swatch: Swatch,
    text: String,
}

#[derive(Debug, Clone, Copy)]
enum Swatch {
    Dot(&'static str),
    /// A dense chart's small translucent dot.
    Dust,
    Ring,
    Diamond(&'static str),
    Band,
}

/// Everything one chart shows.
struct Chart {
    title: String,
    /// The diagnosed quadrant, drawn stronger.
    highlight: Option<Quadrant>,
    /// The borderline bands to shade.
    bands: Borderline,
    marks: Vec<Mark>,
    /// Many points: small translucent dots, spread slightly apart, no labels.
    dense: bool,
    /// How many points each quadrant holds, shown large in its corner.
    counts: Option<[usize; 4]>,
    legend: Vec<Key>,
}

/// The 2x2 for one diagnosis.
pub fn diagnosis(framework: &Framework, d: &Diagnosis) -> String {
    let words = &framework.words;
    let label = d.initiative.unwrap_or(&words.report.this_initiative);
    let borderline = d.position.borderline;
    // The point is plain ink unless something is wrong: green belongs to
    // the verdict, never to a point.
    let tone = Tone::of(d);
    let (fill, text) = match tone {
        Tone::Alarm => (ALARM, ALARM),
        Tone::Borderline => (AMBER, AMBER_TEXT),
        Tone::Fits | Tone::Plain => (INK, INK),
    };
    let mut mark = Mark::new(label, d.position.chart, fill);
    mark.label_colour = text;
    let mut legend = Vec::new();
    if tone == Tone::Alarm {
        legend.push(Key {
            swatch: Swatch::Dot(ALARM),
            text: words.portfolio.mismatch.clone(),
        });
    }
    legend.extend(band_keys(framework, borderline));
    draw(
        framework,
        &Chart {
            title: format!("{label}: {}", d.position.playbook.name),
            highlight: Some(d.position.quadrant),
            bands: borderline,
            marks: vec![mark],
            dense: false,
            counts: None,
            legend,
        },
    )
}

/// The 2x2 with every participant and the group's consensus.
pub fn workshop(framework: &Framework, report: &WorkshopReport) -> String {
    let words = &framework.words;
    let consensus = &report.consensus;
    let borderline = consensus.borderline;
    let consensus_name = if borderline.any() {
        &words.workshop.consensus_borderline
    } else {
        &words.workshop.consensus
    };
    let (fill, text) = if borderline.any() {
        (AMBER, AMBER_TEXT)
    } else {
        (INK, INK)
    };
    let mut centre = Mark::new(consensus_name, consensus.chart, fill);
    centre.label_colour = text;
    centre.consensus = true;
    // The consensus first, so its label gets the best place.
    let mut marks = vec![centre];
    let mut legend = Vec::new();
    for (i, p) in report.participants.iter().enumerate() {
        let colour = PARTICIPANT_COLOURS[i % PARTICIPANT_COLOURS.len()];
        marks.push(Mark::new(&p.name, p.position.chart, colour));
        legend.push(Key {
            swatch: Swatch::Dot(colour),
            text: p.name.clone(),
        });
    }
    legend.push(Key {
        swatch: Swatch::Diamond(fill),
        text: consensus_name.clone(),
    });
    legend.extend(band_keys(framework, borderline));
    draw(
        framework,
        &Chart {
            title: fill_title(&words.workshop.chart_title, report.initiative),
            highlight: Some(consensus.quadrant),
            bands: borderline,
            marks: merge(marks),
            dense: false,
            counts: None,
            legend,
        },
    )
}

fn fill_title(template: &str, initiative: &str) -> String {
    fill(template, &[("initiative", initiative)])
}

/// The 2x2 with a point per initiative (up to [`PORTFOLIO_CHART_LIMIT`])
/// and the count in each quadrant. Past [`PORTFOLIO_LABEL_LIMIT`] the
/// points are small dots without names.
pub fn portfolio(framework: &Framework, portfolio: &Portfolio) -> String {
    let words = &framework.words;
    let dense = portfolio.rows.len() > PORTFOLIO_LABEL_LIMIT;
    let mut marks: Vec<Mark> = portfolio
        .rows
        .iter()
        .take(PORTFOLIO_CHART_LIMIT)
        .map(|r| {
            let mut mark = Mark::new(&r.initiative, r.position.chart, INK);
            mark.mismatch = r.mismatch();
            if mark.mismatch {
                mark.label_colour = ALARM;
            }
            mark.labelled = !dense;
            mark
        })
        .collect();
    // Mismatches last, so their rings are drawn on top; first to be named.
    marks.sort_by_key(|m| !m.mismatch);
    let mut legend = vec![Key {
        swatch: if dense {
            Swatch::Dust
        } else {
            Swatch::Dot(INK)
        },
        text: words.portfolio.initiative.clone(),
    }];
    if portfolio.rows.iter().any(|r| r.mismatch()) {
        legend.push(Key {
            swatch: Swatch::Ring,
            text: words.portfolio.mismatch.clone(),
        });
    }
    let initiatives = words.count(
        portfolio.rows.len(),
        &words.units.initiatives_one,
        &words.units.initiatives_other,
    );
    draw(
        framework,
        &Chart {
            title: fill(
                &words.portfolio.chart_title,
                &[("initiatives", &initiatives)],
            ),
            highlight: None,
            bands: Borderline {
                horizon: false,
                knowledge: false,
            },
            marks: if dense { marks } else { merge(marks) },
            dense,
            counts: Some(portfolio.counts()),
            legend,
        },
    )
}

/// The keys to the borderline bands a chart shades.
fn band_keys(framework: &Framework, bands: Borderline) -> Vec<Key> {
    let words = &framework.words;
    let b = chart_bands(framework);
    [
        (
            bands.horizon,
            &words.chart.band_horizon,
            words.months(b.months.0),
            words.months(b.months.1),
        ),
        (
            bands.knowledge,
            &words.chart.band_knowledge,
            words.percent(b.scores.0),
            words.percent(b.scores.1),
        ),
    ]
    .into_iter()
    .filter(|(shown, ..)| *shown)
    .map(|(_, template, low, high)| Key {
        swatch: Swatch::Band,
        text: fill(template, &[("low", &low), ("high", &high)]),
    })
    .collect()
}

/// Marks at the very same spot become one, named "Ana, Fay", drawn in
/// slices of their colours. The consensus and mismatches stay apart.
fn merge(marks: Vec<Mark>) -> Vec<Mark> {
    let mut merged: Vec<Mark> = Vec::new();
    for mark in marks {
        let same = merged.iter_mut().find(|m| {
            m.point == mark.point && !m.consensus && !mark.consensus && m.mismatch == mark.mismatch
        });
        match same {
            Some(m) => {
                m.names.extend(mark.names);
                m.fills.extend(mark.fills);
                // One name's colour would mislabel the others.
                if m.fills.iter().any(|&f| f != m.label_colour) {
                    m.label_colour = INK;
                }
            }
            None => merged.push(mark),
        }
    }
    merged
}

/// Which quadrant a chart point lies in.
fn quadrant_of(point: ChartPoint) -> Quadrant {
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

/// A quadrant's id in the drawing, as `data-quadrant`: "short-facts".
fn quadrant_id(quadrant: Quadrant) -> String {
    format!("{}-{}", quadrant.horizon.id(), quadrant.knowledge.id())
}

/// The quadrant's box in the drawing.
fn quadrant_rect(quadrant: Quadrant) -> Rect {
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
    fn fit(framework: &Framework, counts: Option<&[usize; 4]>) -> Titles {
        let count_font = Font::bold(34.0);
        let room = |quadrant: Quadrant| {
            let count = counts.map_or(0.0, |c| {
                count_font.width(&c[quadrant.index()].to_string()) + 12.0
            });
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

/// Text laid out so far, to keep what comes later clear of it.
struct Drawing {
    out: String,
    texts: Vec<Rect>,
}

impl Drawing {
    /// One line of text. `attrs` holds the class, colour and style.
    fn text(&mut self, font: Font, x: f64, baseline: f64, anchor: Anchor, attrs: &str, text: &str) {
        self.texts.push(text_box(font, text, x, baseline, anchor));
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

fn weight(font: Font) -> &'static str {
    if font.bold {
        r#" font-weight="700""#
    } else {
        ""
    }
}

/// Draws the chart.
fn draw(framework: &Framework, chart: &Chart) -> String {
    let titles = Titles::fit(framework, chart.counts.as_ref());
    // The data's 0..1 on each axis; the strips lie outside it.
    let (data_top, data_bottom) = (TOP + titles.strip, BOTTOM - titles.strip);
    let x = |u: f64| LEFT + u * (RIGHT - LEFT);
    let y = |u: f64| data_bottom - u * (data_bottom - data_top);
    let mut d = Drawing {
        out: String::new(),
        texts: Vec::new(),
    };

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
        r##"<rect width="4" height="12" fill="#c26a00" fill-opacity="0.45"/></pattern></defs>"##,
        "\n"
    ));
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
            d.texts.push(text_box(
                font,
                line,
                strip.left + PAD,
                first + i as f64 * font.line_height(),
                Anchor::Start,
            ));
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
                &counts[quadrant.index()].to_string(),
            );
        }
    }
}

/// The ticks and both questions with their sides. Returns where the next
/// line below the chart may go.
fn axes(
    d: &mut Drawing,
    framework: &Framework,
    x: &impl Fn(f64) -> f64,
    y: &impl Fn(f64) -> f64,
) -> f64 {
    let words = &framework.words;
    let ticks = chart_ticks(framework);
    let tick_font = Font::regular(15.0);
    let strong = Font::bold(15.0);

    // Horizon ticks under the plot: the threshold first, then the far end,
    // then the others where their labels do not collide.
    let mut order: Vec<_> = ticks.horizon.iter().collect();
    order.sort_by_key(|t| {
        (
            !t.threshold,
            t.value < ticks.horizon.last().map_or(0.0, |l| l.value),
        )
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
        if rect.left < 2.0
            || rect.right > WIDTH - 2.0
            || labelled.iter().any(|l| l.near(rect, 10.0))
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

/// Text turned to read upwards, centred on (`x`, `y`); `x` is its baseline.
fn turned(d: &mut Drawing, font: Font, x: f64, y: f64, attrs: &str, colour: &str, text: &str) {
    let width = font.width(text);
    d.texts.push(Rect::new(
        x - ASCENT * font.size,
        y - width / 2.0,
        x + DESCENT * font.size,
        y + width / 2.0,
    ));
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
fn shrink(text: &str, room: f64, largest: f64, smallest: f64, bold: bool) -> (Font, String) {
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

fn diamond(x: f64, y: f64, r: f64) -> String {
    format!(
        "M{x:.1} {:.1} L{:.1} {y:.1} L{x:.1} {:.1} L{:.1} {y:.1} Z",
        y - r,
        x + r,
        y + r,
        x - r
    )
}

/// The points, then their labels.
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
            let r = radius + 5.0;
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
    if chart.dense {
        return;
    }

    let font = Font::bold(if chart.marks.len() > 1 { 17.0 } else { 20.0 });
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
                radius + 6.0
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
    for (placed, (i, mark)) in place_labels(&wanted, &obstacles, font)
        .into_iter()
        .zip(owners)
    {
        let Some(placed) = placed else { continue };
        d.texts.push(placed.rect);
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
