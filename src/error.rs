//! The one error type of codevs, and the diagnostics it carries: every problem in the content
//! names its file, line and column, and is rendered once, for people, with the source line.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is: errors stop the build, warnings do not (unless `--strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file, at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line and column, when known.
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub message: String,
    /// What to do about it ("did you mean `description`?").
    pub hint: Option<String>,
    /// The text of the source line, for the snippet.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn warning(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Points the diagnostic at a line and column of `source` (the file's text).
    pub fn at(mut self, source: &str, line: u64, column: u64) -> Self {
        self.line = Some(line.max(1));
        self.column = Some(column.max(1));
        self.source_line = source
            .lines()
            .nth(line.saturating_sub(1) as usize)
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:col` as editors and terminals understand it.
    pub fn position(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file.display()),
            (Some(l), None) => format!("{}:{l}", self.file.display()),
            _ => self.file.display().to_string(),
        }
    }

    /// The diagnostic as a snippet with the source line and a caret (annotate-snippets).
    pub fn render(&self, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = self.file.display().to_string();
        let position = self.position();
        let group = match (&self.source_line, self.line) {
            (Some(src), Some(line)) => {
                let col = self.column.unwrap_or(1).saturating_sub(1) as usize;
                // Columns count characters; spans count bytes.
                let start: usize = src.chars().take(col).map(char::len_utf8).sum();
                let word = src[start.min(src.len())..]
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != ':')
                    .map(char::len_utf8)
                    .sum::<usize>()
                    .max(1);
                let end = (start + word).min(src.len()).max(start);
                level.primary_title(self.message.as_str()).element(
                    Snippet::source(src.as_str())
                        .line_start(line as usize)
                        .path(path.as_str())
                        .annotation(AnnotationKind::Primary.span(start..end)),
                )
            }
            _ => level
                .primary_title(self.message.as_str())
                .element(annotate_snippets::Origin::path(position.as_str())),
        };
        let mut report = vec![group];
        if let Some(hint) = &self.hint {
            report.push(Group::with_title(
                Level::HELP.secondary_title(hint.as_str()),
            ));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report).to_string()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {kind}: {}", self.position(), self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " ({h})")?;
        }
        Ok(())
    }
}

/// Everything that can stop codevs.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content has problems; nothing was written.
    #[error("{} in the content; nothing was written", count(.0))]
    Content(Vec<Diagnostic>),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("theme: {0}")]
    Theme(String),
    #[error("{0}")]
    Output(String),
}

fn count(diags: &[Diagnostic]) -> String {
    let n = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if n == 1 {
        "1 error".to_string()
    } else {
        format!("{n} errors")
    }
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The error for people: every diagnostic with its snippet, then the summary line.
    pub fn render(&self, color: bool) -> String {
        match self {
            Error::Content(diags) => {
                let mut out = String::new();
                for d in diags {
                    out.push_str(&d.render(color));
                    out.push_str("\n\n");
                }
                out.push_str(&format!("error: {self}"));
                out
            }
            other => format!("error: {other}"),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_diagnostic_names_file_line_and_shows_the_source() {
        let src = "code: \"550\"\ndescripton:\n  en: x\n";
        let d = Diagnostic::error(
            Path::new("content/smtp/550.yaml"),
            "unknown field `descripton`",
        )
        .at(src, 2, 1)
        .hint("did you mean `description`?");
        let out = d.render(false);
        assert!(out.contains("content/smtp/550.yaml:2:1"), "{out}");
        assert!(out.contains("descripton:"), "{out}");
        assert!(out.contains("did you mean `description`?"), "{out}");
        assert!(out.contains('^'), "{out}");
    }
}
