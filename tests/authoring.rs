//! The authoring commands end to end, through the real binary: `serve` (live rebuilds,
//! traversal refused, errors shown while the server keeps running), `check` and `new`.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A running `codevs serve`, stopped when dropped.
struct Server {
    child: Child,
    host: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path) -> Server {
    let mut child = codevs()
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("a line");
    assert!(
        line.contains("only this machine"),
        "says it is local: {line}"
    );
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("url");
    let host = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    Server { child, host }
}

/// A raw HTTP/1.1 GET, so that no client normalizes the path: (status, headers+body).
fn get(host: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(host).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut out = Vec::new();
    s.read_to_end(&mut out).expect("read");
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} did not happen within 5 s");
}

#[test]
fn serve_rebuilds_on_edit_refuses_traversal_and_survives_a_broken_file() {
    let site = copy_fixture("mini");
    let server = start(site.path());
    let (status, page) = get(&server.host, "/smtp/250/");
    assert_eq!(status, 200);
    assert!(
        page.to_ascii_lowercase()
            .contains("x-content-type-options: nosniff")
    );
    assert!(
        page.contains("__codevs/live.js"),
        "pages load the reload script"
    );

    let file = site.path().join("content/smtp/250.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(
        &file,
        text.replace(
            "Requested action completed",
            "Requested action fully completed",
        ),
    )
    .expect("edit");
    let started = Instant::now();
    wait_until("the edit to show", || {
        get(&server.host, "/smtp/250/")
            .1
            .contains("Requested action fully completed")
    });
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "visible in {:?}",
        started.elapsed()
    );

    // Deep enough to reach / from any temporary folder; and the site's own files, which sit
    // in the same temporary folder as the served output, one level up.
    let site_name = site.path().file_name().expect("name").to_string_lossy();
    let probes = [
        "/../Cargo.toml".to_string(),
        "/%2e%2e/%2e%2e/etc/passwd".to_string(),
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd".to_string(),
        "/smtp/..%2f..%2f..%2fetc/passwd".to_string(),
        "//etc/passwd".to_string(),
        "/..\\..\\etc\\passwd".to_string(),
        format!("/{}etc/passwd", "%2e%2e/".repeat(16)),
        format!("/smtp/{}etc/passwd", "..%2f".repeat(16)),
        format!("/../{site_name}/content/site.yaml"),
        format!("/%2e%2e/{site_name}/content/site.yaml"),
    ];
    for path in &probes {
        let (status, body) = get(&server.host, path);
        assert!(status == 400 || status == 404, "{path} answered {status}");
        assert!(
            !body.contains("root:x:0") && !body.contains("base_url:"),
            "{path} leaked a file"
        );
    }

    std::fs::write(&file, "code: \"250\"\nnmae: broken\n").expect("break");
    wait_until("the error to show", || {
        get(&server.host, "/__codevs/status")
            .1
            .contains("250.yaml:2:1")
    });
    let (status, page) = get(&server.host, "/smtp/250/");
    assert_eq!(status, 200, "the last good site is still served");
    assert!(page.contains("Requested action fully completed"));

    std::fs::write(&file, text).expect("fix");
    wait_until("the error to clear", || {
        get(&server.host, "/__codevs/status")
            .1
            .contains("\"error\":null")
    });
}

#[test]
fn check_finds_a_misspelled_field_with_the_right_line() {
    let site = copy_fixture("mini");
    let file = site.path().join("content/smtp/550.yaml");
    let text = std::fs::read_to_string(&file).expect("read").replacen(
        "when_you_see_it:",
        "when_you_see_ti:",
        1,
    );
    std::fs::write(&file, &text).expect("write");
    let line = text
        .lines()
        .position(|l| l.starts_with("when_you_see_ti:"))
        .expect("line")
        + 1;
    let out = codevs()
        .arg("check")
        .arg("--root")
        .arg(site.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("check runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("550.yaml:{line}:1")), "{err}");
    assert!(err.contains("did you mean `when_you_see_it`?"), "{err}");
    assert!(
        err.contains("when_you_see_ti:") && err.contains('^'),
        "shows the source line and a caret: {err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("Error {"),
        "no panic or Debug output: {err}"
    );
}

#[test]
fn check_reports_translation_coverage_and_passes_good_content() {
    let out = codevs()
        .arg("check")
        .arg("--root")
        .arg(fixture("multi"))
        .output()
        .expect("check runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("de: 0 of 5 codes fully translated"),
        "{stdout}"
    );
    assert!(
        stdout.contains("WEB 404: summary, description"),
        "lists the missing fields: {stdout}"
    );
    assert!(stdout.contains("every link resolves"), "{stdout}");
}

#[test]
fn new_writes_a_file_that_builds_and_refuses_to_overwrite_or_a_wrong_code() {
    let site = copy_fixture("mini");
    let out = codevs()
        .args(["new", "smtp", "251", "--root"])
        .arg(site.path())
        .output()
        .expect("new runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(site.path().join("content/smtp/251.yaml")).expect("written");
    assert!(
        text.lines().filter(|l| l.starts_with('#')).count() >= 15,
        "every field has a comment"
    );
    build(site.path(), &site.path().join("public")).expect("the new file builds");
    assert!(
        site.path()
            .join("public/ko/smtp/251-vs-550/index.html")
            .is_file()
    );

    let again = codevs()
        .args(["new", "smtp", "251", "--root"])
        .arg(site.path())
        .output()
        .expect("runs");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(site.path().join("content/smtp/251.yaml")).expect("read"),
        text,
        "the file is not overwritten"
    );
    let wrong = codevs()
        .args(["new", "smtp", "651", "--root"])
        .arg(site.path())
        .output()
        .expect("runs");
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("does not match"));
    assert!(!site.path().join("content/smtp/651.yaml").exists());
}

#[test]
fn every_command_has_help_with_examples() {
    for cmd in ["build", "check", "serve", "new"] {
        let out = codevs().args([cmd, "--help"]).output().expect("help");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("Examples:"),
            "{cmd}: {text}"
        );
    }
}

/// The server's resident memory in KB, from /proc.
#[cfg(target_os = "linux")]
fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

#[cfg(target_os = "linux")]
#[test]
fn serve_survives_a_flood_and_slow_clients_on_loopback() {
    let site = copy_fixture("mini");
    let server = start(site.path());
    let before = rss_kb(server.child.id());
    // 64 slow clients: connected, half a request sent, then silence.
    let slow: Vec<TcpStream> = (0..64)
        .map(|_| {
            let mut s = TcpStream::connect(&server.host).expect("connect");
            write!(s, "GET /smtp/250/ HTTP/1.1\r\nHost: x\r\n").expect("write");
            s
        })
        .collect();
    // A bounded flood: 8 threads × 100 requests.
    let host = server.host.clone();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let host = host.clone();
            std::thread::spawn(move || {
                let paths = [
                    "/",
                    "/smtp/250/",
                    "/smtp/450-vs-550/",
                    "/nope/",
                    "/%2e%2e/etc/passwd",
                ];
                (0..100)
                    .filter(|i| get(&host, paths[(i + t) % paths.len()]).0 != 0)
                    .count()
            })
        })
        .collect();
    let answered: usize = threads.into_iter().map(|t| t.join().expect("thread")).sum();
    assert_eq!(answered, 800, "every request got an answer");
    assert_eq!(
        get(&server.host, "/smtp/250/").0,
        200,
        "still serving with slow clients connected"
    );
    let after = rss_kb(server.child.id());
    assert!(
        after < before + 64 * 1024,
        "memory grew from {before} KB to {after} KB"
    );
    drop(slow);
}
