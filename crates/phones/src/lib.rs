//! Capture by phone ("Erfassung per Handy"): while the moderator has it switched on, the laptop
//! serves a small page on the venue's Wi-Fi (or its own hotspot). A table host scans the QR code
//! of the table and writes that table's notes, its summary and photos of the tablecloth from the
//! phone, round by round; in the plenary, participants give their dot votes from their phones.
//! No internet, no account, nothing installed on the phones.
//!
//! [`PhoneCapture`] starts and stops the server (axum on its own small tokio runtime; nothing
//! listens while it is off, and stopping closes every connection at once). Every request is
//! answered by the app's use cases (`cafehost_app::Phones`), so the rules are the window's: a
//! table's access code opens that table of the served workshop and nothing else. The threat
//! model is ADR 0008 (`docs/adr/0008-capture-by-phone.md`).

mod limits;
mod network;
mod page;
mod qr;
mod server;

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};

use cafehost_app::{AppError, BallotItem, Cafehost};
use cafehost_core::phone::DotVote;
use cafehost_core::{TableId, WorkshopId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use network::{NetworkAddress, network_addresses};
pub use qr::qr_svg;

/// The port tried first, so a reprinted card and a restarted server keep their address; when it
/// is taken, any free port.
pub const PREFERRED_PORT: u16 = 8470;

/// Why phone capture could not start or act.
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    /// The laptop is on no network phones could reach.
    #[error("no network for phones: connect to the venue's Wi-Fi or switch on the laptop's hotspot")]
    NoNetwork,
    /// The server could not listen on the address.
    #[error("cannot serve phones on {address}: {source}")]
    StartFailed {
        /// The address tried.
        address: String,
        /// Why.
        source: std::io::Error,
    },
    /// Phone capture is off (a vote needs it on).
    #[error("phone capture is switched off")]
    Off,
    /// A use case refused.
    #[error(transparent)]
    App(#[from] AppError),
}

impl CaptureError {
    /// A stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoNetwork => "phone.no_network",
            Self::StartFailed { .. } => "phone.start_failed",
            Self::Off => "phone.off",
            Self::App(e) => e.code(),
        }
    }

    /// The codes this crate adds to the app's.
    pub const OWN_CODES: &'static [&'static str] = &["phone.no_network", "phone.start_failed", "phone.off"];
}

/// What a table's phone has done, for the moderator's panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TableActivity {
    /// The table.
    pub table_id: TableId,
    /// When its page last asked for anything (the phone is connected).
    pub last_seen: Option<DateTime<Utc>>,
    /// When it last sent a note, summary or photo.
    pub last_sent: Option<DateTime<Utc>>,
    /// Notes and summaries written from it since capture started.
    pub notes: u32,
    /// Photos sent from it since capture started.
    pub photos: u32,
}

/// A table's way in: its code, and while capture is on, its address and QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PhoneAccess {
    /// The table.
    pub table_id: TableId,
    /// Its number.
    pub number: u32,
    /// Its topic.
    pub topic: String,
    /// The access code.
    pub code: String,
    /// The page's address (only while capture is on: it depends on the network).
    pub url: Option<String>,
    /// The address as a QR code (SVG), while capture is on.
    pub qr_svg: Option<String>,
}

/// An open dot vote, as the moderator and the projector see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VoteStatus {
    /// The ballot page's address.
    pub url: String,
    /// That address as a QR code (SVG), for the projector.
    pub qr_svg: String,
    /// Dots per person.
    pub dots: u32,
    /// Ballots given (one per browser).
    pub ballots: u32,
    /// The statements with their votes now.
    pub items: Vec<BallotItem>,
}

/// Whether capture is on, where, and what the phones did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaptureStatus {
    /// The workshop served; `None` while capture is off.
    pub workshop: Option<WorkshopId>,
    /// The server's address (`http://192.168.1.20:8470`) while on.
    pub address: Option<String>,
    /// Every table that was in touch, by table.
    pub tables: Vec<TableActivity>,
    /// Grows with every write from a phone: the window reloads its notes when it changes.
    pub revision: u64,
    /// The open dot vote, if any.
    pub vote: Option<VoteStatus>,
}

impl CaptureStatus {
    fn off() -> Self {
        Self { workshop: None, address: None, tables: Vec::new(), revision: 0, vote: None }
    }
}

struct Running {
    runtime: tokio::runtime::Runtime,
    shared: Arc<server::Shared>,
    base_url: String,
}

/// Switches capture by phone on and off; at most one workshop is served at a time.
#[derive(Default)]
pub struct PhoneCapture {
    running: Mutex<Option<Running>>,
}

impl PhoneCapture {
    /// Starts serving `workshop` on `address` (else the first address of
    /// [`network_addresses`]); a server already running is stopped first. Every table gets its
    /// access code if it has none.
    pub fn start(
        &self,
        app: Arc<Cafehost>,
        workshop: WorkshopId,
        address: Option<IpAddr>,
    ) -> Result<CaptureStatus, CaptureError> {
        self.stop();
        app.phones().access_codes(workshop)?;
        let ip = match address {
            Some(ip) => ip,
            None => network_addresses(false).first().map(|a| a.ip).ok_or(CaptureError::NoNetwork)?,
        };
        let listener = std::net::TcpListener::bind(SocketAddr::new(ip, PREFERRED_PORT))
            .or_else(|_| std::net::TcpListener::bind(SocketAddr::new(ip, 0)))
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .map_err(|source| CaptureError::StartFailed { address: ip.to_string(), source })?;
        let local =
            listener.local_addr().map_err(|source| CaptureError::StartFailed { address: ip.to_string(), source })?;
        let base_url = match local {
            SocketAddr::V4(a) => format!("http://{}:{}", a.ip(), a.port()),
            SocketAddr::V6(a) => format!("http://[{}]:{}", a.ip(), a.port()),
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(16)
            .thread_name("cafehost-phones")
            .enable_all()
            .build()
            .map_err(|source| CaptureError::StartFailed { address: base_url.clone(), source })?;
        let shared = Arc::new(server::Shared::new(app, workshop, base_url.clone()));
        let listener = {
            let _entered = runtime.enter();
            tokio::net::TcpListener::from_std(listener)
                .map_err(|source| CaptureError::StartFailed { address: base_url.clone(), source })?
        };
        runtime.spawn(server::serve(listener, Arc::clone(&shared)));
        *self.lock() = Some(Running { runtime, shared, base_url });
        Ok(self.status())
    }

    /// Stops serving: the listener and every open connection close at once.
    pub fn stop(&self) {
        if let Some(running) = self.lock().take() {
            running.runtime.shutdown_background();
        }
    }

    /// Whether capture is on, and what the phones did.
    pub fn status(&self) -> CaptureStatus {
        let guard = self.lock();
        let Some(running) = guard.as_ref() else { return CaptureStatus::off() };
        let shared = &running.shared;
        CaptureStatus {
            workshop: Some(shared.workshop),
            address: Some(running.base_url.clone()),
            tables: shared.activity(),
            revision: shared.revision(),
            vote: shared.vote_status(),
        }
    }

    /// The tables' codes of `workshop`, with address and QR code while it is served.
    pub fn access(&self, app: &Cafehost, workshop: WorkshopId) -> Result<Vec<PhoneAccess>, CaptureError> {
        let base = self.lock().as_ref().filter(|r| r.shared.workshop == workshop).map(|r| r.base_url.clone());
        Ok(app
            .phones()
            .access_codes(workshop)?
            .into_iter()
            .map(|a| {
                let url = base.as_ref().map(|b| format!("{b}/t/{}", a.code));
                PhoneAccess {
                    qr_svg: url.as_deref().map(qr_svg),
                    url,
                    table_id: a.table_id,
                    number: a.number,
                    topic: a.topic,
                    code: a.code,
                }
            })
            .collect())
    }

    /// Opens a dot vote on the served workshop's statements (replacing an open one).
    pub fn open_vote(&self, vote: DotVote) -> Result<CaptureStatus, CaptureError> {
        {
            let guard = self.lock();
            let running = guard.as_ref().ok_or(CaptureError::Off)?;
            running.shared.open_vote(vote)?;
        }
        Ok(self.status())
    }

    /// Closes the vote: its counts are stored already; ballots are no longer taken.
    pub fn close_vote(&self) -> CaptureStatus {
        if let Some(running) = self.lock().as_ref() {
            running.shared.close_vote();
        }
        self.status()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Running>> {
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for PhoneCapture {
    fn drop(&mut self) {
        self.stop();
    }
}
