//! Markdown for strategy documents: the verdict, a Mermaid quadrant chart,
//! the playbook, what would flip it, warnings, the mismatch and the claims.

use super::phrases::{
    self, borderline_summary, capitalise, claim_reading, knowledge_summary, mismatch_headline,
};
use super::renderer::{Renderer, TextStyle};
use super::sanitize::{markdown as md, mermaid_label};
use crate::diagnosis::{ChartPoint, Diagnosis};
use crate::framework::{Framework, HorizonSide, KnowledgeSide, Playbook, Quadrant};
use crate::portfolio::Portfolio;
use crate::wording::fill;
use crate::workshop::WorkshopReport;
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

    let label = d.initiative.unwrap_or(&rw.this_initiative).to_string();
    quadrant_chart(&mut out, framework, &[(label, d.position.chart)]);

    card(&mut out, framework, d.position.playbook);

    let flips: Vec<String> = d.flips.iter().map(|f| capitalise(&f.change)).collect();
    list(
        &mut out,
        &format!("## {}", md(&rw.what_would_change)),
        &flips,
        false,
    );
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

/// A Mermaid `quadrantChart` with a point per plot. Quadrant 1 is top right,
/// then anticlockwise.
fn quadrant_chart(out: &mut String, framework: &Framework, plots: &[(String, ChartPoint)]) {
    let name = |q: Quadrant| mermaid_label(&framework.playbook_for(q).name);
    let _ = writeln!(out, "```mermaid\nquadrantChart");
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
    let _ = writeln!(out, "    quadrant-1 {}", name(predictable));
    let _ = writeln!(out, "    quadrant-2 {}", name(go));
    let _ = writeln!(out, "    quadrant-3 {}", name(discovery));
    let _ = writeln!(out, "    quadrant-4 {}", name(resilient));
    for (label, point) in plots {
        let _ = writeln!(
            out,
            "    {}: [{:.2}, {:.2}]",
            mermaid_label(label),
            point.x,
            point.y
        );
    }
    let _ = writeln!(out, "```\n");
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
    let plots: Vec<(String, crate::diagnosis::ChartPoint)> = report
        .participants
        .iter()
        .map(|p| (p.name.clone(), p.position.chart))
        .collect();
    quadrant_chart(&mut out, framework, &plots);

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
    let _ = writeln!(out, "## {}\n", md(&ws.contested));
    if report.contested.is_empty() {
        let _ = writeln!(out, "{}\n", md(&ws.none_contested));
    }
    for (i, c) in report.contested.iter().enumerate() {
        let line = phrases::contested_claim(framework, c);
        let who = phrases::contested_by(framework, c)
            .map(|who| format!(" {}", md(&who)))
            .unwrap_or_default();
        let _ = writeln!(out, "{}. {}.{who}", i + 1, md(&line));
    }
    list(
        &mut out,
        &format!("\n## {}", md(&ws.to_discuss)),
        &report.prompts,
        false,
    );
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
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
    let mismatches: Vec<String> = portfolio
        .mismatches()
        .map(|r| phrases::mismatch_line(framework, r))
        .collect();
    out.push('\n');
    let heading = fill(&pw.mismatches, &[("count", &mismatches.len().to_string())]);
    list(
        &mut out,
        &format!("## {}", md(&heading)),
        &mismatches,
        false,
    );
    let shown = portfolio.rows.len().min(MERMAID_LIMIT);
    if shown < portfolio.rows.len() {
        let note = fill(&pw.chart_limit, &[("count", &shown.to_string())]);
        let _ = writeln!(out, "{}\n", md(&note));
    }
    let plots: Vec<(String, ChartPoint)> = portfolio
        .rows
        .iter()
        .take(shown)
        .map(|r| (r.initiative.clone(), r.position.chart))
        .collect();
    quadrant_chart(&mut out, framework, &plots);
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
