//! Markdown for strategy documents: the verdict, a Mermaid quadrant chart,
//! the playbook, what would flip it, warnings, the mismatch and the claims.

use super::metrics::Font;
use super::phrases::Tone;
use super::phrases::{
    self, borderline_summary, capitalise, claim_reading, knowledge_summary, mismatch_headline,
};
use super::renderer::{Renderer, TextStyle};
use super::sanitize::{markdown as md, mermaid_label};
use crate::check::{CheckReport, Outcome};
use crate::diagnosis::{ChartPoint, Diagnosis};
use crate::diff::DiffReport;
use crate::framework::{Framework, HorizonSide, KnowledgeSide, Playbook, Quadrant};
use crate::history::HistoryReport;
use crate::portfolio::Portfolio;
use crate::track_record::TrackRecord;
use crate::wording::fill;
use crate::workshop::WorkshopReport;
use std::collections::HashMap;
use std::fmt::Write;

/// Markdown for strategy documents and pull requests.
pub struct Markdown;

impl Renderer for Markdown {
    fn diagnosis(&self, framework: &Framework, _: TextStyle, d: &Diagnosis) -> String {
        diagnosis(framework, d)
    }

    fn workshop(&self, framework: &Framework, _: TextStyle, report: &WorkshopReport) -> String {
        workshop(framework, report)
    }

    fn portfolio(&self, framework: &Framework, _: TextStyle, portfolio: &Portfolio) -> String {
        self::portfolio(framework, portfolio)
    }

    fn calibration(&self, framework: &Framework, _: TextStyle, report: &TrackRecord) -> String {
        calibration(framework, report)
    }

    fn check(&self, framework: &Framework, _: TextStyle, report: &CheckReport) -> String {
        check(framework, report)
    }

    fn diff(&self, framework: &Framework, _: TextStyle, report: &DiffReport) -> String {
        diff(framework, report)
    }

    fn history(&self, framework: &Framework, _: TextStyle, report: &HistoryReport) -> String {
        history(framework, report)
    }

    fn card(&self, framework: &Framework, _: TextStyle, playbook: &Playbook) -> String {
        let mut out = String::new();
        card(&mut out, framework, playbook);
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }
}

/// The diagnosis as a Markdown document.
fn diagnosis(framework: &Framework, d: &Diagnosis) -> String {
    let words = &framework.words;
    let rw = &words.report;
    let mut out = String::new();
    let title = md(d.initiative.unwrap_or(&rw.title));
    let _ = writeln!(out, "# {title}\n");
    let _ = writeln!(
        out,
        "**{}: {}.** {}\n",
        md(&rw.playbook),
        md(&d.position.playbook.name),
        md(&d.position.playbook.summary)
    );

    let _ = writeln!(
        out,
        "| {} | {} | {} |\n|---|---|---|",
        md(&rw.question),
        md(&rw.answer),
        md(&rw.side)
    );
    let _ = writeln!(
        out,
        "| {} | {} | {} |",
        md(&framework.horizon.question),
        md(&phrases::horizon_given(framework, d)),
        md(framework.horizon_label(d.position.quadrant.horizon))
    );
    let _ = writeln!(
        out,
        "| {} | {} | {} |\n",
        md(&framework.knowledge.question),
        md(&knowledge_summary(framework, d)),
        md(framework.knowledge_label(d.position.quadrant.knowledge))
    );
    let _ = writeln!(
        out,
        "{}: {}.\n",
        md(&rw.borderline),
        md(&borderline_summary(framework, d))
    );

    let look = match Tone::of(d) {
        Tone::Alarm => Look::Alarm,
        Tone::Borderline => Look::Borderline,
        Tone::Fits | Tone::Plain => Look::Plain,
    };
    let plot = Plot {
        label: d.initiative.unwrap_or(&rw.this_initiative).to_string(),
        point: d.position.chart,
        look,
    };
    quadrant_chart(&mut out, framework, vec![plot]);

    card(&mut out, framework, d.position.playbook);

    let flips: Vec<String> = d.flips.iter().map(|f| capitalise(&f.change)).collect();
    list(
        &mut out,
        &format!("## {}", md(&rw.what_would_change)),
        &flips,
        false,
    );
    if let Some(outlook) = phrases::outlook(framework, d) {
        let words = &framework.words.outlook;
        let mut lines = outlook.shares.clone();
        lines.extend(outlook.misfit.clone());
        list(
            &mut out,
            &format!("## {}", md(&words.heading)),
            &lines,
            false,
        );
        let _ = writeln!(out, "{}\n", md(&outlook.basis));
        if !outlook.tests.is_empty() {
            let tests: Vec<String> = outlook
                .tests
                .iter()
                .map(|(line, planned)| match planned {
                    Some(planned) => format!("{line}. {planned}"),
                    None => line.clone(),
                })
                .collect();
            list(
                &mut out,
                &format!("## {}", md(&words.test_first)),
                &tests,
                true,
            );
            let _ = writeln!(out, "{}\n", md(&outlook.how));
        }
    }
    if !d.warnings.is_empty() {
        let warnings: Vec<String> = d.warnings.iter().map(|w| w.message.clone()).collect();
        list(
            &mut out,
            &format!("## {}", md(&rw.warnings)),
            &warnings,
            false,
        );
    }
    if let Some(current) = &d.current {
        let _ = writeln!(out, "## {}\n", md(&rw.playbook_today));
        let headline = md(&mismatch_headline(framework, current));
        match &current.cost {
            None => {
                let _ = writeln!(out, "{headline}\n");
            }
            Some(cost) => {
                let _ = writeln!(
                    out,
                    "**{headline}** {}\n\n{}\n",
                    md(&cost.explanation),
                    md(&cost.consequence)
                );
            }
        }
    }
    claims(&mut out, framework, d);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// How a point on a Mermaid chart is drawn: colour carries meaning, as in
/// the SVG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Look {
    /// Neutral ink.
    Plain,
    /// A declared playbook that does not fit: red.
    Alarm,
    /// Close to a threshold: amber.
    Borderline,
    /// One of a portfolio's mismatches: a red ring.
    Mismatch,
    /// A workshop's consensus: larger.
    Consensus,
    /// A borderline consensus: larger and amber.
    ConsensusBorderline,
}

impl Look {
    /// The class name and its `classDef` styles. The names are not words
    /// a reader of another language would trip over.
    fn class(self, small: bool) -> (&'static str, String) {
        let r = if small { 4 } else { 7 };
        match self {
            Look::Plain => ("plain", format!("color: #1d1d1f, radius: {r}")),
            Look::Alarm => ("alarm", format!("color: #b3261e, radius: {}", r + 2)),
            Look::Borderline => ("amber", format!("color: #c26a00, radius: {}", r + 2)),
            Look::Mismatch => (
                "ring",
                format!(
                    "color: #ffffff, radius: {}, stroke-color: #b3261e, stroke-width: 3px",
                    r + 1
                ),
            ),
            Look::Consensus => (
                "centre",
                "color: #1d1d1f, radius: 11, stroke-color: #ffffff, stroke-width: 3px".into(),
            ),
            Look::ConsensusBorderline => (
                "centreAmber",
                "color: #c26a00, radius: 11, stroke-color: #ffffff, stroke-width: 3px".into(),
            ),
        }
    }
}

/// A point to plot on a Mermaid chart.
struct Plot {
    label: String,
    point: ChartPoint,
    look: Look,
}

/// Past this many points a Mermaid chart names none of them: more labels
/// than this overlap into an unreadable soup.
const MERMAID_LABEL_LIMIT: usize = 10;

/// The Mermaid chart's size, and roughly the width of its plot.
const MERMAID_WIDTH: f64 = 640.0;
const MERMAID_HEIGHT: f64 = 560.0;
const MERMAID_PLOT: f64 = MERMAID_WIDTH - 40.0;
/// Mermaid's point labels are 12 px, centred under the point.
const MERMAID_LABEL: Font = Font::regular(12.0);

/// A Mermaid `quadrantChart` with a point per plot; points at the same spot
/// become one, named "Ana, Fay". Quadrant 1 is top right, then
/// anticlockwise. Mermaid draws each quadrant's title at its top and each
/// label centred under its point, so points keep clear of the titles and
/// labelled points stay far enough in for their labels to fit the frame,
/// always inside their own quadrant.
fn quadrant_chart(out: &mut String, framework: &Framework, plots: Vec<Plot>) {
    let mut merged: Vec<Plot> = Vec::new();
    let mut at: HashMap<(u64, u64, Look), usize> = HashMap::new();
    for plot in &plots {
        let spot = (plot.point.x.to_bits(), plot.point.y.to_bits(), plot.look);
        match at.get(&spot) {
            Some(&i) => {
                merged[i].label.push_str(", ");
                merged[i].label.push_str(&plot.label);
            }
            None => {
                at.insert(spot, merged.len());
                merged.push(Plot {
                    label: plot.label.clone(),
                    ..*plot
                });
            }
        }
    }
    // Unnamed dots stay one per plot, so the chart still counts them all.
    let labelled = merged.len() <= MERMAID_LABEL_LIMIT;
    let merged = if labelled { merged } else { plots };
    let name = |q: Quadrant| framework.playbook_for(q).name.as_str();
    // The largest title size at which every quadrant's name fits its half.
    let title_size = (10..=16)
        .rev()
        .map(f64::from)
        .find(|&size| {
            Quadrant::ALL
                .iter()
                .all(|&q| Font::regular(size).width(name(q)) <= MERMAID_PLOT / 2.0 - 16.0)
        })
        .unwrap_or(10.0);
    let _ = writeln!(
        out,
        "```mermaid\n---\nconfig:\n  quadrantChart:\n    chartWidth: {MERMAID_WIDTH}\n    chartHeight: {MERMAID_HEIGHT}\n    quadrantLabelFontSize: {title_size}\n    pointLabelFontSize: {}\n---\nquadrantChart",
        MERMAID_LABEL.size
    );
    let _ = writeln!(
        out,
        "    x-axis {} --> {}",
        mermaid_label(framework.horizon_label(HorizonSide::Short)),
        mermaid_label(framework.horizon_label(HorizonSide::Long))
    );
    let _ = writeln!(
        out,
        "    y-axis {} --> {}",
        mermaid_label(framework.knowledge_label(KnowledgeSide::Assumptions)),
        mermaid_label(framework.knowledge_label(KnowledgeSide::Facts))
    );
    let [go, predictable, discovery, resilient] = Quadrant::ALL;
    let _ = writeln!(out, "    quadrant-1 {}", mermaid_label(name(predictable)));
    let _ = writeln!(out, "    quadrant-2 {}", mermaid_label(name(go)));
    let _ = writeln!(out, "    quadrant-3 {}", mermaid_label(name(discovery)));
    let _ = writeln!(out, "    quadrant-4 {}", mermaid_label(name(resilient)));
    let mut looks: Vec<Look> = merged.iter().map(|p| p.look).collect();
    looks.sort_by_key(|l| *l as u8);
    looks.dedup();
    for look in &looks {
        let (class, style) = look.class(!labelled);
        let _ = writeln!(out, "    classDef {class} {style}");
    }
    // Labels already placed, as (left, right, top, bottom) in chart units
    // (y upwards), to keep the next ones clear of them.
    let mut taken: Vec<[f64; 4]> = Vec::new();
    for plot in &merged {
        let (label, x) = if labelled {
            placed_label(&plot.label, plot.point.x)
        } else {
            (" ".to_string(), plot.point.x)
        };
        // Clear of the titles at the top of each quadrant.
        let (low, high) = if plot.point.y > 0.5 {
            (0.54, 0.9)
        } else {
            (0.04, 0.42)
        };
        let mut y = plot.point.y.clamp(low, high);
        if labelled {
            y = clear_label(&label, x, y, (low, high), &mut taken);
        }
        let label = match mermaid_label(&label).as_str() {
            "\"\"" => "\" \"".to_string(),
            quoted => quoted.to_string(),
        };
        let _ = writeln!(
            out,
            "    {label}:::{}: [{x:.2}, {y:.2}]",
            plot.look.class(!labelled).0
        );
    }
    let _ = writeln!(out, "```\n");
}

/// Mermaid writes each label under its point and cannot move it, so a
/// point whose label would cover an earlier one moves up or down a little
/// within its own quadrant, to the nearest height where the label is clear.
fn clear_label(
    label: &str,
    x: f64,
    y: f64,
    (low, high): (f64, f64),
    taken: &mut Vec<[f64; 4]>,
) -> f64 {
    let plot_height = MERMAID_HEIGHT - 40.0;
    let half = MERMAID_LABEL.width(label) / 2.0 / MERMAID_PLOT;
    // The label's box: from just under the point to a line of text below.
    let boxed = |y: f64| {
        [
            x - half,
            x + half,
            y - 4.0 / plot_height,
            y - 26.0 / plot_height,
        ]
    };
    let clear = |b: [f64; 4]| {
        taken
            .iter()
            .all(|t| b[0] >= t[1] || t[0] >= b[1] || b[2] <= t[3] || t[2] <= b[3])
    };
    let step = 24.0 / plot_height;
    let chosen = (0..24)
        .map(|k| {
            let offset = f64::from((k + 1) / 2) * step;
            if k % 2 == 0 { y - offset } else { y + offset }
        })
        .find(|&y| (low..=high).contains(&y) && clear(boxed(y)))
        .unwrap_or(y);
    taken.push(boxed(chosen));
    chosen
}

/// A label cut to fit its half of the chart, and the point's x moved, within
/// that half, until the label centred under it stays there too.
fn placed_label(label: &str, x: f64) -> (String, f64) {
    let half = MERMAID_PLOT / 2.0;
    let label = MERMAID_LABEL
        .cut(label, half - 16.0)
        .unwrap_or_else(|| label.to_string());
    let margin = ((MERMAID_LABEL.width(&label) / 2.0 + 6.0) / MERMAID_PLOT).min(0.25);
    let x = if x > 0.5 {
        x.clamp(0.5 + margin, 1.0 - margin)
    } else {
        x.clamp(margin, 0.5 - margin)
    };
    (label, x)
}

fn claims(out: &mut String, framework: &Framework, d: &Diagnosis) {
    let rw = &framework.words.report;
    let _ = writeln!(
        out,
        "## {}\n\n| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
        md(&rw.claims),
        md(&rw.claim),
        md(&rw.held_as),
        md(&rw.evidence),
        md(&rw.weight),
        md(&rw.scored_as)
    );
    for c in &d.claims {
        let [held, evidence, scored] = claim_reading(framework, c);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&c.claim.text),
            md(&held),
            md(&evidence),
            c.claim.weight,
            md(&scored)
        );
    }
    out.push('\n');
}

fn list(out: &mut String, heading: &str, items: &[String], numbered: bool) {
    let _ = writeln!(out, "{heading}\n");
    for (i, item) in items.iter().enumerate() {
        if numbered {
            let _ = writeln!(out, "{}. {}", i + 1, md(item));
        } else {
            let _ = writeln!(out, "- {}", md(item));
        }
    }
    out.push('\n');
}

/// A workshop report as Markdown, with every participant on the chart.
fn workshop(framework: &Framework, report: &WorkshopReport) -> String {
    let words = &framework.words;
    let ws = &words.workshop;
    let mut out = String::new();
    let title = phrases::workshop_title(framework, report);
    let _ = writeln!(out, "# {}\n", md(&title));
    let verdict = phrases::workshop_verdict(framework, report);
    let _ = writeln!(
        out,
        "**{}** {}\n",
        md(&verdict),
        md(report.alignment.meaning(framework))
    );
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        md(&ws.participant),
        md(&ws.payoff_in),
        md(&ws.share_of_facts),
        md(&words.report.playbook)
    );
    for p in &report.participants {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md(&p.name),
            md(&words.months(p.position.months)),
            md(&words.percent(p.position.score)),
            md(&p.position.playbook.name)
        );
    }
    let c = &report.consensus;
    let _ = writeln!(
        out,
        "| **{}** | {} | {} | **{}** |\n",
        md(&ws.consensus_medians),
        md(&words.months(c.months)),
        md(&words.percent(c.score)),
        md(&c.playbook.name)
    );
    let borderline = c.borderline.any();
    let mut plots = vec![Plot {
        label: if borderline {
            ws.consensus_borderline.clone()
        } else {
            ws.consensus.clone()
        },
        point: c.chart,
        look: if borderline {
            Look::ConsensusBorderline
        } else {
            Look::Consensus
        },
    }];
    plots.extend(report.participants.iter().map(|p| Plot {
        label: p.name.clone(),
        point: p.position.chart,
        look: Look::Plain,
    }));
    quadrant_chart(&mut out, framework, plots);

    let _ = writeln!(out, "## {}\n", md(&ws.how_split));
    for (id, count) in &report.split {
        let name = framework
            .find_playbook(id)
            .map(|p| md(&p.name))
            .unwrap_or_default();
        let _ = writeln!(out, "- {name}: {count}");
    }
    let spread = phrases::horizon_spread(framework, report);
    let _ = writeln!(out, "\n{}\n", md(&spread));
    if let Some(convergence) = &report.convergence {
        let dw = &words.discussion;
        list(
            &mut out,
            &format!("## {}", md(&dw.convergence)),
            &phrases::convergence(framework, convergence),
            false,
        );
        let _ = writeln!(
            out,
            "| {} | {} | {} |\n|---|---|---|",
            md(&dw.agreement),
            md(&dw.round_one),
            md(&dw.round_two)
        );
        for row in phrases::agreement_rows(framework, convergence) {
            let _ = writeln!(out, "| {} |", row.map(|cell| md(&cell)).join(" | "));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", md(&ws.contested));
    if report.contested.is_empty() {
        let _ = writeln!(out, "{}\n", md(&ws.none_contested));
    }
    grid(&mut out, framework, report);
    for c in &report.contested {
        let reasons = phrases::reasons(framework, c);
        if !reasons.is_empty() || c.sure != (None, None) {
            list(
                &mut out,
                &format!("**{}**", md(&phrases::contested_claim(framework, c))),
                &reasons,
                false,
            );
        }
    }
    list(
        &mut out,
        &format!("## {}", md(&ws.to_discuss)),
        &report.prompts,
        false,
    );
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Who holds each claim as a fact: a row per claim, a column per person,
/// the contested claims first, then those everyone reads alike.
fn grid(out: &mut String, framework: &Framework, report: &WorkshopReport) {
    let words = &framework.words;
    let people: Vec<String> = report.participants.iter().map(|p| md(&p.name)).collect();
    let _ = writeln!(
        out,
        "### {}\n\n| {} | {} |\n|---|{}",
        md(&words.workshop.grid),
        md(&words.report.claim),
        people.join(" | "),
        "---|".repeat(people.len())
    );
    let (fact, assumption) = (
        format!("**{}**", md(&words.report.fact)),
        md(&words.report.assumption),
    );
    let mut agreed_heading = false;
    for row in &report.grid {
        if !row.contested() && !agreed_heading {
            agreed_heading = true;
            let _ = writeln!(
                out,
                "| *{}* |{}",
                md(&words.workshop.agreed),
                " |".repeat(people.len())
            );
        }
        let cells: Vec<&str> = row
            .held
            .iter()
            .map(|&held| if held { &fact } else { &assumption }.as_str())
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} |",
            md(&phrases::grid_claim(framework, row)),
            cells.join(" | ")
        );
    }
    out.push('\n');
}

/// A portfolio as Markdown: counts, mismatches, the chart and the table.
fn portfolio(framework: &Framework, portfolio: &Portfolio) -> String {
    let words = &framework.words;
    let pw = &words.portfolio;
    let mut out = String::new();
    let initiatives = |n: usize| {
        words.count(
            n,
            &words.units.initiatives_one,
            &words.units.initiatives_other,
        )
    };
    let title = fill(
        &pw.title,
        &[("initiatives", &initiatives(portfolio.rows.len()))],
    );
    let _ = writeln!(out, "# {}\n", md(&title));
    let _ = writeln!(
        out,
        "| {} | {} |\n|---|---|",
        md(&pw.playbook),
        md(&pw.initiatives)
    );
    for (playbook, count) in framework.playbooks.iter().zip(portfolio.counts()) {
        let _ = writeln!(out, "| {} | {count} |", md(&playbook.name));
    }
    out.push('\n');
    let shown = portfolio.rows.len().min(MERMAID_LIMIT);
    if shown < portfolio.rows.len() {
        let note = fill(&pw.chart_limit, &[("count", &shown.to_string())]);
        let _ = writeln!(out, "{}\n", md(&note));
    }
    let plots: Vec<Plot> = portfolio
        .rows
        .iter()
        .take(shown)
        .map(|r| Plot {
            label: r.initiative.clone(),
            point: r.position.chart,
            look: if r.mismatch() {
                Look::Mismatch
            } else {
                Look::Plain
            },
        })
        .collect();
    quadrant_chart(&mut out, framework, plots);
    let mismatches: Vec<String> = portfolio
        .mismatches()
        .map(|r| phrases::mismatch_line(framework, r))
        .collect();
    let heading = fill(&pw.mismatches, &[("count", &mismatches.len().to_string())]);
    let _ = writeln!(out, "## {}\n", md(&heading));
    if mismatches.is_empty() {
        let _ = writeln!(out, "{}\n", md(&pw.no_mismatches));
    } else if mismatches.len() > phrases::MISMATCH_LIST_LIMIT {
        let _ = writeln!(
            out,
            "### {}\n\n| {} | {} | {} |\n|---|---|---|",
            md(&pw.mismatch_summary),
            md(&pw.declared),
            md(&pw.playbook),
            md(&pw.initiatives)
        );
        for (declared, diagnosed, count) in phrases::mismatch_pairs(portfolio) {
            let _ = writeln!(out, "| {} | {} | {count} |", md(declared), md(diagnosed));
        }
        out.push('\n');
    }
    for line in &mismatches {
        let _ = writeln!(out, "- {}", md(line));
    }
    if !mismatches.is_empty() {
        out.push('\n');
    }
    if let Some((heading, moved)) = phrases::portfolio_since(framework, portfolio) {
        let _ = writeln!(out, "## {}\n", md(&heading));
        if moved.is_empty() {
            let _ = writeln!(out, "{}\n", md(&pw.none_moved));
        }
        for line in &moved {
            let _ = writeln!(out, "- {}", md(line));
        }
        if !moved.is_empty() {
            out.push('\n');
        }
    }
    let headings = phrases::portfolio_headings(framework).map(md).join(" | ");
    let _ = writeln!(
        out,
        "## {}\n\n| {headings} |\n|---|---|---|---|---|---|---|",
        md(&pw.initiatives)
    );
    for r in portfolio.sorted() {
        let cells = phrases::portfolio_cells(framework, r).map(|cell| md(&cell));
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

/// The most points a Mermaid chart gets: more would not render legibly.
const MERMAID_LIMIT: usize = 100;

fn card(out: &mut String, framework: &Framework, p: &Playbook) {
    let cw = &framework.words.card;
    let _ = writeln!(out, "## {}\n", md(&p.name));
    let _ = writeln!(out, "{}\n", md(&p.diagnosis));
    let _ = writeln!(
        out,
        "**{}.** {}\n",
        md(&cw.guiding_policy),
        md(&p.guiding_policy)
    );
    list(out, &format!("### {}", md(&cw.moves)), &p.moves, true);
    list(out, &format!("### {}", md(&cw.avoid)), &p.avoid, false);
    list(
        out,
        &format!("### {}", md(&cw.diagnose_again)),
        &p.warning_signs,
        false,
    );
    list(
        out,
        &format!("### {}", md(&cw.questions)),
        &p.questions,
        false,
    );
    let _ = writeln!(
        out,
        "### {}: {}\n\n{}\n",
        md(&cw.bias),
        md(&p.bias.name),
        md(&p.bias.watch_for)
    );
    let _ = writeln!(
        out,
        "### {}\n\n{}\n\n{}\n",
        md(&cw.misfit),
        md(&p.misfit.knowledge),
        md(&p.misfit.horizon)
    );
    let case = &p.case;
    let _ = writeln!(
        out,
        "### {}: {}\n\n**{}**\n\n{}\n",
        md(&cw.case),
        md(&case.organisation),
        md(&case.headline),
        md(&case.story)
    );
    for figure in &case.figures {
        let _ = writeln!(out, "- {}", md(figure));
    }
    let _ = writeln!(out, "\n{}\n", md(&case.lesson));
}

/// A Markdown table: a header row and the rows below it, every cell escaped.
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let cells = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    let _ = writeln!(out, "{}", cells(header.iter().map(|h| md(h)).collect()));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for row in rows {
        let _ = writeln!(out, "{}", cells(row.iter().map(|c| md(c)).collect()));
    }
    out.push('\n');
}

/// A track record as Markdown: the score, the tables and the hit rates.
fn calibration(framework: &Framework, report: &TrackRecord) -> String {
    let cw = &framework.words.calibration;
    let words = phrases::track_record(framework, report);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n\n{}\n", md(&cw.title), md(&words.summary));
    let _ = writeln!(out, "**{}** {}\n", md(&words.brier), md(&cw.brier_meaning));
    if !words.bins.is_empty() {
        let _ = writeln!(out, "## {}\n", md(&cw.table));
        let rows: Vec<Vec<String>> = words.bins.iter().map(|r| r.to_vec()).collect();
        table(&mut out, &[&cw.stated, &cw.claims, &cw.held], &rows);
    }
    for (heading, rows) in &words.groups {
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {}\n", md(heading));
        let rows: Vec<Vec<String>> = rows.iter().map(|r| r.to_vec()).collect();
        table(
            &mut out,
            &[&cw.group, &cw.claims, &cw.held, &cw.score],
            &rows,
        );
    }
    for (heading, lines) in [
        (&cw.evidence_heading, &words.evidence),
        (&cw.hit_rates, &words.hit_rates),
    ] {
        if !lines.is_empty() {
            list(&mut out, &format!("## {}", md(heading)), lines, false);
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// `check`'s results as a Markdown table, one row per finding (and one for
/// each record that passes), under the summary: what a CI job writes to its
/// step summary.
fn check(framework: &Framework, report: &CheckReport) -> String {
    let words = &framework.words.check;
    let mut out = format!("## {}\n\n", md(&words.heading));
    let _ = writeln!(out, "{}\n", md(&report.summary(framework)));
    let _ = writeln!(
        out,
        "| | {} | {} | {} |\n|---|---|---|---|",
        md(&words.record),
        md(&words.playbook),
        md(&words.finding)
    );
    let mut row = |status: &str, at: String, playbook: &str, text: &str| {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md(status),
            md(&at),
            md(playbook),
            md(text)
        );
    };
    for file in &report.files {
        match &file.outcome {
            Outcome::Invalid(problems) => {
                for problem in &problems.0 {
                    let at = match problem.place {
                        Some((line, column)) => format!("{}:{line}:{column}", problem.path),
                        None => problem.path.clone(),
                    };
                    row(&words.invalid, at, "", &problem.message);
                }
            }
            Outcome::Checked {
                diagnosis,
                findings,
            } => {
                let playbook = &diagnosis.position.playbook.name;
                if let Some(fits) = phrases::check_fits(framework, diagnosis, findings) {
                    row(&words.pass, file.path.to_string(), playbook, &fits);
                }
                for finding in findings {
                    let status = if finding.fails {
                        &words.fail
                    } else {
                        &words.note
                    };
                    let at = match finding.place {
                        Some((line, _)) => format!("{}:{line}", file.path),
                        None => file.path.to_string(),
                    };
                    row(status, at, playbook, &finding.message);
                }
            }
        }
    }
    out
}

/// How records changed, ready to post as a pull-request comment: a heading,
/// one bullet per record with its details under it, and the counts.
fn diff(framework: &Framework, report: &DiffReport) -> String {
    let mut out = format!("## {}\n\n", md(&phrases::diff_title(framework, report)));
    if report.changes.is_empty() {
        let _ = writeln!(out, "{}\n", md(&framework.words.diff.nothing));
    }
    for change in &report.changes {
        let (headline, details) = phrases::diff_change(framework, change);
        let _ = writeln!(out, "- **{}**", md(&headline));
        for detail in details {
            let _ = writeln!(out, "  - {}", md(&detail));
        }
    }
    if !report.changes.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "{}", md(&phrases::diff_summary(framework, report)));
    out
}

/// A record's history: a table of its versions, and the 2x2 with each
/// version a point numbered in commit order.
fn history(framework: &Framework, report: &HistoryReport) -> String {
    let mut out = format!("# {}\n\n", md(&phrases::history_title(framework, report)));
    let headings = phrases::history_headings(framework).map(|h| md(&h));
    let _ = writeln!(out, "| {} |", headings.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(headings.len()));
    for (i, step) in report.steps.iter().enumerate() {
        let cells = phrases::history_cells(framework, i + 1, step).map(|c| md(&c));
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
    let plots = report
        .placed()
        .map(|(number, placed)| Plot {
            label: number.to_string(),
            point: placed.position.chart,
            look: Look::Plain,
        })
        .collect();
    quadrant_chart(&mut out, framework, plots);
    out
}
