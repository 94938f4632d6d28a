//! The engine through the library: quadrants, exact boundaries, evidence,
//! flips and mismatches, plus properties that must hold for any answers.

use calibrate::answers::{Answers, Claim, Horizon, Status};
use calibrate::diagnosis::{Axis, CostKind, Diagnosis, WarningKind, diagnose};
use calibrate::framework::{Framework, HorizonSide, KnowledgeSide};
use proptest::prelude::*;

fn pack() -> Framework {
    calibrate::packs::embedded().expect("the built-in pack is valid")
}

fn answers(horizon: &str, facts: usize, assumptions: usize) -> Answers {
    let mut claims: Vec<Claim> = (0..facts)
        .map(|i| Claim::new(format!("fact {i}"), Status::Fact).with_evidence("measured"))
        .collect();
    claims.extend(
        (0..assumptions).map(|i| Claim::new(format!("assumption {i}"), Status::Assumption)),
    );
    Answers {
        initiative: None,
        horizon: horizon.parse().unwrap(),
        claims,
        current_playbook: None,
    }
}

fn playbook_of(horizon: &str, facts: usize, assumptions: usize) -> String {
    let pack = pack();
    let answers = answers(horizon, facts, assumptions);
    diagnose(&pack, &answers)
        .unwrap()
        .position
        .playbook
        .id
        .clone()
}

fn with<T>(answers: &Answers, check: impl FnOnce(&Diagnosis) -> T) -> T {
    let pack = pack();
    let diagnosis = diagnose(&pack, answers).unwrap();
    check(&diagnosis)
}

#[test]
fn each_quadrant_has_its_playbook() {
    assert_eq!(playbook_of("6m", 7, 3), "go-now");
    assert_eq!(playbook_of("2y", 7, 3), "predictable");
    assert_eq!(playbook_of("6m", 3, 7), "discovery");
    assert_eq!(playbook_of("2y", 2, 8), "resilient");
}

#[test]
fn twelve_months_by_any_name_is_short_and_thirteen_is_long() {
    for short in ["12m", "1y", "365d", "4q", "12"] {
        assert_eq!(playbook_of(short, 7, 3), "go-now", "{short}");
    }
    for long in ["13m", "18m", "2y", "366d", "5q"] {
        assert_eq!(playbook_of(long, 7, 3), "predictable", "{long}");
    }
}

#[test]
fn half_facts_is_assumptions_and_just_over_half_is_facts() {
    assert_eq!(playbook_of("6m", 5, 5), "discovery");
    assert_eq!(playbook_of("6m", 50, 50), "discovery");
    assert_eq!(playbook_of("6m", 51, 49), "go-now");
    let exact = answers("6m", 51, 49);
    with(&exact, |d| {
        assert!((d.position.score - 0.51).abs() < 1e-12);
        assert_eq!(d.position.quadrant.knowledge, KnowledgeSide::Facts);
    });
}

#[test]
fn weights_count_towards_the_score() {
    let mut a = answers("6m", 1, 2);
    a.claims[0].weight = 3.0; // 3 of 5
    with(&a, |d| {
        assert!((d.position.score - 0.6).abs() < 1e-12);
        assert_eq!(d.position.playbook.id, "go-now");
        assert_eq!((d.counts.facts, d.counts.assumptions), (1, 2));
    });
}

#[test]
fn a_fact_on_vendor_evidence_is_scored_as_an_assumption_and_says_why() {
    let a = Answers {
        initiative: Some("Customer-service assistant".into()),
        horizon: "6m".parse().unwrap(),
        claims: vec![
            Claim::new("The bot resolves two thirds of queries", Status::Fact)
                .with_evidence("vendor"),
            Claim::new("Our query volumes are stable", Status::Fact).with_evidence("measured"),
            Claim::new("Customers accept a bot", Status::Assumption),
        ],
        current_playbook: Some("go-now".into()),
    };
    with(&a, |d| {
        assert_eq!(d.position.playbook.id, "discovery");
        assert_eq!((d.counts.facts, d.counts.assumptions), (1, 2));
        let warning = d
            .warnings
            .iter()
            .find(|w| w.kind == WarningKind::Downgraded)
            .unwrap();
        assert!(
            warning
                .message
                .contains("The bot resolves two thirds of queries"),
            "{}",
            warning.message
        );
        assert!(
            warning.message.contains("vendor evidence"),
            "{}",
            warning.message
        );
        assert!(!d.claims[0].reading.counts());
    });
}

#[test]
fn every_kind_of_evidence_is_weighed_as_the_pack_says() {
    for (kind, counts) in [
        ("measured", true),
        ("pilot", true),
        ("track-record", true),
        ("vendor", false),
        ("peer", false),
        ("opinion", false),
    ] {
        let a = Answers {
            initiative: None,
            horizon: "6m".parse().unwrap(),
            claims: vec![Claim::new("x", Status::Fact).with_evidence(kind)],
            current_playbook: None,
        };
        with(&a, |d| {
            assert_eq!(d.claims[0].reading.counts(), counts, "{kind}")
        });
    }
}

#[test]
fn a_fact_without_evidence_counts_with_a_warning() {
    let a = Answers {
        initiative: None,
        horizon: "6m".parse().unwrap(),
        claims: vec![
            Claim::new("Churn is 4%", Status::Fact),
            Claim::new("y", Status::Assumption),
        ],
        current_playbook: None,
    };
    with(&a, |d| {
        assert_eq!(d.counts.facts, 1);
        assert_eq!(d.warnings.len(), 1);
        assert_eq!(d.warnings[0].kind, WarningKind::UnrecordedEvidence);
        assert!(d.warnings[0].message.contains("Churn is 4%"));
    });
}

#[test]
fn flips_name_the_smallest_change_on_each_axis() {
    // 3 of 8 facts, 6 months: 2 more proven makes 5 of 8 > 0.5.
    with(&answers("6m", 3, 5), |d| {
        let knowledge = d.flips.iter().find(|f| f.axis == Axis::Knowledge).unwrap();
        assert_eq!(knowledge.to.id, "go-now");
        assert!(
            knowledge
                .change
                .starts_with("prove 2 more of your assumptions"),
            "{}",
            knowledge.change
        );
        let horizon = d.flips.iter().find(|f| f.axis == Axis::Horizon).unwrap();
        assert_eq!(horizon.to.id, "resilient");
        assert!(
            horizon
                .change
                .contains("slips past 12 months (more than 6 months later"),
            "{}",
            horizon.change
        );
    });
    // 7 of 10 facts: 2 facts turning out to be assumptions gives 5 of 10.
    with(&answers("2y", 7, 3), |d| {
        let knowledge = d.flips.iter().find(|f| f.axis == Axis::Knowledge).unwrap();
        assert_eq!(knowledge.to.id, "resilient");
        assert!(
            knowledge.change.starts_with("if 2 of your facts turn out"),
            "{}",
            knowledge.change
        );
        let horizon = d.flips.iter().find(|f| f.axis == Axis::Horizon).unwrap();
        assert_eq!(horizon.to.id, "go-now");
        assert!(
            horizon
                .change
                .contains("within 12 months (12 months sooner"),
            "{}",
            horizon.change
        );
    });
}

#[test]
fn the_knowledge_flip_uses_the_heaviest_claims_first() {
    let mut a = answers("6m", 1, 3);
    a.claims[3].weight = 5.0; // proving this one alone gives 6 of 8
    with(&a, |d| {
        let flip = d.flips.iter().find(|f| f.axis == Axis::Knowledge).unwrap();
        assert!(flip.change.starts_with("prove 1 more"), "{}", flip.change);
    });
}

#[test]
fn borderline_bands_cover_both_axes() {
    with(&answers("1y", 5, 5), |d| {
        assert_eq!(d.position.playbook.id, "discovery");
        assert!(d.position.borderline.horizon && d.position.borderline.knowledge);
    });
    with(&answers("15m", 9, 1), |d| {
        assert!(d.position.borderline.horizon && !d.position.borderline.knowledge)
    });
    with(&answers("16m", 9, 1), |d| {
        assert!(!d.position.borderline.any())
    });
    with(&answers("3m", 6, 4), |d| {
        assert!(d.position.borderline.knowledge && !d.position.borderline.horizon)
    });
    with(&answers("3m", 7, 3), |d| {
        assert!(!d.position.borderline.any())
    });
}

#[test]
fn a_mismatch_names_its_cost() {
    let cases = [
        // (horizon, facts, assumptions, declared, diagnosed, cost)
        ("6m", 3, 7, "go-now", "discovery", CostKind::PrematureAction),
        ("6m", 7, 3, "discovery", "go-now", CostKind::OverAnalysis),
        (
            "2y",
            7,
            3,
            "go-now",
            "predictable",
            CostKind::PrematureAction,
        ),
        ("6m", 7, 3, "patient", "go-now", CostKind::OverAnalysis),
        (
            "2y",
            2,
            8,
            "predictable",
            "resilient",
            CostKind::PrematureAction,
        ),
        ("6m", 2, 8, "resilient", "discovery", CostKind::OverAnalysis),
    ];
    for (horizon, facts, assumptions, declared, diagnosed, cost) in cases {
        let mut a = answers(horizon, facts, assumptions);
        a.current_playbook = Some(declared.into());
        with(&a, |d| {
            assert_eq!(d.position.playbook.id, diagnosed);
            let current = d.current.as_ref().unwrap();
            assert!(!current.matches);
            assert_eq!(
                current.cost.as_ref().unwrap().kind,
                cost,
                "{declared} vs {diagnosed}"
            );
        });
    }
    let mut a = answers("6m", 7, 3);
    a.current_playbook = Some("now".into()); // an alias of go-now
    with(&a, |d| {
        let current = d.current.as_ref().unwrap();
        assert!(current.matches && current.cost.is_none());
        assert_eq!(current.playbook.id, "go-now");
    });
}

#[test]
fn bad_answers_are_input_errors_not_panics() {
    let pack = pack();
    let error = |answers: &Answers| diagnose(&pack, answers).unwrap_err().0;
    assert_eq!(
        error(&answers("6m", 0, 0)),
        "there are no claims to weigh: name what the plan rests on with --fact and --assumption (or --facts N and --assumptions N)"
    );
    let mut unknown = answers("6m", 1, 1);
    unknown.claims[0].evidence = Some("hearsay".into());
    assert_eq!(
        error(&unknown),
        format!(
            "claim '{}': unknown evidence kind 'hearsay': use one of measured, pilot, track-record, vendor, peer, opinion",
            unknown.claims[0].text
        )
    );
    let mut wrong_case = answers("6m", 1, 1);
    wrong_case.current_playbook = Some("Go-Nwo".into());
    assert_eq!(
        error(&wrong_case),
        "unknown playbook 'Go-Nwo': did you mean 'go-now'?"
    );
    let mut zero = answers("6m", 1, 1);
    zero.claims[1].weight = 0.0;
    assert_eq!(
        error(&zero),
        format!(
            "claim '{}': weight 0 is out of range: use a number above 0 and at most 1000",
            zero.claims[1].text
        )
    );
}

#[test]
fn the_chart_point_lies_inside_its_quadrant() {
    for (horizon, facts, assumptions) in
        [("1y", 5, 5), ("13m", 51, 49), ("50y", 1, 0), ("1d", 0, 1)]
    {
        with(&answers(horizon, facts, assumptions), |d| {
            let right = d.position.quadrant.horizon == HorizonSide::Long;
            let top = d.position.quadrant.knowledge == KnowledgeSide::Facts;
            assert_eq!(d.position.chart.x > 0.5, right, "{horizon}");
            assert_eq!(d.position.chart.y > 0.5, top, "{horizon}");
            assert!(
                (0.0..1.0).contains(&d.position.chart.x)
                    && (0.0..1.0).contains(&d.position.chart.y)
            );
        });
    }
}

#[test]
fn the_horizon_scale_keeps_long_horizons_apart_and_the_band_even() {
    let pack = pack();
    let x = |months: f64| calibrate::diagnosis::chart_x(&pack, months);
    // Even through the borderline band: 9 and 15 months sit equally far
    // from the 12-month line.
    let bands = calibrate::diagnosis::chart_bands(&pack);
    assert_eq!(bands.months, (9.0, 15.0));
    assert!((0.5 - bands.horizon.0 - (bands.horizon.1 - 0.5)).abs() < 1e-9);
    // Compressed past it, yet 5 and 40 years land a tenth of the width apart,
    // and the longest horizon inside the frame.
    assert!(x(480.0) - x(60.0) > 0.1, "{} {}", x(60.0), x(480.0));
    assert!((x(600.0) - 0.96).abs() < 1e-9);
    let mut previous = 0.0;
    for months in [1.0, 6.0, 12.0, 15.0, 16.0, 24.0, 60.0, 120.0, 480.0, 600.0] {
        assert!(x(months) > previous, "{months} months");
        previous = x(months);
    }
    // Ticks: the threshold at the middle, marked; where the compression starts.
    let ticks = calibrate::diagnosis::chart_ticks(&pack);
    let months: Vec<f64> = ticks.horizon.iter().map(|t| t.value).collect();
    assert_eq!(months, [6.0, 12.0, 24.0, 60.0, 120.0, 600.0]);
    let threshold: Vec<f64> = ticks
        .horizon
        .iter()
        .filter(|t| t.threshold)
        .map(|t| t.at)
        .collect();
    assert_eq!(threshold, [0.5]);
    let shares: Vec<(f64, f64)> = ticks.knowledge.iter().map(|t| (t.value, t.at)).collect();
    assert_eq!(
        shares,
        [
            (0.0, 0.0),
            (0.25, 0.25),
            (0.5, 0.5),
            (0.75, 0.75),
            (1.0, 1.0)
        ]
    );
    assert_eq!(ticks.compressed_from.value, 15.0);
}

fn side_rank(side: KnowledgeSide) -> u8 {
    match side {
        KnowledgeSide::Assumptions => 0,
        KnowledgeSide::Facts => 1,
    }
}

type RawClaim = (bool, Option<&'static str>, u8);

fn claims_strategy() -> impl Strategy<Value = Vec<RawClaim>> {
    let evidence = prop::option::of(prop::sample::select(vec![
        "measured",
        "pilot",
        "track-record",
        "vendor",
        "peer",
        "opinion",
    ]));
    prop::collection::vec((any::<bool>(), evidence, 1u8..=5), 1..30)
}

fn build(horizon_days: u32, raw: &[RawClaim]) -> Answers {
    Answers {
        initiative: None,
        horizon: format!("{horizon_days}d").parse().unwrap(),
        claims: raw
            .iter()
            .enumerate()
            .map(|(i, (fact, evidence, weight))| {
                let status = if *fact {
                    Status::Fact
                } else {
                    Status::Assumption
                };
                let claim =
                    Claim::new(format!("claim {i}"), status).with_weight(f64::from(*weight));
                match evidence {
                    Some(kind) => claim.with_evidence(*kind),
                    None => claim,
                }
            })
            .collect(),
        current_playbook: None,
    }
}

/// The answers with the `n` heaviest claims on `side` moved to the other side.
fn change_heaviest(answers: &Answers, side: KnowledgeSide, n: usize) -> Answers {
    let pack = pack();
    let d = diagnose(&pack, answers).unwrap();
    let on_side = |counts: bool| (side == KnowledgeSide::Facts) == counts;
    let mut order: Vec<usize> = (0..answers.claims.len())
        .filter(|&i| on_side(d.claims[i].reading.counts()))
        .collect();
    order.sort_by(|&a, &b| {
        answers.claims[b]
            .weight
            .total_cmp(&answers.claims[a].weight)
    });
    let mut changed = answers.clone();
    for &i in order.iter().take(n) {
        let claim = &mut changed.claims[i];
        if side == KnowledgeSide::Facts {
            claim.status = Status::Assumption;
        } else {
            claim.status = Status::Fact;
            claim.evidence = Some("measured".into());
        }
    }
    changed
}

proptest! {
    #[test]
    fn adding_a_counted_fact_never_moves_towards_assumptions(
        days in 1u32..=18_000,
        raw in claims_strategy(),
        weight in 1u8..=5,
        kind in prop::sample::select(vec!["measured", "pilot"]),
    ) {
        let pack = pack();
        let before = build(days, &raw);
        let mut after = before.clone();
        after.claims.push(Claim::new("new proof", Status::Fact).with_evidence(kind).with_weight(f64::from(weight)));
        let b = diagnose(&pack, &before).unwrap();
        let a = diagnose(&pack, &after).unwrap();
        prop_assert!(a.position.score >= b.position.score - 1e-12);
        prop_assert!(side_rank(a.position.quadrant.knowledge) >= side_rank(b.position.quadrant.knowledge));
        prop_assert_eq!(a.position.quadrant.horizon, b.position.quadrant.horizon);
    }

    #[test]
    fn lengthening_the_horizon_never_moves_from_long_to_short(
        days in 1u32..=18_000,
        extra in 0u32..=5_000,
        raw in claims_strategy(),
    ) {
        let pack = pack();
        let before = build(days, &raw);
        let after = build((days + extra).min(18_262), &raw);
        let b = diagnose(&pack, &before).unwrap();
        let a = diagnose(&pack, &after).unwrap();
        if b.position.quadrant.horizon == HorizonSide::Long {
            prop_assert_eq!(a.position.quadrant.horizon, HorizonSide::Long);
        }
        prop_assert_eq!(a.position.quadrant.knowledge, b.position.quadrant.knowledge);
    }

    #[test]
    fn every_flip_points_at_the_neighbour_across_one_threshold(days in 1u32..=18_000, raw in claims_strategy()) {
        let pack = pack();
        let answers = build(days, &raw);
        let d = diagnose(&pack, &answers).unwrap();
        for flip in &d.flips {
            prop_assert_ne!(&flip.to.id, &d.position.playbook.id);
            if flip.axis == Axis::Knowledge {
                // Changing exactly `amount` claims, heaviest first, crosses the
                // threshold; one fewer does not.
                let n = flip.amount as usize;
                let moved = change_heaviest(&answers, d.position.quadrant.knowledge, n);
                let short = change_heaviest(&answers, d.position.quadrant.knowledge, n - 1);
                prop_assert_eq!(diagnose(&pack, &moved).unwrap().position.playbook.id.as_str(), flip.to.id.as_str());
                prop_assert_eq!(diagnose(&pack, &short).unwrap().position.playbook.id.as_str(), d.position.playbook.id.as_str());
            }
            match flip.axis {
                Axis::Knowledge => prop_assert_eq!(flip.to.quadrant.horizon, d.position.quadrant.horizon),
                Axis::Horizon => prop_assert_eq!(flip.to.quadrant.knowledge, d.position.quadrant.knowledge),
            }
        }
    }
}

#[test]
fn horizons_keep_what_the_user_typed() {
    let h: Horizon = "1q".parse().unwrap();
    assert_eq!(h.in_months(), 3.0);
    assert_eq!(h.as_str(), "1q");
}
