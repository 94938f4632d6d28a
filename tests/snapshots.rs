//! Every format for one fixed diagnosis, kept as reviewed snapshots so any
//! change to what a reader sees shows up in review (`cargo insta review`).

use calibrate::answers::{Answers, Claim, Status};
use calibrate::diagnosis::diagnose;
use calibrate::framework::Framework;
use calibrate::render::{Format, TextStyle, render};

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
    let pack = Framework::embedded().unwrap();
    let answers = answers();
    let diagnosis = diagnose(&pack, &answers).unwrap();
    render(
        format,
        &pack,
        &diagnosis,
        TextStyle {
            color: false,
            width: 100,
        },
    )
}

#[test]
fn text() {
    insta::assert_snapshot!(rendered(Format::Text));
}

#[test]
fn text_in_colour() {
    let pack = Framework::embedded().unwrap();
    let answers = answers();
    let diagnosis = diagnose(&pack, &answers).unwrap();
    let coloured = render(
        Format::Text,
        &pack,
        &diagnosis,
        TextStyle {
            color: true,
            width: 100,
        },
    );
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
