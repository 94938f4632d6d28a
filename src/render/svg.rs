//! The 2x2 as SVG: for slides on its own, and inside the HTML report.
//!
//! A chart must never tell the reader something false, so every label
//! stays inside its own point's quadrant and clear of the titles and of
//! other labels, titles fit their quadrant, and colour carries meaning:
//! points are neutral ink, red only for a mismatch, amber only for a
//! borderline answer.

mod axes;
mod canvas;
mod chart;
mod draw;
mod layout;

use super::phrases::Tone;
use super::renderer::{Renderer, TextStyle};
use super::sanitize::xml;
use crate::diagnosis::{Borderline, Diagnosis, chart_bands};
use crate::framework::{Framework, Quadrant};
use crate::history::HistoryReport;
use crate::portfolio::Portfolio;
use crate::track_record::TrackRecord;
use crate::wording::fill;
use crate::workshop::WorkshopReport;
use canvas::{ALARM, AMBER, AMBER_TEXT, INK, PARTICIPANT_COLOURS};
use chart::{Chart, Key, Mark, Swatch, merge};
use draw::draw;

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

    fn history(&self, framework: &Framework, _: TextStyle, report: &HistoryReport) -> String {
        history(framework, report)
    }
}

/// The most points a portfolio chart draws; past this a chart is a smear.
pub const PORTFOLIO_CHART_LIMIT: usize = 500;

/// The most initiatives a portfolio chart names beside their points; past
/// this it draws small dots and counts instead.
pub const PORTFOLIO_LABEL_LIMIT: usize = 12;

/// The most people a workshop chart names beside their points, each in a
/// colour of its own; past this they are small dots, like a portfolio's.
pub const WORKSHOP_LABEL_LIMIT: usize = 30;

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
    // The simulation's shares, one in each quadrant's corner.
    let shares = d.outlook.as_ref().map(|outlook| {
        legend.push(Key {
            swatch: Swatch::Share,
            text: words.outlook.chart_key.clone(),
        });
        Quadrant::ALL.map(|q| words.share(outlook.share(q)))
    });
    draw(
        framework,
        &Chart {
            title: format!("{label}: {}", d.position.playbook.name),
            highlight: Some(d.position.quadrant),
            bands: borderline,
            marks: vec![mark],
            dense: false,
            counts: shares,
            legend,
            path: Vec::new(),
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
    // A crowd is drawn as a portfolio is: small dots, one key for them all.
    let dense = report.participants.len() > WORKSHOP_LABEL_LIMIT;
    if dense {
        legend.push(Key {
            swatch: Swatch::Dust,
            text: words.workshop.participant.clone(),
        });
    }
    for (i, p) in report.participants.iter().enumerate() {
        let colour = PARTICIPANT_COLOURS[i % PARTICIPANT_COLOURS.len()];
        let mut mark = Mark::new(&p.name, p.position.chart, colour);
        mark.labelled = !dense;
        marks.push(mark);
        if !dense {
            legend.push(Key {
                swatch: Swatch::Dot(colour),
                text: p.name.clone(),
            });
        }
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
            marks: if dense { marks } else { merge(marks) },
            dense,
            counts: None,
            legend,
            path: Vec::new(),
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
            counts: Some(portfolio.counts().map(|n| n.to_string())),
            legend,
            path: Vec::new(),
        },
    )
}

/// A record's history: each version a point numbered in commit order, and
/// a line with arrows from each version to the next. Versions at the same
/// spot are one point, named "1, 2".
pub fn history(framework: &Framework, report: &HistoryReport) -> String {
    let words = &framework.words;
    let versions: Vec<(String, crate::diagnosis::ChartPoint)> = report
        .placed()
        .map(|(number, placed)| (number.to_string(), placed.position.chart))
        .collect();
    let marks = merge(
        versions
            .iter()
            .map(|(name, point)| Mark::new(name, *point, INK))
            .collect(),
    );
    let path = versions
        .iter()
        .filter_map(|(name, _)| marks.iter().position(|m| m.names.contains(name)))
        .collect();
    let latest = report
        .placed()
        .last()
        .map(|(_, placed)| placed.position.quadrant);
    draw(
        framework,
        &Chart {
            title: fill(
                &words.history.chart_title,
                &[("initiative", &report.initiative)],
            ),
            highlight: latest,
            bands: Borderline {
                horizon: false,
                knowledge: false,
            },
            marks,
            dense: false,
            counts: None,
            legend: vec![Key {
                swatch: Swatch::Dot(INK),
                text: words.history.path.clone(),
            }],
            path,
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

/// The reliability diagram of a track record: for each tenth of stated
/// confidence, the share of claims that held, against the diagonal a
/// perfectly calibrated forecaster would follow. A dot's area grows with
/// its number of claims.
pub fn reliability(framework: &Framework, report: &TrackRecord) -> String {
    use std::fmt::Write;
    let cw = &framework.words.calibration;
    let (left, top, size) = (90.0, 20.0, 400.0);
    let x = |share: f64| left + share * size;
    let y = |share: f64| top + (1.0 - share) * size;
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="reliability" width="520" height="500" viewBox="0 0 520 500" role="img" aria-label="{}">
<rect x="{left}" y="{top}" width="{size}" height="{size}" fill="#f5f5f7" stroke="{INK}"/>
<line class="perfect" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{INK}" stroke-dasharray="6 4"/>
"##,
        xml(&cw.diagram),
        x(0.0),
        y(0.0),
        x(1.0),
        y(1.0)
    );
    for tick in [0.0, 0.5, 1.0] {
        let label = xml(&framework.words.percent(tick));
        let _ = writeln!(
            out,
            r##"<text x="{:.1}" y="{:.1}" font-size="14" text-anchor="middle" fill="{INK}">{label}</text>
<text x="{:.1}" y="{:.1}" font-size="14" text-anchor="end" fill="{INK}">{label}</text>"##,
            x(tick),
            top + size + 20.0,
            left - 8.0,
            y(tick) + 5.0
        );
    }
    let most = report
        .overall
        .bins
        .iter()
        .map(|b| b.claims)
        .max()
        .unwrap_or(1) as f64;
    for bin in &report.overall.bins {
        let r = 5.0 + 11.0 * (bin.claims as f64 / most).sqrt();
        let _ = writeln!(
            out,
            r##"<circle class="bin" cx="{:.1}" cy="{:.1}" r="{r:.1}" fill="{ALARM}" fill-opacity="0.75"><title>{}: {} / {}</title></circle>"##,
            x(bin.stated),
            y(bin.held),
            xml(&framework.words.percent(bin.stated)),
            bin.claims,
            xml(&framework.words.percent(bin.held)),
        );
    }
    let _ = write!(
        out,
        r##"<text x="{:.1}" y="{:.1}" font-size="16" text-anchor="middle" fill="{INK}">{}</text>
<text transform="translate(24 {:.1}) rotate(-90)" font-size="16" text-anchor="middle" fill="{INK}">{}</text>
<text x="{:.1}" y="{:.1}" font-size="13" fill="{INK}" font-style="italic">{}</text>
</svg>"##,
        x(0.5),
        top + size + 46.0,
        xml(&cw.diagram_stated),
        y(0.5),
        xml(&cw.diagram_held),
        x(0.04),
        y(0.94),
        xml(&cw.perfect)
    );
    out
}
