//! Markdown for strategy documents: the verdict, a Mermaid quadrant chart,
//! the playbook, what would flip it, warnings, the mismatch and the claims.

use super::sanitize::{markdown as md, mermaid_label};
use super::{borderline_summary, capitalise, knowledge_summary};
use crate::diagnosis::{ChartPoint, Diagnosis, Reading, months_text};
use crate::framework::{Framework, HorizonSide, KnowledgeSide, Playbook, Quadrant};
use crate::portfolio::Portfolio;
use crate::workshop;
use std::fmt::Write;

/// Renders the diagnosis as a Markdown document.
pub fn render(framework: &Framework, d: &Diagnosis) -> String {
    let mut out = String::new();
    let title = d
        .initiative
        .map(md)
        .unwrap_or_else(|| "Diagnosis".to_string());
    let _ = writeln!(out, "# {title}\n");
    let _ = writeln!(
        out,
        "**Playbook: {}.** {}\n",
        md(&d.playbook.name),
        md(&d.playbook.summary)
    );

    let _ = writeln!(out, "| Question | Answer | Side |\n|---|---|---|");
    let _ = writeln!(
        out,
        "| {} | {} ({}) | {} |",
        md(&framework.horizon.question),
        md(d.horizon.as_str()),
        months_text(d.horizon.in_months()),
        md(framework.horizon_label(d.horizon_side))
    );
    let _ = writeln!(
        out,
        "| {} | {} | {} |\n",
        md(&framework.knowledge.question),
        knowledge_summary(d),
        md(framework.knowledge_label(d.knowledge.side))
    );
    let _ = writeln!(out, "Borderline: {}.\n", borderline_summary(framework, d));

    chart(&mut out, framework, d);

    card(&mut out, d.playbook);

    let flips: Vec<String> = d.flips.iter().map(|f| capitalise(&f.change)).collect();
    list(
        &mut out,
        "## What would change the diagnosis",
        &flips,
        false,
    );
    if !d.warnings.is_empty() {
        let warnings: Vec<String> = d.warnings.iter().map(|w| w.message.clone()).collect();
        list(&mut out, "## Warnings", &warnings, false);
    }
    if let Some(current) = &d.current {
        let _ = writeln!(out, "## The playbook you run today\n");
        match &current.cost {
            None => {
                let _ = writeln!(
                    out,
                    "{}: it fits the diagnosis.\n",
                    md(&current.playbook.name)
                );
            }
            Some(cost) => {
                let _ = writeln!(
                    out,
                    "**{} does not fit: {}.** {}\n\n{}\n",
                    md(&current.playbook.name),
                    cost.kind.name(),
                    md(&cost.explanation),
                    md(&current.playbook.misfit)
                );
            }
        }
    }
    claims(&mut out, d);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A Mermaid `quadrantChart` of the one diagnosis.
fn chart(out: &mut String, framework: &Framework, d: &Diagnosis) {
    let label = d.initiative.unwrap_or("This initiative").to_string();
    quadrant_chart(out, framework, &[(label, d.chart)]);
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

fn claims(out: &mut String, d: &Diagnosis) {
    let _ = writeln!(
        out,
        "## Claims\n\n| Claim | Held as | Evidence | Weight | Scored as |\n|---|---|---|---|---|"
    );
    for c in &d.claims {
        let (held, scored) = match c.reading {
            Reading::Fact(_) => ("fact", "fact".to_string()),
            Reading::UnrecordedFact => ("fact", "fact (no evidence recorded)".to_string()),
            Reading::Downgraded(kind) => (
                "fact",
                format!("assumption: {} evidence does not count", md(&kind.id)),
            ),
            Reading::Assumption => ("assumption", "assumption".to_string()),
        };
        let _ = writeln!(
            out,
            "| {} | {held} | {} | {} | {scored} |",
            md(&c.claim.text),
            c.claim
                .evidence
                .as_deref()
                .map(md)
                .unwrap_or_else(|| "none".into()),
            c.claim.weight
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
pub fn render_workshop(framework: &Framework, report: &workshop::Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: workshop of {}\n",
        md(report.initiative),
        report.placements.len()
    );
    let _ = writeln!(
        out,
        "**Verdict: {}.** {}.\n",
        capitalise(report.verdict.name()),
        capitalise(report.verdict.meaning())
    );
    let _ = writeln!(
        out,
        "| Participant | Payoff in | Share of facts | Playbook |\n|---|---|---|---|"
    );
    for p in &report.placements {
        let _ = writeln!(
            out,
            "| {} | {} | {:.0}% | {} |",
            md(&p.name),
            months_text(p.horizon_months),
            p.knowledge_score * 100.0,
            md(&p.playbook.name)
        );
    }
    let c = &report.consensus;
    let _ = writeln!(
        out,
        "| **Consensus** (medians) | {} | {:.0}% | **{}** |\n",
        months_text(c.horizon_months),
        c.knowledge_score * 100.0,
        md(&c.playbook.name)
    );
    let plots: Vec<(String, crate::diagnosis::ChartPoint)> = report
        .placements
        .iter()
        .map(|p| (p.name.clone(), p.point))
        .collect();
    quadrant_chart(&mut out, framework, &plots);

    let _ = writeln!(out, "## How the group splits\n");
    for (id, count) in &report.split {
        let name = framework
            .find_playbook(id)
            .map(|p| md(&p.name))
            .unwrap_or_default();
        let _ = writeln!(out, "- {name}: {count}");
    }
    let (shortest, longest) = report.horizon_spread;
    let _ = writeln!(
        out,
        "\nHorizon spread: {} to {}.\n",
        months_text(shortest),
        months_text(longest)
    );
    let _ = writeln!(out, "## Contested claims\n");
    if report.contested.is_empty() {
        let _ = writeln!(out, "None: everyone weighs every claim the same way.\n");
    }
    for (i, c) in report.contested.iter().enumerate() {
        let who = if report.anonymous {
            String::new()
        } else {
            format!(
                " Fact: {}. Assumption: {}.",
                md(&c.fact_votes.join(", ")),
                md(&c.assumption_votes.join(", "))
            )
        };
        let _ = writeln!(
            out,
            "{}. \"{}\" ({}): {} as fact, {} as assumption.{who}",
            i + 1,
            md(c.claim),
            md(c.id),
            c.fact_votes.len(),
            c.assumption_votes.len()
        );
    }
    list(&mut out, "\n## To discuss", &report.prompts, false);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A portfolio as Markdown: counts, mismatches, the chart and the table.
pub fn render_portfolio(framework: &Framework, portfolio: &Portfolio) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Portfolio: {} initiatives\n", portfolio.rows.len());
    let _ = writeln!(out, "| Playbook | Initiatives |\n|---|---|");
    for (playbook, count) in framework.playbooks.iter().zip(portfolio.counts(framework)) {
        let _ = writeln!(out, "| {} | {count} |", md(&playbook.name));
    }
    let id = |i: usize| md(&framework.playbooks[i].id);
    let mismatches: Vec<String> = portfolio
        .mismatches()
        .map(|r| {
            let declared = r.declared.map(id).unwrap_or_default();
            format!(
                "{}: declared {declared}, diagnosed {}",
                r.initiative, framework.playbooks[r.playbook].id
            )
        })
        .collect();
    out.push('\n');
    list(
        &mut out,
        &format!("## Mismatches ({})", mismatches.len()),
        &mismatches,
        false,
    );
    let shown = portfolio.rows.len().min(MERMAID_LIMIT);
    if shown < portfolio.rows.len() {
        let _ = writeln!(out, "The chart shows the first {shown} initiatives.\n");
    }
    let plots: Vec<(String, ChartPoint)> = portfolio
        .rows
        .iter()
        .take(shown)
        .map(|r| (r.initiative.clone(), r.point))
        .collect();
    quadrant_chart(&mut out, framework, &plots);
    let _ = writeln!(
        out,
        "## Initiatives\n\n| Initiative | Horizon | Facts | Playbook | Declared | Mismatch | Borderline |\n|---|---|---|---|---|---|---|"
    );
    for r in portfolio.sorted() {
        let _ = writeln!(
            out,
            "| {} | {} | {:.0}% | {} | {} | {} | {} |",
            md(&r.initiative),
            months_text(r.horizon_months),
            r.knowledge_score * 100.0,
            id(r.playbook),
            r.declared.map(id).unwrap_or_else(|| "-".into()),
            if r.mismatch { "yes" } else { "" },
            if r.borderline { "yes" } else { "" }
        );
    }
    out
}

/// The most points a Mermaid chart gets: more would not render legibly.
const MERMAID_LIMIT: usize = 100;

/// A playbook's whole card as Markdown.
pub fn render_card(playbook: &Playbook) -> String {
    let mut out = String::new();
    card(&mut out, playbook);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn card(out: &mut String, p: &Playbook) {
    let _ = writeln!(out, "## {}\n", md(&p.name));
    let _ = writeln!(out, "{}\n", md(&p.diagnosis));
    let _ = writeln!(out, "**Guiding policy.** {}\n", md(&p.guiding_policy));
    list(out, "### Moves", &p.moves, true);
    list(out, "### Avoid", &p.avoid, false);
    list(out, "### Diagnose again when", &p.warning_signs, false);
    list(out, "### Questions for the team", &p.questions, false);
    let _ = writeln!(
        out,
        "### Bias to watch: {}\n\n{}\n",
        md(&p.bias.name),
        md(&p.bias.watch_for)
    );
    let _ = writeln!(out, "### In the wrong place\n\n{}\n", md(&p.misfit));
    let case = &p.case;
    let _ = writeln!(
        out,
        "### Case: {}\n\n**{}**\n\n{}\n",
        md(&case.organisation),
        md(&case.headline),
        md(&case.story)
    );
    for figure in &case.figures {
        let _ = writeln!(out, "- {}", md(figure));
    }
    let _ = writeln!(out, "\n{}\n", md(&case.lesson));
}
