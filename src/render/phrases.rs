//! Sentences and table cells every format shares, built once from the pack's
//! wording so the text, Markdown and HTML reports say the same thing. Each
//! format escapes them for itself.

use crate::diagnosis::{Borderline, Current, Diagnosis, Reading, ScoredClaim, WarningKind};
use crate::framework::{Framework, HorizonSide, Quadrant};
use crate::portfolio::{Portfolio, Row};
use crate::session::Round;
use crate::track_record::{Calibration, TrackRecord};
use crate::wording::fill;
use crate::workshop::{Alignment, ClaimVotes, Contested, Convergence, WorkshopReport};

/// What a headline's colour says. Red and amber only for a mismatch, a
/// split or a borderline answer; green only when the playbook fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// The declared playbook fits, or the group is aligned.
    Fits,
    /// Close to a threshold, or a group agreeing without alignment.
    Borderline,
    /// A declared playbook that does not fit, or a split group.
    Alarm,
    /// Nothing to signal.
    Plain,
}

impl Tone {
    /// The CSS class that colours it.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Fits => "tone-fits",
            Tone::Borderline => "tone-borderline",
            Tone::Alarm => "tone-alarm",
            Tone::Plain => "tone-plain",
        }
    }

    /// A diagnosis: a mismatch first, then a borderline answer, then a fit.
    pub fn of(d: &Diagnosis) -> Tone {
        match &d.current {
            Some(current) if !current.matches => Tone::Alarm,
            _ if d.position.borderline.any() => Tone::Borderline,
            Some(_) => Tone::Fits,
            None => Tone::Plain,
        }
    }

    /// A workshop's verdict.
    pub fn of_workshop(report: &WorkshopReport) -> Tone {
        match report.alignment {
            Alignment::Aligned => Tone::Fits,
            Alignment::AgreementWithoutAlignment => Tone::Borderline,
            Alignment::Split => Tone::Alarm,
        }
    }
}

/// The text with its first letter in upper case, for sentences the engine
/// writes in lower case so they can also sit mid-sentence.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The knowledge answer in words, the same in every format.
pub fn knowledge_summary(framework: &Framework, d: &Diagnosis) -> String {
    let words = &framework.words;
    fill(
        &words.report.knowledge_summary,
        &[
            ("percent", &words.percent(d.position.score)),
            (
                "facts",
                &words.count(
                    d.counts.facts,
                    &words.units.facts_one,
                    &words.units.facts_other,
                ),
            ),
            (
                "assumptions",
                &words.count(
                    d.counts.assumptions,
                    &words.units.assumptions_one,
                    &words.units.assumptions_other,
                ),
            ),
        ],
    )
}

/// Why the diagnosis is borderline, in words, the same in every format;
/// `None` when it is not.
pub fn borderline_reason(framework: &Framework, d: &Diagnosis) -> Option<String> {
    borderline_words(framework, d.position.borderline)
}

/// Which axes sit close to their thresholds, in words (mid-sentence);
/// `None` when neither does.
pub fn borderline_words(framework: &Framework, borderline: Borderline) -> Option<String> {
    let words = &framework.words;
    match (borderline.horizon, borderline.knowledge) {
        (false, false) => None,
        (true, false) => Some(fill(
            &words.report.borderline_horizon,
            &[
                ("band", &words.months(framework.horizon.borderline_months)),
                (
                    "threshold",
                    &words.months(framework.horizon.threshold_months),
                ),
            ],
        )),
        (false, true) => Some(words.report.borderline_knowledge.clone()),
        (true, true) => Some(words.report.borderline_both.clone()),
    }
}

/// "no", or "yes: " and the reason.
pub fn borderline_summary(framework: &Framework, d: &Diagnosis) -> String {
    match borderline_reason(framework, d) {
        None => framework.words.report.borderline_no.clone(),
        Some(reason) => fill(
            &framework.words.report.borderline_yes,
            &[("reason", &reason)],
        ),
    }
}

/// What running the declared playbook costs, as a headline: "Go NOW! does
/// not fit: premature action."
pub fn mismatch_headline(framework: &Framework, current: &Current) -> String {
    let words = &framework.words.report;
    match &current.cost {
        None => fill(&words.fits, &[("playbook", &current.playbook.name)]),
        Some(cost) => fill(
            &words.does_not_fit,
            &[
                ("playbook", &current.playbook.name),
                ("cost", cost.kind.name(framework)),
            ],
        ),
    }
}

/// The warnings in a line each, for a brief report: how many facts rest on
/// evidence that is not yours, and how many have none recorded.
pub fn warnings_in_brief(framework: &Framework, d: &Diagnosis) -> Vec<String> {
    let words = &framework.words.warnings;
    let count =
        |reading: fn(&Reading) -> bool| d.claims.iter().filter(|c| reading(&c.reading)).count();
    let downgraded = count(|r| matches!(r, Reading::Downgraded(_)));
    let unrecorded = count(|r| matches!(r, Reading::UnrecordedFact));
    [
        (downgraded, &words.downgraded_brief),
        (unrecorded, &words.unrecorded_brief),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, template)| fill(template, &[("count", &n.to_string())]))
    // The outside view is one sentence already: kept whole.
    .chain(
        d.warnings
            .iter()
            .filter(|w| w.kind == WarningKind::OutsideView)
            .map(|w| w.message.clone()),
    )
    .collect()
}

/// How a claim was held, what backs it and how it was scored, in words.
pub fn claim_reading(framework: &Framework, claim: &ScoredClaim) -> [String; 3] {
    let words = &framework.words.report;
    let evidence = claim
        .claim
        .evidence
        .as_deref()
        .map(|id| {
            framework
                .find_evidence(id)
                .map(|kind| kind.name.clone())
                .unwrap_or_else(|_| id.to_string())
        })
        .unwrap_or_else(|| words.no_evidence.clone());
    let (held, scored) = match claim.reading {
        Reading::Fact(_) => (&words.fact, words.fact.clone()),
        Reading::UnrecordedFact => (&words.fact, words.fact_unrecorded.clone()),
        Reading::Downgraded(kind) => (
            &words.fact,
            fill(
                &words.downgraded,
                &[("evidence", &kind.id), ("evidence_name", &kind.name)],
            ),
        ),
        Reading::Assumption => (&words.assumption, words.assumption.clone()),
    };
    [held.clone(), evidence, scored]
}

/// "Claims copilot: workshop of 4".
pub fn workshop_title(framework: &Framework, report: &WorkshopReport) -> String {
    let count = report.participants.len().to_string();
    match report.round {
        Round::First => fill(
            &framework.words.workshop.title,
            &[("initiative", report.initiative), ("count", &count)],
        ),
        round => fill(
            &framework.words.discussion.title_round,
            &[
                ("initiative", report.initiative),
                ("count", &count),
                ("number", &round.number().to_string()),
            ],
        ),
    }
}

/// "Verdict: Agreement without alignment."
pub fn workshop_verdict(framework: &Framework, report: &WorkshopReport) -> String {
    fill(
        &framework.words.workshop.verdict,
        &[("verdict", &capitalise(report.alignment.name(framework)))],
    )
}

/// "Horizon spread: 3 months to 2 years."
pub fn horizon_spread(framework: &Framework, report: &WorkshopReport) -> String {
    let words = &framework.words;
    let (shortest, longest) = report.horizon_spread;
    fill(
        &words.workshop.spread,
        &[
            ("shortest", &words.months(shortest)),
            ("longest", &words.months(longest)),
        ],
    )
}

/// A contested claim and how the group divides on it, with how likely each
/// side thinks it is to hold when anyone said.
pub fn contested_claim(framework: &Framework, c: &Contested) -> String {
    let mut line = divided(framework, c.claim, c.id, c.facts, c.assumptions);
    if let Some(sure) = contested_sure(framework, c) {
        line.push_str("; ");
        line.push_str(&sure);
    }
    line
}

/// "likely to hold: 90% say those who call it a fact, 30% the others";
/// `None` when nobody gave a confidence for the claim.
fn contested_sure(framework: &Framework, c: &Contested) -> Option<String> {
    let words = &framework.words;
    let side = |sure: Option<f64>| {
        sure.map_or_else(|| words.workshop.sure_unsaid.clone(), |p| words.percent(p))
    };
    (c.sure != (None, None)).then(|| {
        fill(
            &words.workshop.sure,
            &[("facts", &side(c.sure.0)), ("assumptions", &side(c.sure.1))],
        )
    })
}

/// A row of the person × claim grid: the claim with how the group divides.
pub fn grid_claim(framework: &Framework, row: &ClaimVotes) -> String {
    divided(framework, row.claim, row.id, row.facts, row.assumptions)
}

/// '"Claim" (c1): 2 as fact, 1 as assumption'.
fn divided(
    framework: &Framework,
    claim: &str,
    id: &str,
    facts: usize,
    assumptions: usize,
) -> String {
    fill(
        &framework.words.workshop.contested_claim,
        &[
            ("claim", claim),
            ("id", id),
            ("facts", &facts.to_string()),
            ("assumptions", &assumptions.to_string()),
        ],
    )
}

/// Who holds a contested claim as fact and who as assumption; `None` in an
/// anonymous report.
pub fn contested_by(framework: &Framework, c: &Contested) -> Option<String> {
    c.who.as_ref().map(|who| {
        fill(
            &framework.words.workshop.who,
            &[
                ("facts", &who.facts.join(", ")),
                ("assumptions", &who.assumptions.join(", ")),
            ],
        )
    })
}

/// Why people read a contested claim as they do, one line each:
/// "Ana (fact, sure): we measured it".
pub fn reasons(framework: &Framework, c: &Contested) -> Vec<String> {
    let words = &framework.words;
    c.reasons
        .iter()
        .map(|r| {
            let held = held(framework, r.fact, r.confidence);
            match r.name {
                Some(name) => fill(
                    &words.discussion.reason,
                    &[("name", name), ("held", &held), ("why", r.why)],
                ),
                None => fill(
                    &words.discussion.reason_anonymous,
                    &[("held", &held), ("why", r.why)],
                ),
            }
        })
        .collect()
}

/// "fact", or "fact, 80% likely to hold" with a confidence.
pub fn held(framework: &Framework, fact: bool, confidence: Option<f64>) -> String {
    let words = &framework.words;
    let reading = if fact {
        &words.report.fact
    } else {
        &words.report.assumption
    };
    match confidence {
        None => reading.clone(),
        Some(sure) => fill(
            &words.discussion.held_sure,
            &[
                ("reading", reading),
                ("confidence", &likely(framework, sure)),
            ],
        ),
    }
}

/// A confidence as a reader sees it: "80% likely to hold".
pub fn likely(framework: &Framework, confidence: f64) -> String {
    let words = &framework.words;
    fill(
        &words.discussion.likely,
        &[("percent", &words.percent(confidence))],
    )
}

/// How far the group moved between the rounds, one sentence a line:
/// verdicts, the largest group, contested claims, both spreads, who moved.
pub fn convergence(framework: &Framework, c: &Convergence) -> Vec<String> {
    let words = &framework.words;
    let dw = &words.discussion;
    let both = |template: &str, before: String, after: String| {
        fill(template, &[("before", &before), ("after", &after)])
    };
    let of = |count: usize, total: usize| {
        fill(
            &dw.of,
            &[("count", &count.to_string()), ("total", &total.to_string())],
        )
    };
    let range = |(low, high): (String, String)| fill(&dw.range, &[("low", &low), ("high", &high)]);
    let months = |(low, high): (f64, f64)| range((words.months(low), words.months(high)));
    let shares = |(low, high): (f64, f64)| range((words.percent(low), words.percent(high)));
    let (before, after) = (&c.before, &c.after);
    let mut lines = vec![
        both(
            &dw.verdicts,
            before.alignment.name(framework).to_string(),
            after.alignment.name(framework).to_string(),
        ),
        both(
            &dw.largest_group,
            of(before.largest_group, before.voters),
            of(after.largest_group, after.voters),
        ),
        both(
            &dw.contested,
            before.contested.to_string(),
            after.contested.to_string(),
        ),
        both(
            &dw.horizon_spread,
            months(before.horizon_spread),
            months(after.horizon_spread),
        ),
        both(
            &dw.knowledge_spread,
            shares(before.score_spread),
            shares(after.score_spread),
        ),
    ];
    lines.push(match (c.moved, c.moved_names.is_empty()) {
        (0, _) => dw.none_moved.clone(),
        (count, true) => fill(&dw.moved_anonymous, &[("count", &count.to_string())]),
        (_, false) => fill(&dw.moved, &[("names", &c.moved_names.join(", "))]),
    });
    lines
}

/// Each claim's agreement in the two rounds: the claim with its id, and
/// the share reading it the majority's way before and after.
pub fn agreement_rows(framework: &Framework, c: &Convergence) -> Vec<[String; 3]> {
    let words = &framework.words;
    c.claims
        .iter()
        .map(|shift| {
            [
                format!("{} ({})", shift.claim, shift.id),
                words.percent(shift.before),
                words.percent(shift.after),
            ]
        })
        .collect()
}

/// The portfolio table's column headings.
pub fn portfolio_headings(framework: &Framework) -> [&str; 7] {
    let pw = &framework.words.portfolio;
    [
        &pw.initiative,
        &pw.horizon,
        &pw.facts,
        &pw.playbook,
        &pw.declared,
        &pw.mismatch,
        &pw.borderline,
    ]
    .map(String::as_str)
}

/// One initiative's cells in the portfolio table, unescaped.
pub fn portfolio_cells(framework: &Framework, row: &Row) -> [String; 7] {
    let words = &framework.words;
    let yes = |flag: bool| {
        if flag {
            words.units.yes.clone()
        } else {
            String::new()
        }
    };
    [
        row.initiative.clone(),
        words.months(row.position.months),
        words.percent(row.position.score),
        row.position.playbook.name.clone(),
        row.declared.map_or_else(|| "-".into(), |p| p.name.clone()),
        yes(row.mismatch()),
        yes(row.position.borderline.any()),
    ]
}

/// Past this many mismatches a report sums them up by playbook before
/// listing them.
pub const MISMATCH_LIST_LIMIT: usize = 10;

/// Mismatches counted by declared and diagnosed playbook, most first:
/// (declared name, diagnosed name, count).
pub fn mismatch_pairs<'a>(portfolio: &Portfolio<'a>) -> Vec<(&'a str, &'a str, usize)> {
    let mut pairs: Vec<(&str, &str, usize)> = Vec::new();
    for row in portfolio.mismatches() {
        let declared = row.declared.map_or("", |p| p.name.as_str());
        let diagnosed = row.position.playbook.name.as_str();
        match pairs
            .iter_mut()
            .find(|(d, g, _)| *d == declared && *g == diagnosed)
        {
            Some(pair) => pair.2 += 1,
            None => pairs.push((declared, diagnosed, 1)),
        }
    }
    // Most first; ties keep the order first met (stable sort).
    pairs.sort_by_key(|pair| std::cmp::Reverse(pair.2));
    pairs
}

/// "Initiative: declared go-now, diagnosed discovery", from the pack.
pub fn mismatch_line(framework: &Framework, row: &Row) -> String {
    let diagnosed = row.position.playbook;
    fill(
        &framework.words.portfolio.mismatch_line,
        &[
            ("initiative", &row.initiative),
            ("declared", row.declared.map_or("", |p| p.id.as_str())),
            (
                "declared_name",
                row.declared.map_or("", |p| p.name.as_str()),
            ),
            ("diagnosed", &diagnosed.id),
            ("diagnosed_name", &diagnosed.name),
        ],
    )
}

/// The horizon as given, with its length in words: "6m (6 months)".
pub fn horizon_given(framework: &Framework, d: &Diagnosis) -> String {
    let length = framework.words.months(d.horizon.in_months());
    if length == d.horizon.as_str() {
        length
    } else {
        format!("{} ({length})", d.horizon.as_str())
    }
}

/// The horizon answer with its side: "6m (6 months): Payoff within 12 months".
pub fn horizon_answer(framework: &Framework, d: &Diagnosis) -> String {
    format!(
        "{}: {}",
        horizon_given(framework, d),
        framework.horizon_label(d.position.quadrant.horizon)
    )
}

/// The knowledge answer with its side: "70% of the plan's weight … : Mostly facts".
pub fn knowledge_answer(framework: &Framework, d: &Diagnosis) -> String {
    format!(
        "{}: {}",
        knowledge_summary(framework, d),
        framework.knowledge_label(d.position.quadrant.knowledge)
    )
}

/// The plan played out, in sentences every format shows the same way.
pub struct OutlookWords {
    /// How the runs were made.
    pub basis: String,
    /// "Discovery Planning in 71% of outcomes", most likely first.
    pub shares: Vec<String>,
    /// The chance that the playbook run today does not fit, if one was declared.
    pub misfit: Option<String>,
    /// The claims to test first: the line, and the test planned for it.
    pub tests: Vec<(String, Option<String>)>,
    /// How the pack suggests testing a claim that has no test planned.
    pub how: String,
}

/// How many claims "test this first" lists.
pub const TESTS_SHOWN: usize = 3;

/// The outlook in words, when the diagnosis has one.
pub fn outlook(framework: &Framework, d: &Diagnosis) -> Option<OutlookWords> {
    let outlook = d.outlook.as_ref()?;
    let words = &framework.words;
    let mut basis = fill(&words.outlook.basis, &[("runs", &outlook.runs.to_string())]);
    if let Some((low, high)) = d.horizon.range() {
        basis.push_str(&fill(
            &words.outlook.range,
            &[("low", &words.months(low)), ("high", &words.months(high))],
        ));
    }
    let mut landed: Vec<(f64, &crate::framework::Playbook)> = Quadrant::ALL
        .iter()
        .map(|&q| (outlook.share(q), framework.playbook_for(q)))
        .filter(|(share, _)| *share > 0.0)
        .collect();
    landed.sort_by(|a, b| b.0.total_cmp(&a.0));
    let shares = landed
        .iter()
        .map(|(share, playbook)| {
            fill(
                &words.outlook.share,
                &[
                    ("playbook", &playbook.name),
                    ("percent", &words.share(*share)),
                ],
            )
        })
        .collect();
    let misfit = d
        .current
        .as_ref()
        .zip(outlook.misfit)
        .map(|(current, misfit)| {
            let name = &current.playbook.name;
            if misfit == 0.0 {
                fill(&words.outlook.fits_always, &[("playbook", name)])
            } else {
                fill(
                    &words.outlook.misfit,
                    &[("playbook", name), ("percent", &words.share(misfit))],
                )
            }
        });
    let how = match d.position.quadrant.horizon {
        HorizonSide::Short => &words.outlook.test_short,
        HorizonSide::Long => &words.outlook.test_long,
    };
    let tests = outlook
        .tests
        .iter()
        .take(TESTS_SHOWN)
        .map(|learning| {
            let claim = d.claims[learning.claim].claim;
            let line = fill(
                &words.outlook.test_line,
                &[
                    ("claim", &claim.text),
                    (
                        "confidence",
                        &words.percent(claim.confidence.unwrap_or_default()),
                    ),
                    ("percent", &words.percent(learning.value)),
                ],
            );
            let planned = claim.test.as_ref().map(|test| {
                fill(
                    &words.outlook.planned,
                    &[
                        ("hypothesis", &test.hypothesis),
                        ("resolve_by", &test.resolve_by.to_string()),
                    ],
                )
            });
            (line, planned)
        })
        .collect();
    Some(OutlookWords {
        basis,
        shares,
        misfit,
        tests,
        how: how.clone(),
    })
}

/// A track record in words and table cells, the same in every format.
pub struct TrackRecordWords {
    pub summary: String,
    /// The Brier score, or why there is none.
    pub brier: String,
    /// Stated confidence, claims, share held: one row per tenth.
    pub bins: Vec<[String; 3]>,
    /// A heading, then group, claims, share held, Brier score per row.
    pub groups: Vec<(String, Vec<[String; 4]>)>,
    /// "Vendor specifications or demos: the "facts" held 4 times in 10".
    pub evidence: Vec<String>,
    /// "Go NOW!: paid off 3 times in 4; half took 9 months or more".
    pub hit_rates: Vec<String>,
}

/// The track record in words.
pub fn track_record(framework: &Framework, report: &TrackRecord) -> TrackRecordWords {
    let words = &framework.words;
    let cw = &words.calibration;
    let overall = &report.overall;
    let summary = fill(
        &cw.summary,
        &[
            (
                "initiatives",
                &words.count(
                    report.initiatives,
                    &words.units.initiatives_one,
                    &words.units.initiatives_other,
                ),
            ),
            (
                "resolved",
                &words.count(
                    overall.resolved,
                    &words.units.claims_one,
                    &words.units.claims_other,
                ),
            ),
            ("scored", &overall.scored.to_string()),
        ],
    );
    let score = |c: &Calibration| c.brier.map_or("–".to_string(), |b| format!("{b:.3}"));
    let brier = match overall.brier {
        Some(_) => fill(&cw.brier, &[("score", &score(overall))]),
        None => cw.no_scores.clone(),
    };
    let bins = overall
        .bins
        .iter()
        .map(|bin| {
            [
                format!(
                    "{}–{}",
                    bin.tenth * 10,
                    words.percent((bin.tenth + 1) as f64 / 10.0)
                ),
                bin.claims.to_string(),
                words.percent(bin.held),
            ]
        })
        .collect();
    let row = |name: String, c: &Calibration| {
        [
            name,
            c.resolved.to_string(),
            words.percent(c.held as f64 / c.resolved.max(1) as f64),
            score(c),
        ]
    };
    let kind_name = |key: Option<&str>| match key.and_then(|k| framework.find_evidence(k).ok()) {
        Some(kind) => kind.name.clone(),
        None => cw.assumptions.clone(),
    };
    let playbook_name = |id: &str| {
        framework
            .find_playbook(id)
            .map_or(id.to_string(), |p| p.name.clone())
    };
    let groups = vec![
        (
            cw.by_evidence.clone(),
            report
                .by_evidence
                .iter()
                .map(|g| row(kind_name(g.key), &g.calibration))
                .collect(),
        ),
        (
            cw.by_owner.clone(),
            report
                .by_owner
                .iter()
                .map(|g| row(g.key.unwrap_or(&cw.no_owner).to_string(), &g.calibration))
                .collect(),
        ),
        (
            cw.by_playbook.clone(),
            report
                .by_playbook
                .iter()
                .map(|g| row(playbook_name(g.key.unwrap_or_default()), &g.calibration))
                .collect(),
        ),
    ];
    let evidence = report
        .by_evidence
        .iter()
        .filter(|g| g.key.is_some())
        .map(|g| {
            fill(
                &cw.evidence_held,
                &[
                    ("kind", &kind_name(g.key)),
                    ("held", &g.calibration.held.to_string()),
                    ("total", &g.calibration.resolved.to_string()),
                ],
            )
        })
        .collect();
    let hit_rates = report
        .hit_rates
        .iter()
        .map(|h| {
            let mut line = fill(
                &cw.paid_off,
                &[
                    ("playbook", &playbook_name(h.playbook)),
                    ("paid", &h.paid_off.to_string()),
                    ("judged", &h.judged.to_string()),
                ],
            );
            if let Some(months) = h.median_took {
                line.push_str("; ");
                line.push_str(&fill(&cw.took, &[("months", &words.months(months))]));
            }
            line
        })
        .collect();
    TrackRecordWords {
        summary,
        brier,
        bins,
        groups,
        evidence,
        hit_rates,
    }
}

/// "go-now fits", for a record that passes with a declared playbook (and
/// is not closed: a closed record is not checked against it).
pub fn check_fits(
    framework: &Framework,
    diagnosis: &Diagnosis,
    findings: &[crate::check::Finding],
) -> Option<String> {
    let fits = diagnosis.current.is_some()
        && findings
            .iter()
            .all(|f| !f.fails && f.kind != crate::check::FindingKind::Closed);
    fits.then(|| {
        fill(
            &framework.words.check.fits,
            &[
                ("playbook", &diagnosis.position.playbook.id),
                ("playbook_name", &diagnosis.position.playbook.name),
            ],
        )
    })
}

/// "Decision records from main (3f2c1ab) to the work tree".
pub fn diff_title(framework: &Framework, report: &crate::diff::DiffReport) -> String {
    fill(
        &framework.words.diff.title,
        &[("base", &report.base), ("head", &report.head)],
    )
}

/// "1 moved, 0 changed in place, 0 added, 0 removed, 12 unchanged."
pub fn diff_summary(framework: &Framework, report: &crate::diff::DiffReport) -> String {
    fill(
        &framework.words.diff.summary,
        &[
            ("moved", &report.moved().to_string()),
            ("changed", &report.changed_in_place().to_string()),
            ("added", &report.added().to_string()),
            ("removed", &report.removed().to_string()),
            ("unchanged", &report.unchanged.to_string()),
        ],
    )
}

/// One record's change: its headline ("Support bot: Go NOW! → Discovery
/// Planning"), then each detail (a rename, the horizon, the share of facts,
/// each claim, a new mismatch).
pub fn diff_change(framework: &Framework, change: &crate::diff::Change) -> (String, Vec<String>) {
    use crate::diff::Change;
    let words = &framework.words;
    let dw = &words.diff;
    let pair = |template: &str, before: &str, after: &str| {
        fill(template, &[("before", before), ("after", after)])
    };
    let mut details = Vec::new();
    let headline = match change {
        Change::Added(s) | Change::Removed(s) => fill(
            if matches!(change, Change::Added(_)) {
                &dw.added
            } else {
                &dw.removed
            },
            &[
                ("initiative", &s.initiative),
                ("playbook", &s.position.playbook.name),
            ],
        ),
        Change::Changed {
            before,
            after,
            claims,
        } => {
            if before.path != after.path {
                details.push(pair(&dw.renamed, &before.path, &after.path));
            }
            if before.position.months != after.position.months {
                details.push(pair(
                    &dw.horizon,
                    &words.months(before.position.months),
                    &words.months(after.position.months),
                ));
            }
            if before.position.score != after.position.score {
                details.push(pair(
                    &dw.facts,
                    &words.percent(before.position.score),
                    &words.percent(after.position.score),
                ));
            }
            let held = |state: &crate::diff::ClaimState| claim_held(framework, state);
            for claim in claims {
                details.push(match (&claim.before, &claim.after) {
                    (Some(b), Some(a)) => fill(
                        &dw.claim_changed,
                        &[
                            ("claim", &claim.text),
                            ("before", &held(b)),
                            ("after", &held(a)),
                        ],
                    ),
                    (None, Some(a)) => fill(
                        &dw.claim_added,
                        &[("claim", &claim.text), ("after", &held(a))],
                    ),
                    (Some(b), None) => fill(
                        &dw.claim_removed,
                        &[("claim", &claim.text), ("before", &held(b))],
                    ),
                    (None, None) => continue,
                });
            }
            if change.moved() {
                fill(
                    &dw.moved,
                    &[
                        ("initiative", &after.initiative),
                        ("before", &before.position.playbook.name),
                        ("after", &after.position.playbook.name),
                    ],
                )
            } else {
                fill(
                    &dw.same,
                    &[
                        ("initiative", &after.initiative),
                        ("playbook", &after.position.playbook.name),
                    ],
                )
            }
        }
    };
    if change.new_mismatch() {
        let latest = change.latest();
        details.push(fill(
            &dw.new_mismatch,
            &[
                (
                    "declared",
                    latest.declared.map(|p| p.name.as_str()).unwrap_or_default(),
                ),
                ("diagnosed", &latest.position.playbook.name),
            ],
        ));
    }
    (headline, details)
}

/// How a claim is held: "assumption", "fact", "fact (vendor-backed)".
fn claim_held(framework: &Framework, state: &crate::diff::ClaimState) -> String {
    let dw = &framework.words.diff;
    match (&state.status, &state.evidence) {
        (crate::answers::Status::Assumption, _) => dw.assumption.clone(),
        (_, None) => dw.fact.clone(),
        (_, Some(id)) => {
            let name = framework
                .find_evidence(id)
                .map(|kind| kind.name.clone())
                .unwrap_or_else(|_| id.clone());
            fill(&dw.fact_with, &[("evidence", &name)])
        }
    }
}

/// "Support bot: 4 versions".
pub fn history_title(framework: &Framework, report: &crate::history::HistoryReport) -> String {
    let words = &framework.words;
    let count = words.count(
        report.steps.len(),
        &words.units.versions_one,
        &words.units.versions_other,
    );
    fill(
        &words.history.title,
        &[("initiative", &report.initiative), ("count", &count)],
    )
}

/// The history table's headings.
pub fn history_headings(framework: &Framework) -> [String; 8] {
    let hw = &framework.words.history;
    [
        &hw.number,
        &hw.date,
        &hw.commit,
        &hw.author,
        &hw.horizon,
        &hw.facts,
        &hw.playbook,
        &hw.change,
    ]
    .map(String::clone)
}

/// One version's row: its number, date, commit, author, place on the 2x2
/// (or why it cannot be read) and the commit's summary.
pub fn history_cells(
    framework: &Framework,
    number: usize,
    step: &crate::history::Step,
) -> [String; 8] {
    let words = &framework.words;
    let (horizon, facts, playbook) = match &step.placed {
        Ok(placed) => (
            words.months(placed.position.months),
            words.percent(placed.position.score),
            placed.position.playbook.name.clone(),
        ),
        Err(problem) => (
            String::new(),
            String::new(),
            fill(&words.history.unreadable, &[("problem", problem)]),
        ),
    };
    [
        number.to_string(),
        step.date.to_string(),
        step.commit.clone(),
        step.author.clone(),
        horizon,
        facts,
        playbook,
        step.summary.clone(),
    ]
}

/// With `--since`: the heading, and a line per initiative that changed
/// quadrant ("Support bot: Go NOW! → Discovery Planning").
pub fn portfolio_since(
    framework: &Framework,
    portfolio: &Portfolio,
) -> Option<(String, Vec<String>)> {
    let pw = &framework.words.portfolio;
    let (revision, moved) = portfolio.since.as_ref()?;
    let heading = fill(
        &pw.since,
        &[("revision", revision), ("count", &moved.len().to_string())],
    );
    let lines = moved
        .iter()
        .map(|(i, was)| {
            let row = &portfolio.rows[*i];
            fill(
                &pw.moved_line,
                &[
                    ("initiative", &row.initiative),
                    ("before", &was.name),
                    ("after", &row.position.playbook.name),
                ],
            )
        })
        .collect();
    Some((heading, lines))
}
