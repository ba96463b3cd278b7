//! Broken and hostile content: every case must end in a clear error that names the file (and
//! the line where there is one), with no panic and the previous site untouched; or, for
//! content that is merely dangerous, in a clean page. Plus builds killed at random moments.

mod common;
use common::*;
use std::path::Path;

/// How a case changes the good fixture site.
enum Change {
    /// Replace the first match of `from` with `to` in a file.
    Replace(&'static str, &'static str, &'static str),
    /// Write a file's whole content.
    Write(&'static str, &'static [u8]),
    /// Anything else.
    Custom(fn(&Path)),
}

/// (what the case is, the change, the file the error must name, whether it must name a line)
const BROKEN: &[(&str, Change, &str, bool)] = &[
    ("unknown field", Change::Replace("content/smtp/450.yaml", "summary:", "summry:"), "450.yaml", true),
    ("missing required field", Change::Replace("content/smtp/450.yaml", "what_to_do:", "#what_to_do:"), "450.yaml", true),
    ("file name differs from code", Change::Replace("content/smtp/450.yaml", "code: \"450\"", "code: \"451\""), "450.yaml", true),
    ("code outside the pattern", Change::Custom(|root| {
        let text = std::fs::read_to_string(root.join("content/smtp/450.yaml")).expect("read").replace("code: \"450\"", "code: \"650\"");
        std::fs::write(root.join("content/smtp/650.yaml"), text).expect("write");
    }), "650.yaml", true),
    ("related code that does not exist", Change::Replace("content/smtp/450.yaml", "related: [\"550\"]", "related: [\"559\"]"), "450.yaml", true),
    ("pair note with a missing code", Change::Replace("content/smtp/450.yaml", "  - with: \"550\"", "  - with: \"599\""), "450.yaml", true),
    ("pair note with itself", Change::Replace("content/smtp/450.yaml", "  - with: \"550\"", "  - with: \"450\""), "450.yaml", true),
    ("unknown phase", Change::Replace("content/smtp/450.yaml", "phases: [rcpt, end_of_data]", "phases: [rcp, end_of_data]"), "450.yaml", true),
    ("unknown command", Change::Replace("content/smtp/450.yaml", "commands: [RCPT, DATA]", "commands: [RCPT, DATAX]"), "450.yaml", true),
    ("no default-language text", Change::Replace("content/smtp/450.yaml", "  en: \"Mailbox temporarily unavailable\"\n", ""), "450.yaml", true),
    ("a language the site lacks", Change::Replace("content/smtp/450.yaml", "  en: \"Mailbox temporarily unavailable\"", "  en: \"x\"\n  fr: \"y\""), "450.yaml", true),
    ("YAML syntax error", Change::Replace("content/smtp/450.yaml", "related: [\"550\"]", "related: [\"550\""), "450.yaml", true),
    ("tab indentation", Change::Replace("content/smtp/450.yaml", "name:\n  en:", "name:\n\ten:"), "450.yaml", true),
    ("wrong type", Change::Replace("content/smtp/450.yaml", "closes_connection: false", "closes_connection: maybe"), "450.yaml", true),
    ("empty file", Change::Write("content/smtp/450.yaml", b""), "450.yaml", false),
    ("not UTF-8", Change::Write("content/smtp/450.yaml", b"code: \"450\"\nname: {en: \"\xff\xfe\"}\n"), "450.yaml", true),
    ("a 100 MB file", Change::Custom(|root| {
        let f = std::fs::File::create(root.join("content/smtp/450.yaml")).expect("create");
        f.set_len(100 * 1024 * 1024).expect("grow");
    }), "450.yaml", false),
    ("deep nesting", Change::Custom(|root| {
        let text = format!("code: \"450\"\nname: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        std::fs::write(root.join("content/smtp/450.yaml"), text).expect("write");
    }), "450.yaml", true),
    ("alias bomb", Change::Write("content/smtp/450.yaml", b"a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"), "450.yaml", false),
    ("several documents", Change::Custom(|root| {
        let text = std::fs::read_to_string(root.join("content/smtp/450.yaml")).expect("read");
        std::fs::write(root.join("content/smtp/450.yaml"), format!("{text}---\n{text}")).expect("write");
    }), "450.yaml", false),
    ("bad language tag", Change::Replace("content/site.yaml", "languages: [en, ko]", "languages: [en, ko_KR]"), "site.yaml", true),
    ("language listed twice", Change::Replace("content/site.yaml", "languages: [en, ko]", "languages: [en, ko, en]"), "site.yaml", true),
    ("base_url that is not http", Change::Replace("content/site.yaml", "base_url: \"https://codevs.example.org/\"", "base_url: \"javascript:alert(1)\""), "site.yaml", true),
    ("theme name with a path", Change::Replace("content/site.yaml", "theme: default", "theme: \"../../etc\""), "site.yaml", true),
    ("invalid code pattern", Change::Replace("content/smtp/protocol.yaml", "code_pattern: \"^[2-5][0-5][0-9]$\"", "code_pattern: \"^[2-5\""), "protocol.yaml", true),
    ("a code with no class", Change::Replace("content/smtp/protocol.yaml", "  \"2\":\n    name: {en: \"Positive Completion\", ko: \"긍정 완료\"}\n    outcome: success", "  \"9\":\n    name: {en: \"Positive Completion\", ko: \"긍정 완료\"}\n    outcome: success"), "250.yaml", true),
    ("protocol folder without protocol.yaml", Change::Custom(|root| {
        std::fs::create_dir_all(root.join("content/ftp")).expect("mkdir");
        std::fs::write(root.join("content/ftp/220.yaml"), "code: \"220\"\n").expect("write");
    }), "ftp", false),
    ("protocol folder name unfit for a URL", Change::Custom(|root| {
        std::fs::rename(root.join("content/smtp"), root.join("content/SM TP")).expect("rename");
    }), "SM TP", false),
    ("a code that would leave the output folder", Change::Custom(|root| {
        let text = std::fs::read_to_string(root.join("content/smtp/450.yaml")).expect("read").replace("code: \"450\"", "code: \"../../x\"");
        std::fs::write(root.join("content/smtp/450.yaml"), text).expect("write");
    }), "450.yaml", true),
    ("a code with a NUL", Change::Replace("content/smtp/450.yaml", "code: \"450\"", "code: \"45\\0\""), "450.yaml", true),
    ("a look-alike code", Change::Replace("content/smtp/450.yaml", "code: \"450\"", "code: \"４５０\""), "450.yaml", true),
    ("malformed enhanced code", Change::Replace("content/smtp/450.yaml", "\"X.2.4\"", "\"X.2\""), "450.yaml", true),
    (".yml instead of .yaml", Change::Custom(|root| {
        std::fs::rename(root.join("content/smtp/450.yaml"), root.join("content/smtp/450.yml")).expect("rename");
    }), "450.yml", false),
    ("no site.yaml", Change::Custom(|root| std::fs::remove_file(root.join("content/site.yaml")).expect("rm")), "site.yaml", false),
];

fn apply(root: &Path, change: &Change) {
    match change {
        Change::Replace(file, from, to) => edit(root, file, from, to),
        Change::Write(file, bytes) => std::fs::write(root.join(file), bytes).expect("write"),
        Change::Custom(f) => f(root),
    }
}

#[test]
fn broken_content_fails_clearly_and_leaves_the_site_untouched() {
    assert!(BROKEN.len() >= 30, "at least 30 cases");
    let mut failures = Vec::new();
    for (name, change, file, with_line) in BROKEN {
        let site = copy_fixture("mini");
        let out = site.path().join("public");
        build(site.path(), &out).expect("the good site builds");
        let before = tree(&out);
        apply(site.path(), change);
        let run = codevs()
            .arg("build")
            .arg("--root")
            .arg(site.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("codevs runs");
        let err = String::from_utf8_lossy(&run.stderr);
        let problem = if run.status.code() != Some(1) {
            Some(format!("exit code {:?}", run.status.code()))
        } else if err.contains("panicked") || err.contains("RUST_BACKTRACE") {
            Some("a panic".to_string())
        } else if !err.contains(file) {
            Some(format!("no mention of {file}"))
        } else if *with_line
            && !err.lines().any(|l| {
                l.contains(file)
                    && l.split(file).nth(1).is_some_and(|rest| {
                        rest.starts_with(':') && rest[1..].starts_with(|c: char| c.is_ascii_digit())
                    })
            })
        {
            Some("no line number".to_string())
        } else if tree(&out) != before {
            Some("the previous site changed".to_string())
        } else {
            None
        };
        if let Some(p) = problem {
            failures.push(format!("{name}: {p}\n{err}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        BROKEN.len(),
        failures.join("\n---\n")
    );
}

#[test]
fn dangerous_but_valid_content_gives_a_clean_page() {
    let site = copy_fixture("mini");
    let file = site.path().join("content/smtp/250.yaml");
    let mut hostile = std::fs::read_to_string(&file).expect("read");
    let payload = "{{ site.title }} {% if true %}x{% endif %} <svg onload=alert(1)><a href=\"data:text/html,x\">d</a> <object data=x></object> <embed src=x> <form action=x><input></form> <style>*{}</style>\n\n    [j](JaVaScRiPt:alert(1)) <a href=\"&#106;avascript:alert(1)\">k</a>\n\n    ";
    // In both languages, so that every page checked below shows it.
    for (from, to) in [
        (
            "description:\n  en: |\n    ",
            format!("description:\n  en: |\n    {payload}"),
        ),
        (
            "  ko: |\n    250은 메일 시스템",
            format!("  ko: |\n    {payload}250은 메일 시스템"),
        ),
        (
            "summary:\n  en: \"",
            "summary:\n  en: \"</title><script>alert(1)</script>".to_string(),
        ),
        (
            "  ko: \"요청한 동작이",
            "  ko: \"</title><script>alert(1)</script>요청한 동작이".to_string(),
        ),
    ] {
        assert!(hostile.contains(from), "the fixture has {from:?}");
        hostile = hostile.replacen(from, &to, 1);
    }
    std::fs::write(&file, format!("\u{feff}{hostile}")).expect("write with a byte-order mark");
    let out = site.path().join("public");
    build(site.path(), &out).expect("builds: dangerous content is cleaned, not refused");
    for rel in [
        "smtp/250/index.html",
        "smtp/250-vs-450/index.html",
        "ko/smtp/250/index.html",
    ] {
        let html = std::fs::read_to_string(out.join(rel)).expect("page");
        let doc = scraper::Html::parse_document(&html);
        assert_eq!(
            select(&doc, "script:not([type='application/ld+json']):not([src])").len(),
            0,
            "{rel}: an inline script"
        );
        assert!(
            select(
                &doc,
                "main svg[onload], main object, main embed, .prose form, .prose style"
            )
            .is_empty(),
            "{rel}"
        );
        for el in select(&doc, "*") {
            for (name, value) in el.value().attrs() {
                let v = value.to_ascii_lowercase();
                assert!(!name.starts_with("on"), "{rel}: {name}");
                assert!(
                    !v.trim_start().starts_with("javascript:")
                        && !v.trim_start().starts_with("data:"),
                    "{rel}: {name}={value}"
                );
            }
        }
        assert!(
            html.contains("{{ site.title }}"),
            "{rel}: the content is there, never rendered as a template"
        );
        if !rel.contains("-vs-") {
            assert!(
                html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{rel}: the summary shows as text"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_project_and_loops_are_not_followed() {
    let site = copy_fixture("mini");
    std::os::unix::fs::symlink("/etc/passwd", site.path().join("content/smtp/251.yaml"))
        .expect("link");
    std::os::unix::fs::symlink("..", site.path().join("content/smtp/loop")).expect("loop");
    std::os::unix::fs::symlink("/etc", site.path().join("content/etc")).expect("dir link");
    let out = site.path().join("public");
    let report = build(site.path(), &out).expect("builds, skipping the links");
    let skipped: Vec<String> = report
        .warnings
        .iter()
        .filter(|w| w.message.contains("symbolic link"))
        .map(|w| w.file.to_string_lossy().into_owned())
        .collect();
    assert_eq!(skipped.len(), 3, "each link is skipped: {skipped:?}");
    for name in ["251.yaml", "loop", "etc"] {
        assert!(
            skipped.iter().any(|f| f.ends_with(name)),
            "{name} is skipped: {skipped:?}"
        );
    }
    assert!(!out.join("smtp/251").exists());
    for (rel, bytes) in tree(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("root:x:0"),
            "{rel} holds /etc/passwd"
        );
    }
}

/// Deterministic "random" moments: the next of a xorshift sequence, under `max_ms`.
fn next_delay(seed: &mut u64, max_ms: u64) -> std::time::Duration {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    std::time::Duration::from_millis(*seed % max_ms)
}

/// Runs `codevs build -q` with `args` and kills it (SIGKILL) after `delay`. Returns whether
/// the kill interrupted it (rather than finding it finished).
#[cfg(unix)]
fn build_killed_after(args: &[&std::ffi::OsStr], delay: std::time::Duration) -> bool {
    use std::os::unix::process::ExitStatusExt;
    let mut child = codevs()
        .args(["build", "-q"])
        .args(args)
        .spawn()
        .expect("spawn");
    std::thread::sleep(delay);
    let _ = child.kill();
    let status = child.wait().expect("wait");
    status.signal() == Some(libc::SIGKILL)
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_site_whole() {
    let root = repo();
    let work = tempfile::tempdir().expect("tmp");
    let out = work.path().join("site");
    build(&root, &out).expect("first build");
    let reference = tree(&out);
    // Deterministic "random" moments spread over a build's whole length.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut interrupted = 0;
    for _ in 0..12 {
        let delay = next_delay(&mut seed, 700);
        // Without its cache the build redoes every page, so there is work to interrupt.
        let _ = std::fs::remove_file(work.path().join(".site.codevs-cache"));
        let args = [
            "--root".as_ref(),
            root.as_os_str(),
            "--output".as_ref(),
            out.as_os_str(),
        ];
        interrupted += usize::from(build_killed_after(&args, delay));
        let now = tree(&out);
        assert_eq!(
            now.len(),
            reference.len(),
            "killed after {delay:?}: the site lost files"
        );
        assert!(now == reference, "killed after {delay:?}: the site changed");
    }
    assert!(interrupted > 0, "no kill landed while a build ran");
    // The next build cleans up whatever staging folder a killed build left.
    build(&root, &out).expect("a build after the kills");
    assert_eq!(tree(&out), reference);
    let mut leftovers: Vec<_> = std::fs::read_dir(work.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    leftovers.sort();
    let expected = [
        std::ffi::OsString::from(".site.codevs-cache"),
        std::ffi::OsString::from("site"),
    ];
    assert_eq!(leftovers, expected, "no staging folder is left behind");
}

/// Kills builds that update the site in place (one code file edited) at moments spread over
/// their length, and checks that every file is whole, either its old or its new version, with
/// none lost; the next build finishes the job. The moves themselves last milliseconds, so
/// most kills land while the update renders (the previous site must then be untouched).
#[cfg(unix)]
#[test]
fn an_update_killed_at_any_moment_leaves_every_file_whole() {
    let site = copy_smtp_site();
    let file = site.path().join("content/smtp/450.yaml");
    let old_text = std::fs::read_to_string(&file).expect("read");
    let new_text = old_text.replacen("450은 일시적", "450은 분명히 일시적", 1);
    assert_ne!(old_text, new_text);
    let out = site.path().join("public");
    let fresh = tempfile::tempdir().expect("tmp");
    std::fs::write(&file, &new_text).expect("edit");
    build(site.path(), fresh.path()).expect("fresh build of the edit");
    let new = tree(fresh.path());
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut interrupted = 0;
    for _ in 0..8 {
        std::fs::write(&file, &old_text).expect("undo");
        build(site.path(), &out).expect("the old site");
        let old = tree(&out);
        std::fs::write(&file, &new_text).expect("edit");
        let delay = next_delay(&mut seed, 250);
        let killed = build_killed_after(&["--root".as_ref(), site.path().as_os_str()], delay);
        interrupted += usize::from(killed);
        for (rel, bytes) in tree(&out) {
            assert!(
                old.get(&rel) == Some(&bytes) || new.get(&rel) == Some(&bytes),
                "killed after {delay:?}: {rel} is neither its old nor its new version"
            );
        }
        let now = tree(&out);
        for rel in old.keys().filter(|k| new.contains_key(*k)) {
            assert!(
                now.contains_key(rel),
                "killed after {delay:?}: {rel} is gone"
            );
        }
    }
    eprintln!("{interrupted} of 8 update builds were killed while running");
    assert!(interrupted > 0, "no kill landed while an update ran");
    build(site.path(), &out).expect("a build after the kills");
    assert!(tree(&out) == new, "the next build finishes the update");
}
