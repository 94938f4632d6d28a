//! `calibrate workshop serve`: a live workshop in which everyone votes
//! privately from their own phone, and the facilitator reveals the results.
//!
//! Two random links: one to join and vote, one for the facilitator. Each
//! vote is written to the session file under its lock before the phone is
//! told it is saved, so stopping the server loses nothing, and serving the
//! file again carries on with the same links.

mod form;
pub mod keys;
mod pages;
mod qr;
mod server;

use crate::ballot;
use crate::exit;
use crate::framework::Framework;
use crate::terminal::status;
use anyhow::{Result, anyhow};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, UdpSocket};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use server::MAX_PARTICIPANTS;

/// Where and what to serve.
pub struct Options {
    pub file: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub today: jiff::civil::Date,
}

/// The port `workshop serve` listens on unless told.
pub const DEFAULT_PORT: u16 = 7878;
/// The address it listens on unless told: this computer only.
pub const DEFAULT_BIND: [u8; 4] = [127, 0, 0, 1];

/// Reads `--bind`: an IP address, or `localhost` for this computer only.
pub fn read_bind(text: &str) -> Result<IpAddr, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::from(DEFAULT_BIND));
    }
    text.parse().map_err(|_| {
        format!(
            "'{text}' is not an IP address: use 127.0.0.1 (this computer only, the default), 0.0.0.0 (every network this computer is on) or one of its addresses"
        )
    })
}

/// Serves the session until Ctrl-C, then says how many votes are saved.
pub fn serve(framework: Framework, options: Options) -> Result<()> {
    let file = options.file;
    let today = options.today;
    // The links are made once and kept in the session, so that a server
    // started again answers the links people already have.
    let (keys, session) = ballot::update(&file, &framework, today, |session| {
        if session.live.is_none() {
            session.live = Some(keys::fresh()?);
        }
        Ok(session.live.clone().expect("just made"))
    })?;
    let address = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(address).map_err(|err| {
        use std::io::ErrorKind;
        let why = match err.kind() {
            ErrorKind::AddrInUse => {
                "something else is listening on that port; pick another with --port N, or stop it"
                    .to_string()
            }
            ErrorKind::PermissionDenied => {
                "not allowed (ports below 1024 need administrator rights); pick another with --port N"
                    .to_string()
            }
            ErrorKind::AddrNotAvailable => {
                "this computer has no such address; leave out --bind, or give one of its addresses"
                    .to_string()
            }
            _ => format!("{err}; pick another port with --port N"),
        };
        anyhow!("cannot listen on {address}: {why}")
    })?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    let host = match reachable_at(options.bind) {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let origin = format!("http://{host}:{port}");
    let join_url = format!("{origin}/v/{}", keys.join);
    let facilitator_url = format!("{origin}/f/{}", keys.facilitator);

    let reach = if options.bind.is_loopback() {
        "on this computer only (pass --bind 0.0.0.0 to let phones on your network join)".to_string()
    } else {
        format!(
            "on the network at {}: anyone who can reach this computer and has the link can vote",
            SocketAddr::new(options.bind, port)
        )
    };
    status(&format!(
        "Serving \"{}\" from {} {reach}.",
        session.initiative,
        file.display()
    ));
    eprintln!("\nParticipants join at:\n  {join_url}\n");
    eprint!("{}", qr::terminal(&join_url));
    eprintln!("\n\nFacilitator (keep this link to yourself):\n  {facilitator_url}\n");
    // The links hold the address and port: carrying on needs the same ones.
    let mut again = format!("calibrate workshop serve {}", file.display());
    if port != DEFAULT_PORT {
        again.push_str(&format!(" --port {port}"));
    }
    if options.bind != IpAddr::from(DEFAULT_BIND) {
        again.push_str(&format!(" --bind {}", options.bind));
    }
    status(&format!(
        "Every vote is saved in {} as it is cast. Ctrl-C stops; `{again}` carries on with the same links.",
        file.display(),
    ));

    let body_limit = server::body_limit(session.claims.len());
    let live = Arc::new(server::Live::new(
        file.clone(),
        framework.clone(),
        today,
        keys,
        join_url,
    ));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|err| anyhow!("cannot start the web server: {err}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = server::router(live, body_limit);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = axum::serve(listener, app).with_graceful_shutdown(async move {
            stop_signal().await;
            let _ = stop.send(());
        });
        tokio::select! {
            served = server => served,
            // Pages left open must not keep the server from stopping.
            _ = async {
                let _ = stopped.await;
                tokio::time::sleep(Duration::from_secs(2)).await;
            } => Ok(()),
        }
    })?;
    runtime.shutdown_timeout(Duration::from_secs(5));

    let saved = ballot::load(&file, &framework, today)
        .map(|s| s.votes.len() + s.round_votes(crate::session::Round::Second).len())
        .unwrap_or_default();
    exit::set_interrupt_note(Some(format!(
        "Stopped. {} saved in {}; `{again}` carries on with the same links, and `calibrate workshop report {}` shows the results.",
        if saved == 1 {
            "1 vote is".to_string()
        } else {
            format!("{saved} votes are")
        },
        file.display(),
        file.display()
    )));
    Err(exit::Interrupted.into())
}

/// Ctrl-C, or (on Unix) a request to stop such as `kill`'s.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The address to give people for a server listening on `bind`: itself,
/// or when it listens on every address, this computer's address on the
/// local network (found without sending anything: a UDP socket is only
/// pointed at an address, and never written to).
fn reachable_at(bind: IpAddr) -> IpAddr {
    if !bind.is_unspecified() {
        return bind;
    }
    let local = || -> Option<IpAddr> {
        let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
        socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
        Some(socket.local_addr().ok()?.ip())
    };
    local()
        .filter(|ip| !ip.is_unspecified())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}
