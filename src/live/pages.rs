//! The live workshop's pages, rendered by askama templates that escape
//! everything they are given (only the report and the QR code, which
//! escape their own text, go in as they are). Every word comes from the
//! pack's wording.

use super::form::{Entered, likely_choices};
use super::qr;
use crate::framework::Framework;
use crate::render::html::{filters, workshop_content};
use crate::session::{MAX_NAME, MAX_WHY, Round, Session};
use crate::wording::{Wording, fill};
use crate::workshop;
use askama::Template;

#[derive(Template)]
#[template(path = "live_message.html")]
struct Message<'a> {
    title: &'a str,
    message: &'a str,
    base: &'a str,
    w: &'a Wording,
}

/// A page that only says something: a link not valid, voting closed...
pub fn message(framework: &Framework, base: &str, title: &str, message: &str) -> String {
    Message {
        title,
        message,
        base,
        w: &framework.words,
    }
    .render()
    .expect("the message template always renders")
}

#[derive(Template)]
#[template(path = "live_vote.html")]
struct VotePage<'a> {
    title: String,
    base: &'a str,
    csrf: &'a str,
    saved: Option<String>,
    problems: &'a [String],
    second_round: bool,
    /// Whether the name is the one this phone voted under, not to change.
    named: bool,
    entered: &'a Entered,
    horizon_question: &'a str,
    horizons: Vec<HorizonChoice<'a>>,
    claims: Vec<ClaimField<'a>>,
    /// Each confidence offered: (value, as shown).
    likely: Vec<(String, &'a str)>,
    max_name: usize,
    max_why: usize,
    w: &'a Wording,
}

struct HorizonChoice<'a> {
    value: &'a str,
    label: &'a str,
    chosen: bool,
}

struct ClaimField<'a> {
    index: usize,
    text: &'a str,
    reading: Option<bool>,
    likely: &'a str,
    why: &'a str,
}

/// What a participant's page needs besides the session.
pub struct Ballot<'a> {
    /// Where the page is and its form goes: `/v/TOKEN`.
    pub base: &'a str,
    pub csrf: &'a str,
    /// What the form holds: the person's vote, or what they sent.
    pub entered: &'a Entered,
    /// The name this phone voted under, when it has voted in this round.
    pub saved: Option<&'a str>,
    /// Whether the name is fixed: this phone has voted under it.
    pub named: bool,
    pub problems: &'a [String],
}

/// A participant's page: their vote, private, in a plain form.
pub fn vote(framework: &Framework, session: &Session, ballot: Ballot) -> String {
    let words = &framework.words;
    let entered = ballot.entered;
    VotePage {
        title: fill(
            &words.live.vote_title,
            &[("initiative", &session.initiative)],
        ),
        base: ballot.base,
        csrf: ballot.csrf,
        saved: ballot
            .saved
            .map(|name| fill(&words.live.saved, &[("name", name)])),
        problems: ballot.problems,
        second_round: session.round() == Round::Second,
        named: ballot.named,
        entered,
        horizon_question: &framework.horizon.question,
        horizons: framework
            .horizon
            .choices
            .iter()
            .map(|choice| HorizonChoice {
                value: &choice.horizon,
                label: &choice.label,
                chosen: entered.horizon == choice.horizon,
            })
            .collect(),
        claims: session
            .claims
            .iter()
            .enumerate()
            .map(|(index, claim)| ClaimField {
                index,
                text: &claim.claim,
                reading: entered.readings.get(index).copied().flatten(),
                likely: entered.likely.get(index).map_or("", String::as_str),
                why: entered.why.get(index).map_or("", String::as_str),
            })
            .collect(),
        likely: std::iter::once((String::new(), words.interview.confidence_unsure.as_str()))
            .chain(likely_choices(framework))
            .collect(),
        max_name: MAX_NAME,
        max_why: MAX_WHY,
        w: words,
    }
    .render()
    .expect("the vote template always renders")
}

#[derive(Template)]
#[template(path = "live_facilitator.html")]
struct FacilitatorPage<'a> {
    title: String,
    base: &'a str,
    csrf: &'a str,
    join_url: &'a str,
    qr: String,
    scan: String,
    /// "Round 2", once the second round has started.
    round: Option<String>,
    open: bool,
    voted: String,
    voters: Vec<&'a str>,
    /// The buttons: (where they post, what they say).
    actions: Vec<(&'static str, &'a str)>,
    /// The report on the round, once voting is closed.
    report: Option<String>,
    w: &'a Wording,
}

/// What the facilitator's page needs besides the session.
pub struct Desk<'a> {
    /// Where the page is: `/f/TOKEN`.
    pub base: &'a str,
    pub csrf: &'a str,
    pub join_url: &'a str,
    pub today: jiff::civil::Date,
}

/// The facilitator's page: who has voted (not what), the buttons, and
/// once voting is closed, the report on the round.
pub fn facilitator(framework: &Framework, session: &Session, desk: Desk) -> String {
    let words = &framework.words;
    let round = session.round();
    let open = session.voting.is_open();
    let voters = session.voters();
    let mut actions = Vec::new();
    if open {
        actions.push(("close", words.live.close_and_reveal.as_str()));
    } else {
        actions.push(("reopen", words.live.reopen.as_str()));
        if round == Round::First && !voters.is_empty() {
            actions.push(("second-round", words.live.start_round_two.as_str()));
        }
    }
    let report = (!open)
        .then(|| workshop::report_on(framework, session, round, false, desk.today).ok())
        .flatten()
        .map(|report| workshop_content(framework, &report));
    FacilitatorPage {
        title: fill(
            &words.live.facilitator_title,
            &[("initiative", &session.initiative)],
        ),
        base: desk.base,
        csrf: desk.csrf,
        join_url: desk.join_url,
        qr: qr::svg(desk.join_url),
        scan: fill(&words.live.scan, &[("url", desk.join_url)]),
        round: (round == Round::Second).then(|| {
            fill(
                &words.discussion.round,
                &[("number", &round.number().to_string())],
            )
        }),
        open,
        voted: fill(&words.live.voted, &[("count", &voters.len().to_string())]),
        voters,
        actions,
        report,
        w: words,
    }
    .render()
    .expect("the facilitator template always renders")
}

/// The pages' stylesheet: the reports' own, and the forms'.
pub const CSS: &str = concat!(
    include_str!("../../templates/report.css"),
    include_str!("../../templates/live.css")
);
