//! A self-contained HTML report: inline CSS and SVG, no script, no request
//! of any kind. The template escapes everything it is given; only the SVG,
//! which escapes its own text, goes in unescaped.

use super::phrases::{
    self, Tone, borderline_reason, capitalise, claim_reading, knowledge_answer, mismatch_headline,
};
use super::renderer::{Renderer, TextStyle};
use super::sanitize::plain;
use super::svg;
use crate::diagnosis::{Diagnosis, Position, Reading};
use crate::framework::{Framework, Playbook};
use crate::history::HistoryReport;
use crate::portfolio::Portfolio;
use crate::track_record::TrackRecord;
use crate::wording::{Wording, fill};
use crate::workshop::{ClaimVotes, WorkshopReport};
use askama::Template;

/// One self-contained HTML page per report.
pub struct Html;

impl Renderer for Html {
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
        self::history(framework, report)
    }

    fn calibration(&self, framework: &Framework, _: TextStyle, report: &TrackRecord) -> String {
        let page = CalibrationPage {
            words: phrases::track_record(framework, report),
            diagram: (!report.overall.bins.is_empty()).then(|| svg::reliability(framework, report)),
            w: &framework.words,
            footer: footer(framework),
        };
        let mut html = page
            .render()
            .expect("the track record template always renders");
        html.push('\n');
        html
    }
}

#[derive(Template)]
#[template(path = "calibration.html")]
struct CalibrationPage<'a> {
    words: phrases::TrackRecordWords,
    diagram: Option<String>,
    w: &'a Wording,
    footer: String,
}

#[derive(Template)]
#[template(path = "report.html")]
struct DiagnosisPage<'a> {
    title: String,
    /// The verdict's colour, as a CSS class.
    tone: &'static str,
    playbook: &'a Playbook,
    chart: String,
    horizon_question: &'a str,
    horizon_answer: String,
    knowledge_question: &'a str,
    knowledge_answer: String,
    borderline: Option<String>,
    flips: Vec<String>,
    warnings: Vec<&'a str>,
    outlook: Option<phrases::OutlookWords>,
    mismatch: Option<Mismatch<'a>>,
    fits: Option<String>,
    claims: Vec<ClaimRow<'a>>,
    borderline_label: &'a str,
    w: &'a Wording,
    footer: String,
}

struct Mismatch<'a> {
    headline: String,
    explanation: &'a str,
    misfit: &'a str,
}

struct ClaimRow<'a> {
    text: &'a str,
    held: String,
    evidence: String,
    weight: f64,
    scored: String,
    downgraded: bool,
}

pub mod filters {
    /// Strips control characters and bidirectional overrides before the
    /// template escapes the markup characters.
    #[askama::filter_fn]
    pub fn plain<T: std::fmt::Display>(text: T, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::plain(&text.to_string()))
    }
}

/// The line at the foot of every page, naming the pack.
fn footer(framework: &Framework) -> String {
    let pack = format!("{} {}", framework.name, framework.version);
    fill(&framework.words.report.footer, &[("pack", &pack)])
}

/// The diagnosis as one HTML document.
fn diagnosis(framework: &Framework, d: &Diagnosis) -> String {
    let words = &framework.words;
    let report = DiagnosisPage {
        title: plain(d.initiative.unwrap_or(&words.report.title)),
        tone: Tone::of(d).class(),
        playbook: d.position.playbook,
        chart: svg::diagnosis(framework, d),
        horizon_question: &framework.horizon.question,
        horizon_answer: phrases::horizon_answer(framework, d),
        knowledge_question: &framework.knowledge.question,
        knowledge_answer: knowledge_answer(framework, d),
        borderline: borderline_reason(framework, d).map(|reason| {
            fill(
                &words.report.borderline_explained,
                &[("reason", &capitalise(&reason))],
            )
        }),
        borderline_label: &words.report.borderline,
        flips: d.flips.iter().map(|f| capitalise(&f.change)).collect(),
        warnings: d.warnings.iter().map(|w| w.message.as_str()).collect(),
        outlook: phrases::outlook(framework, d),
        mismatch: d.current.as_ref().and_then(|current| {
            current.cost.as_ref().map(|cost| Mismatch {
                headline: mismatch_headline(framework, current),
                explanation: &cost.explanation,
                misfit: &cost.consequence,
            })
        }),
        fits: d
            .current
            .as_ref()
            .filter(|current| current.matches)
            .map(|current| mismatch_headline(framework, current)),
        claims: d
            .claims
            .iter()
            .map(|c| {
                let [held, evidence, scored] = claim_reading(framework, c);
                let downgraded = matches!(c.reading, Reading::Downgraded(_));
                ClaimRow {
                    text: &c.claim.text,
                    held,
                    evidence,
                    weight: c.claim.weight,
                    scored,
                    downgraded,
                }
            })
            .collect(),
        w: words,
        footer: footer(framework),
    };
    let mut html = report.render().expect("the report template always renders");
    html.push('\n');
    html
}

#[derive(Template)]
#[template(path = "workshop.html", blocks = ["content"])]
struct WorkshopPage<'a> {
    title: String,
    verdict: String,
    tone: &'static str,
    meaning: &'a str,
    chart: String,
    /// Name, horizon, share of facts, playbook.
    placements: Vec<(String, String, String, String)>,
    consensus: (String, String, String, String),
    /// Why the consensus is borderline, when it is.
    consensus_borderline: Option<String>,
    split: Vec<(String, usize)>,
    spread: String,
    /// The grid's columns: each participant (numbered when anonymous).
    people: Vec<&'a str>,
    none_contested: bool,
    /// The grid's rows: claims the group divides on, then those it reads alike.
    contested: Vec<GridRow<'a>>,
    agreed: Vec<GridRow<'a>>,
    prompts: &'a [String],
    playbook_label: &'a str,
    /// Why people read each contested claim as they do: the claim, then
    /// one line per person who said.
    reasons: Vec<(String, Vec<String>)>,
    /// How far a second round moved the group: sentences, then each
    /// claim's agreement before and after.
    convergence: Option<ConvergenceRows>,
    w: &'a Wording,
    footer: String,
}

/// How far a second round moved the group: sentences, then each claim with
/// its agreement before and after.
type ConvergenceRows = (Vec<String>, Vec<(String, String, String)>);

/// A claim and, for each person, how they hold it: (CSS class, word).
struct GridRow<'a> {
    claim: String,
    cells: Vec<(&'static str, &'a str)>,
}

/// A workshop report as one HTML document with every participant on the 2x2.
fn workshop(framework: &Framework, report: &WorkshopReport) -> String {
    let mut html = workshop_page(framework, report)
        .render()
        .expect("the workshop template always renders");
    html.push('\n');
    html
}

/// A workshop report's content alone, without the page around it, to
/// place in another page (the live workshop's, whose stylesheet is the
/// same `report.css`).
pub fn workshop_content(framework: &Framework, report: &WorkshopReport) -> String {
    workshop_page(framework, report)
        .as_content()
        .render()
        .expect("the workshop template always renders")
}

fn workshop_page<'a>(framework: &'a Framework, report: &'a WorkshopReport) -> WorkshopPage<'a> {
    let words = &framework.words;
    let row = |name: &str, p: &Position| {
        (
            name.to_string(),
            words.months(p.months),
            words.percent(p.score),
            p.playbook.name.clone(),
        )
    };
    let grid_row = |votes: &ClaimVotes| GridRow {
        claim: phrases::grid_claim(framework, votes),
        cells: votes
            .held
            .iter()
            .map(|&fact| {
                if fact {
                    ("fact", words.report.fact.as_str())
                } else {
                    ("assumption", words.report.assumption.as_str())
                }
            })
            .collect(),
    };
    let (contested, agreed): (Vec<&ClaimVotes>, Vec<&ClaimVotes>) =
        report.grid.iter().partition(|row| row.contested());
    WorkshopPage {
        title: phrases::workshop_title(framework, report),
        verdict: phrases::workshop_verdict(framework, report),
        tone: Tone::of_workshop(report).class(),
        meaning: report.alignment.meaning(framework),
        chart: svg::workshop(framework, report),
        placements: report
            .participants
            .iter()
            .map(|p| row(&p.name, &p.position))
            .collect(),
        consensus: row(&words.workshop.consensus, &report.consensus),
        consensus_borderline: phrases::borderline_words(framework, report.consensus.borderline)
            .map(|reason| format!("{}.", capitalise(&reason))),
        split: report
            .split
            .iter()
            .map(|(id, count)| {
                let name = framework
                    .find_playbook(id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                (name, *count)
            })
            .collect(),
        spread: phrases::horizon_spread(framework, report),
        people: report
            .participants
            .iter()
            .map(|p| p.name.as_str())
            .collect(),
        none_contested: report.contested.is_empty(),
        contested: contested.into_iter().map(grid_row).collect(),
        agreed: agreed.into_iter().map(grid_row).collect(),
        prompts: &report.prompts,
        playbook_label: &words.report.playbook,
        reasons: report
            .contested
            .iter()
            .filter(|c| !c.reasons.is_empty() || c.sure != (None, None))
            .map(|c| {
                (
                    phrases::contested_claim(framework, c),
                    phrases::reasons(framework, c),
                )
            })
            .collect(),
        convergence: report.convergence.as_ref().map(|c| {
            (
                phrases::convergence(framework, c),
                phrases::agreement_rows(framework, c)
                    .into_iter()
                    .map(|[claim, before, after]| (claim, before, after))
                    .collect(),
            )
        }),
        w: words,
        footer: footer(framework),
    }
}

#[derive(Template)]
#[template(path = "portfolio.html")]
struct PortfolioPage<'a> {
    title: String,
    chart: String,
    note: Option<String>,
    counts: Vec<(&'a str, usize)>,
    mismatches_heading: String,
    mismatches: Vec<String>,
    /// Declared, diagnosed, count: a summary when the list is long.
    pairs: Vec<(&'a str, &'a str, usize)>,
    /// Initiative, horizon, facts, playbook, declared, mismatch, borderline.
    headings: [&'a str; 7],
    rows: Vec<[String; 7]>,
    w: &'a Wording,
    footer: String,
}

/// A portfolio as one HTML document.
fn portfolio(framework: &Framework, portfolio: &Portfolio) -> String {
    let words = &framework.words;
    let pw = &words.portfolio;
    let total = portfolio.rows.len();
    let mismatches: Vec<String> = portfolio
        .mismatches()
        .map(|r| phrases::mismatch_line(framework, r))
        .collect();
    let page = PortfolioPage {
        title: fill(
            &pw.title,
            &[(
                "initiatives",
                &words.count(
                    total,
                    &words.units.initiatives_one,
                    &words.units.initiatives_other,
                ),
            )],
        ),
        chart: svg::portfolio(framework, portfolio),
        note: (total > svg::PORTFOLIO_CHART_LIMIT).then(|| {
            fill(
                &pw.chart_limit,
                &[("count", &svg::PORTFOLIO_CHART_LIMIT.to_string())],
            )
        }),
        counts: framework
            .playbooks
            .iter()
            .map(|p| p.name.as_str())
            .zip(portfolio.counts())
            .collect(),
        mismatches_heading: fill(&pw.mismatches, &[("count", &mismatches.len().to_string())]),
        // A long list is summed up by playbook first, and set in columns.
        pairs: if mismatches.len() > phrases::MISMATCH_LIST_LIMIT {
            phrases::mismatch_pairs(portfolio)
        } else {
            Vec::new()
        },
        mismatches,
        headings: phrases::portfolio_headings(framework),
        rows: portfolio
            .sorted()
            .into_iter()
            .map(|r| phrases::portfolio_cells(framework, r))
            .collect(),
        w: words,
        footer: footer(framework),
    };
    let mut html = page
        .render()
        .expect("the portfolio template always renders");
    html.push('\n');
    html
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage<'a> {
    title: String,
    chart: String,
    headings: [String; 8],
    rows: Vec<[String; 8]>,
    w: &'a Wording,
    footer: String,
}

/// A record's history as one HTML document: the versions joined in order on
/// the 2x2, and the table of them.
fn history(framework: &Framework, report: &HistoryReport) -> String {
    let page = HistoryPage {
        title: phrases::history_title(framework, report),
        chart: svg::history(framework, report),
        headings: phrases::history_headings(framework),
        rows: report
            .steps
            .iter()
            .enumerate()
            .map(|(i, step)| phrases::history_cells(framework, i + 1, step))
            .collect(),
        w: &framework.words,
        footer: footer(framework),
    };
    let mut html = page.render().expect("the history template always renders");
    html.push('\n');
    html
}
