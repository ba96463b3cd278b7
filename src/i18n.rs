//! UI strings and sentence patterns of one language, from the theme's `i18n/<lang>.yaml`.
//! A pattern is a whole sentence with slots: `{a} and {b} are both {class} replies.` In Korean,
//! `{a|은}` puts the particle that agrees with the slot's value (220은, 214는), so no sentence
//! ever shows "은(는)". Keys missing in a language fall back to the default language's file.

use crate::particles;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A YAML tree of strings, flattened to dotted keys on load.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum Node {
    Str(String),
    Map(BTreeMap<String, Node>),
}

/// One language's strings, with the default language's strings behind them.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    pub lang: String,
    flat: BTreeMap<String, String>,
    /// How Latin words are read aloud, for particles (`readings:` in the file).
    readings: BTreeMap<String, String>,
    /// The nested tree, for templates (`t.nav.home`).
    pub tree: BTreeMap<String, Node>,
}

fn flatten(prefix: &str, node: &Node, out: &mut BTreeMap<String, String>) {
    match node {
        Node::Str(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        Node::Map(m) => {
            for (k, v) in m {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
    }
}

impl Strings {
    /// Builds the strings of `lang` from its tree, falling back to `fallback` key by key.
    pub fn new(lang: &str, tree: BTreeMap<String, Node>, fallback: Option<&Strings>) -> Self {
        let mut flat = BTreeMap::new();
        let mut merged_tree = fallback.map(|f| f.tree.clone()).unwrap_or_default();
        if let Some(f) = fallback {
            flat.extend(
                f.flat
                    .iter()
                    .filter(|(k, _)| !k.starts_with("readings."))
                    .map(|(k, v)| (k.clone(), v.clone())),
            );
        }
        flatten("", &Node::Map(tree.clone()), &mut flat);
        merge(&mut merged_tree, tree);
        let readings = flat
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix("readings.")
                    .map(|w| (w.to_string(), v.clone()))
            })
            .collect();
        Strings {
            lang: lang.to_string(),
            flat,
            readings,
            tree: merged_tree,
        }
    }

    /// The string at `key`, or the key itself (so a missing string is visible, never a crash).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.flat.get(key).map(String::as_str).unwrap_or(key)
    }

    /// The pattern at `key` with its slots filled.
    pub fn fill(&self, key: &str, slots: &[(&str, &str)]) -> String {
        self.fill_pattern(self.get(key), slots)
    }

    /// Fills `{slot}` and `{slot|particle}` in `pattern`.
    pub fn fill_pattern(&self, pattern: &str, slots: &[(&str, &str)]) -> String {
        let mut out = String::with_capacity(pattern.len() + 32);
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return out;
            };
            let inner = &after[..close];
            let (name, particle) = match inner.split_once('|') {
                Some((n, p)) => (n, Some(p)),
                None => (inner, None),
            };
            match slots.iter().find(|(k, _)| *k == name) {
                Some((_, value)) => {
                    out.push_str(value);
                    if let Some(p) = particle {
                        out.push_str(particles::agree(
                            p,
                            particles::final_sound(value, &self.readings),
                        ));
                    }
                }
                None => {
                    out.push('{');
                    out.push_str(inner);
                    out.push('}');
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// Joins items as a list in this language: "MAIL, RCPT and DATA".
    pub fn list(&self, items: &[&str]) -> String {
        match items {
            [] => String::new(),
            [one] => one.to_string(),
            [init @ .., last] => self.fill(
                "list.join",
                &[
                    ("items", &init.join(self.get("list.separator"))),
                    ("last", last),
                ],
            ),
        }
    }
}

fn merge(into: &mut BTreeMap<String, Node>, from: BTreeMap<String, Node>) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(Node::Map(a)), Node::Map(b)) => merge(a, b),
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(yaml: &str) -> Strings {
        let tree: BTreeMap<String, Node> = serde_saphyr::from_str(yaml).expect("test yaml");
        Strings::new("ko", tree, None)
    }

    #[test]
    fn fills_slots_with_agreeing_particles() {
        let s = strings("p: \"{a|은} {b|과} 다릅니다.\"\nreadings: {QUIT: 큇}\n");
        assert_eq!(
            s.fill("p", &[("a", "220"), ("b", "214")]),
            "220은 214와 다릅니다."
        );
        assert_eq!(
            s.fill("p", &[("a", "214"), ("b", "221")]),
            "214는 221과 다릅니다."
        );
        assert_eq!(
            s.fill("p", &[("a", "QUIT"), ("b", "550")]),
            "QUIT은 550과 다릅니다."
        );
    }

    #[test]
    fn missing_slot_stays_visible() {
        let s = strings("p: \"{a} {zzz}\"\n");
        assert_eq!(s.fill("p", &[("a", "x")]), "x {zzz}");
    }

    #[test]
    fn lists_join_with_the_language_conjunction() {
        let s = strings("list: {join: \"{items} and {last}\", separator: \", \"}\n");
        assert_eq!(s.list(&["MAIL", "RCPT", "DATA"]), "MAIL, RCPT and DATA");
        assert_eq!(s.list(&["MAIL"]), "MAIL");
    }

    #[test]
    fn falls_back_key_by_key() {
        let en = Strings::new(
            "en",
            serde_saphyr::from_str("a: A\nb: B\n").expect("yaml"),
            None,
        );
        let ko = Strings::new(
            "ko",
            serde_saphyr::from_str("a: 가\n").expect("yaml"),
            Some(&en),
        );
        assert_eq!(ko.get("a"), "가");
        assert_eq!(ko.get("b"), "B");
    }
}
