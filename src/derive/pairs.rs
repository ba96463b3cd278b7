//! The facts of a pair of codes, derived from their structured fields: class, category,
//! outcome (and so retry), the commands and session phases where each occurs, whether either
//! closes the connection, and the RFC sections. The prose of a pair page is written from
//! these facts; nothing here knows any language.

use crate::model::{Code, Outcome, PairNote, Protocol, Source};

/// Two codes of one protocol, `a` before `b` in the protocol's order.
#[derive(Debug, Clone)]
pub struct PairFacts<'a> {
    pub a: &'a Code,
    pub b: &'a Code,
    pub class: (&'a str, &'a str),
    pub category: Option<(&'a str, &'a str)>,
    pub outcome: (Outcome, Outcome),
    pub phases: Split<'a>,
    /// Whether each code can answer any command (it occurs at an `any_command` phase).
    pub any_command: (bool, bool),
    /// Each code's phases, in the protocol's order.
    pub phases_of: (Vec<&'a str>, Vec<&'a str>),
    pub commands: Split<'a>,
    pub closes: (bool, bool),
    pub parsed_text: (bool, bool),
    pub deprecated: (bool, bool),
    pub sources: (Vec<&'a Source>, Vec<&'a Source>),
    /// The RFC-stated difference, from either code's file.
    pub note: Option<&'a PairNote>,
}

/// What two lists share and what only one of them has, in the first list's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split<'a> {
    pub shared: Vec<&'a str>,
    pub only_a: Vec<&'a str>,
    pub only_b: Vec<&'a str>,
}

impl<'a> Split<'a> {
    pub fn of(a: &[&'a str], b: &[&'a str]) -> Self {
        Split {
            shared: a.iter().copied().filter(|x| b.contains(x)).collect(),
            only_a: a.iter().copied().filter(|x| !b.contains(x)).collect(),
            only_b: b.iter().copied().filter(|x| !a.contains(x)).collect(),
        }
    }

    pub fn is_same(&self) -> bool {
        self.only_a.is_empty() && self.only_b.is_empty()
    }

    pub fn is_disjoint(&self) -> bool {
        self.shared.is_empty()
    }
}

impl<'a> PairFacts<'a> {
    /// The facts of `a` and `b` (already in canonical order). Validation guarantees that
    /// both codes have a class.
    pub fn new(protocol: &'a Protocol, a: &'a Code, b: &'a Code) -> Option<Self> {
        let (ca, class_a) = protocol.class_of(a)?;
        let (cb, class_b) = protocol.class_of(b)?;
        let category = match (protocol.category_of(a), protocol.category_of(b)) {
            (Some((x, _)), Some((y, _))) => Some((x, y)),
            _ => None,
        };
        // Phases are compared in the protocol's order, so sentences list them as the session runs.
        let order = |code: &'a Code| -> Vec<&'a str> {
            let mine = code.phases();
            protocol
                .phases
                .iter()
                .map(|p| p.id.as_str())
                .filter(|p| mine.contains(p))
                .collect()
        };
        let note = a
            .pair_notes
            .iter()
            .find(|n| n.with.value == b.id())
            .or_else(|| b.pair_notes.iter().find(|n| n.with.value == a.id()));
        let (pa, pb) = (order(a), order(b));
        let wildcard = |phases: &[&str]| {
            protocol
                .phases
                .iter()
                .any(|p| p.any_command && phases.contains(&p.id.as_str()))
        };
        let any_command = (wildcard(&pa), wildcard(&pb));
        Some(PairFacts {
            a,
            b,
            class: (ca, cb),
            category,
            outcome: (class_a.outcome, class_b.outcome),
            phases: Split::of(&pa, &pb),
            phases_of: (pa, pb),
            any_command,
            commands: Split::of(&a.commands(), &b.commands()),
            closes: (a.closes_connection, b.closes_connection),
            parsed_text: (a.parsed_text, b.parsed_text),
            deprecated: (a.deprecated, b.deprecated),
            sources: (a.sources(), b.sources()),
            note,
        })
    }

    pub fn same_class(&self) -> bool {
        self.class.0 == self.class.1
    }

    pub fn same_category(&self) -> Option<bool> {
        self.category.map(|(x, y)| x == y)
    }

    /// Transient against permanent (in either order): the retry decision differs.
    pub fn retry_differs(&self) -> bool {
        let (x, y) = self.outcome;
        x != y && (x.is_failure() || y.is_failure())
    }
}

/// The other comparisons a reader of the pair (a, b) is likely to want next: each code with
/// the codes the other one names as related, then with its own related codes. At most `limit`.
pub fn related_pairs<'a>(a: &'a Code, b: &'a Code, limit: usize) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    let mut push = |x: &'a str, y: &'a str| {
        let key = if x < y { (x, y) } else { (y, x) };
        let is_this = (key.0 == a.id() && key.1 == b.id()) || (key.1 == a.id() && key.0 == b.id());
        if x != y && !is_this && !out.iter().any(|k| (k.0.min(k.1), k.0.max(k.1)) == key) {
            out.push((x, y));
        }
    };
    for i in 0..a.related.len().max(b.related.len()) {
        if let Some(r) = a.related.get(i) {
            push(a.id(), r.value.as_str());
        }
        if let Some(r) = b.related.get(i) {
            push(b.id(), r.value.as_str());
        }
    }
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_order_and_finds_overlap() {
        let s = Split::of(&["mail", "rcpt", "end_of_data"], &["rcpt", "quit"]);
        assert_eq!(s.shared, ["rcpt"]);
        assert_eq!(s.only_a, ["mail", "end_of_data"]);
        assert_eq!(s.only_b, ["quit"]);
        assert!(!s.is_same());
        assert!(!s.is_disjoint());
    }
}
