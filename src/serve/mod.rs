//! `amicus serve`: a live preview for editors.
//!
//! The site is built in memory and served on the loopback interface. A
//! watcher on the corpus, the config and the themes rebuilds it on every save
//! through a [`Builder`], which re-parses only changed files and re-renders
//! only pages whose inputs changed. Every HTML page gets a small script that
//! listens to `/__amicus/events` (server-sent events): it reloads the page
//! after a rebuild and shows the diagnostics as an overlay while the corpus
//! is broken. Meanwhile the last good site keeps being served.

pub(crate) mod http;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use thiserror::Error;

use crate::output::Bytes;
use crate::site::{BuildError, Builder};
use crate::watch::WatchError;

/// The live-reload script, served at `/__amicus/live.js`.
const LIVE_JS: &str = include_str!("live.js");
/// The most requests handled at once, event streams aside; more are
/// answered `503 busy`.
const MAX_CONNECTIONS: usize = 64;
/// The most event streams open at once (one per open page of the preview).
/// They have slots of their own, so that pages are never refused because
/// of them.
const MAX_EVENT_STREAMS: usize = 32;
/// How often an idle event stream sends a keep-alive comment.
const PING_EVERY: Duration = Duration::from_secs(15);

#[derive(Debug, Error)]
pub(crate) enum ServeError {
    #[error("cannot listen on {address}: {source}")]
    Bind {
        address: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Watch(#[from] WatchError),
}

/// Where to listen.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub(crate) bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub(crate) port: u16,
}

/// What the server currently serves.
#[derive(Default)]
struct State {
    /// The last good site, by path.
    files: HashMap<String, Bytes>,
    /// Incremented on every successful rebuild.
    version: u64,
    /// The diagnostics of the last build, if it failed.
    error: Option<Problems>,
}

/// A failed build's diagnostics, as the overlay shows them.
struct Problems {
    /// Everything, for a browser on this machine.
    whole: String,
    /// For a browser on another machine (`--bind`): the lines of entries
    /// that are not published (confidential ones, drafts left out, files
    /// whose status could not be read) left out; only their file and
    /// problem are named.
    for_network: String,
}

impl State {
    /// The state as the live-reload script reads it, for a browser on
    /// this machine (`local`) or on another.
    fn as_json(&self, local: bool) -> String {
        let error = self
            .error
            .as_ref()
            .map(|problems| if local { &problems.whole } else { &problems.for_network });
        serde_json::json!({ "version": self.version, "error": error }).to_string()
    }
}

/// The state shared by the server threads and the watcher.
#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain data; keep serving it.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Builds, serves and watches until the process is stopped. `on_ready` gets
/// the address actually bound (useful with port 0).
pub(crate) fn serve(
    builder: Builder,
    options: &ServeOptions,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let address = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(address).map_err(|source| ServeError::Bind { address, source })?;
    let bound = listener
        .local_addr()
        .map_err(|source| ServeError::Bind { address, source })?;
    let shared = Arc::new(Shared::default());
    let builder = Arc::new(Mutex::new(builder));
    rebuild(&builder, &shared, None);
    let _watcher = watch(Arc::clone(&builder), Arc::clone(&shared))?;
    on_ready(bound);
    let slots = Arc::new(Slots::default());
    let loopback_only = bound.ip().is_loopback();
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let Some(slot) = Slot::take(&slots.requests, MAX_CONNECTIONS) else {
            let _ = http::respond(&stream, "503 Service Unavailable", "text/plain", b"busy\n", false);
            continue;
        };
        let shared = Arc::clone(&shared);
        let slots = Arc::clone(&slots);
        std::thread::spawn(move || handle(&stream, &shared, &slots, slot, loopback_only));
    }
    Ok(())
}

/// How many requests and event streams are being handled.
#[derive(Default)]
struct Slots {
    requests: Arc<AtomicUsize>,
    event_streams: Arc<AtomicUsize>,
}

/// One place in a count of [`Slots`], given back when dropped.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    /// A place in `count`, if fewer than `most` are taken.
    fn take(count: &Arc<AtomicUsize>, most: usize) -> Option<Slot> {
        count
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < most).then_some(n + 1))
            .ok()
            .map(|_| Slot(Arc::clone(count)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Rebuilds the site and publishes the result to the server threads.
/// `changed` are the files the watcher saw change since the last rebuild,
/// when it saw them all.
fn rebuild(builder: &Mutex<Builder>, shared: &Shared, changed: Option<Vec<PathBuf>>) {
    let started = Instant::now();
    let mut builder = builder.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(changed) = changed {
        builder.expect_changes(changed);
    }
    let result = builder.render(&|| {});
    let mut state = shared.lock();
    match result {
        Ok(built) => {
            state.files = built.files.into_iter().map(|f| (f.path, f.bytes)).collect();
            state.version += 1;
            state.error = None;
            eprintln!(
                "rebuilt in {} ms: {} pages rendered, {} unchanged",
                started.elapsed().as_millis(),
                built.report.pages_rendered,
                built.report.pages_reused
            );
        }
        Err(error) => {
            let problems = match &error {
                BuildError::Corpus(diagnostics) => Problems {
                    whole: diagnostics.to_string(),
                    for_network: diagnostics.without_withheld_lines().to_string(),
                },
                other => {
                    let text = format!("error: {other}");
                    Problems {
                        whole: text.clone(),
                        for_network: text,
                    }
                }
            };
            eprintln!(
                "{}\nerror: the build failed; still serving the last good site",
                problems.whole
            );
            state.error = Some(problems);
        }
    }
    drop(state);
    shared.changed.notify_all();
}

/// Rebuilds after each burst of changes to the build's inputs.
fn watch(builder: Arc<Mutex<Builder>>, shared: Arc<Shared>) -> Result<notify::RecommendedWatcher, WatchError> {
    let inputs = builder.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).inputs();
    crate::watch::watch(&inputs, move |changed| rebuild(&builder, &shared, changed))
}

/// Answers one connection, holding `slot` of [`Slots::requests`] meanwhile.
/// A server bound to loopback answers only requests addressed to a
/// loopback name ([`http::is_loopback_host`]); every server answers only
/// requests from its own pages ([`http::Request::is_from_another_origin`]).
fn handle(stream: &TcpStream, shared: &Arc<Shared>, slots: &Slots, slot: Slot, loopback_only: bool) {
    let request = match http::read_request(stream) {
        Ok(request) => request,
        Err(http::BadRequest::TooLarge) => {
            let _ = http::respond(
                stream,
                "431 Request Header Fields Too Large",
                "text/plain",
                b"request too large\n",
                false,
            );
            return;
        }
        Err(http::BadRequest::Malformed) => {
            let _ = http::respond(stream, "400 Bad Request", "text/plain", b"bad request\n", false);
            return;
        }
        Err(http::BadRequest::Incomplete) => return,
    };
    if loopback_only && !request.host.as_deref().is_none_or(http::is_loopback_host) {
        let _ = http::respond(
            stream,
            "421 Misdirected Request",
            "text/plain",
            b"this preview answers only to localhost, 127.0.0.1 or [::1]\n",
            false,
        );
        return;
    }
    if request.is_from_another_origin() {
        let _ = http::respond(
            stream,
            "403 Forbidden",
            "text/plain",
            b"this preview answers only its own pages\n",
            false,
        );
        return;
    }
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        let _ = http::respond(
            stream,
            "405 Method Not Allowed",
            "text/plain",
            b"only GET and HEAD\n",
            false,
        );
        return;
    }
    match request.target.split('?').next().unwrap_or_default() {
        "/__amicus/live.js" => {
            let _ = http::respond(
                stream,
                "200 OK",
                http::content_type("live.js"),
                LIVE_JS.as_bytes(),
                head_only,
            );
        }
        "/__amicus/state" => {
            let json = shared.lock().as_json(is_local(stream));
            let _ = http::respond(stream, "200 OK", "application/json", json.as_bytes(), head_only);
        }
        "/__amicus/events" => {
            // An open stream waits for rebuilds, not for the server: it
            // gives its request slot back and holds one of its own kind.
            let Some(stream_slot) = Slot::take(&slots.event_streams, MAX_EVENT_STREAMS) else {
                let _ = http::respond(stream, "503 Service Unavailable", "text/plain", b"busy\n", false);
                return;
            };
            drop(slot);
            stream_events(stream, shared);
            drop(stream_slot);
        }
        target => serve_file(stream, shared, target, head_only),
    }
}

fn serve_file(stream: &TcpStream, shared: &Shared, target: &str, head_only: bool) {
    let Some(path) = http::site_path(target) else {
        let _ = http::respond(stream, "400 Bad Request", "text/plain", b"bad path\n", head_only);
        return;
    };
    let state = shared.lock();
    let (status, path, bytes) = match state.files.get(&path) {
        Some(bytes) => ("200 OK", path, bytes.clone()),
        None => match state.files.get("404.html") {
            Some(bytes) => ("404 Not Found", "404.html".to_string(), bytes.clone()),
            None if state.files.is_empty() => (
                "503 Service Unavailable",
                "error.html".to_string(),
                Bytes::from(not_built_page().into_bytes()),
            ),
            None => (
                "404 Not Found",
                "404.txt".to_string(),
                Bytes::from(b"not found\n".to_vec()),
            ),
        },
    };
    drop(state);
    let bytes = bytes.contiguous();
    let content_type = http::content_type(&path);
    if path.ends_with(".html") {
        let page = with_live_reload(&bytes);
        let _ = http::respond(stream, status, content_type, &page, head_only);
    } else {
        let _ = http::respond(stream, status, content_type, &bytes, head_only);
    }
}

/// The page served before the first successful build.
fn not_built_page() -> String {
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><h1>The site could not be built yet</h1><p>The problems are shown in the terminal and above. The page reloads when they are fixed.</p></body></html>".to_string()
}

/// The page with the live-reload script before `</body>`.
fn with_live_reload(html: &[u8]) -> Vec<u8> {
    const SCRIPT: &[u8] = b"<script src=\"/__amicus/live.js\"></script>\n";
    let position = html
        .windows(7)
        .rposition(|window| window.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut page = Vec::with_capacity(html.len() + SCRIPT.len());
    page.extend_from_slice(&html[..position]);
    page.extend_from_slice(SCRIPT);
    page.extend_from_slice(&html[position..]);
    page
}

/// Whether the peer of `stream` is on this machine.
fn is_local(stream: &TcpStream) -> bool {
    stream.peer_addr().is_ok_and(|peer| peer.ip().is_loopback())
}

/// Sends the state now and after every change, with a keep-alive comment
/// when nothing happens, until the browser goes away: the moment it closes
/// the connection, not at the next keep-alive.
fn stream_events(stream: &TcpStream, shared: &Arc<Shared>) {
    let local = is_local(stream);
    let gone = Arc::new(AtomicBool::new(false));
    if http::start_event_stream(stream).is_err() || watch_for_close(stream, shared, &gone).is_err() {
        return;
    }
    let mut sent = String::new();
    let mut pinged = Instant::now();
    while !gone.load(Ordering::SeqCst) {
        let json = shared.lock().as_json(local);
        let result = if json != sent {
            sent = json;
            http::send_event(stream, "state", &sent)
        } else if pinged.elapsed() >= PING_EVERY {
            pinged = Instant::now();
            http::send_event(stream, "ping", "{}")
        } else {
            Ok(())
        };
        if result.is_err() {
            break;
        }
        // Never write to the socket while holding the lock: a slow browser
        // must not hold up the others.
        let state = shared.lock();
        if state.as_json(local) == sent && !gone.load(Ordering::SeqCst) {
            let wait = PING_EVERY.saturating_sub(pinged.elapsed());
            let _ = shared.changed.wait_timeout(state, wait);
        }
    }
    // Wakes the thread of `watch_for_close` if the browser is still there.
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

/// Sets `gone` and wakes the event streams when the browser closes the
/// connection: a browser sends nothing after its request, so a read that
/// returns is its end.
fn watch_for_close(stream: &TcpStream, shared: &Arc<Shared>, gone: &Arc<AtomicBool>) -> std::io::Result<()> {
    let mut reader = stream.try_clone()?;
    reader.set_read_timeout(None)?;
    let (shared, gone) = (Arc::clone(shared), Arc::clone(gone));
    std::thread::spawn(move || {
        let mut bytes = [0u8; 64];
        while matches!(std::io::Read::read(&mut reader, &mut bytes), Ok(n) if n > 0) {}
        // Set under the lock, which the stream holds from its look at
        // `gone` until it waits: the wake-up cannot fall in between.
        let state = shared.lock();
        gone.store(true, Ordering::SeqCst);
        drop(state);
        shared.changed.notify_all();
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_network_sees_no_line_of_an_unpublished_entry() {
        use crate::diagnostic::{Diagnostic, Diagnostics, Span};
        let mut withheld = Diagnostic::error(std::path::Path::new("cases/sealed.md"), Span::new(2, 1, 5), "bad")
            .with_source("---\ntitle: SEALED\n");
        withheld.withheld = true;
        let published = Diagnostic::error(std::path::Path::new("cases/open.md"), Span::new(2, 1, 5), "bad")
            .with_source("---\ntitle: OPEN\n");
        let diagnostics = Diagnostics(vec![withheld, published]);
        let state = State {
            error: Some(Problems {
                whole: diagnostics.to_string(),
                for_network: diagnostics.without_withheld_lines().to_string(),
            }),
            ..State::default()
        };
        let local = state.as_json(true);
        assert!(local.contains("SEALED") && local.contains("OPEN"), "{local}");
        let network = state.as_json(false);
        assert!(
            !network.contains("SEALED") && network.contains("cases/sealed.md"),
            "{network}"
        );
        assert!(
            network.contains("OPEN"),
            "a published entry's lines are shown: {network}"
        );
    }

    #[test]
    fn live_reload_goes_before_the_end_of_the_body() {
        let page = with_live_reload(b"<html><body><p>x</p></body></html>");
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><script src=\"/__amicus/live.js\"></script>\n</body></html>"
        );
    }
}
