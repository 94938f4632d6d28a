//! `workshop serve`: the live workshop's server on loopback, driven as
//! phones and a facilitator would, over HTTP.

use crate::common::{json, new_session, run, voters};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `calibrate workshop serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) join: String,
    pub(crate) facilitator: String,
    /// What it printed before the links were ready.
    pub(crate) printed: String,
}

impl Server {
    /// Serves the session at `path` on loopback, on `port` (0: any).
    pub(crate) fn start(path: &Path, port: u16) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_calibrate"))
            .args(["workshop", "serve"])
            .arg(path)
            .args(["--port", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("calibrate starts");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut printed = String::new();
        let (mut join, mut facilitator) = (None, None);
        while facilitator.is_none() {
            let line = lines
                .next()
                .unwrap_or_else(|| panic!("the server stopped: {printed}"))
                .unwrap();
            printed.push_str(&line);
            printed.push('\n');
            let url = line.trim().to_string();
            if url.starts_with("http://") && url.contains("/v/") {
                join = Some(url);
            } else if url.starts_with("http://") && url.contains("/f/") {
                facilitator = Some(url);
            }
        }
        // Read the rest, so that the server never waits on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            join: join.expect("a join link"),
            facilitator: facilitator.unwrap(),
            printed,
        }
    }

    /// The server's address: `http://127.0.0.1:PORT`.
    pub(crate) fn origin(&self) -> String {
        let after = &self.join["http://".len()..];
        format!("http://{}", &after[..after.find('/').unwrap()])
    }

    /// Stops it as Ctrl-C would, and returns its exit code.
    fn interrupt(mut self) -> i32 {
        unsafe { libc::kill(self.child.id() as i32, libc::SIGINT) };
        let status = self.child.wait().unwrap();
        status.code().unwrap_or(-1)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A phone: its own cookie, no redirects followed.
#[derive(Default, Clone)]
pub(crate) struct Phone {
    cookie: Option<String>,
}

/// An answer: status, body, and the headers a test looks at.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: String,
    pub(crate) location: Option<String>,
    pub(crate) headers: Vec<(String, String)>,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn answer(response: ureq::http::Response<ureq::Body>) -> Answer {
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string());
    let mut body = String::new();
    response
        .into_body()
        .into_reader()
        .read_to_string(&mut body)
        .unwrap();
    Answer {
        status,
        body,
        location,
        headers,
    }
}

impl Phone {
    pub(crate) fn get(&self, url: &str) -> Answer {
        let mut request = agent().get(url);
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        answer(request.call().expect("the server answers"))
    }

    /// Posts `body` as a form, keeping any ballot the answer gives.
    pub(crate) fn post(&mut self, url: &str, body: &str) -> Answer {
        self.post_with(url, body, &[])
    }

    fn post_with(&mut self, url: &str, body: &str, headers: &[(&str, &str)]) -> Answer {
        let mut request = agent()
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded");
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let answer = answer(request.send(body).expect("the server answers"));
        if let Some((_, set)) = answer.headers.iter().find(|(k, _)| k == "set-cookie") {
            self.cookie = Some(set.split(';').next().unwrap().to_string());
        }
        answer
    }

    /// Votes on the page at `url` as `name`: a form as the page gives it.
    pub(crate) fn vote(&mut self, url: &str, name: &str, horizon: &str, facts: &[bool]) -> Answer {
        let csrf = csrf(&self.get(url).body);
        self.post(url, &form(&csrf, name, horizon, facts, &[]))
    }
}

/// The token in a page's form.
pub(crate) fn csrf(page: &str) -> String {
    let at = page
        .find("name=\"csrf\" value=\"")
        .expect("a form with a token")
        + 19;
    page[at..at + 64].to_string()
}

/// A vote's form body: each claim a fact or an assumption, with reasons
/// (claim index, text).
pub(crate) fn form(
    csrf: &str,
    name: &str,
    horizon: &str,
    facts: &[bool],
    why: &[(usize, &str)],
) -> String {
    let mut body = format!("csrf={csrf}&name={}&horizon={horizon}", encode(name));
    for (i, fact) in facts.iter().enumerate() {
        let reading = if *fact { "fact" } else { "assumption" };
        body.push_str(&format!("&read{i}={reading}"));
    }
    for (i, reason) in why {
        body.push_str(&format!("&why{i}={}&likely{i}=0.75", encode(reason)));
    }
    body
}

/// Percent-encodes a form value.
pub(crate) fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A new session "Copilot" (claims c1, c2) in a fresh folder.
fn session() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copilot.yaml");
    new_session(&path);
    (dir, path)
}

/// The one `<p class="notice…">` or problem list a page shows, as text.
fn notice(page: &str) -> String {
    let at = page.find("class=\"notice").expect("a notice");
    let start = at + page[at..].find('>').unwrap() + 1;
    let end = start + page[start..].find("</").unwrap();
    let text = page[start..end].trim();
    text.strip_prefix("<li>").unwrap_or(text).to_string()
}

const NOT_FOUND: &str = "This link is not valid. Ask the facilitator for the workshop&#39;s link.";

#[test]
fn it_prints_both_links_and_says_it_listens_on_this_computer_only() {
    let (_dir, path) = session();
    let server = Server::start(&path, 0);
    assert!(
        server.join.starts_with("http://127.0.0.1:"),
        "{}",
        server.join
    );
    let first = server.printed.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "Serving \"Copilot\" from {} on this computer only (pass --bind 0.0.0.0 to let phones on your network join).",
            path.display()
        )
    );
    assert!(
        server
            .printed
            .contains("Facilitator (keep this link to yourself):")
    );
    // The QR code is drawn in block characters.
    assert!(server.printed.contains('█'));
    let keys = std::fs::read_to_string(&path).unwrap();
    assert!(keys.contains(&server.join[server.join.len() - 32..]));
}

#[test]
fn a_vote_from_a_phone_is_saved_and_the_phone_may_change_it() {
    let (_dir, path) = session();
    let server = Server::start(&path, 0);
    let mut ana = Phone::default();
    let page = ana.get(&server.join);
    assert_eq!(page.status, 200);
    let saved = ana.post(
        &server.join,
        &form(
            &csrf(&page.body),
            "Ana",
            "6m",
            &[true, false],
            &[(1, "Half the fields are free text")],
        ),
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        saved.location.as_deref(),
        Some(&server.join[server.origin().len()..])
    );
    let page = ana.get(&server.join);
    assert_eq!(
        notice(&page.body),
        "Thank you, Ana: your vote is saved. You can change it below until the facilitator closes voting."
    );
    // The form holds the vote, the name fixed to this phone.
    assert!(page.body.contains("value=\"Ana\" readonly"));
    assert!(page.body.contains("value=\"6m\" required checked"));
    let vote = &report(&path);
    assert_eq!(vote["participants"][0]["name"], "Ana");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(
            "votes:\n- participant: Ana\n  horizon: 6m\n  facts:\n  - c1\n  confidence:\n    c2: 0.75\n  why:\n    c2: Half the fields are free text\n"
        ),
        "{text}"
    );

    // Changed from the same phone: replaced, not added.
    assert_eq!(
        ana.vote(&server.join, "Ana", "3y", &[false, false]).status,
        303
    );
    assert_eq!(voters(&path), ["Ana"]);
    let json = report(&path);
    assert_eq!(json["participants"][0]["horizon_months"], 36.0);
}

#[test]
fn nobody_can_vote_under_a_name_another_phone_voted_under() {
    let (_dir, path) = session();
    let server = Server::start(&path, 0);
    let mut ana = Phone::default();
    assert_eq!(
        ana.vote(&server.join, "Ana", "6m", &[true, true]).status,
        303
    );
    let mut other = Phone::default();
    let refused = other.vote(&server.join, "  ANA ", "3y", &[false, false]);
    assert_eq!(refused.status, 409);
    assert_eq!(
        notice(&refused.body),
        "Someone has already voted as ANA from another device. If that was you, change your vote there; otherwise add an initial to your name."
    );
    let json = report(&path);
    assert_eq!(json["participants"][0]["horizon_months"], 6.0);
    // A forged ballot counts for nothing.
    let mut forger = Phone {
        cookie: Some("calibrate_ballot=616e61.00".into()),
    };
    assert_eq!(
        forger
            .vote(&server.join, "Ana", "3y", &[false, false])
            .status,
        409
    );
}

#[test]
fn a_form_with_problems_comes_back_with_them_and_what_was_typed() {
    let (_dir, path) = session();
    let server = Server::start(&path, 0);
    let mut phone = Phone::default();
    let token = csrf(&phone.get(&server.join).body);
    let back = phone.post(
        &server.join,
        &format!("csrf={token}&name=Bo&horizon=7m&read0=fact&why1=keep+me"),
    );
    assert_eq!(back.status, 400);
    assert!(back.body.contains(
        "<ul class=\"notice problems\" role=\"alert\">\n  <li>Choose when the investment must pay off.</li>\n  <li>Say for each claim whether it is a fact or an assumption.</li>\n</ul>"
    ), "{}", back.body);
    assert!(back.body.contains("value=\"Bo\""));
    assert!(back.body.contains("value=\"keep me\""));
    assert!(voters_in(&path).is_empty());
}

/// Whether the session at `path` has its voting closed.
fn closed(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .unwrap()
        .contains("voting: closed")
}

/// The JSON report on the session at `path`.
fn report(path: &Path) -> serde_json::Value {
    json(&[
        "workshop",
        "report",
        path.to_str().unwrap(),
        "--format",
        "json",
    ])
}

/// Who has voted, read from the file itself (the report needs a vote).
fn voters_in(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("- participant: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn requests_without_the_right_token_are_refused() {
    let (_dir, path) = session();
    let server = Server::start(&path, 0);
    let origin = server.origin();
    let join = &server.join[server.join.len() - 32..];
    let facilitator = &server.facilitator[server.facilitator.len() - 32..];
    let phone = Phone::default();
    for url in [
        format!("{origin}/"),
        format!("{origin}/v/"),
        format!("{origin}/v/0123456789abcdef0123456789abcdef"),
        format!("{origin}/v/{}", &join[..31]),
        format!("{origin}/f/{join}"),
        format!("{origin}/v/{facilitator}"),
        format!("{origin}/f/{join}/style.css"),
        format!("{origin}/style.css"),
        format!("{origin}/favicon.ico"),
    ] {
        let answer = phone.get(&url);
        assert_eq!(answer.status, 404, "{url}");
        assert_eq!(notice(&answer.body), NOT_FOUND, "{url}");
    }
    // The participant's link cannot close the voting.
    let mut phone = Phone::default();
    let token = csrf(&phone.get(&server.join).body);
    let refused = phone.post(
        &format!("{origin}/f/{join}/close"),
        &format!("csrf={token}"),
    );
    assert_eq!(refused.status, 404);
    assert!(!closed(&path));
}

#[test]
fn forms_without_their_token_or_from_another_site_are_refused() {
    let (_dir, path) = session();
    let server = Server::start(&path, 0);
    let mut phone = Phone::default();
    let token = csrf(&phone.get(&server.join).body);
    let expired = "This form has expired. Reload the page and vote again.";
    let no_token = phone.post(&server.join, &form("", "Ana", "6m", &[true, true], &[]));
    assert_eq!(
        (no_token.status, notice(&no_token.body).as_str()),
        (403, expired)
    );
    // The participant's form token does not work the facilitator's buttons.
    let close = phone.post(
        &format!("{}/close", server.facilitator),
        &format!("csrf={token}"),
    );
    assert_eq!((close.status, notice(&close.body).as_str()), (403, expired));
    let elsewhere = phone.post_with(
        &server.join,
        &form(&token, "Ana", "6m", &[true, true], &[]),
        &[("origin", "http://evil.example")],
    );
    assert_eq!(
        (elsewhere.status, notice(&elsewhere.body).as_str()),
        (403, expired)
    );
    let cross = phone.post_with(
        &server.join,
        &form(&token, "Ana", "6m", &[true, true], &[]),
        &[("sec-fetch-site", "cross-site")],
    );
    assert_eq!(cross.status, 403);
    assert!(voters_in(&path).is_empty());
    assert!(!closed(&path));
}

#[test]
fn oversized_bodies_are_refused() {
    let (_dir, path) = session();
    let server = Server::start(&path, 0);
    let mut phone = Phone::default();
    let token = csrf(&phone.get(&server.join).body);
    // Over the limit, yet small enough to be sent whole before the answer.
    let huge = "x".repeat(20_000);
    let refused = phone.post(
        &server.join,
        &form(&token, "Ana", "6m", &[true, true], &[(0, &huge)]),
    );
    assert_eq!(refused.status, 413);
    assert_eq!(
        notice(&refused.body),
        "This vote is too long to take. Shorten your reasons and send it again."
    );
    // A reason within the body limit but over its own is refused too.
    let long = phone.post(
        &server.join,
        &form(&token, "Ana", "6m", &[true, true], &[(0, &"y".repeat(281))]),
    );
    assert_eq!(long.status, 400);
    assert_eq!(
        notice(&long.body),
        "A reason is too long; keep each to one line of at most 280 characters."
    );
    assert!(voters_in(&path).is_empty());
}

#[test]
fn hostile_names_are_refused_and_markup_is_shown_as_text() {
    let (_dir, path) = session();
    let server = Server::start(&path, 0);
    for (name, problem) in [
        (
            "Ana\u{202E}nimda",
            "Your name holds characters that do not show (such as control or direction marks). Type it plainly.",
        ),
        (
            "Ana\u{0007}",
            "Your name holds characters that do not show (such as control or direction marks). Type it plainly.",
        ),
        ("\u{200B}\u{200B}", "Write your name."),
        ("   ", "Write your name."),
        (
            &"A".repeat(81),
            "Your name is too long; use at most 80 characters.",
        ),
    ] {
        let mut phone = Phone::default();
        let refused = phone.vote(&server.join, name, "6m", &[true, true]);
        assert_eq!(refused.status, 400, "{name:?}");
        assert_eq!(notice(&refused.body), problem, "{name:?}");
    }
    assert!(voters_in(&path).is_empty());
    let mut phone = Phone::default();
    let markup = "<script>alert(1)</script>";
    assert_eq!(
        phone.vote(&server.join, markup, "6m", &[true, true]).status,
        303
    );
    let page = Phone::default().get(&server.facilitator).body;
    assert!(
        page.contains("<li>&#60;script&#62;alert(1)&#60;/script&#62;</li>"),
        "{page}"
    );
    assert!(!page.contains("<script"));
}

#[test]
fn every_answer_forbids_scripts_frames_and_other_sites() {
    let (_dir, path) = session();
    let server = Server::start(&path, 0);
    let phone = Phone::default();
    for url in [
        server.join.clone(),
        server.facilitator.clone(),
        format!("{}/style.css", server.join),
        format!("{}/nothing", server.origin()),
    ] {
        let answer = phone.get(&url);
        let header = |name: &str| {
            answer
                .headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
                .unwrap_or_else(|| panic!("{url}: no {name}"))
        };
        assert_eq!(
            header("content-security-policy"),
            "default-src 'none'; style-src 'self'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        );
        assert_eq!(header("x-frame-options"), "DENY");
        assert_eq!(header("x-content-type-options"), "nosniff");
        assert_eq!(header("referrer-policy"), "same-origin");
        assert_eq!(header("cache-control"), "no-store");
    }
    // Nothing on the pages reaches beyond the server.
    for url in [&server.join, &server.facilitator] {
        let body = phone.get(url).body;
        for outside in ["https://", "//fonts", "<script", "<iframe", "<img"] {
            assert!(!body.contains(outside), "{url} holds {outside}");
        }
    }
}

#[test]
fn closing_reveals_the_report_and_a_second_round_shows_how_far_the_group_moved() {
    let (dir, path) = session();
    let server = Server::start(&path, 0);
    let mut phones = [Phone::default(), Phone::default(), Phone::default()];
    let people = [
        ("Ana", "6m", [true, true]),
        ("Ben", "3y", [false, false]),
        ("Cy", "3y", [false, true]),
    ];
    for (phone, (name, horizon, facts)) in phones.iter_mut().zip(people) {
        assert_eq!(phone.vote(&server.join, name, horizon, &facts).status, 303);
    }
    let mut desk = Phone::default();
    let page = desk.get(&server.facilitator).body;
    assert!(page.contains("<strong>Voting is open.</strong> Voted: 3"));
    assert!(
        page.contains(
            "<ul class=\"voters\">\n  <li>Ana</li>\n  <li>Ben</li>\n  <li>Cy</li>\n</ul>"
        )
    );
    // Who voted, never what.
    assert!(!page.contains("6 months") && !page.contains("Verdict"));
    assert!(page.contains("<meta http-equiv=\"refresh\" content=\"5\">"));

    let token = csrf(&page);
    // A page opened before voting closes, sent after.
    let open_form = csrf(&phones[1].get(&server.join).body);
    let closed = desk.post(
        &format!("{}/close", server.facilitator),
        &format!("csrf={token}"),
    );
    assert_eq!(closed.status, 303);
    let page = desk.get(&server.facilitator).body;
    assert!(page.contains("<strong>Voting is closed.</strong> Voted: 3"));
    assert!(page.contains("<strong>Verdict: Split.</strong>"), "{page}");
    assert!(page.contains("<h1>Copilot: workshop of 3</h1>"));
    // Closed: phones are told, votes refused, from the page and the command line.
    let told = phones[0].get(&server.join);
    assert_eq!(
        notice(&told.body),
        "Voting is closed. The facilitator is showing the results."
    );
    let late = phones[1].post(
        &server.join,
        &form(&open_form, "Ben", "6m", &[true, true], &[]),
    );
    assert_eq!(late.status, 409);
    let refused = run(&[
        "workshop",
        "vote",
        path.to_str().unwrap(),
        "--participant",
        "Dee",
        "--horizon",
        "6m",
    ]);
    assert_eq!(refused.code, 2);

    // Round 2: phones find their round-1 answers filled in.
    let second = desk.post(
        &format!("{}/second-round", server.facilitator),
        &format!("csrf={token}"),
    );
    assert_eq!(second.status, 303);
    let page = phones[1].get(&server.join).body;
    assert!(
        page.contains("Round 2: after the discussion, vote again."),
        "{page}"
    );
    assert!(page.contains("value=\"3y\" required checked"));
    for (phone, (name, _, _)) in phones.iter_mut().zip(people) {
        assert_eq!(
            phone.vote(&server.join, name, "3y", &[false, true]).status,
            303
        );
    }
    desk.post(
        &format!("{}/close", server.facilitator),
        &format!("csrf={token}"),
    );
    let page = desk.get(&server.facilitator).body;
    assert!(page.contains("<h2>Round 2</h2>"));
    assert!(
        page.contains("<h2>How far the group moved since round 1</h2>"),
        "{page}"
    );
    assert!(
        page.contains("<li>Verdict: split in round 1, aligned in round 2.</li>"),
        "{page}"
    );
    // The file reads as any session does, at any time.
    let report = run(&["workshop", "report", path.to_str().unwrap(), "--round", "1"]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    drop(dir);
}

/// A port free now, for a server that must come back on the same one.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn a_server_stopped_mid_session_comes_back_with_every_vote_and_link() {
    let (_dir, path) = session();
    let port = free_port();
    let server = Server::start(&path, port);
    let (join, facilitator) = (server.join.clone(), server.facilitator.clone());
    let mut ana = Phone::default();
    for name in ["Ana", "Ben", "Cy", "Dee", "Eve"] {
        let mut phone = Phone::default();
        assert_eq!(phone.vote(&join, name, "6m", &[true, false]).status, 303);
        if name == "Ana" {
            ana = phone;
        }
    }
    // Stopped as Ctrl-C does: it says what is saved.
    assert_eq!(server.interrupt(), 130);
    let server = Server::start(&path, port);
    assert_eq!((&server.join, &server.facilitator), (&join, &facilitator));
    assert_eq!(voters(&path), ["Ana", "Ben", "Cy", "Dee", "Eve"]);
    // A crash (killed outright) loses nothing either.
    let mut fay = Phone::default();
    assert_eq!(fay.vote(&join, "Fay", "3y", &[false, false]).status, 303);
    drop(server);
    let server = Server::start(&path, port);
    assert_eq!(voters(&path), ["Ana", "Ben", "Cy", "Dee", "Eve", "Fay"]);
    // Ana's phone still holds her ballot, and may change her vote.
    let page = ana.get(&server.join).body;
    assert!(page.contains("value=\"Ana\" readonly"), "{page}");
    assert_eq!(
        ana.vote(&server.join, "Ana", "3y", &[false, false]).status,
        303
    );
    assert_eq!(voters(&path).len(), 6);
}

#[test]
fn stopping_says_how_many_votes_are_saved() {
    let (_dir, path) = session();
    let mut child = Command::new(env!("CARGO_BIN_EXE_calibrate"))
        .args(["workshop", "serve"])
        .arg(&path)
        .args(["--port", "0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let mut seen = Vec::new();
    let mut byte = [0u8];
    while !String::from_utf8_lossy(&seen).contains("carries on with the same links.\n") {
        assert_eq!(
            stderr.read(&mut byte).unwrap(),
            1,
            "{}",
            String::from_utf8_lossy(&seen)
        );
        seen.push(byte[0]);
    }
    let url = String::from_utf8_lossy(&seen)
        .lines()
        .map(str::trim)
        .find(|l| l.contains("/v/"))
        .unwrap()
        .to_string();
    Phone::default().vote(&url, "Ana", "6m", &[true, true]);
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(130));
    let file = path.display();
    // The port was picked for it: carrying on with the same links needs it.
    let port = url.split(':').nth(2).unwrap().split('/').next().unwrap();
    assert_eq!(
        rest.trim(),
        format!(
            "Stopped. 1 vote is saved in {file}; `calibrate workshop serve {file} --port {port}` carries on with the same links, and `calibrate workshop report {file}` shows the results."
        )
    );
}

#[test]
fn a_full_workshop_takes_no_one_more_but_lets_its_people_change_their_votes() {
    let (_dir, path) = session();
    let mut text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("votes: []\n", "votes:\n");
    for i in 0..calibrate::live::MAX_PARTICIPANTS {
        text.push_str(&format!("- participant: P{i}\n  horizon: 6m\n"));
    }
    std::fs::write(&path, text).unwrap();
    let server = Server::start(&path, 0);
    let refused = Phone::default().vote(&server.join, "One more", "6m", &[true, true]);
    assert_eq!(refused.status, 403);
    assert_eq!(notice(&refused.body), "This workshop is full (300 people).");
    assert_eq!(voters_in(&path).len(), 300);
}

/// 200 phones vote at once: every vote is saved, and the session file
/// reads as a whole session whenever it is looked at.
#[test]
fn two_hundred_phones_voting_at_once_lose_nothing() {
    use calibrate::session::Session;
    let (_dir, path) = session();
    let server = Server::start(&path, 0);
    let token = csrf(&Phone::default().get(&server.join).body);
    let started = Instant::now();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let (path, done) = (path.clone(), done.clone());
        std::thread::spawn(move || {
            let pack = calibrate::packs::embedded().unwrap();
            let today = jiff::civil::date(2026, 11, 22);
            let mut reads = 0;
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                let text = std::fs::read_to_string(&path).unwrap();
                if let Err(problems) = Session::parse("copilot.yaml", &text, &pack, today) {
                    panic!("the session read mid-vote is broken: {problems}\n{text}");
                }
                reads += 1;
            }
            reads
        })
    };
    let phones: Vec<_> = (0..200)
        .map(|i| {
            let (url, token) = (server.join.clone(), token.clone());
            std::thread::spawn(move || {
                let body = form(
                    &token,
                    &format!("Person {i}"),
                    ["3m", "6m", "12m", "18m", "3y"][i % 5],
                    &[i % 2 == 0, i % 3 == 0],
                    &[(0, "because")],
                );
                Phone::default().post(&url, &body).status
            })
        })
        .collect();
    for phone in phones {
        assert_eq!(phone.join().unwrap(), 303);
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let reads = watcher.join().unwrap();
    let took = started.elapsed();
    // A hang guard, not a speed test (see bench/ for speed).
    assert!(took < Duration::from_secs(120), "200 votes took {took:?}");
    assert!(reads > 0);
    let mut names = voters(&path);
    names.sort();
    let mut expected: Vec<String> = (0..200).map(|i| format!("Person {i}")).collect();
    expected.sort();
    assert_eq!(names, expected);
    eprintln!(
        "200 concurrent votes saved in {took:?}; the file read whole {reads} times meanwhile"
    );
}

#[test]
fn a_port_in_use_is_named_and_nothing_is_served() {
    let (_dir, path) = session();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = run(&[
        "workshop",
        "serve",
        path.to_str().unwrap(),
        "--port",
        &port.to_string(),
    ]);
    crate::common::assert_input_error(
        &out,
        &format!(
            "cannot listen on 127.0.0.1:{port}: something else is listening on that port; pick another with --port N, or stop it"
        ),
    );
    let out = run(&[
        "workshop",
        "serve",
        path.to_str().unwrap(),
        "--bind",
        "192.0.2.77",
        "--port",
        "0",
    ]);
    crate::common::assert_input_error(
        &out,
        "cannot listen on 192.0.2.77:0: this computer has no such address; leave out --bind, or give one of its addresses",
    );
}

#[test]
fn bind_takes_localhost_and_names_what_is_not_an_address() {
    let (_dir, path) = session();
    // `localhost` is this computer only, so a port in use there is the
    // problem named, not the word.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = run(&[
        "workshop",
        "serve",
        path.to_str().unwrap(),
        "--bind",
        "localhost",
        "--port",
        &port.to_string(),
    ]);
    crate::common::assert_input_error(
        &out,
        &format!(
            "cannot listen on 127.0.0.1:{port}: something else is listening on that port; pick another with --port N, or stop it"
        ),
    );
    let out = run(&[
        "workshop",
        "serve",
        path.to_str().unwrap(),
        "--bind",
        "example.com",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "error: invalid value 'example.com' for '--bind <ADDR>': 'example.com' is not an IP address: use 127.0.0.1 (this computer only, the default), 0.0.0.0 (every network this computer is on) or one of its addresses\n\nFor more information, try '--help'.\n"
    );
}
