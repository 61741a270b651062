//! The HTTP side: routes, limits, security headers, and the hand-over of every request to the
//! app's use cases on a blocking thread (SQLite calls block; the async workers stay free for
//! the other phones).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use base64::Engine as _;
use cafehost_app::{AppError, BallotItem, Cafehost, HostView, TablePass};
use cafehost_core::capture::MAX_PHOTO_BYTES;
use cafehost_core::phone::{Ballot, DotVote, PhoneRefusal};
use cafehost_core::{AttachmentId, FieldError, NoteId, RoundId, StatementId, TableId, WorkshopId};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::limits::Limiter;
use crate::{TableActivity, VoteStatus, page, qr_svg};

/// Largest JSON body (a note is at most a few thousand characters).
const MAX_JSON_BYTES: usize = 64 * 1024;
/// The cookie that makes one ballot per browser.
const VOTE_COOKIE: &str = "cafehost_vote";

struct OpenVote {
    vote: DotVote,
    before: BTreeMap<StatementId, u32>,
    tokens: HashSet<String>,
    ballots: HashMap<String, Ballot>,
    items: Vec<BallotItem>,
}

/// What every request handler shares: the app, the workshop served, the phones' activity.
pub(crate) struct Shared {
    app: Arc<Cafehost>,
    pub(crate) workshop: WorkshopId,
    base_url: String,
    activity: Mutex<BTreeMap<TableId, TableActivity>>,
    /// Notes and photos counted already, so a retry is not counted twice.
    counted: Mutex<HashSet<uuid::Uuid>>,
    revision: AtomicU64,
    limiter: Limiter,
    vote: Mutex<Option<OpenVote>>,
}

#[derive(Clone, Copy)]
enum Sent {
    Nothing,
    Note(uuid::Uuid),
    Photo(uuid::Uuid),
}

impl Shared {
    pub(crate) fn new(app: Arc<Cafehost>, workshop: WorkshopId, base_url: String) -> Self {
        Self {
            app,
            workshop,
            base_url,
            activity: Mutex::new(BTreeMap::new()),
            counted: Mutex::new(HashSet::new()),
            revision: AtomicU64::new(0),
            limiter: Limiter::default(),
            vote: Mutex::new(None),
        }
    }

    pub(crate) fn activity(&self) -> Vec<TableActivity> {
        self.activity.lock().unwrap_or_else(PoisonError::into_inner).values().cloned().collect()
    }

    pub(crate) fn revision(&self) -> u64 {
        self.revision.load(Ordering::SeqCst)
    }

    fn touch(&self, table: TableId, sent: Sent) {
        let now = Utc::now();
        let mut activity = self.activity.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = activity.entry(table).or_insert(TableActivity {
            table_id: table,
            last_seen: None,
            last_sent: None,
            notes: 0,
            photos: 0,
        });
        entry.last_seen = Some(now);
        let first_time = |id| self.counted.lock().unwrap_or_else(PoisonError::into_inner).insert(id);
        match sent {
            Sent::Nothing => return,
            Sent::Note(id) => entry.notes += u32::from(first_time(id)),
            Sent::Photo(id) => entry.photos += u32::from(first_time(id)),
        }
        entry.last_sent = Some(now);
        drop(activity);
        self.revision.fetch_add(1, Ordering::SeqCst);
    }

    fn votes(&self) -> std::sync::MutexGuard<'_, Option<OpenVote>> {
        self.vote.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn open_vote(&self, vote: DotVote) -> Result<(), AppError> {
        let phones = self.app.phones();
        let (vote, before) = phones.open_vote(self.workshop, vote)?;
        let items = phones.ballot(self.workshop, &vote)?;
        *self.votes() = Some(OpenVote { vote, before, tokens: HashSet::new(), ballots: HashMap::new(), items });
        self.revision.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    pub(crate) fn close_vote(&self) {
        *self.votes() = None;
        self.revision.fetch_add(1, Ordering::SeqCst);
    }

    pub(crate) fn vote_status(&self) -> Option<VoteStatus> {
        let votes = self.votes();
        let open = votes.as_ref()?;
        let url = format!("{}/v", self.base_url);
        Some(VoteStatus {
            qr_svg: qr_svg(&url),
            url,
            dots: open.vote.dots,
            ballots: u32::try_from(open.ballots.len()).unwrap_or(u32::MAX),
            items: open.items.clone(),
        })
    }
}

/// A refused request: an HTTP status and a code the page translates.
struct Refusal {
    status: StatusCode,
    code: &'static str,
    fields: Vec<FieldError>,
}

impl Refusal {
    fn new(status: StatusCode, code: &'static str) -> Self {
        Self { status, code, fields: Vec::new() }
    }
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        let code = e.code();
        let status = match &e {
            AppError::PhoneRefused { code } => match *code {
                c if c == PhoneRefusal::UnknownCode.code() => StatusCode::NOT_FOUND,
                c if c == PhoneRefusal::RoundOver.code() || c == PhoneRefusal::IdTaken.code() => StatusCode::CONFLICT,
                c if c == PhoneRefusal::BallotRefused.code() => StatusCode::UNPROCESSABLE_ENTITY,
                _ => StatusCode::FORBIDDEN,
            },
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::NotFound { .. } => StatusCode::NOT_FOUND,
            AppError::Closed | AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let fields = match e {
            AppError::Invalid(v) => v.errors,
            _ => Vec::new(),
        };
        Self { status, code, fields }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body {
            code: &'static str,
            fields: Vec<FieldError>,
        }
        (self.status, axum::Json(Body { code: self.code, fields: self.fields })).into_response()
    }
}

type Answer<T> = Result<T, Refusal>;

/// Runs a use case on a blocking thread.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, AppError> + Send + 'static) -> Answer<T> {
    match tokio::task::spawn_blocking(f).await {
        Ok(result) => result.map_err(Refusal::from),
        Err(_) => Err(Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, "store.failed")),
    }
}

/// Checks the rate limit of `code` and opens its table.
async fn pass(shared: &Arc<Shared>, code: &str) -> Answer<TablePass> {
    if !shared.limiter.allow(code) {
        return Err(Refusal::new(StatusCode::TOO_MANY_REQUESTS, "phone.rate_limited"));
    }
    let (s, code) = (Arc::clone(shared), code.to_owned());
    blocking(move || s.app.phones().pass(s.workshop, &code)).await
}

pub(crate) async fn serve(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    let app = router(shared);
    // An error here means the listener failed; the moderator's panel then shows no phones
    // arriving and capture can be switched off and on again.
    let _ = axum::serve(listener, app).await;
}

fn router(shared: Arc<Shared>) -> Router {
    let photos = Router::new()
        .route("/api/t/{code}/photos/{id}", put(put_photo))
        .layer(DefaultBodyLimit::max(MAX_PHOTO_BYTES + 1));
    Router::new()
        .route("/", get(|| async { page::html(page::Page::Start) }))
        .route("/t/{code}", get(|| async { page::html(page::Page::Host) }))
        .route("/v", get(|| async { page::html(page::Page::Vote) }))
        .route("/assets/{name}", get(asset))
        .route("/api/t/{code}", get(host_view))
        .route("/api/t/{code}/notes/{id}", put(put_note).delete(delete_note))
        .route("/api/t/{code}/summary", put(put_summary))
        .route("/api/vote", get(ballot).put(put_ballot))
        .layer(DefaultBodyLimit::max(MAX_JSON_BYTES))
        .merge(photos)
        .fallback(|| async { Refusal::new(StatusCode::NOT_FOUND, "not_found") })
        .layer(axum::middleware::map_response(security_headers))
        .with_state(shared)
}

/// Strict headers on every answer: only this server's own scripts and styles, no framing, no
/// referrer (the code is in the address), nothing cached.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; \
         form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::CACHE_CONTROL, "no-store");
    response
}

async fn asset(Path(name): Path<String>) -> Response {
    page::asset(&name).map_or_else(
        || Refusal::new(StatusCode::NOT_FOUND, "not_found").into_response(),
        |(media, body)| ([(header::CONTENT_TYPE, media)], body).into_response(),
    )
}

async fn host_view(State(shared): State<Arc<Shared>>, Path(code): Path<String>) -> Answer<axum::Json<HostView>> {
    let pass = pass(&shared, &code).await?;
    shared.touch(pass.table, Sent::Nothing);
    let s = Arc::clone(&shared);
    Ok(axum::Json(blocking(move || s.app.phones().host_view(pass)).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteBody {
    text: String,
    round: Option<RoundId>,
}

#[derive(Serialize)]
struct Saved {
    id: uuid::Uuid,
}

async fn put_note(
    State(shared): State<Arc<Shared>>,
    Path((code, id)): Path<(String, NoteId)>,
    body: Result<axum::Json<NoteBody>, JsonRejection>,
) -> Answer<axum::Json<Saved>> {
    let pass = pass(&shared, &code).await?;
    let axum::Json(body) = body.map_err(Refusal::from)?;
    let s = Arc::clone(&shared);
    let note = blocking(move || s.app.phones().put_note(pass, id, body.round, &body.text)).await?;
    shared.touch(pass.table, Sent::Note(note.id.0));
    Ok(axum::Json(Saved { id: note.id.0 }))
}

async fn delete_note(
    State(shared): State<Arc<Shared>>,
    Path((code, id)): Path<(String, NoteId)>,
) -> Answer<StatusCode> {
    let pass = pass(&shared, &code).await?;
    let s = Arc::clone(&shared);
    blocking(move || s.app.phones().delete_note(pass, id)).await?;
    shared.touch(pass.table, Sent::Note(id.0));
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SummaryBody {
    text: String,
}

async fn put_summary(
    State(shared): State<Arc<Shared>>,
    Path(code): Path<String>,
    body: Result<axum::Json<SummaryBody>, JsonRejection>,
) -> Answer<StatusCode> {
    let pass = pass(&shared, &code).await?;
    let axum::Json(body) = body.map_err(Refusal::from)?;
    let s = Arc::clone(&shared);
    let summary = blocking(move || s.app.phones().set_summary(pass, &body.text)).await?;
    shared.touch(pass.table, Sent::Note(summary.map_or_else(uuid::Uuid::nil, |n| n.id.0)));
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct PhotoQuery {
    name: Option<String>,
}

async fn put_photo(
    State(shared): State<Arc<Shared>>,
    Path((code, id)): Path<(String, AttachmentId)>,
    Query(query): Query<PhotoQuery>,
    body: Bytes,
) -> Answer<axum::Json<Saved>> {
    let pass = pass(&shared, &code).await?;
    let s = Arc::clone(&shared);
    let name = query.name.unwrap_or_default();
    let photo = blocking(move || s.app.phones().add_photo(pass, id, &name, &body)).await?;
    shared.touch(pass.table, Sent::Photo(photo.id.0));
    Ok(axum::Json(Saved { id: photo.id.0 }))
}

impl From<JsonRejection> for Refusal {
    fn from(rejection: JsonRejection) -> Self {
        let status = rejection.status();
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE { "phone.too_large" } else { "phone.bad_request" };
        Self::new(status, code)
    }
}

fn voter(headers: &HeaderMap) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == VOTE_COOKIE).then(|| value.to_owned())
    })
}

fn new_token() -> Option<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

#[derive(Serialize)]
struct BallotPage {
    dots: u32,
    items: Vec<BallotItem>,
    mine: Ballot,
}

/// The open vote's ballot. A browser without a valid voter cookie gets one: one ballot per
/// browser (stated as such on the page, never as "per person").
async fn ballot(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let mut votes = shared.votes();
    let Some(open) = votes.as_mut() else {
        return Refusal::new(StatusCode::NOT_FOUND, "phone.no_vote").into_response();
    };
    let known = voter(&headers).filter(|t| open.tokens.contains(t));
    let (token, fresh) = match known {
        Some(t) => (t, false),
        None => match new_token() {
            Some(t) => {
                open.tokens.insert(t.clone());
                (t, true)
            }
            None => return Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, "store.failed").into_response(),
        },
    };
    let body = BallotPage {
        dots: open.vote.dots,
        items: open.items.clone(),
        mine: open.ballots.get(&token).cloned().unwrap_or_default(),
    };
    drop(votes);
    let mut response = axum::Json(body).into_response();
    if fresh
        && let Ok(cookie) =
            HeaderValue::from_str(&format!("{VOTE_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200"))
    {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BallotBody {
    dots: Ballot,
}

/// Takes a browser's ballot (replacing its earlier one) and stores the new counts at once.
async fn put_ballot(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Result<axum::Json<BallotBody>, JsonRejection>,
) -> Answer<axum::Json<BTreeMap<StatementId, u32>>> {
    let axum::Json(body) = body.map_err(Refusal::from)?;
    let token = voter(&headers).ok_or(Refusal::new(StatusCode::FORBIDDEN, "phone.no_voter"))?;
    if !shared.limiter.allow(&token) {
        return Err(Refusal::new(StatusCode::TOO_MANY_REQUESTS, "phone.rate_limited"));
    }
    let s = Arc::clone(&shared);
    let counted = blocking(move || {
        // The vote stays locked while its counts are written, so two ballots cannot store their
        // tallies in the wrong order.
        let mut votes = s.votes();
        let open = votes.as_mut().ok_or(AppError::PhoneRefused { code: PhoneRefusal::BallotRefused.code() })?;
        if !open.tokens.contains(&token) {
            return Err(AppError::PhoneRefused { code: PhoneRefusal::BallotRefused.code() });
        }
        let ballot = open.vote.check_ballot(&body.dots).map_err(|r| AppError::PhoneRefused { code: r.code() })?;
        let mut ballots = open.ballots.clone();
        ballots.insert(token, ballot);
        let counted = s.app.phones().store_tally(&open.vote, &open.before, ballots.values())?;
        open.ballots = ballots;
        for item in &mut open.items {
            item.votes = counted.get(&item.id).copied().unwrap_or(item.votes);
        }
        Ok(counted)
    })
    .await?;
    shared.revision.fetch_add(1, Ordering::SeqCst);
    Ok(axum::Json(counted))
}
