//! The live workshop's web server: two secret links, plain forms, every
//! vote written to the session file under its lock before the phone hears
//! it is saved, and strict headers on every answer.

use super::form::{BALLOT_COOKIE, Entered, ballot_cookie, ballot_holder, ballot_in};
use super::{keys, pages};
use crate::ballot;
use crate::framework::Framework;
use crate::session::{LiveKeys, Round, Session, Vote, person_key};
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{DefaultBodyLimit, Form, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The most people who may vote in a round.
pub const MAX_PARTICIPANTS: usize = 300;

/// The largest request body taken: a form for `claims` claims, each with
/// a reason of the longest length in any script, and room to spare.
pub fn body_limit(claims: usize) -> usize {
    4096 + claims * 4096
}

/// What every page states about itself: no script, no request anywhere
/// but this server, in no frame, no referrer beyond it, nothing cached.
const HEADERS: [(&str, &str); 6] = [
    (
        "content-security-policy",
        "default-src 'none'; style-src 'self'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
    ("cache-control", "no-store"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// A workshop being served.
pub struct Live {
    pub file: PathBuf,
    pub framework: Framework,
    pub today: jiff::civil::Date,
    pub keys: LiveKeys,
    /// The link participants join at, shown on the facilitator's page.
    pub join_url: String,
    /// One writer at a time in this server, so that votes queue here
    /// rather than on the session's lock file (which keeps out writers in
    /// other processes, such as `workshop vote`).
    writing: Mutex<()>,
}

/// What trying to cast a vote did.
enum Outcome {
    Saved,
    Closed,
    Taken,
    Full,
}

impl Live {
    pub fn new(
        file: PathBuf,
        framework: Framework,
        today: jiff::civil::Date,
        keys: LiveKeys,
        join_url: String,
    ) -> Live {
        Live {
            file,
            framework,
            today,
            keys,
            join_url,
            writing: Mutex::new(()),
        }
    }

    fn participant_base(&self) -> String {
        format!("/v/{}", self.keys.join)
    }

    fn facilitator_base(&self) -> String {
        format!("/f/{}", self.keys.facilitator)
    }

    fn load(&self) -> anyhow::Result<Session> {
        ballot::load(&self.file, &self.framework, self.today)
    }

    /// Changes the session file under its lock, one change at a time.
    fn update<T>(
        &self,
        change: impl FnOnce(&mut Session) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let _one = self.writing.lock().unwrap_or_else(|held| held.into_inner());
        Ok(ballot::update(&self.file, &self.framework, self.today, change)?.0)
    }

    /// A page that only says `message`, under the workshop's name.
    fn message(&self, status: StatusCode, base: &str, message: &str) -> Response {
        let title = self
            .load()
            .map(|session| session.initiative)
            .unwrap_or_default();
        page(
            status,
            pages::message(&self.framework, base, &title, message),
        )
    }

    /// The answer to a link that is not one of the workshop's.
    fn not_found(&self) -> Response {
        page(
            StatusCode::NOT_FOUND,
            pages::message(
                &self.framework,
                "",
                "",
                &self.framework.words.live.not_found,
            ),
        )
    }

    /// The answer when the session file cannot be read or written: the
    /// reason on the terminal, a request to try again on the phone.
    fn trouble(&self, base: &str, err: anyhow::Error) -> Response {
        crate::terminal::status(&format!("error: {err:#}"));
        let words = &self.framework.words.live;
        page(
            StatusCode::SERVICE_UNAVAILABLE,
            pages::message(&self.framework, base, "", &words.problem_saving),
        )
    }

    /// A participant's page, with their vote filled in when this phone
    /// has voted (in round 2, their round-1 vote until they vote again).
    fn vote_page(&self, holder: Option<String>) -> Response {
        let base = self.participant_base();
        let session = match self.load() {
            Ok(session) => session,
            Err(err) => return self.trouble(&base, err),
        };
        if !session.voting.is_open() {
            return self.message(StatusCode::OK, &base, &self.framework.words.live.closed);
        }
        let find = |round: Round| {
            holder.as_deref().and_then(|key| {
                session
                    .round_votes(round)
                    .iter()
                    .find(|v| person_key(&v.participant) == key)
            })
        };
        let mine = find(session.round());
        let earlier = mine.or_else(|| find(Round::First));
        let entered = earlier.map_or_else(
            || Entered::blank(&session),
            |v| Entered::of(&self.framework, &session, v),
        );
        self.ballot_page(
            StatusCode::OK,
            &session,
            &entered,
            mine,
            earlier.is_some(),
            &[],
        )
    }

    /// The participant's form with `entered` in it.
    fn ballot_page(
        &self,
        status: StatusCode,
        session: &Session,
        entered: &Entered,
        saved: Option<&Vote>,
        named: bool,
        problems: &[String],
    ) -> Response {
        let base = self.participant_base();
        let csrf = keys::participant_form(&self.keys);
        page(
            status,
            pages::vote(
                &self.framework,
                session,
                pages::Ballot {
                    base: &base,
                    csrf: &csrf,
                    entered,
                    saved: saved.map(|v| v.participant.as_str()),
                    named,
                    problems,
                },
            ),
        )
    }

    /// Takes a participant's form: checks it, then saves the vote under
    /// the session's lock, and only then tells the phone it is saved.
    fn cast(&self, fields: Vec<(String, String)>, holder: Option<String>) -> Response {
        let base = self.participant_base();
        let words = &self.framework.words.live;
        let session = match self.load() {
            Ok(session) => session,
            Err(err) => return self.trouble(&base, err),
        };
        let entered = Entered::sent(&session, fields);
        if !keys::same(&entered.csrf, &keys::participant_form(&self.keys)) {
            return self.message(StatusCode::FORBIDDEN, &base, &words.problem_expired);
        }
        if !session.voting.is_open() {
            return self.message(StatusCode::CONFLICT, &base, &words.closed);
        }
        let again = |status, problems: &[String]| {
            self.ballot_page(status, &session, &entered, None, false, problems)
        };
        let vote = match entered.vote(&self.framework, &session) {
            Ok(vote) => vote,
            Err(problems) => return again(StatusCode::BAD_REQUEST, &problems),
        };
        let key = person_key(&vote.participant);
        let name = vote.participant.clone();
        let outcome = self.update(|session| {
            if !session.voting.is_open() {
                return Ok(Outcome::Closed);
            }
            // A name voted under from another phone is that person's.
            if session.has_voted_in_any_round(&name) && holder.as_deref() != Some(key.as_str()) {
                return Ok(Outcome::Taken);
            }
            if !session.has_voted(&name) && session.current_votes().len() >= MAX_PARTICIPANTS {
                return Ok(Outcome::Full);
            }
            session.cast(vote).map_err(anyhow::Error::msg)?;
            Ok(Outcome::Saved)
        });
        let max = MAX_PARTICIPANTS.to_string();
        match outcome {
            Ok(Outcome::Saved) => {
                let cookie = format!(
                    "{BALLOT_COOKIE}={}; Path={base}; Max-Age=86400; HttpOnly; SameSite=Lax",
                    ballot_cookie(&self.keys, &key)
                );
                let mut response = see_other(&base);
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().insert(header::SET_COOKIE, value);
                }
                response
            }
            Ok(Outcome::Closed) => self.message(StatusCode::CONFLICT, &base, &words.closed),
            Ok(Outcome::Taken) => again(
                StatusCode::CONFLICT,
                &[crate::wording::fill(&words.name_taken, &[("name", &name)])],
            ),
            Ok(Outcome::Full) => again(
                StatusCode::FORBIDDEN,
                &[crate::wording::fill(&words.problem_full, &[("max", &max)])],
            ),
            Err(err) => {
                crate::terminal::status(&format!("error: {err:#}"));
                again(
                    StatusCode::SERVICE_UNAVAILABLE,
                    std::slice::from_ref(&words.problem_saving),
                )
            }
        }
    }

    /// The facilitator's page.
    fn desk(&self) -> Response {
        let base = self.facilitator_base();
        let session = match self.load() {
            Ok(session) => session,
            Err(err) => return self.trouble(&base, err),
        };
        let csrf = keys::facilitator_form(&self.keys);
        page(
            StatusCode::OK,
            pages::facilitator(
                &self.framework,
                &session,
                pages::Desk {
                    base: &base,
                    csrf: &csrf,
                    join_url: &self.join_url,
                    today: self.today,
                },
            ),
        )
    }

    /// A button on the facilitator's page: close, reopen, second round.
    fn act(&self, action: &str, fields: Vec<(String, String)>) -> Response {
        let base = self.facilitator_base();
        let words = &self.framework.words.live;
        let csrf = fields
            .iter()
            .rev()
            .find(|(key, _)| key == "csrf")
            .map_or("", |(_, value)| value.as_str());
        if !keys::same(csrf, &keys::facilitator_form(&self.keys)) {
            return self.message(StatusCode::FORBIDDEN, &base, &words.problem_expired);
        }
        if !["close", "reopen", "second-round"].contains(&action) {
            return self.not_found();
        }
        let changed = self.update(|session| {
            match action {
                "close" => session.close(),
                "reopen" => session.reopen(),
                _ => session.start_second_round().map_err(anyhow::Error::msg)?,
            }
            Ok(())
        });
        match changed {
            Ok(()) => see_other(&base),
            Err(err) => self.trouble(&base, err),
        }
    }
}

/// The server's routes, limits and headers.
pub fn router(live: Arc<Live>, body_limit: usize) -> Router {
    Router::new()
        .route("/v/{token}", get(vote_page).post(cast))
        .route("/v/{token}/style.css", get(participant_css))
        .route("/f/{token}", get(desk))
        .route("/f/{token}/style.css", get(facilitator_css))
        .route("/f/{token}/{action}", post(act))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(axum::middleware::map_response(secure))
        .with_state(live)
}

type Shared = State<Arc<Live>>;
type Fields = Result<Form<Vec<(String, String)>>, FormRejection>;

async fn vote_page(State(live): Shared, Path(token): Path<String>, headers: HeaderMap) -> Response {
    if !keys::same(&token, &live.keys.join) {
        return live.not_found();
    }
    let holder = holder(&live.keys, &headers);
    blocking(move || live.vote_page(holder)).await
}

async fn cast(
    State(live): Shared,
    Path(token): Path<String>,
    headers: HeaderMap,
    form: Fields,
) -> Response {
    if !keys::same(&token, &live.keys.join) {
        return live.not_found();
    }
    let base = live.participant_base();
    let fields = match checked(&live, &base, &headers, form) {
        Ok(fields) => fields,
        Err(refused) => return *refused,
    };
    let holder = holder(&live.keys, &headers);
    blocking(move || live.cast(fields, holder)).await
}

async fn desk(State(live): Shared, Path(token): Path<String>) -> Response {
    if !keys::same(&token, &live.keys.facilitator) {
        return live.not_found();
    }
    blocking(move || live.desk()).await
}

async fn act(
    State(live): Shared,
    Path((token, action)): Path<(String, String)>,
    headers: HeaderMap,
    form: Fields,
) -> Response {
    if !keys::same(&token, &live.keys.facilitator) {
        return live.not_found();
    }
    let base = live.facilitator_base();
    let fields = match checked(&live, &base, &headers, form) {
        Ok(fields) => fields,
        Err(refused) => return *refused,
    };
    blocking(move || live.act(&action, fields)).await
}

async fn participant_css(State(live): Shared, Path(token): Path<String>) -> Response {
    css(&live, keys::same(&token, &live.keys.join))
}

async fn facilitator_css(State(live): Shared, Path(token): Path<String>) -> Response {
    css(&live, keys::same(&token, &live.keys.facilitator))
}

async fn not_found(State(live): Shared) -> Response {
    live.not_found()
}

/// The stylesheet, for a page's own link only.
fn css(live: &Live, allowed: bool) -> Response {
    if !allowed {
        return live.not_found();
    }
    let mut response = pages::CSS.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    response
}

/// A form's fields, or the answer refusing it: too large, not a form, or
/// sent from another site.
fn checked(
    live: &Live,
    base: &str,
    headers: &HeaderMap,
    form: Fields,
) -> Result<Vec<(String, String)>, Box<Response>> {
    let words = &live.framework.words.live;
    let fields = match form {
        Ok(Form(fields)) => fields,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Err(Box::new(page(
                StatusCode::PAYLOAD_TOO_LARGE,
                pages::message(&live.framework, base, "", &words.too_large),
            )));
        }
        Err(_) => {
            return Err(Box::new(page(
                StatusCode::BAD_REQUEST,
                pages::message(&live.framework, base, "", &words.problem_expired),
            )));
        }
    };
    if cross_site(headers) {
        return Err(Box::new(page(
            StatusCode::FORBIDDEN,
            pages::message(&live.framework, base, "", &words.problem_expired),
        )));
    }
    Ok(fields)
}

/// Whether a form was sent from another site: its browser says so, or
/// its origin is not the address it was sent to.
fn cross_site(headers: &HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .is_some_and(|site| site == "cross-site")
    {
        return true;
    }
    match headers.get(header::ORIGIN) {
        None => false,
        // Sent by some browsers for privacy; the form's token still counts.
        Some(origin) if origin == "null" => false,
        Some(origin) => {
            let host = headers
                .get(header::HOST)
                .and_then(|host| host.to_str().ok())
                .unwrap_or_default();
            origin.as_bytes() != format!("http://{host}").as_bytes()
        }
    }
}

/// Whose ballot the request carries, if it carries a valid one.
fn holder(keys: &LiveKeys, headers: &HeaderMap) -> Option<String> {
    let cookies = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok());
    ballot_in(cookies).and_then(|cookie| ballot_holder(keys, cookie))
}

/// Runs `work`, which reads or writes the session file, off the threads
/// that answer requests.
async fn blocking(work: impl FnOnce() -> Response + Send + 'static) -> Response {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn page(status: StatusCode, html: String) -> Response {
    let mut response = (status, html).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// After a form: go back to the page, so that reloading sends nothing.
fn see_other(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// Every answer's headers: see [`HEADERS`].
async fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_from_elsewhere_are_told_apart() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:7878"));
        assert!(!cross_site(&headers));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:7878"),
        );
        assert!(!cross_site(&headers));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://evil.example"),
        );
        assert!(cross_site(&headers));
        headers.remove(header::ORIGIN);
        headers.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(cross_site(&headers));
    }
}
