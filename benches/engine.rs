//! Regressions in the engine and the YAML loading show up here:
//! `cargo bench`. Whole-program speed against the reference is bench/run.py.

use calibrate::answers::{Answers, Claim, Status};
use calibrate::diagnosis::{diagnose, position};
use calibrate::packs;
use calibrate::portfolio::Portfolio;
use calibrate::record::Record;
use calibrate::session::Session;
use calibrate::simulate::{self, Plan, Uncertain};
use calibrate::workshop;
use calibrate::yaml::walk::{Piece, walk};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn answers() -> Answers {
    let mut claims: Vec<Claim> = (0..4)
        .map(|i| {
            Claim::new(format!("Fact {i} about our own operation"), Status::Fact)
                .with_evidence("measured")
        })
        .collect();
    claims.push(
        Claim::new(
            "The vendor's model resolves two thirds of queries",
            Status::Fact,
        )
        .with_evidence("vendor"),
    );
    claims.push(Claim::new("Customers accept a bot", Status::Assumption).with_weight(2.0));
    Answers {
        initiative: Some("Customer-service assistant".into()),
        horizon: "9m".parse().unwrap(),
        claims,
        current_playbook: Some("go-now".into()),
    }
}

/// A portfolio of `n` initiatives in the format gen_portfolio.py writes.
fn portfolio_yaml(n: usize) -> String {
    let mut text = String::from("initiatives:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  - initiative: \"Initiative {i:06}\"\n    horizon: {}m\n    current_playbook: discovery\n    claims:\n",
            3 + i % 30
        ));
        for j in 0..6 {
            let (status, evidence) = if (i + j) % 3 == 0 {
                ("assumption", "")
            } else {
                ("fact", "\n        evidence: pilot")
            };
            text.push_str(&format!("      - claim: \"Claim {j} of initiative {i}\"\n        status: {status}{evidence}\n"));
        }
    }
    text
}

/// A workshop session of about 4 MB, the largest accepted: 1,000 claims and
/// 843 votes, each holding half the claims proven.
fn big_session() -> String {
    let mut text = String::from("initiative: A large workshop\nclaims:\n");
    for i in 1..=1000 {
        text.push_str(&format!(
            "- id: c{i}\n  claim: Claim number {i} about the market, the team and our data\n"
        ));
    }
    text.push_str("votes:\n");
    for v in 0..843 {
        text.push_str(&format!(
            "- participant: Person {v}\n  horizon: {}m\n  facts:\n",
            3 + v % 30
        ));
        for i in (1..=1000).filter(|i| (i * 7 + v) % 2 == 0) {
            text.push_str(&format!("  - c{i}\n"));
        }
    }
    text
}

fn benches(c: &mut Criterion) {
    let pack = packs::embedded().unwrap();
    let answers = answers();
    let today = jiff::civil::date(2026, 11, 21);
    c.bench_function("load the built-in pack", |b| {
        b.iter(|| packs::embedded().unwrap())
    });
    c.bench_function("diagnose one initiative", |b| {
        b.iter(|| {
            diagnose(&pack, black_box(&answers))
                .unwrap()
                .position
                .playbook
                .id
                .len()
        })
    });
    c.bench_function("position one initiative", |b| {
        b.iter(|| {
            position(&pack, black_box(&answers))
                .unwrap()
                .0
                .playbook
                .id
                .len()
        })
    });
    let record = Record::from_answers(&answers, today).to_yaml(calibrate::record::SCHEMA_URL);
    c.bench_function("parse one decision record", |b| {
        b.iter(|| Record::parse("r.yaml", black_box(&record), &pack, today).unwrap())
    });
    // The largest plan: 1,000 claims, each uncertain, over a horizon range;
    // the target is under 100 ms for the 10,000 runs a diagnosis makes.
    let claims: Vec<Uncertain> = (0..1000)
        .map(|i| Uncertain {
            weight: 1.0 + f64::from(i % 3),
            holds: 0.05 + 0.9 * f64::from(i % 19) / 18.0,
        })
        .collect();
    let plan = Plan {
        months: 12.7,
        range: Some((9.0, 18.0)),
        claims: &claims,
        declared: None,
    };
    c.bench_function("simulate 10,000 runs of 1,000 claims", |b| {
        b.iter(|| {
            simulate::simulate(&pack, black_box(plan), simulate::RUNS, simulate::SEED)
                .tests
                .len()
        })
    });
    let text = portfolio_yaml(1000);
    c.bench_function("place a portfolio of 1000", |b| {
        b.iter(|| {
            let mut portfolio = Portfolio::default();
            portfolio.add_file(&pack, "p.yaml", black_box(&text), today, &|_| {});
            portfolio.rows.len()
        })
    });
    // The walk alone: the parser's one pass, with each item cut out and
    // handed over, but not read into a record.
    c.bench_function("walk a portfolio of 1000", |b| {
        b.iter(|| {
            let mut items = 0;
            walk(
                &black_box(text.as_str()),
                "initiatives",
                1 << 20,
                &|piece| matches!(piece, Piece::Node { .. }),
                &mut |item| items += usize::from(item),
            );
            items
        })
    });
    let mut one = None;
    walk(
        &record.as_str(),
        "initiatives",
        1 << 20,
        &|piece| piece,
        &mut |piece| one = Some(piece),
    );
    let Some(Piece::Node { node, .. }) = one else {
        panic!("a record is one node")
    };
    c.bench_function("read one decision record from its events", |b| {
        b.iter(|| Record::from_node("r.yaml", black_box(&node), &pack, today).unwrap())
    });
    // Large enough to be split between the cores.
    let large = portfolio_yaml(10_000);
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("place a portfolio of 10000 on every core", |b| {
        b.iter(|| {
            let mut portfolio = Portfolio::default();
            portfolio.add_file(&pack, "p.yaml", black_box(&large), today, &|_| {});
            portfolio.rows.len()
        })
    });
    group.finish();
    let text = big_session();
    let today = jiff::civil::date(2026, 1, 1);
    c.bench_function("parse a 4 MB workshop session", |b| {
        b.iter(|| {
            Session::parse("s.yaml", black_box(&text), &pack, today)
                .unwrap()
                .votes
                .len()
        })
    });
    let session = Session::parse("s.yaml", &text, &pack, today).unwrap();
    c.bench_function("report on a 4 MB workshop session", |b| {
        b.iter(|| {
            workshop::report(&pack, black_box(&session), false, today)
                .unwrap()
                .contested
                .len()
        })
    });
}

criterion_group!(engine, benches);
criterion_main!(engine);
