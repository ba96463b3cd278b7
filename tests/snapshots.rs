//! Snapshots of key pages of the small fixture site: a change to a page shows up as a diff
//! in review (`cargo insta review`), not as a surprise on the published site.

mod common;
use common::*;

#[test]
fn key_pages_match_their_snapshots() {
    let out = tempfile::tempdir().expect("tmp");
    build(&fixture("mini"), out.path()).expect("build");
    for (name, rel) in [
        ("pair_en", "smtp/450-vs-550/index.html"),
        ("pair_ko", "ko/smtp/450-vs-550/index.html"),
        ("code_en", "smtp/550/index.html"),
        ("protocol_ko", "ko/smtp/index.html"),
        ("reverse_en", "smtp/550-vs-450/index.html"),
    ] {
        let html = std::fs::read_to_string(out.path().join(rel)).expect("page");
        insta::assert_snapshot!(name, html);
    }
}

#[test]
fn pair_diagrams_match_their_snapshots() {
    let out = tempfile::tempdir().expect("tmp");
    build(&fixture("mini"), out.path()).expect("build");
    for (name, rel) in [
        ("diagram_450_550", "smtp/450-vs-550/index.html"),
        ("diagram_250_450_ko", "ko/smtp/250-vs-450/index.html"),
    ] {
        let html = std::fs::read_to_string(out.path().join(rel)).expect("page");
        let start = html.find("<svg").expect("svg");
        let end = html[start..].find("</svg>").expect("end") + start + 6;
        insta::assert_snapshot!(name, html[start..end].replace("><", ">\n<"));
    }
}
