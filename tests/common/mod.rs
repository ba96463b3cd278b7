//! Helpers for the integration tests: build a fixture site into a temporary folder, read
//! back the files, parse pages.
#![allow(dead_code)]

use codevs::{BuildOptions, BuildReport};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests").join("fixtures").join(name)
}

/// Copies a fixture site into a fresh temporary folder, so a test may change it.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

pub fn build(root: &Path, output: &Path) -> codevs::Result<BuildReport> {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output: Some(output.to_path_buf()),
        base_url: None,
        offline: false,
        live_reload: false,
        force: false,
    };
    codevs::build(&opts)
}

pub fn build_with(opts: BuildOptions) -> codevs::Result<BuildReport> {
    codevs::build(&opts)
}

/// Every file under `dir` with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

pub fn page(dir: &Path, rel: &str) -> scraper::Html {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    scraper::Html::parse_document(&text)
}

pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).expect("selector");
    doc.select(&sel).collect()
}

pub fn text_of(el: &scraper::ElementRef) -> String {
    el.text()
        .collect::<Vec<_>>()
        .join("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn attr(doc: &scraper::Html, css: &str, name: &str) -> Option<String> {
    select(doc, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(String::from)
}

/// The repository's own site, built once per test binary and shared by its tests.
pub fn built_site() -> &'static Path {
    static SITE: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let out = tempfile::tempdir().expect("tmp");
        build(&repo(), out.path()).expect("the SMTP site builds");
        out
    })
    .path()
}

/// The visible text of `main`, without the parts that are not prose (code, transcripts) and
/// without blocks marked as another language than `lang`.
pub fn prose_blocks(doc: &scraper::Html, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    for el in select(
        doc,
        "main p, main li, main td, main th, main h1, main h2, main h3, main h4, main figcaption",
    ) {
        let foreign = el
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .any(|a| {
                a.value().attr("lang").is_some_and(|l| l != lang)
                    || matches!(a.value().name(), "pre" | "code")
            })
            || el.value().attr("lang").is_some_and(|l| l != lang);
        if foreign {
            continue;
        }
        // Text outside <code> children.
        let mut text = String::new();
        for node in el.descendants() {
            if let Some(t) = node.value().as_text() {
                let in_code = node
                    .ancestors()
                    .filter_map(scraper::ElementRef::wrap)
                    .take_while(|a| a.id() != el.id())
                    .any(|a| a.value().name() == "code");
                if !in_code {
                    text.push_str(t);
                }
            }
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            out.push(text);
        }
    }
    out
}

/// Sentences of a text: split after . ! ? and the Korean full stop, trimmed.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        cur.push(*c);
        let end = matches!(c, '.' | '!' | '?' | '。')
            && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if end {
            let s = cur.trim().to_string();
            if s.chars().filter(|c| c.is_alphabetic()).count() > 3 {
                out.push(s);
            }
            cur.clear();
        }
    }
    let s = cur.trim().to_string();
    if s.chars().filter(|c| c.is_alphabetic()).count() > 3 {
        out.push(s);
    }
    out
}

/// The codevs binary, to run as a user would.
pub fn codevs() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_codevs"))
}

/// A copy of the repository's SMTP site (its `content/`), which a test may change.
pub fn copy_smtp_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    dir
}

/// Replaces the first `from` with `to` in `root/file`, which must hold it.
pub fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} has {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}
