//! The 2x2 as SVG: for slides on its own, and inside the HTML report.

use super::renderer::{Renderer, TextStyle};
use super::sanitize::xml;
use crate::diagnosis::{Borderline, ChartBands, ChartPoint, Diagnosis, chart_bands};
use crate::framework::{Framework, HorizonSide, KnowledgeSide, Quadrant};
use crate::portfolio::Portfolio;
use crate::wording::fill;
use crate::workshop::WorkshopReport;
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

/// One initiative (or person) to plot.
#[derive(Debug, Clone, Copy)]
pub struct Plot<'a> {
    pub label: &'a str,
    pub point: ChartPoint,
    /// Whether to write the label beside the point; unlabelled points still
    /// carry it as a tooltip.
    pub labelled: bool,
}

/// The most points a portfolio chart draws; past this a chart is a smear.
pub const PORTFOLIO_CHART_LIMIT: usize = 500;

// The drawing's coordinates: a 960 x 720 viewBox with the plot inside.
const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 690.0;
const LEFT: f64 = 120.0;
const RIGHT: f64 = 930.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 600.0;

const FILLS: [&str; 4] = ["#e3f1e4", "#e2eef8", "#fdf3dc", "#efe6f3"];
const STRONG_FILLS: [&str; 4] = ["#b9dfbc", "#b7d4ee", "#f8dc9a", "#d9c3e4"];
const POINT_COLOURS: [&str; 6] = [
    "#b3261e", "#1f4e9e", "#1b6e3a", "#8a4b00", "#6a1b9a", "#00695c",
];

/// The 2x2 for one diagnosis.
pub fn diagnosis(framework: &Framework, d: &Diagnosis) -> String {
    let label = d
        .initiative
        .unwrap_or(&framework.words.report.this_initiative);
    let title = format!("{label}: {}", d.position.playbook.name);
    chart(
        framework,
        &[Plot {
            label,
            point: d.position.chart,
            labelled: true,
        }],
        Some(d.position.quadrant),
        d.position.borderline,
        &title,
    )
}

/// The 2x2 with every playbook's name, both questions, the thresholds, the
/// borderline bands that apply, and a point per plot. `highlight` marks the
/// diagnosed quadrant.
pub fn chart(
    framework: &Framework,
    plots: &[Plot],
    highlight: Option<Quadrant>,
    borderline: Borderline,
    title: &str,
) -> String {
    let mut out = String::new();
    let x = |u: f64| LEFT + u * (RIGHT - LEFT);
    let y = |u: f64| BOTTOM - u * (BOTTOM - TOP);
    let (mid_x, mid_y) = (x(0.5), y(0.5));
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif">"#
    );
    let _ = writeln!(out, r#"<title id="chart-title">{}</title>"#, xml(title));
    let _ = writeln!(
        out,
        r##"<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>"##
    );

    for (i, quadrant) in Quadrant::ALL.iter().enumerate() {
        let (qx, qy) = corner(*quadrant);
        let (w, h) = (mid_x - LEFT, mid_y - TOP);
        let chosen = highlight == Some(*quadrant);
        let fill = if chosen { STRONG_FILLS[i] } else { FILLS[i] };
        let _ = writeln!(
            out,
            r#"<rect class="quadrant" data-quadrant="{}-{}" x="{qx}" y="{qy}" width="{w}" height="{h}" fill="{fill}"/>"#,
            quadrant.horizon.id(),
            quadrant.knowledge.id()
        );
    }

    let bands: ChartBands = chart_bands(framework);
    if borderline.horizon {
        let (from, to) = (x(bands.horizon.0), x(bands.horizon.1));
        let _ = writeln!(
            out,
            r##"<rect class="band" x="{from:.1}" y="{TOP}" width="{:.1}" height="{}" fill="#f4a233" fill-opacity="0.28"/>"##,
            to - from,
            BOTTOM - TOP
        );
    }
    if borderline.knowledge {
        let (from, to) = (y(bands.knowledge.1), y(bands.knowledge.0));
        let _ = writeln!(
            out,
            r##"<rect class="band" x="{LEFT}" y="{from:.1}" width="{}" height="{:.1}" fill="#f4a233" fill-opacity="0.28"/>"##,
            RIGHT - LEFT,
            to - from
        );
    }
    // Names go over the bands, so a shaded band never dims them.
    for quadrant in Quadrant::ALL {
        let (qx, qy) = corner(quadrant);
        let name = xml(&framework.playbook_for(quadrant).name);
        let weight = if highlight == Some(quadrant) {
            "800"
        } else {
            "600"
        };
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" font-size="28" font-weight="{weight}" fill="#1d1d1f">{name}</text>"##,
            qx + 18.0,
            qy + 42.0
        );
    }
    let _ = writeln!(
        out,
        r##"<rect x="{LEFT}" y="{TOP}" width="{}" height="{}" fill="none" stroke="#3a3a3c" stroke-width="2"/>"##,
        RIGHT - LEFT,
        BOTTOM - TOP
    );
    let _ = writeln!(
        out,
        r##"<line class="threshold" x1="{mid_x}" y1="{TOP}" x2="{mid_x}" y2="{BOTTOM}" stroke="#3a3a3c" stroke-width="2" stroke-dasharray="8 6"/>"##
    );
    let _ = writeln!(
        out,
        r##"<line class="threshold" x1="{LEFT}" y1="{mid_y}" x2="{RIGHT}" y2="{mid_y}" stroke="#3a3a3c" stroke-width="2" stroke-dasharray="8 6"/>"##
    );

    // The horizon question under the plot, its two sides under each half.
    for (side, centre) in [
        (HorizonSide::Short, (LEFT + mid_x) / 2.0),
        (HorizonSide::Long, (mid_x + RIGHT) / 2.0),
    ] {
        let _ = writeln!(
            out,
            r##"<text x="{centre}" y="{}" font-size="20" font-weight="600" text-anchor="middle" fill="#1d1d1f">{}</text>"##,
            BOTTOM + 32.0,
            xml(framework.horizon_label(side))
        );
    }
    let _ = writeln!(
        out,
        r##"<text x="{}" y="{}" font-size="19" font-style="italic" text-anchor="middle" fill="#3a3a3c">{}</text>"##,
        (LEFT + RIGHT) / 2.0,
        BOTTOM + 70.0,
        xml(&framework.horizon.question)
    );
    // The knowledge question down the left, its two sides beside each half.
    for (side, centre) in [
        (KnowledgeSide::Facts, (TOP + mid_y) / 2.0),
        (KnowledgeSide::Assumptions, (mid_y + BOTTOM) / 2.0),
    ] {
        let _ = writeln!(
            out,
            r##"<text transform="translate({} {centre}) rotate(-90)" font-size="20" font-weight="600" text-anchor="middle" fill="#1d1d1f">{}</text>"##,
            LEFT - 16.0,
            xml(framework.knowledge_label(side))
        );
    }
    let question = textwrap::wrap(&framework.knowledge.question, 60);
    for (i, line) in question.iter().enumerate() {
        let _ = writeln!(
            out,
            r##"<text transform="translate({} {}) rotate(-90)" font-size="17" font-style="italic" text-anchor="middle" fill="#3a3a3c">{}</text>"##,
            30.0 + 21.0 * i as f64 - 10.0 * (question.len() as f64 - 1.0),
            (TOP + BOTTOM) / 2.0,
            xml(line)
        );
    }

    for (i, plot) in plots.iter().enumerate() {
        let (px, py) = (x(plot.point.x), y(plot.point.y));
        let colour = if plot.labelled {
            POINT_COLOURS[i % POINT_COLOURS.len()]
        } else {
            POINT_COLOURS[0]
        };
        // The label goes to the side with more room, cut to fit the plot.
        let (room_right, room_left) = (RIGHT - px - 24.0, px - LEFT - 24.0);
        let (label_x, anchor, room) = if room_right >= room_left {
            (px + 18.0, "start", room_right)
        } else {
            (px - 18.0, "end", room_left)
        };
        let label = fit_label(plot.label, room);
        let _ = writeln!(
            out,
            r##"<circle class="point" cx="{px:.1}" cy="{py:.1}" r="12" fill="{colour}" stroke="#ffffff" stroke-width="3"><title>{}</title></circle>"##,
            xml(plot.label)
        );
        if !plot.labelled {
            continue;
        }
        let _ = writeln!(
            out,
            r##"<text x="{label_x:.1}" y="{:.1}" font-size="20" font-weight="700" text-anchor="{anchor}" fill="{colour}" stroke="#ffffff" stroke-width="5" paint-order="stroke">{}</text>"##,
            py + 7.0,
            xml(&label)
        );
    }
    out.push_str("</svg>\n");
    out
}

/// The top-left corner of a quadrant in the drawing.
fn corner(quadrant: Quadrant) -> (f64, f64) {
    let x = match quadrant.horizon {
        HorizonSide::Short => LEFT,
        HorizonSide::Long => (LEFT + RIGHT) / 2.0,
    };
    let y = match quadrant.knowledge {
        KnowledgeSide::Facts => TOP,
        KnowledgeSide::Assumptions => (TOP + BOTTOM) / 2.0,
    };
    (x, y)
}

/// The label cut with an ellipsis to fit `room` units at the label's size
/// (bold 20-unit type averages under 12 units a character).
fn fit_label(label: &str, room: f64) -> String {
    let fits = (room / 12.0).floor().max(4.0) as usize;
    if label.chars().count() <= fits {
        label.to_string()
    } else {
        let cut: String = label.chars().take(fits - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The 2x2 with every participant, for a workshop.
pub fn workshop(framework: &Framework, report: &WorkshopReport) -> String {
    chart(
        framework,
        &workshop_plots(report),
        Some(report.consensus.quadrant),
        Borderline {
            horizon: false,
            knowledge: false,
        },
        &fill(
            &framework.words.workshop.chart_title,
            &[("initiative", report.initiative)],
        ),
    )
}

/// Every participant's point, for the charts of a workshop report.
fn workshop_plots<'a>(report: &'a WorkshopReport) -> Vec<Plot<'a>> {
    report
        .participants
        .iter()
        .map(|p| Plot {
            label: &p.name,
            point: p.position.chart,
            labelled: true,
        })
        .collect()
}

/// The 2x2 with a point per initiative (up to [`PORTFOLIO_CHART_LIMIT`]).
pub fn portfolio(framework: &Framework, portfolio: &Portfolio) -> String {
    let plots: Vec<Plot> = portfolio
        .rows
        .iter()
        .take(PORTFOLIO_CHART_LIMIT)
        .map(|r| Plot {
            label: &r.initiative,
            point: r.position.chart,
            labelled: portfolio.rows.len() <= 12,
        })
        .collect();
    let words = &framework.words;
    let initiatives = words.count(
        portfolio.rows.len(),
        &words.units.initiatives_one,
        &words.units.initiatives_other,
    );
    let title = fill(
        &words.portfolio.chart_title,
        &[("initiatives", &initiatives)],
    );
    chart(
        framework,
        &plots,
        None,
        Borderline {
            horizon: false,
            knowledge: false,
        },
        &title,
    )
}
