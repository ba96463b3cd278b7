//! Validation of the loaded content, before anything is rendered: names that become paths,
//! languages, patterns, digits, references between codes, and the default-language text.
//! Every rule adds a diagnostic with the file and, where known, the line and column.

use crate::error::Diagnostic;
use crate::model::{Code, Order, Protocol, Site};
use crate::text::Text;
use serde_saphyr::{Location, Spanned};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A diagnostic pointing at a place in a file (the line is read again for the snippet).
fn error_at(path: &Path, loc: &Location, message: impl Into<String>) -> Diagnostic {
    let d = Diagnostic::error(path, message);
    if loc.line() == 0 {
        return d;
    }
    let source = std::fs::read_to_string(path).unwrap_or_default();
    d.at(&source, loc.line(), loc.column())
}

/// A diagnostic pointing at the first line that sets `key` (for fields without a span).
fn error_at_key(path: &Path, key: &str, message: impl Into<String>) -> Diagnostic {
    let d = Diagnostic::error(path, message);
    let source = std::fs::read_to_string(path).unwrap_or_default();
    let found = source.lines().enumerate().find_map(|(i, line)| {
        let trimmed = line.trim_start();
        let rest = trimmed.strip_prefix(key)?;
        rest.starts_with(':')
            .then(|| (i as u64 + 1, (line.len() - trimmed.len()) as u64 + 1))
    });
    match found {
        Some((line, col)) => d.at(&source, line, col),
        None => d,
    }
}

/// A well-formed BCP 47 language tag, in the simple form sites use (`en`, `ko`, `zh-Hans`, `pt-BR`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A name that is safe as one path segment on every file system and host: ASCII letters,
/// digits, `-` and `_`, not starting with a dot, not a Windows device name.
pub fn is_safe_segment(name: &str) -> bool {
    const RESERVED: [&str; 6] = ["con", "prn", "aux", "nul", "com1", "lpt1"];
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !RESERVED.contains(&name.to_ascii_lowercase().as_str())
}

pub fn site(site: &mut Site, diags: &mut Vec<Diagnostic>) {
    let site_file = site.root.join("content").join("site.yaml");
    let langs: Vec<String> = site.config.languages().map(String::from).collect();
    if langs.is_empty() {
        diags.push(error_at_key(
            &site_file,
            "languages",
            "the site names no language",
        ));
    }
    let mut seen = BTreeSet::new();
    for lang in &site.config.languages {
        if !is_language_tag(&lang.value) {
            diags.push(
                error_at(
                    &site_file,
                    &lang.referenced,
                    format!("`{}` is not a language tag", lang.value),
                )
                .hint("use a BCP 47 tag such as en, ko, de or zh-Hans"),
            );
        } else if !seen.insert(lang.value.clone()) {
            diags.push(error_at(
                &site_file,
                &lang.referenced,
                format!("language `{}` is listed twice", lang.value),
            ));
        }
    }
    let base = &site.config.base_url;
    if !(base.value.starts_with("https://") || base.value.starts_with("http://"))
        || base.value.contains(char::is_whitespace)
    {
        diags.push(
            error_at(
                &site_file,
                &base.referenced,
                format!("base_url `{}` is not an http(s) URL", base.value),
            )
            .hint("for example https://user.github.io/repo/"),
        );
    }
    if let Some(theme) = site
        .config
        .theme
        .as_ref()
        .filter(|t| !is_safe_segment(&t.value))
    {
        diags.push(error_at(
            &site_file,
            &theme.referenced,
            "the theme name must be a plain folder name",
        ));
    }
    let default = site.config.default_lang().to_string();
    let check = TextCheck {
        langs: &langs,
        default: &default,
    };
    check.required(&site_file, "title", &site.config.title, diags);
    check.required(&site_file, "description", &site.config.description, diags);
    for protocol in &mut site.protocols {
        validate_protocol(protocol, &check, diags);
    }
}

struct TextCheck<'a> {
    langs: &'a [String],
    default: &'a str,
}

impl TextCheck<'_> {
    /// The text exists in the default language and names no language the site lacks.
    fn required(&self, path: &Path, key: &str, text: &Text, diags: &mut Vec<Diagnostic>) {
        if !text.has(self.default) {
            diags.push(
                error_at_key(
                    path,
                    key,
                    format!(
                        "`{key}` has no text in the default language `{}`",
                        self.default
                    ),
                )
                .hint(format!("add `{}: …` under `{key}`", self.default)),
            );
        }
        self.optional(path, key, text, diags);
    }

    fn optional(&self, path: &Path, key: &str, text: &Text, diags: &mut Vec<Diagnostic>) {
        for lang in text.langs() {
            if !self.langs.iter().any(|l| l == lang) {
                diags.push(
                    error_at_key(
                        path,
                        key,
                        format!("`{key}` has text in `{lang}`, which the site does not list"),
                    )
                    .hint(format!(
                        "the site's languages are {}",
                        self.langs.join(", ")
                    )),
                );
            }
        }
    }
}

/// Checks protocol.yaml and its codes, then sorts the codes into the protocol's order.
fn validate_protocol(protocol: &mut Protocol, check: &TextCheck, diags: &mut Vec<Diagnostic>) {
    let file = protocol.dir.join("protocol.yaml");
    if !is_safe_segment(&protocol.id) || protocol.id.bytes().any(|b| b.is_ascii_uppercase()) {
        diags.push(
            Diagnostic::error(
                &file,
                format!("the folder name `{}` cannot be a URL segment", protocol.id),
            )
            .hint("use lowercase ASCII letters, digits and -"),
        );
    }
    check.required(&file, "title", &protocol.title, diags);
    check.optional(&file, "description", &protocol.description, diags);
    let pattern = match regex_lite::Regex::new(&protocol.code_pattern.value) {
        Ok(re) => Some(re),
        Err(e) => {
            diags.push(error_at(
                &file,
                &protocol.code_pattern.referenced,
                format!("code_pattern is not a valid pattern: {e}"),
            ));
            None
        }
    };
    let mut phase_ids = BTreeSet::new();
    for phase in &protocol.phases {
        if !phase_ids.insert(phase.id.as_str()) {
            diags.push(error_at_key(
                &file,
                "id",
                format!("phase `{}` is listed twice", phase.id),
            ));
        }
        check.required(&file, "name", &phase.name, diags);
    }
    for (digit, class) in &protocol.classes {
        check.required(&file, "name", &class.name, diags);
        if digit.chars().count() != 1 {
            diags.push(error_at_key(
                &file,
                "classes",
                format!("class `{digit}` must be one character"),
            ));
        }
    }
    let ids: BTreeSet<String> = protocol
        .codes
        .iter()
        .map(|c| c.id().to_string())
        .chain(protocol.code_files.iter().cloned())
        .collect();
    let mut seen = BTreeMap::new();
    for code in &protocol.codes {
        validate_code(protocol, code, pattern.as_ref(), &ids, check, diags);
        if let Some(first) = seen.insert(code.id().to_string(), code.path.clone()) {
            diags.push(error_at(
                &code.path,
                &code.code.referenced,
                format!("code {} is also defined in {}", code.id(), first.display()),
            ));
        }
    }
    validate_pair_notes(protocol, diags);
    sort_codes(protocol);
}

fn validate_code(
    protocol: &Protocol,
    code: &Code,
    pattern: Option<&regex_lite::Regex>,
    ids: &BTreeSet<String>,
    check: &TextCheck,
    diags: &mut Vec<Diagnostic>,
) {
    let path = &code.path;
    let id = code.id();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !is_safe_segment(id) {
        diags.push(
            error_at(
                path,
                &code.code.referenced,
                format!("code `{id}` cannot be a URL segment"),
            )
            .hint("use ASCII letters, digits, - and _"),
        );
        return;
    }
    if stem != id {
        diags.push(
            error_at(
                path,
                &code.code.referenced,
                format!("the file is named {stem}.yaml but holds code {id}"),
            )
            .hint(format!("rename the file to {id}.yaml or fix `code`")),
        );
    }
    if pattern.is_some_and(|re| !re.is_match(id)) {
        diags.push(error_at(
            path,
            &code.code.referenced,
            format!(
                "code {id} does not match the protocol's pattern `{}`",
                protocol.code_pattern.value
            ),
        ));
    }
    if protocol.class_of(code).is_none() {
        diags.push(error_at(
            path,
            &code.code.referenced,
            format!(
                "code {id} has no class: protocol.yaml defines none for its digit {}",
                protocol.class_digit.value
            ),
        ));
    }
    if protocol.category_digit.is_some() && protocol.category_of(code).is_none() {
        diags.push(error_at(
            path,
            &code.code.referenced,
            format!("code {id} has no category in protocol.yaml"),
        ));
    }
    for (key, text) in code.texts() {
        check.required(path, key, text, diags);
    }
    if code.meanings.is_empty() {
        diags.push(error_at_key(
            path,
            "meanings",
            "a code needs at least one meaning",
        ));
    }
    for meaning in &code.meanings {
        check.optional(path, "context", &meaning.context, diags);
        if meaning.text.trim().is_empty() {
            diags.push(error_at_key(
                path,
                "text",
                "the standard reply text is empty",
            ));
        }
        for cmd in &meaning.commands {
            if !protocol.commands.is_empty() && !protocol.commands.contains(&cmd.value) {
                diags.push(unknown(
                    path,
                    cmd,
                    "command",
                    protocol.commands.iter().map(String::as_str),
                ));
            }
        }
        for phase in &meaning.phases {
            if !protocol.phases.iter().any(|p| p.id == phase.value) {
                diags.push(unknown(
                    path,
                    phase,
                    "phase",
                    protocol.phases.iter().map(|p| p.id.as_str()),
                ));
            }
        }
    }
    if code.references.is_empty() {
        diags.push(error_at_key(
            path,
            "references",
            "a code needs at least one RFC reference",
        ));
    }
    for e in &code.enhanced_codes {
        if !is_enhanced_code(e) {
            diags.push(
                error_at_key(
                    path,
                    "enhanced_codes",
                    format!("`{e}` is not an enhanced status code"),
                )
                .hint("write it as X.Y.Z, for example X.1.1 or 5.7.1"),
            );
        }
    }
    for r in &code.related {
        if r.value == id {
            diags.push(error_at(
                path,
                &r.referenced,
                "a code cannot be related to itself",
            ));
        } else if !ids.contains(&r.value) {
            diags.push(unknown(path, r, "code", ids.iter().map(String::as_str)));
        }
    }
    for note in &code.pair_notes {
        check.required(path, "text", &note.text, diags);
        if note.with.value == id {
            diags.push(error_at(
                path,
                &note.with.referenced,
                "a pair note needs another code",
            ));
        } else if !ids.contains(&note.with.value) {
            diags.push(unknown(
                path,
                &note.with,
                "code",
                ids.iter().map(String::as_str),
            ));
        }
    }
}

/// "unknown phase `rcp`" with the closest known name as a hint.
fn unknown<'a>(
    path: &Path,
    value: &Spanned<String>,
    what: &str,
    known: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    let known: Vec<&str> = known.collect();
    let best = known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&value.value, k), *k))
        .min();
    let d = error_at(
        path,
        &value.referenced,
        format!("unknown {what} `{}`", value.value),
    );
    match best {
        Some((dist, k)) if dist <= 2 => d.hint(format!("did you mean `{k}`?")),
        _ if known.len() <= 20 => d.hint(format!("known: {}", known.join(", "))),
        _ => d,
    }
}

/// `X.1.1`, `5.7.1`, `4.2.10`: RFC 3463's class.subject.detail, with X for any class.
fn is_enhanced_code(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    let number = |p: &str| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    parts.len() == 3
        && matches!(parts[0], "X" | "2" | "4" | "5")
        && number(parts[1])
        && number(parts[2])
}

/// Each pair has at most one note, in either of its two files.
fn validate_pair_notes(protocol: &Protocol, diags: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<(String, String), &Path> = BTreeMap::new();
    for code in &protocol.codes {
        for note in &code.pair_notes {
            let mut key = (code.id().to_string(), note.with.value.clone());
            if key.0 > key.1 {
                key = (key.1, key.0);
            }
            if let Some(other) = seen.insert(key.clone(), &code.path) {
                diags.push(
                    error_at(
                        &code.path,
                        &note.with.referenced,
                        format!(
                            "the pair {} and {} already has a note in {}",
                            key.0,
                            key.1,
                            other.display()
                        ),
                    )
                    .hint("keep one note per pair"),
                );
            }
        }
    }
}

/// Puts the codes in the protocol's order: numeric (by value, then text) or lexical.
pub fn sort_codes(protocol: &mut Protocol) {
    let order = protocol.order;
    protocol
        .codes
        .sort_by(|a, b| code_order(order, a.id(), b.id()));
}

pub fn code_order(order: Order, a: &str, b: &str) -> std::cmp::Ordering {
    match order {
        Order::Numeric => {
            let num = |s: &str| s.parse::<u64>().ok();
            (num(a), a).cmp(&(num(b), b))
        }
        Order::Lexical => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for ok in ["en", "ko", "zh-Hans", "pt-BR", "de"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "EN", "english", "../x", "en_US", "e"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn safe_segments_refuse_traversal_and_device_names() {
        assert!(is_safe_segment("550"));
        for bad in [
            "..",
            "../x",
            "a/b",
            "",
            "con",
            "NUL",
            "550\0",
            "５５０",
            "a b",
        ] {
            assert!(!is_safe_segment(bad), "{bad:?}");
        }
    }

    #[test]
    fn numeric_order_sorts_by_value() {
        let mut v = vec!["99", "100", "214", "20"];
        v.sort_by(|a, b| code_order(Order::Numeric, a, b));
        assert_eq!(v, ["20", "99", "100", "214"]);
    }

    #[test]
    fn enhanced_codes() {
        assert!(is_enhanced_code("X.1.1"));
        assert!(is_enhanced_code("5.7.26"));
        assert!(!is_enhanced_code("X.1"));
        assert!(!is_enhanced_code("6.1.1"));
    }
}
