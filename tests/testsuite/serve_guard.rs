//! `amicus serve` facing hostile neighbours: pages of other origins on the
//! same machine, floods of event streams, ambiguous requests, other
//! machines on the network (`--bind`), and saves that keep a file's size
//! and time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, UdpSocket};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::support::{copy_tree, encoded, eventually, fixture, Server};

/// The response's header block, lower-cased.
fn headers(response: &str) -> String {
    response
        .split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn request(server: &Server, path: &str, extra: &str) -> (String, String) {
    let host = server.address;
    server.raw(format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n").as_bytes())
}

/// The path of the preview's first text shard, as its search page and
/// manifest name it.
fn first_text_shard(server: &Server) -> String {
    let body = |response: String| {
        response
            .split_once("\r\n\r\n")
            .map(|(_, body)| body.to_string())
            .unwrap()
    };
    let page = body(server.get("/search.html").1);
    let index = encoded::manifest_named(&page);
    let manifest = encoded::manifest_of(body(server.get(&format!("/search/{index}.js")).1).as_bytes());
    format!("/search/text-0.{}.js", &manifest["tags"]["text"].as_str().unwrap()[..8])
}

#[test]
fn serve_answers_only_requests_from_its_own_pages() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("confidential"), dir.path());
    let server = Server::start_with(dir.path(), &["--drafts"]);
    let own = format!("http://{}", server.address);
    // A draft's text is in the search shards: exactly what another page
    // would include as a script to read.
    let texts = first_text_shard(&server);
    for path in [texts.as_str(), "/cases/canary-draft-case.html", "/__amicus/state"] {
        for refused in [
            "Sec-Fetch-Site: cross-site\r\n".to_string(),
            "Sec-Fetch-Site: same-site\r\n".to_string(),
            "Origin: http://localhost:1\r\n".to_string(),
            format!("Origin: http://127.0.0.1:{}\r\n", server.address.port() + 1),
            "Origin: null\r\n".to_string(),
            "Sec-Fetch-Site: same-origin\r\nOrigin: http://evil.example\r\n".to_string(),
        ] {
            let (status, response) = request(&server, path, &refused);
            assert_eq!(status, "HTTP/1.1 403 Forbidden", "{path} with {refused:?}");
            assert!(!response.contains("CANARY"), "{path} with {refused:?}: {response}");
        }
        for allowed in [
            String::new(),
            "Sec-Fetch-Site: same-origin\r\n".to_string(),
            "Sec-Fetch-Site: none\r\n".to_string(),
            format!("Sec-Fetch-Site: same-origin\r\nOrigin: {own}\r\n"),
        ] {
            let (status, response) = request(&server, path, &allowed);
            assert_eq!(status, "HTTP/1.1 200 OK", "{path} with {allowed:?}");
            let headers = headers(&response);
            assert!(
                headers.contains("cross-origin-resource-policy: same-origin")
                    && headers.contains("x-content-type-options: nosniff"),
                "{path}: {headers}"
            );
        }
    }
    // Every answer carries the headers, refusals and event streams included.
    for (path, extra) in [
        ("/no-such-page.html", ""),
        ("/../x", ""),
        ("/", "Sec-Fetch-Site: cross-site\r\n"),
    ] {
        let (_, response) = request(&server, path, extra);
        assert!(
            headers(&response).contains("cross-origin-resource-policy: same-origin"),
            "{path}: {response}"
        );
    }
    let mut events = server.events();
    let mut head = String::new();
    while !head.ends_with("\r\n\r\n") {
        let mut line = String::new();
        events.read_line(&mut line).unwrap();
        head.push_str(&line);
    }
    assert!(
        headers(&head).contains("cross-origin-resource-policy: same-origin"),
        "{head}"
    );
}

#[test]
fn serve_refuses_a_request_with_two_hosts_or_a_spaced_header_name() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    let server = Server::start(dir.path());
    for request in [
        "GET / HTTP/1.1\r\nHost: evil.example\r\nHost: 127.0.0.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nhost: 127.0.0.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost : evil.example\r\nHost: 127.0.0.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: same-origin\r\nSec-Fetch-Site: cross-site\r\n\r\n",
    ] {
        let (status, response) = server.raw(request.as_bytes());
        assert_eq!(status, "HTTP/1.1 400 Bad Request", "{request:?}");
        assert!(!response.contains("<html"), "{request:?}");
    }
    assert_eq!(server.get("/").0, "HTTP/1.1 200 OK");
}

/// Opens an event stream and reads its head; `None` if refused.
fn open_stream(address: SocketAddr) -> Option<TcpStream> {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream
        .write_all(b"GET /__amicus/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    status.starts_with("HTTP/1.1 200").then_some(stream)
}

#[test]
fn event_streams_never_hold_up_pages_and_free_their_place_when_closed() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    let server = Server::start(dir.path());
    // More streams than the server keeps open at once.
    let streams: Vec<TcpStream> = (0..80).filter_map(|_| open_stream(server.address)).collect();
    assert!(!streams.is_empty() && streams.len() < 80, "{} streams", streams.len());
    let held = streams.len();
    let started = Instant::now();
    let (status, _) = server.get("/index.html");
    assert_eq!(status, "HTTP/1.1 200 OK", "a page while {held} streams are open");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    // Closed, the streams give their places back at once, not at their
    // next keep-alive (15 s).
    drop(streams);
    let reopened_by = Instant::now() + Duration::from_secs(4);
    let mut again = Vec::new();
    while again.len() < held && Instant::now() < reopened_by {
        match open_stream(server.address) {
            Some(stream) => again.push(stream),
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    assert_eq!(again.len(), held, "streams reopened within 4 s of the others closing");
    assert_eq!(server.get("/").0, "HTTP/1.1 200 OK");
}

/// An address of this machine other than loopback, if it has one.
fn network_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    // No packet is sent: connecting a UDP socket only picks a route.
    socket.connect("192.0.2.1:9").ok()?;
    let address = socket.local_addr().ok()?.ip();
    (!address.is_loopback() && !address.is_unspecified()).then_some(address)
}

/// `amicus serve --bind 0.0.0.0` with its stderr kept in a file.
struct NetworkServer {
    child: Child,
    port: u16,
    errors: std::path::PathBuf,
}

impl NetworkServer {
    fn start(project: &Path) -> NetworkServer {
        let errors = project.join("serve-errors.txt");
        let mut child = Command::new(env!("CARGO_BIN_EXE_amicus"))
            .args(["serve", "--port", "0", "--bind", "0.0.0.0"])
            .current_dir(project)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&errors).unwrap())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .rsplit(':')
            .next()
            .and_then(|rest| rest.split('/').next())
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        NetworkServer { child, port, errors }
    }

    fn state_from(&self, ip: IpAddr) -> String {
        let mut stream = TcpStream::connect((ip, self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            stream,
            "GET /__amicus/state HTTP/1.1\r\nHost: {ip}:{}\r\n\r\n",
            self.port
        )
        .unwrap();
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response
    }
}

impl Drop for NetworkServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_preview_seen_from_the_network_shows_no_line_of_an_unpublished_entry() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    std::fs::write(
        dir.path().join("corpus/cases/sealed-case.md"),
        "---\ntitle: SEALED-WITNESS-NAME\ndate: 2023\ncourt: Chamber\ncountries: [QQ]\nstatus: confidential\n---\nBody.\n",
    )
    .unwrap();
    let server = NetworkServer::start(dir.path());
    eventually("the warning about the network", || {
        std::fs::read_to_string(&server.errors)
            .unwrap_or_default()
            .contains("warning: the preview is visible to every machine that can reach 0.0.0.0")
    });
    let local = server.state_from("127.0.0.1".parse().unwrap());
    assert!(
        local.contains("sealed-case.md") && local.contains("countries: [QQ]"),
        "this machine sees the whole problem: {local}"
    );
    // Another machine sees the file and the problem, none of its lines.
    let Some(ip) = network_address() else {
        panic!("this test needs an address other than loopback (a network interface) to connect from");
    };
    let remote = server.state_from(ip);
    assert!(
        remote.contains("sealed-case.md") && remote.contains("QQ") && remote.contains("country code"),
        "{remote}"
    );
    assert!(
        !remote.contains("SEALED-WITNESS-NAME") && !remote.contains("countries: [QQ]"),
        "{remote}"
    );
}

#[test]
fn a_save_that_keeps_the_size_and_time_of_a_file_is_still_seen() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("citations/corpus"), &dir.path().join("corpus"));
    let entry = dir.path().join("corpus/policies/office-policy.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    let published = text.replacen("---\n", "---\nstatus: published   \n", 1);
    std::fs::write(&entry, &published).unwrap();
    // Long settled: its size and time alone would say it is unchanged.
    let old = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&entry)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let server = Server::start(dir.path());
    assert_eq!(server.get("/policies/office-policy.html").0, "HTTP/1.1 200 OK");

    let confidential = published.replacen("status: published   ", "status: confidential", 1);
    assert_eq!(confidential.len(), published.len());
    let file = std::fs::File::options()
        .write(true)
        .truncate(true)
        .open(&entry)
        .unwrap();
    (&file).write_all(confidential.as_bytes()).unwrap();
    file.set_modified(old).unwrap();
    drop(file);
    eventually("the confidential entry is withdrawn", || {
        server.get("/policies/office-policy.html").0 == "HTTP/1.1 404 Not Found"
    });
    let (_, listing) = server.get("/policies/index.html");
    assert!(!listing.contains("office-policy"), "{listing}");
}
