//! A deliberately small HTTP/1.1 server side: one request per connection,
//! `GET` and `HEAD` only, bounded in size and time.
//!
//! It is hand-written rather than taken from a crate for two reasons: live
//! reload streams server-sent events that must reach the browser the moment
//! they are written (the small servers available buffer chunked bodies),
//! and a preview server facing editors' browsers must bound what it reads
//! and refuse every spelling of a path that climbs out of the site.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The most a request head may take.
pub(crate) const MAX_HEAD_BYTES: usize = 16 * 1024;
/// How long a client may take to send its whole request head.
pub(crate) const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take to accept a response's bytes.
pub(crate) const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// Reads from a stream until a deadline, however the bytes trickle in: a
/// client sending one byte a second cannot hold a connection for long.
struct DeadlineReader<'a> {
    stream: &'a TcpStream,
    deadline: Instant,
}

impl Read for DeadlineReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

/// The parts of a request the server uses: its line and the headers that
/// say who is asking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Request {
    pub(crate) method: String,
    /// The request target as sent (`/cases/x.html?q=1`).
    pub(crate) target: String,
    /// The `Host` header, when one was sent.
    pub(crate) host: Option<String>,
    /// The `Origin` header: the origin of the page that made the request,
    /// sent by browsers for cross-origin requests (and `null` from opaque
    /// origins such as `file://`).
    pub(crate) origin: Option<String>,
    /// The `Sec-Fetch-Site` header: how the page that made the request
    /// relates to this server (`same-origin`, `same-site`, `cross-site`,
    /// `none` for an address typed or bookmarked).
    pub(crate) fetch_site: Option<String>,
}

impl Request {
    /// Whether a browser says the request comes from a page of another
    /// origin than `http://{Host}`. A page of another site (or of another
    /// port on this machine: the same *site*, another *origin*) could
    /// otherwise include the preview's scripts (`search/text-0.js`, which
    /// hold drafts) and read them in its own callbacks. A request without
    /// these headers (curl, an old browser) is not from a page.
    pub(crate) fn is_from_another_origin(&self) -> bool {
        let fetch_site_foreign = self
            .fetch_site
            .as_deref()
            .is_some_and(|site| !site.eq_ignore_ascii_case("same-origin") && !site.eq_ignore_ascii_case("none"));
        let origin_foreign = self.origin.as_deref().is_some_and(|origin| {
            let own = self.host.as_deref().map(|host| format!("http://{host}"));
            own.is_none_or(|own| !origin.eq_ignore_ascii_case(&own))
        });
        fetch_site_foreign || origin_foreign
    }
}

/// Why a request could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum BadRequest {
    TooLarge,
    /// Not a request line and headers, or a header that may be sent only
    /// once (`Host`, `Origin`, `Sec-Fetch-Site`) sent twice: two servers
    /// reading it could each take a different one (RFC 9112, 3.2).
    Malformed,
    /// The connection closed or timed out before a whole head arrived.
    Incomplete,
}

/// Reads a request head (request line and headers) of at most
/// [`MAX_HEAD_BYTES`], waiting at most [`READ_TIMEOUT`].
pub(crate) fn read_request(stream: &TcpStream) -> Result<Request, BadRequest> {
    read_request_within(stream, READ_TIMEOUT)
}

fn read_request_within(stream: &TcpStream, time: Duration) -> Result<Request, BadRequest> {
    stream
        .set_write_timeout(Some(WRITE_TIMEOUT))
        .map_err(|_| BadRequest::Incomplete)?;
    let deadline = DeadlineReader {
        stream,
        deadline: Instant::now() + time,
    };
    let mut reader = BufReader::new(deadline.take(MAX_HEAD_BYTES as u64 + 1));
    let mut head_bytes = 0;
    let mut request_line = String::new();
    let mut request = Request::default();
    loop {
        let mut line = String::new();
        let read = reader.read_line(&mut line).map_err(|error| match error.kind() {
            io::ErrorKind::InvalidData => BadRequest::Malformed,
            _ => BadRequest::Incomplete,
        })?;
        head_bytes += read;
        if head_bytes > MAX_HEAD_BYTES {
            return Err(BadRequest::TooLarge);
        }
        if read == 0 || !line.ends_with('\n') {
            return Err(BadRequest::Incomplete);
        }
        if request_line.is_empty() {
            if line.trim().is_empty() {
                continue; // Tolerated blank lines before a request.
            }
            request_line = line;
        } else if line == "\r\n" || line == "\n" {
            break;
        } else if let Some((name, value)) = line.split_once(':') {
            // A name with white space in or around it (`Host :`, a folded
            // line) could be read as another header by another server.
            if name.is_empty() || name.contains(|c: char| c.is_ascii_whitespace()) {
                return Err(BadRequest::Malformed);
            }
            let slot = match name.to_ascii_lowercase().as_str() {
                "host" => &mut request.host,
                "origin" => &mut request.origin,
                "sec-fetch-site" => &mut request.fetch_site,
                _ => continue,
            };
            if slot.replace(value.trim().to_string()).is_some() {
                return Err(BadRequest::Malformed);
            }
        }
    }
    let line = parse_request_line(request_line.trim_end())?;
    Ok(Request {
        method: line.method,
        target: line.target,
        ..request
    })
}

/// Whether a `Host` header names this machine's loopback (`localhost`,
/// `127.0.0.1`, `[::1]`, with any port). A preview bound to loopback answers
/// only those: a page on another site that rebinds its own name to
/// 127.0.0.1 must not read the preview (drafts included) through it.
pub(crate) fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn parse_request_line(line: &str) -> Result<Request, BadRequest> {
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(BadRequest::Malformed);
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') || method.is_empty() {
        return Err(BadRequest::Malformed);
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
        ..Request::default()
    })
}

/// The site path a request target names (`cases/x.html`, `index.html` for
/// `/`), or `None` for any target that is not a plain path inside the site:
/// `..` segments in any encoding, backslashes, NUL, invalid UTF-8, or a `%`
/// left after decoding (no file amicus writes has one in its name, so a
/// second round of decoding never has to be judged).
pub(crate) fn site_path(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) || decoded.contains("/./") {
        return None;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return None,
            other if other.contains('%') => return None,
            other => segments.push(other),
        }
    }
    let mut path = segments.join("/");
    if path.is_empty() || decoded.ends_with('/') {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// The content type of a file, by its extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "zip" => "application/zip",
        "txt" => "text/plain; charset=utf-8",
        "bib" => "application/x-bibtex; charset=utf-8",
        "ris" => "application/x-research-info-systems",
        _ => "application/octet-stream",
    }
}

/// Sent with every response: no other origin may embed what the preview
/// serves (`Cross-Origin-Resource-Policy`), nor have it read as another
/// type than it is (`nosniff`), nor keep it in a cache.
const GUARD_HEADERS: &str =
    "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nCross-Origin-Resource-Policy: same-origin\r\n";

/// Writes a whole response and closes the exchange.
pub(crate) fn respond(
    mut stream: &TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{GUARD_HEADERS}Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Starts a stream of server-sent events.
pub(crate) fn start_event_stream(mut stream: &TcpStream) -> io::Result<()> {
    let head =
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n{GUARD_HEADERS}Connection: close\r\n\r\n");
    stream.write_all(head.as_bytes())?;
    stream.flush()
}

/// Sends one server-sent event; `data` must be one line.
pub(crate) fn send_event(mut stream: &TcpStream, event: &str, data: &str) -> io::Result<()> {
    stream.write_all(format!("event: {event}\ndata: {data}\n\n").as_bytes())?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_site_files() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/cases/").as_deref(), Some("cases/index.html"));
        assert_eq!(site_path("/cases/x.html?q=a#p1").as_deref(), Some("cases/x.html"));
        assert_eq!(site_path("/search.html?q=%2E%2E").as_deref(), Some("search.html"));
        assert_eq!(site_path("/a%20b.html").as_deref(), Some("a b.html"));
    }

    #[test]
    fn traversal_is_refused_in_every_spelling() {
        for target in [
            "/../Cargo.toml",
            "/cases/../../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2FCargo.toml",
            "/cases/..%2f..%2fCargo.toml",
            "/..%5c..%5cCargo.toml",
            "/%252e%252e/Cargo.toml",
            "/./index.html",
            "/a%00.html",
            "/%ff.html",
            "/%25",
            "/%zz",
            "/%u002e%u002e/Cargo.toml",
            "/cases/%252f",
        ] {
            assert_eq!(site_path(target), None, "{target}");
        }
    }

    #[test]
    fn only_loopback_names_are_loopback_hosts() {
        for host in [
            "localhost",
            "LOCALHOST:3000",
            "127.0.0.1",
            "127.0.0.1:1111",
            "[::1]:80",
            "[::1]",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "attacker.example",
            "attacker.example:1111",
            "localhost.attacker.example",
            "10.0.0.1:80",
            "",
            "[::2]",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn a_request_trickling_in_is_cut_off_at_the_deadline() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let client = std::thread::spawn(move || {
            let mut stream = TcpStream::connect(address).unwrap();
            // One byte every 20 ms: each read succeeds, the whole never ends.
            for byte in b"GET /index.html HTTP/1.1\r\nX-Slow: ".iter().cycle().take(200) {
                if stream.write_all(&[*byte]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let (stream, _) = listener.accept().unwrap();
        let started = Instant::now();
        let result = read_request_within(&stream, Duration::from_millis(300));
        assert_eq!(result, Err(BadRequest::Incomplete));
        // Bounded by the deadline, not by the client's 4 s of trickling.
        assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
        drop(stream);
        client.join().unwrap();
    }

    #[test]
    fn requests_from_other_origins_are_told_apart() {
        let request = |fetch_site: Option<&str>, origin: Option<&str>| Request {
            host: Some("127.0.0.1:1111".into()),
            fetch_site: fetch_site.map(String::from),
            origin: origin.map(String::from),
            ..Request::default()
        };
        for (fetch_site, origin) in [
            (None, None),
            (Some("same-origin"), None),
            (Some("none"), None),
            (Some("Same-Origin"), Some("http://127.0.0.1:1111")),
        ] {
            assert!(
                !request(fetch_site, origin).is_from_another_origin(),
                "{fetch_site:?} {origin:?}"
            );
        }
        for (fetch_site, origin) in [
            (Some("same-site"), None),
            (Some("cross-site"), None),
            (Some(""), None),
            (None, Some("http://localhost:1111")),
            (None, Some("http://127.0.0.1:2222")),
            (None, Some("null")),
            (Some("same-origin"), Some("https://127.0.0.1:1111")),
        ] {
            assert!(
                request(fetch_site, origin).is_from_another_origin(),
                "{fetch_site:?} {origin:?}"
            );
        }
        let no_host = Request {
            origin: Some("http://127.0.0.1:1111".into()),
            ..Request::default()
        };
        assert!(no_host.is_from_another_origin());
    }

    #[test]
    fn request_lines_are_strict() {
        assert_eq!(
            parse_request_line("GET /x.html HTTP/1.1"),
            Ok(Request {
                method: "GET".into(),
                target: "/x.html".into(),
                ..Request::default()
            })
        );
        for bad in [
            "GET",
            "GET /x",
            "GET x HTTP/1.1",
            "GET /x HTTP/2 extra",
            "GET /x FTP/1.0",
        ] {
            assert_eq!(parse_request_line(bad), Err(BadRequest::Malformed), "{bad}");
        }
    }
}
