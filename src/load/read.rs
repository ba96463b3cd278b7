//! Reading content files safely: the walk (no symlinks followed, hidden files skipped), size
//! and encoding checks, and YAML through serde-saphyr with its budget limits, turning every
//! parse error into a diagnostic with file, line, column and a "did you mean" hint.

use crate::error::Diagnostic;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// No content file is larger than this; a larger one is an error, not a memory spike.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// The folders directly under `content/`: one per protocol, in name order.
pub fn protocol_dirs(content: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in WalkDir::new(content)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(
                    content,
                    format!("cannot read the folder: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        if is_hidden(path) {
            continue;
        }
        let ft = entry.file_type();
        if ft.is_symlink() {
            diags.push(
                Diagnostic::warning(path, "symbolic link skipped")
                    .hint("codevs does not follow links in content/; move the folder here"),
            );
        } else if ft.is_dir() {
            if path.join("protocol.yaml").is_file() {
                out.push(path.to_path_buf());
            } else {
                diags.push(
                    Diagnostic::error(path, "this folder has no protocol.yaml")
                        .hint("each folder under content/ is a protocol and needs a protocol.yaml"),
                );
            }
        }
    }
    out
}

/// The code files of a protocol folder: every `*.yaml` except `protocol.yaml`, in name order.
pub fn code_files(dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if is_hidden(path) || path.file_name().is_some_and(|n| n == "protocol.yaml") {
            continue;
        }
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if entry.file_type().is_symlink() {
            diags.push(Diagnostic::warning(path, "symbolic link skipped"));
        } else if entry.file_type().is_dir() {
            diags.push(Diagnostic::warning(
                path,
                "folder inside a protocol folder ignored",
            ));
        } else if is_yaml {
            if path.extension().is_some_and(|e| e == "yml") {
                diags.push(
                    Diagnostic::error(path, "code files end in .yaml")
                        .hint("rename the file to .yaml"),
                );
            } else {
                out.push(path.to_path_buf());
            }
        }
    }
    out
}

/// Reads a file's text, refusing what is too large or not UTF-8; a UTF-8 byte-order mark is
/// dropped.
pub fn read_text(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                format!("cannot read the file: {e}"),
            ));
            return None;
        }
    };
    if meta.len() > MAX_FILE_BYTES {
        diags.push(
            Diagnostic::error(
                path,
                format!(
                    "the file is {} bytes, more than the limit of {MAX_FILE_BYTES}",
                    meta.len()
                ),
            )
            .hint("a content file holds one code; split or shorten it"),
        );
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                format!("cannot read the file: {e}"),
            ));
            return None;
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) if s.trim().is_empty() => {
            diags.push(Diagnostic::error(path, "the file is empty"));
            None
        }
        Ok(s) => Some(s.to_string()),
        Err(e) => {
            let offset = e.valid_up_to();
            let before = String::from_utf8_lossy(&bytes[..offset]).into_owned();
            let line = before.matches('\n').count() as u64 + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
            diags.push(
                Diagnostic::error(path, "the file is not valid UTF-8")
                    .at(&before, line, col)
                    .hint("save the file as UTF-8"),
            );
            None
        }
    }
}

/// Reads and deserializes one YAML file; on failure, records a diagnostic and returns None.
pub fn read_yaml<T: DeserializeOwned>(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<T> {
    let text = read_text(path, diags)?;
    parse_yaml(path, &text, diags)
}

/// Deserializes YAML text with serde-saphyr's default budget (alias bombs, deep nesting and
/// huge documents are refused, not expanded).
pub fn parse_yaml<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! { max_documents: 1 },
    };
    match serde_saphyr::from_str_with_options::<T>(text, options) {
        Ok(v) => Some(v),
        Err(err) => {
            diags.push(yaml_diagnostic(path, text, &err));
            None
        }
    }
}

fn yaml_diagnostic(path: &Path, text: &str, err: &serde_saphyr::Error) -> Diagnostic {
    let raw = err.without_snippet().to_string();
    // serde-saphyr appends " at line L, column C"; the diagnostic shows the position itself.
    let message = match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    let mut d = Diagnostic::error(path, message.trim().to_string());
    if let Some(loc) = err.location().filter(|l| l.line() > 0) {
        d = d.at(text, loc.line(), loc.column());
    }
    if let Some(hint) = did_you_mean(&d.message) {
        d = d.hint(hint);
    }
    d
}

/// From serde's "unknown field `x`, expected one of `a`, `b`", the closest expected name.
fn did_you_mean(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let (unknown, rest) = rest.split_once('`')?;
    let list = rest
        .split("expected one of")
        .nth(1)
        .or_else(|| rest.split("expected").nth(1))?;
    let expected: Vec<&str> = list
        .split(',')
        .map(|e| e.trim().trim_matches('`'))
        .filter(|e| !e.is_empty())
        .collect();
    let best = expected
        .iter()
        .map(|e| (strsim::damerau_levenshtein(unknown, e), *e))
        .min()?;
    if best.0 <= 3 || best.0 * 3 <= unknown.len() {
        Some(format!("did you mean `{}`?", best.1))
    } else {
        Some(format!("expected one of: {}", expected.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_field_name() {
        let msg = "unknown field `descripton`, expected one of code, name, description";
        assert_eq!(
            did_you_mean(msg).as_deref(),
            Some("did you mean `description`?")
        );
    }

    /// The budget applies to any target type, not only to the content model.
    fn parse_any(text: &str) -> (Option<serde_json::Value>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let v = parse_yaml::<serde_json::Value>(Path::new("x.yaml"), text, &mut diags);
        (v, diags)
    }

    #[test]
    fn an_alias_bomb_is_refused_not_expanded() {
        let mut text = String::from("a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
        for i in 1..12 {
            text.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{}", i - 1); 10].join(",")
            ));
        }
        let started = std::time::Instant::now();
        let (value, diags) = parse_any(&text);
        assert!(value.is_none(), "10^12 nodes were not built");
        assert!(diags[0].message.contains("budget"), "{}", diags[0].message);
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn deep_nesting_is_refused_without_exhausting_the_stack() {
        let text = format!("x: {}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let (value, diags) = parse_any(&text);
        assert!(value.is_none());
        assert_eq!(diags[0].line, Some(1));
        let text = format!(
            "{}x: 1\n",
            (0..5_000)
                .map(|i| format!("{}k:\n", " ".repeat(i)))
                .collect::<String>()
        );
        let (value, _) = parse_any(&text);
        assert!(value.is_none(), "5,000 nested mappings are refused");
    }

    #[test]
    fn lists_the_fields_when_nothing_is_close() {
        let msg = "unknown field `zzzzzzzz`, expected one of `code`, `name`";
        assert_eq!(
            did_you_mean(msg).as_deref(),
            Some("expected one of: code, name")
        );
    }
}
