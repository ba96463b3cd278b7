//! The SMTP content against the RFCs: a table of facts written into the test, so that a later
//! edit cannot silently make a fact wrong; and the Korean pages against the writing rules.

mod common;
use codevs::model::Outcome;
use common::*;
use std::collections::BTreeMap;

/// (code, defining RFC, a phrase of the standard reply text as the RFC gives it)
const FACTS: &[(&str, u32, &str)] = &[
    ("211", 5321, "System status, or system help reply"),
    ("214", 5321, "Help message"),
    ("220", 5321, "Service ready"),
    ("221", 5321, "Service closing transmission channel"),
    ("250", 5321, "Requested mail action okay, completed"),
    ("251", 5321, "User not local; will forward to"),
    (
        "252",
        5321,
        "Cannot VRFY user, but will accept message and attempt delivery",
    ),
    ("354", 5321, "Start mail input; end with <CRLF>.<CRLF>"),
    (
        "421",
        5321,
        "Service not available, closing transmission channel",
    ),
    (
        "450",
        5321,
        "Requested mail action not taken: mailbox unavailable",
    ),
    (
        "451",
        5321,
        "Requested action aborted: local error in processing",
    ),
    (
        "452",
        5321,
        "Requested action not taken: insufficient system storage",
    ),
    ("455", 5321, "Server unable to accommodate parameters"),
    ("500", 5321, "Syntax error, command unrecognized"),
    ("501", 5321, "Syntax error in parameters or arguments"),
    ("502", 5321, "Command not implemented"),
    ("503", 5321, "Bad sequence of commands"),
    ("504", 5321, "Command parameter not implemented"),
    (
        "550",
        5321,
        "Requested action not taken: mailbox unavailable",
    ),
    ("551", 5321, "User not local; please try"),
    (
        "552",
        5321,
        "Requested mail action aborted: exceeded storage allocation",
    ),
    (
        "553",
        5321,
        "Requested action not taken: mailbox name not allowed",
    ),
    ("554", 5321, "Transaction failed"),
    (
        "555",
        5321,
        "MAIL FROM/RCPT TO parameters not recognized or not implemented",
    ),
    ("235", 4954, "Authentication Succeeded"),
    ("334", 4954, ""),
    ("432", 4954, "A password transition is needed"),
    ("454", 4954, "Temporary authentication failure"),
    ("530", 4954, "Authentication required"),
    ("534", 4954, "Authentication mechanism is too weak"),
    ("535", 4954, "Authentication credentials invalid"),
    (
        "538",
        4954,
        "Encryption required for requested authentication mechanism",
    ),
    ("521", 7504, "does not accept mail"),
    ("556", 7504, "Domain does not accept mail"),
    ("253", 1985, "pending messages for node"),
    ("458", 1985, "Unable to queue messages for node"),
    ("459", 1985, "not allowed"),
    ("453", 2645, "You have no mail"),
];

/// The enhanced status codes that the IANA registry associates with each basic code.
const ENHANCED: &[(&str, &str)] = &[
    ("220", "X.5.0 X.7.0"),
    ("221", "X.3.0"),
    ("250", "X.1.5 X.3.0 X.3.6 X.5.0 X.6.4"),
    ("251", "X.3.6 X.5.0"),
    ("252", "X.5.0 X.6.8"),
    ("421", "X.3.0 X.4.2"),
    ("450", "X.2.4 X.7.0 X.7.15"),
    (
        "451",
        "X.1.1 X.1.8 X.3.0 X.4.1 X.4.3 X.4.5 X.5.0 X.5.3 X.5.4 X.7.1 X.7.24",
    ),
    ("452", "X.2.4 X.3.1 X.5.0"),
    ("500", "X.5.1 X.5.2 X.5.6 X.7.0"),
    ("501", "X.1.3 X.1.8 X.5.0 X.5.1 X.5.2 X.5.4 X.7.0"),
    ("502", "X.5.0 X.5.2 X.5.4 X.7.1"),
    ("503", "X.5.0 X.5.1 X.5.4 X.7.0 X.7.1"),
    ("504", "X.5.4 X.7.0 X.7.4"),
    ("551", "X.7.1"),
    ("552", "X.2.2 X.2.3 X.3.4 X.7.16"),
    ("553", "X.6.7 X.6.8"),
    ("554", "X.3.0 X.3.4 X.5.0 X.5.1 X.6.3 X.6.6 X.7.8 X.7.14"),
    ("555", "X.5.1 X.5.2 X.5.4"),
    ("211", ""),
    ("214", ""),
    ("354", ""),
    ("455", ""),
    ("235", "X.7.0"),
    ("454", "X.5.0 X.7.0 X.7.1"),
    ("521", "X.3.2"),
    ("556", "X.1.10"),
    ("530", "X.5.1 X.7.0"),
    ("534", "X.7.9"),
    ("535", "X.7.0 X.7.8 X.7.14"),
    ("538", "X.7.11"),
    ("432", "X.7.12"),
];

fn site() -> codevs::model::Site {
    codevs::load::load(&repo()).expect("content loads").0
}

#[test]
fn every_code_matches_the_rfc_table() {
    let site = site();
    let smtp = site.protocol("smtp").expect("smtp");
    assert_eq!(
        smtp.codes.len(),
        FACTS.len(),
        "one file per code in the table"
    );
    for (code, rfc, text) in FACTS {
        let c = smtp
            .code(code)
            .unwrap_or_else(|| panic!("{code} is missing"));
        assert!(
            c.meanings
                .iter()
                .any(|m| m.source.rfc == *rfc && m.text.contains(text)),
            "{code}: no meaning from RFC {rfc} with the text {text:?}"
        );
        let outcome = smtp.class_of(c).expect("class").1.outcome;
        let expected = match &code[..1] {
            "2" => Outcome::Success,
            "3" => Outcome::Intermediate,
            "4" => Outcome::Transient,
            _ => Outcome::Permanent,
        };
        assert_eq!(outcome, expected, "{code}");
        assert!(
            c.references.iter().any(|r| r.rfc == *rfc),
            "{code} cites RFC {rfc}"
        );
    }
}

#[test]
fn connection_parsed_text_and_deprecation_flags_follow_the_rfcs() {
    let site = site();
    let smtp = site.protocol("smtp").expect("smtp");
    let with = |f: fn(&codevs::model::Code) -> bool| -> Vec<&str> {
        smtp.codes.iter().filter(|c| f(c)).map(|c| c.id()).collect()
    };
    assert_eq!(with(|c| c.closes_connection), ["221", "421"]);
    assert_eq!(with(|c| c.parsed_text), ["220", "221", "251", "421", "551"]);
    assert_eq!(with(|c| c.deprecated), ["538"]);
}

#[test]
fn enhanced_codes_are_the_iana_associations() {
    let site = site();
    let smtp = site.protocol("smtp").expect("smtp");
    let table: BTreeMap<&str, &str> = ENHANCED.iter().copied().collect();
    for c in &smtp.codes {
        let Some(expected) = table.get(c.id()) else {
            continue;
        };
        let mut got = c.enhanced_codes.clone();
        got.sort();
        let mut want: Vec<String> = expected.split_whitespace().map(String::from).collect();
        want.sort();
        if c.id() == "550" {
            continue; // checked below: its list is long and includes a range
        }
        assert_eq!(got, want, "{}", c.id());
    }
    let c550 = smtp.code("550").expect("550");
    for e in ["X.1.1", "X.7.1", "X.7.27", "X.7.30"] {
        assert!(c550.enhanced_codes.iter().any(|x| x == e), "550 lists {e}");
    }
}

#[test]
fn the_pairs_the_rfcs_spell_out_have_notes() {
    let site = site();
    let smtp = site.protocol("smtp").expect("smtp");
    let has_note = |a: &str, b: &str| {
        smtp.code(a)
            .expect("a")
            .pair_notes
            .iter()
            .any(|n| n.with.value == b)
            || smtp
                .code(b)
                .expect("b")
                .pair_notes
                .iter()
                .any(|n| n.with.value == a)
    };
    for (a, b) in [
        ("500", "502"),
        ("502", "504"),
        ("455", "555"),
        ("450", "550"),
        ("452", "552"),
        ("251", "551"),
        ("220", "554"),
        ("220", "521"),
        ("521", "554"),
        ("221", "421"),
        ("211", "214"),
        ("250", "252"),
        ("250", "354"),
    ] {
        assert!(has_note(a, b), "{a}/{b} has a pair note");
    }
}

fn korean_pages() -> Vec<String> {
    let root = built_site();
    let mut pages: Vec<String> = tree(root)
        .into_keys()
        .filter(|k| k.starts_with("ko/") && k.ends_with("index.html"))
        .collect();
    pages.retain(|p| {
        !p.contains("-vs-") || {
            // reverse pages are tiny; canonical pair pages are all checked
            let name = p.split('/').nth(2).unwrap_or("");
            let (a, b) = name.split_once("-vs-").unwrap_or(("0", "0"));
            a < b
        }
    });
    pages
}

#[test]
fn korean_pages_are_written_in_korean() {
    let root = built_site();
    let mut offenders = Vec::new();
    for rel in korean_pages() {
        let doc = page(root, &rel);
        for block in prose_blocks(&doc, "ko") {
            for s in sentences(&block) {
                let latin_words = s
                    .split_whitespace()
                    .filter(|w| {
                        w.chars().filter(|c| c.is_ascii_lowercase()).count() >= 3 && w.is_ascii()
                    })
                    .count();
                let hangul = s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
                if !hangul && latin_words >= 4 {
                    offenders.push(format!("{rel}: {s}"));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "English sentences on Korean pages:\n{}",
        offenders[..offenders.len().min(20)].join("\n")
    );
}

#[test]
fn korean_particles_agree_with_the_number_before_them() {
    let root = built_site();
    let readings = BTreeMap::new();
    let mut wrong = Vec::new();
    for rel in korean_pages() {
        let doc = page(root, &rel);
        for block in prose_blocks(&doc, "ko") {
            for bad in [
                "은(는)", "(은)는", "(이)가", "이(가)", "을(를)", "(을)를", "와(과)", "과(와)",
                "(으)로",
            ] {
                if block.contains(bad) {
                    wrong.push(format!("{rel}: {bad} in {block}"));
                }
            }
            let chars: Vec<char> = block.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                if chars[i].is_ascii_digit()
                    && (i == 0 || !chars[i - 1].is_ascii_alphanumeric() && chars[i - 1] != '.')
                {
                    let start = i;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                    let number: String = chars[start..i].iter().collect();
                    let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
                    for particle in ["으로", "은", "는", "이", "가", "을", "를", "과", "와", "로"]
                    {
                        if rest.starts_with(particle) {
                            let after = chars.get(i + particle.chars().count());
                            if after.is_some_and(|c| ('\u{AC00}'..='\u{D7A3}').contains(c)) {
                                break; // part of a longer word (이후, 이상, 가능 …)
                            }
                            let want = codevs::particles::agree(
                                particle,
                                codevs::particles::final_sound(&number, &readings),
                            );
                            if want != particle {
                                wrong.push(format!(
                                    "{rel}: {number}{particle} should be {number}{want}"
                                ));
                            }
                            break;
                        }
                    }
                } else {
                    i += 1;
                }
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "{} wrong particles:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(30)].join("\n")
    );
}

#[test]
fn every_phase_a_code_names_exists_in_its_protocol() {
    let site = site();
    for p in &site.protocols {
        let ids: Vec<&str> = p.phases.iter().map(|ph| ph.id.as_str()).collect();
        for c in &p.codes {
            for phase in c.phases() {
                assert!(
                    ids.contains(&phase),
                    "{} names phase {phase}, which {} lacks",
                    c.id(),
                    p.id
                );
            }
            assert!(!c.phases().is_empty(), "{} names no phase", c.id());
        }
    }
}

#[test]
fn every_code_and_pair_page_carries_the_session_diagram() {
    let root = built_site();
    for (rel, bytes) in tree(root)
        .iter()
        .filter(|(k, _)| k.ends_with("index.html") && k.contains("smtp/"))
    {
        let name = rel.rsplit('/').nth(1).unwrap_or("");
        let reverse = name.split_once("-vs-").is_some_and(|(a, b)| a > b);
        if name == "smtp" || reverse {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        assert_eq!(
            html.matches("<svg class=\"diagram\" role=\"img\"").count(),
            1,
            "{rel}"
        );
        let doc = scraper::Html::parse_document(&html);
        let desc = text_of(&select(&doc, "svg desc")[0]);
        assert!(
            !desc.is_empty(),
            "{rel}: the diagram says in words what it shows"
        );
        let body = select(&doc, "main").iter().map(text_of).collect::<String>();
        assert!(
            body.contains(&desc),
            "{rel}: the page text has the diagram's fact too"
        );
    }
}
