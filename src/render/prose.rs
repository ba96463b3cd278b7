//! The sentences of a pair page, written from the pair's facts with the whole-sentence
//! patterns of the page's language (`pair.*`, `diff.*`, `server.*`, `client.*` in the theme's
//! i18n file). Which sentences appear, and in what order, is decided here from the facts;
//! how each reads is up to the language file.

use crate::derive::pairs::PairFacts;
use crate::i18n::Strings;
use crate::model::{Outcome, Protocol, Source};

/// The pair-specific text of a pair page.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct PairProse {
    /// The RFC-stated difference, when there is one (shown first).
    pub note: Option<String>,
    pub intro: Vec<String>,
    pub differences: Vec<String>,
    pub server: Vec<String>,
    pub client: Vec<String>,
    pub table: Vec<Row>,
    /// The phase relation in words (also the diagram's description).
    pub phases: String,
}

/// One axis of the side-by-side table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    pub label: String,
    pub a: String,
    pub b: String,
    pub same: bool,
}

/// Names and labels of one language, for a protocol.
pub struct Words<'a> {
    pub s: &'a Strings,
    pub lang: &'a str,
    pub default: &'a str,
    pub protocol: &'a Protocol,
}

impl Words<'_> {
    pub fn phase_names(&self, ids: &[&str]) -> Vec<String> {
        ids.iter()
            .map(|id| {
                self.protocol
                    .phases
                    .iter()
                    .find(|p| p.id == *id)
                    .map_or_else(
                        || id.to_string(),
                        |p| p.name.get(self.lang, self.default).text.to_string(),
                    )
            })
            .collect()
    }

    /// The protocol's phases as (id, name in this language), for the diagram.
    pub fn phase_lane(&self) -> Vec<(&str, String)> {
        self.protocol
            .phases
            .iter()
            .map(|p| {
                (
                    p.id.as_str(),
                    p.name.get(self.lang, self.default).text.to_string(),
                )
            })
            .collect()
    }

    pub fn phase_list(&self, ids: &[&str]) -> String {
        let names = self.phase_names(ids);
        self.s
            .list(&names.iter().map(String::as_str).collect::<Vec<_>>())
    }

    pub fn class_name(&self, digit: &str) -> String {
        self.protocol
            .classes
            .get(digit)
            .map_or_else(String::new, |c| {
                c.name.get(self.lang, self.default).text.to_string()
            })
    }

    pub fn category_name(&self, digit: &str) -> String {
        self.protocol
            .categories
            .get(digit)
            .map_or_else(String::new, |c| {
                c.name.get(self.lang, self.default).text.to_string()
            })
    }

    pub fn source(&self, source: &Source) -> String {
        match &source.section {
            Some(section) => self.s.fill(
                "source.section",
                &[("rfc", &source.rfc.to_string()), ("section", section)],
            ),
            None => self
                .s
                .fill("source.rfc", &[("rfc", &source.rfc.to_string())]),
        }
    }

    pub fn sources(&self, sources: &[&Source]) -> String {
        let list: Vec<String> = sources.iter().map(|s| self.source(s)).collect();
        self.s
            .list(&list.iter().map(String::as_str).collect::<Vec<_>>())
    }

    fn outcome(&self, o: Outcome, what: &str) -> String {
        self.s
            .get(&format!("outcome.{}.{what}", o.key()))
            .to_string()
    }

    fn yes_no(&self, b: bool) -> String {
        self.s
            .get(if b { "table.yes" } else { "table.no" })
            .to_string()
    }
}

pub fn pair_prose(w: &Words, f: &PairFacts) -> PairProse {
    let s = w.s;
    let (a, b) = (f.a.id(), f.b.id());
    let mut p = PairProse {
        note: f
            .note
            .map(|n| n.text.get(w.lang, w.default).text.to_string()),
        phases: phase_sentence(w, f),
        ..PairProse::default()
    };

    // Intro: the relation, in whole sentences.
    if f.same_class() {
        let class = w.class_name(f.class.0);
        p.intro.push(s.fill(
            "pair.intro.same_class",
            &[("a", a), ("b", b), ("class", &class), ("digit", f.class.0)],
        ));
    } else {
        let (ca, cb) = (w.class_name(f.class.0), w.class_name(f.class.1));
        p.intro.push(s.fill(
            "pair.intro.different_class",
            &[("a", a), ("b", b), ("class_a", &ca), ("class_b", &cb)],
        ));
    }
    match f.outcome {
        (x, y) if x == y => p
            .intro
            .push(s.fill(&format!("outcome.{}.both", x.key()), &[("a", a), ("b", b)])),
        (Outcome::Transient, Outcome::Permanent) => p
            .intro
            .push(s.fill("pair.intro.retry", &[("t", a), ("p", b)])),
        (Outcome::Permanent, Outcome::Transient) => p
            .intro
            .push(s.fill("pair.intro.retry", &[("t", b), ("p", a)])),
        (x, y) => p.intro.push(s.fill(
            "pair.intro.outcomes",
            &[
                ("a", a),
                ("b", b),
                ("what_a", &w.outcome(x, "noun")),
                ("what_b", &w.outcome(y, "noun")),
            ],
        )),
    }
    if !p.phases.is_empty() {
        p.intro.push(p.phases.clone());
    }
    match f.closes {
        (true, true) => p
            .intro
            .push(s.fill("pair.intro.closes_both", &[("a", a), ("b", b)])),
        (true, false) => p
            .intro
            .push(s.fill("pair.intro.closes_one", &[("x", a), ("y", b)])),
        (false, true) => p
            .intro
            .push(s.fill("pair.intro.closes_one", &[("x", b), ("y", a)])),
        _ => {}
    }

    p.differences = differences(w, f);
    p.server = server(w, f);
    p.client = client(w, f);
    p.table = table(w, f);
    p
}

/// Where in the session each code occurs, as one sentence ("Both answer RCPT; only 550 …").
pub fn phase_sentence(w: &Words, f: &PairFacts) -> String {
    let s = w.s;
    let (a, b) = (f.a.id(), f.b.id());
    let ph = &f.phases;
    if ph.shared.is_empty() && ph.only_a.is_empty() && ph.only_b.is_empty() {
        return String::new();
    }
    if ph.is_same() {
        return s.fill(
            "pair.phases.same",
            &[("a", a), ("b", b), ("phases", &w.phase_list(&ph.shared))],
        );
    }
    if ph.is_disjoint() && (f.any_command.0 || f.any_command.1) {
        let (x, y, py) = if f.any_command.0 {
            (a, b, &f.phases_of.1)
        } else {
            (b, a, &f.phases_of.0)
        };
        return s.fill(
            "pair.phases.any_command",
            &[("x", x), ("y", y), ("py", &w.phase_list(py))],
        );
    }
    if ph.is_disjoint() {
        return s.fill(
            "pair.phases.disjoint",
            &[
                ("a", a),
                ("b", b),
                ("pa", &w.phase_list(&ph.only_a)),
                ("pb", &w.phase_list(&ph.only_b)),
            ],
        );
    }
    let shared = w.phase_list(&ph.shared);
    match (ph.only_a.is_empty(), ph.only_b.is_empty()) {
        (false, true) => s.fill(
            "pair.phases.only_one",
            &[
                ("a", a),
                ("b", b),
                ("shared", &shared),
                ("x", a),
                ("more", &w.phase_list(&ph.only_a)),
            ],
        ),
        (true, false) => s.fill(
            "pair.phases.only_one",
            &[
                ("a", a),
                ("b", b),
                ("shared", &shared),
                ("x", b),
                ("more", &w.phase_list(&ph.only_b)),
            ],
        ),
        _ => s.fill(
            "pair.phases.each",
            &[
                ("a", a),
                ("b", b),
                ("shared", &shared),
                ("pa", &w.phase_list(&ph.only_a)),
                ("pb", &w.phase_list(&ph.only_b)),
            ],
        ),
    }
}

/// What actually differs, most important first: retry, category, session point, commands,
/// connection, parsed text, deprecation, defining RFC.
fn differences(w: &Words, f: &PairFacts) -> Vec<String> {
    let s = w.s;
    let (a, b) = (f.a.id(), f.b.id());
    let mut out = Vec::new();
    if f.outcome.0 != f.outcome.1 {
        out.push(s.fill(
            "diff.outcome",
            &[
                ("a", a),
                ("b", b),
                ("what_a", &w.outcome(f.outcome.0, "noun")),
                ("what_b", &w.outcome(f.outcome.1, "noun")),
                ("retry_a", &w.outcome(f.outcome.0, "retry")),
                ("retry_b", &w.outcome(f.outcome.1, "retry")),
            ],
        ));
    }
    if let (Some(false), Some((x, y))) = (f.same_category(), f.category) {
        out.push(s.fill(
            "diff.category",
            &[
                ("a", a),
                ("b", b),
                ("cat_a", &w.category_name(x)),
                ("cat_b", &w.category_name(y)),
                ("da", x),
                ("db", y),
            ],
        ));
    }
    if !f.phases.is_same() {
        out.push(s.fill(
            "diff.phases",
            &[
                ("a", a),
                ("b", b),
                ("pa", &w.phase_list(&f.phases_of.0)),
                ("pb", &w.phase_list(&f.phases_of.1)),
            ],
        ));
    }
    if !f.commands.is_same() {
        let ca = f.a.commands();
        let cb = f.b.commands();
        if !ca.is_empty() && !cb.is_empty() {
            out.push(s.fill(
                "diff.commands",
                &[
                    ("a", a),
                    ("b", b),
                    ("ca", &s.list(&ca)),
                    ("cb", &s.list(&cb)),
                ],
            ));
        }
    }
    push_one_sided(&mut out, s, "diff.closes", f.closes, a, b);
    push_one_sided(&mut out, s, "diff.parsed_text", f.parsed_text, a, b);
    push_one_sided(&mut out, s, "diff.deprecated", f.deprecated, a, b);
    if f.sources.0 != f.sources.1 {
        out.push(s.fill(
            "diff.sources",
            &[
                ("a", a),
                ("b", b),
                ("sa", &w.sources(&f.sources.0)),
                ("sb", &w.sources(&f.sources.1)),
            ],
        ));
    }
    if out.is_empty() {
        let (ta, tb) = (&f.a.meanings[0].text, &f.b.meanings[0].text);
        out.push(s.fill(
            "diff.only_meaning",
            &[("a", a), ("b", b), ("ta", ta), ("tb", tb)],
        ));
    }
    out
}

/// A sentence for a property only one of the two codes has (`x` has it, `y` does not).
fn push_one_sided(
    out: &mut Vec<String>,
    s: &Strings,
    key: &str,
    has: (bool, bool),
    a: &str,
    b: &str,
) {
    match has {
        (true, false) => out.push(s.fill(key, &[("x", a), ("y", b)])),
        (false, true) => out.push(s.fill(key, &[("x", b), ("y", a)])),
        _ => {}
    }
}

/// Which one a server should send.
fn server(w: &Words, f: &PairFacts) -> Vec<String> {
    let s = w.s;
    let (a, b) = (f.a.id(), f.b.id());
    let mut out = Vec::new();
    match f.outcome {
        (Outcome::Transient, Outcome::Permanent) => {
            out.push(s.fill("server.retry", &[("t", a), ("p", b)]))
        }
        (Outcome::Permanent, Outcome::Transient) => {
            out.push(s.fill("server.retry", &[("t", b), ("p", a)]))
        }
        _ => {}
    }
    let wildcard = f.any_command.0 || f.any_command.1;
    if f.phases.is_disjoint()
        && !wildcard
        && !f.phases.only_a.is_empty()
        && !f.phases.only_b.is_empty()
    {
        out.push(s.fill(
            "server.phase",
            &[
                ("a", a),
                ("b", b),
                ("pa", &w.phase_list(&f.phases.only_a)),
                ("pb", &w.phase_list(&f.phases.only_b)),
            ],
        ));
    } else {
        let (ta, tb) = (&f.a.meanings[0].text, &f.b.meanings[0].text);
        out.push(s.fill("server.text", &[("a", a), ("b", b), ("ta", ta), ("tb", tb)]));
    }
    match f.deprecated {
        (true, _) => out.push(s.fill("server.deprecated", &[("x", a), ("y", b)])),
        (_, true) => out.push(s.fill("server.deprecated", &[("x", b), ("y", a)])),
        _ => {}
    }
    out
}

/// How a client or sender should react to each.
fn client(w: &Words, f: &PairFacts) -> Vec<String> {
    let s = w.s;
    let mut out = Vec::new();
    for (code, outcome, closes, parsed) in [
        (f.a.id(), f.outcome.0, f.closes.0, f.parsed_text.0),
        (f.b.id(), f.outcome.1, f.closes.1, f.parsed_text.1),
    ] {
        out.push(s.fill(
            &format!("outcome.{}.client", outcome.key()),
            &[("code", code)],
        ));
        if closes {
            out.push(s.fill("client.closes", &[("code", code)]));
        }
        if parsed {
            out.push(s.fill("client.parsed_text", &[("code", code)]));
        }
    }
    if f.retry_differs() && f.outcome.0.is_failure() && f.outcome.1.is_failure() {
        out.push(s.fill("client.bounce", &[("a", f.a.id()), ("b", f.b.id())]));
    }
    out
}

fn table(w: &Words, f: &PairFacts) -> Vec<Row> {
    let s = w.s;
    let row = |key: &str, a: String, b: String| Row {
        same: a == b,
        label: s.get(key).to_string(),
        a,
        b,
    };
    let mut rows = vec![row(
        "table.class",
        format!("{} ({}yz)", w.class_name(f.class.0), f.class.0),
        format!("{} ({}yz)", w.class_name(f.class.1), f.class.1),
    )];
    if let Some((x, y)) = f.category {
        rows.push(row(
            "table.category",
            format!("{} (x{x}z)", w.category_name(x)),
            format!("{} (x{y}z)", w.category_name(y)),
        ));
    }
    rows.push(row(
        "table.outcome",
        w.outcome(f.outcome.0, "label"),
        w.outcome(f.outcome.1, "label"),
    ));
    rows.push(row(
        "table.retry",
        w.outcome(f.outcome.0, "retry_cell"),
        w.outcome(f.outcome.1, "retry_cell"),
    ));
    let dash = || s.get("table.none").to_string();
    let cmds = |c: Vec<&str>| if c.is_empty() { dash() } else { c.join(", ") };
    rows.push(row(
        "table.commands",
        cmds(f.a.commands()),
        cmds(f.b.commands()),
    ));
    if !w.protocol.phases.is_empty() {
        rows.push(row(
            "table.phases",
            w.phase_names(&f.phases_of.0).join(", "),
            w.phase_names(&f.phases_of.1).join(", "),
        ));
    }
    rows.push(row(
        "table.closes",
        w.yes_no(f.closes.0),
        w.yes_no(f.closes.1),
    ));
    rows.push(row(
        "table.parsed_text",
        w.yes_no(f.parsed_text.0),
        w.yes_no(f.parsed_text.1),
    ));
    let srcs = |v: &[&Source]| v.iter().map(|x| w.source(x)).collect::<Vec<_>>().join(", ");
    rows.push(row("table.rfc", srcs(&f.sources.0), srcs(&f.sources.1)));
    rows
}
