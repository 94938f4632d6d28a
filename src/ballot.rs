//! A workshop session on disk, changed one writer at a time: every change
//! (a vote from the command line or from a phone, closing a round) takes
//! the session's lock, reads the file afresh, changes it and writes it back
//! whole before anyone else may write, so nothing cast at the same time is
//! lost and the file is never half-written.

use crate::files;
use crate::framework::Framework;
use crate::limits::Kind;
use crate::lock::Lock;
use crate::session::{Session, Vote};
use crate::sink;
use anyhow::Result;
use std::path::Path;

/// Reads and checks the session at `path`.
pub fn load(path: &Path, framework: &Framework, today: jiff::civil::Date) -> Result<Session> {
    let input = files::read(path, Kind::Session)?;
    Ok(Session::parse(&input.shown, &input.text, framework, today)?)
}

/// Changes the session at `path` under its lock with `change`, and writes
/// it back when `change` succeeds (the file is left as it was when it
/// fails). Returns what `change` returned, and the session as written.
pub fn update<T>(
    path: &Path,
    framework: &Framework,
    today: jiff::civil::Date,
    change: impl FnOnce(&mut Session) -> Result<T>,
) -> Result<(T, Session)> {
    // A missing or unreadable session is named before any lock file is made.
    files::open(path, &path.display().to_string())?;
    let _held = Lock::acquire(path)?;
    let mut session = load(path, framework, today)?;
    let before = session.clone();
    let result = change(&mut session)?;
    if session != before {
        sink::write_file(path, &session.to_yaml(), true)?;
    }
    Ok((result, session))
}

/// What casting a vote did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cast {
    /// A new vote, under the name as saved.
    Added(String),
    /// The vote replaced this person's earlier one, under the name it had.
    Replaced(String),
}

impl Cast {
    /// The status line a vote gives: "Saved Ana's vote".
    pub fn said(&self) -> String {
        match self {
            Cast::Replaced(earlier) => format!("Replaced {earlier}'s earlier vote"),
            Cast::Added(name) => format!("Saved {name}'s vote"),
        }
    }
}

/// Adds `vote` to the current round of the session file at `path`, under
/// its lock (see [`update`]). Returns what the vote did, and the session as
/// written.
pub fn cast(
    path: &Path,
    vote: Vote,
    framework: &Framework,
    today: jiff::civil::Date,
) -> Result<(Cast, Session)> {
    update(path, framework, today, |session| {
        let cast = match session.cast(vote).map_err(anyhow::Error::msg)? {
            Some(earlier) => Cast::Replaced(earlier),
            None => Cast::Added(
                session
                    .voters()
                    .last()
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
            ),
        };
        Ok(cast)
    })
}
