//! Every format for one fixed diagnosis, kept as reviewed snapshots so any
//! change to what a reader sees shows up in review (`cargo insta review`).

use calibrate::answers::{Answers, Claim, Status};
use calibrate::diagnosis::diagnose;
use calibrate::packs;
use calibrate::render::{self, Format, TextStyle};

fn answers() -> Answers {
    Answers {
        initiative: Some("Customer-service assistant".into()),
        horizon: "1y".parse().unwrap(),
        claims: vec![
            Claim::new(
                "Our contact volumes are stable month to month",
                Status::Fact,
            )
            .with_evidence("measured"),
            Claim::new("The assistant resolves two thirds of queries", Status::Fact)
                .with_evidence("vendor")
                .with_weight(2.0),
            Claim::new(
                "Customers will accept an assistant for refunds",
                Status::Assumption,
            ),
        ],
        current_playbook: Some("go-now".into()),
    }
}

fn rendered(format: Format) -> String {
    let pack = packs::embedded().unwrap();
    let answers = answers();
    let diagnosis = diagnose(&pack, &answers).unwrap();
    render::diagnosis(
        format,
        &pack,
        TextStyle {
            color: false,
            width: 100,
            brief: false,
        },
        &diagnosis,
    )
    .unwrap()
}

#[test]
fn text() {
    insta::assert_snapshot!(rendered(Format::Text));
}

#[test]
fn text_in_colour() {
    let pack = packs::embedded().unwrap();
    let answers = answers();
    let diagnosis = diagnose(&pack, &answers).unwrap();
    let coloured = render::diagnosis(
        Format::Text,
        &pack,
        TextStyle {
            color: true,
            width: 100,
            brief: false,
        },
        &diagnosis,
    )
    .unwrap();
    insta::assert_snapshot!(coloured.replace('\u{1b}', "<ESC>"));
}

#[test]
fn json() {
    insta::assert_snapshot!(rendered(Format::Json));
}

#[test]
fn markdown() {
    insta::assert_snapshot!(rendered(Format::Markdown));
}

#[test]
fn html() {
    insta::assert_snapshot!(rendered(Format::Html));
}

#[test]
fn svg() {
    insta::assert_snapshot!(rendered(Format::Svg));
}

const STYLE: TextStyle = TextStyle {
    color: false,
    width: 100,
    brief: false,
};

/// A workshop of four in every format, named and anonymous.
#[test]
fn workshop() {
    use calibrate::session::{Session, Vote};
    let pack = packs::embedded().unwrap();
    let mut session = Session::new(
        "Claims-handling copilot",
        &[
            "Adjusters will trust the suggested settlements".into(),
            "Our claims data is clean".into(),
            "Regulators accept automated triage".into(),
        ],
    )
    .unwrap();
    for (name, horizon, facts) in [
        ("Ana", "6m", &["c1", "c2"][..]),
        ("Ben", "9m", &["c2"]),
        ("Cy", "2y", &["c2", "c3"]),
        ("Dee", "18m", &[]),
    ] {
        session
            .cast(Vote::new(
                name,
                horizon,
                facts.iter().map(|f| f.to_string()).collect(),
            ))
            .unwrap();
    }
    for anonymous in [false, true] {
        let report = calibrate::workshop::report(&pack, &session, anonymous, TODAY).unwrap();
        for format in Format::for_report(render::Report::Workshop) {
            let name = format!(
                "workshop_{}{}",
                format.name(),
                if anonymous { "_anonymous" } else { "" }
            );
            insta::assert_snapshot!(
                name,
                render::workshop(format, &pack, STYLE, &report).unwrap()
            );
        }
    }
}

/// A second round after the discussion, with reasons and confidence, in
/// every format, named and anonymous: how far the group moved.
#[test]
fn workshop_second_round() {
    use calibrate::session::{Session, Vote};
    let pack = packs::embedded().unwrap();
    let mut session = Session::new(
        "Claims-handling copilot",
        &[
            "Adjusters will trust the suggested settlements".into(),
            "Our claims data is clean".into(),
        ],
    )
    .unwrap();
    let vote = |name: &str, horizon: &str, facts: &[&str], why: &[(&str, &str)]| {
        let mut vote = Vote::new(name, horizon, facts.iter().map(|f| f.to_string()).collect());
        for (id, reason) in why {
            vote.why.insert(id.to_string(), reason.to_string());
            vote.confidence.insert(id.to_string(), 0.9);
        }
        vote
    };
    for v in [
        vote(
            "Ana",
            "6m",
            &["c1", "c2"],
            &[("c2", "We audited it in March")],
        ),
        vote("Ben", "2y", &[], &[("c2", "Half the fields are free text")]),
        vote("Cy", "9m", &["c2"], &[]),
    ] {
        session.cast(v).unwrap();
    }
    session.second_round = Some(Vec::new());
    for v in [
        vote(
            "Ana",
            "6m",
            &["c1", "c2"],
            &[("c1", "The pilot's adjusters took 9 in 10")],
        ),
        vote(
            "Ben",
            "9m",
            &["c2"],
            &[("c1", "Nobody has asked the other teams")],
        ),
        vote("Cy", "9m", &["c2"], &[]),
    ] {
        session.cast(v).unwrap();
    }
    for anonymous in [false, true] {
        let report = calibrate::workshop::report(&pack, &session, anonymous, TODAY).unwrap();
        for format in Format::for_report(render::Report::Workshop) {
            let name = format!(
                "workshop_round2_{}{}",
                format.name(),
                if anonymous { "_anonymous" } else { "" }
            );
            insta::assert_snapshot!(
                name,
                render::workshop(format, &pack, STYLE, &report).unwrap()
            );
        }
    }
}

/// A portfolio of four, one of them mismatched, in every format.
#[test]
fn portfolio() {
    let pack = packs::embedded().unwrap();
    let text = "\
initiatives:
  - initiative: Supply-chain twin
    horizon: 6m
    current_playbook: go-now
    claims:
      - {claim: Plant data is clean, status: fact, evidence: measured}
      - {claim: Planners use it, status: assumption}
      - {claim: The twin answers in hours, status: fact, evidence: pilot}
  - initiative: Support assistant
    horizon: 6m
    current_playbook: go-now
    claims:
      - {claim: The bot resolves two thirds of queries, status: fact, evidence: vendor}
      - {claim: Customers accept it, status: assumption}
  - initiative: Molecule screening
    horizon: 3y
    claims:
      - {claim: Our assay data is clean, status: fact, evidence: measured}
  - initiative: Energy transition
    horizon: 10y
    current_playbook: resilient
    claims:
      - {claim: Demand peaks before 2040, status: assumption}
";
    let mut portfolio = calibrate::portfolio::Portfolio::default();
    portfolio.add_file(&pack, "portfolio.yaml", text, TODAY, &|_| {});
    assert!(portfolio.problems.is_empty(), "{:?}", portfolio.problems);
    for format in Format::for_report(render::Report::Portfolio) {
        insta::assert_snapshot!(
            format!("portfolio_{}", format.name()),
            render::portfolio(format, &pack, STYLE, &portfolio).unwrap()
        );
    }
}

/// Every card format, for one playbook.
#[test]
fn card() {
    let pack = packs::embedded().unwrap();
    let playbook = pack.find_playbook("discovery").unwrap();
    for format in Format::for_report(render::Report::Card) {
        insta::assert_snapshot!(
            format!("card_{}", format.name()),
            render::card(format, &pack, STYLE, playbook).unwrap()
        );
    }
}

/// `check` on the examples, as CI would run it, in every format.
#[test]
fn check() {
    for format in Format::for_report(render::Report::Check) {
        let output = crate::common::calibrate()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["check", "--strict", "--today", "2026-11-21", "--format"])
            .arg(format.name())
            .arg("examples")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "Klarna fails");
        insta::assert_snapshot!(
            format!("check_{}", format.name()),
            String::from_utf8(output.stdout).unwrap()
        );
    }
}

const TODAY: jiff::civil::Date = jiff::civil::date(2026, 11, 22);
