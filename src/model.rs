//! The content model: what `site.yaml`, `protocol.yaml` and each code file hold, as typed
//! structs read with serde. The loader (`load`) fills them and checks them; everything after
//! the loader can trust them.

use crate::text::Text;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// `content/site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: Text,
    pub description: Text,
    pub base_url: Spanned<String>,
    /// BCP 47 tags; the first is the default language, served at the site root.
    pub languages: Vec<Spanned<String>>,
    #[serde(default)]
    pub theme: Option<Spanned<String>>,
    #[serde(default)]
    pub cname: Option<String>,
}

impl SiteConfig {
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.value.as_str())
    }

    /// The theme's folder name under `themes/` (`default` unless named).
    pub fn theme(&self) -> &str {
        self.theme.as_ref().map_or("default", |t| t.value.as_str())
    }

    pub fn default_lang(&self) -> &str {
        self.languages
            .first()
            .map(|l| l.value.as_str())
            .unwrap_or("en")
    }
}

/// How the codes of a protocol are ordered (and so which code of a pair comes first).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    #[default]
    Numeric,
    Lexical,
}

/// What a class of replies means for the client: the axis the comparisons reason along.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Informational,
    Success,
    Intermediate,
    Redirect,
    Transient,
    Permanent,
    ClientError,
    ServerError,
}

impl Outcome {
    /// The key of this outcome in the theme's i18n files.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Informational => "informational",
            Outcome::Success => "success",
            Outcome::Intermediate => "intermediate",
            Outcome::Redirect => "redirect",
            Outcome::Transient => "transient",
            Outcome::Permanent => "permanent",
            Outcome::ClientError => "client_error",
            Outcome::ServerError => "server_error",
        }
    }

    /// Whether a reply of this outcome reports a failure.
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            Outcome::Transient | Outcome::Permanent | Outcome::ClientError | Outcome::ServerError
        )
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    pub name: Text,
    pub outcome: Outcome,
    #[serde(default)]
    pub description: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub name: Text,
    #[serde(default)]
    pub description: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    pub name: Text,
    /// The phase stands for "any command": a code there can also come at every command phase.
    #[serde(default)]
    pub any_command: bool,
}

/// `content/<protocol>/protocol.yaml`, plus the codes found beside it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    /// The folder name: the protocol's id in URLs (`smtp`). Set by the loader.
    #[serde(skip)]
    pub id: String,
    /// The protocol's folder. Set by the loader.
    #[serde(skip)]
    pub dir: PathBuf,
    pub name: String,
    pub title: Text,
    #[serde(default)]
    pub description: Text,
    pub code_pattern: Spanned<String>,
    #[serde(default)]
    pub order: Order,
    pub class_digit: Spanned<usize>,
    #[serde(default)]
    pub category_digit: Option<Spanned<usize>>,
    pub classes: BTreeMap<String, Class>,
    #[serde(default)]
    pub categories: BTreeMap<String, Category>,
    #[serde(default)]
    pub phases: Vec<Phase>,
    #[serde(default)]
    pub commands: Vec<String>,
    #[serde(default)]
    pub rfc_url: Option<String>,
    /// The names (without `.yaml`) of every code file, read or not. Set by the loader, so that
    /// a file that failed to parse does not also make every reference to it an error.
    #[serde(skip)]
    pub code_files: Vec<String>,
    /// The codes, in the protocol's order. Set by the loader.
    #[serde(skip)]
    pub codes: Vec<Code>,
}

impl Protocol {
    fn digit(code: &str, position: usize) -> Option<String> {
        code.chars().nth(position.checked_sub(1)?).map(String::from)
    }

    pub fn class_of(&self, code: &Code) -> Option<(&str, &Class)> {
        let digit = Self::digit(&code.code.value, self.class_digit.value)?;
        self.classes
            .get_key_value(&digit)
            .map(|(k, v)| (k.as_str(), v))
    }

    pub fn category_of(&self, code: &Code) -> Option<(&str, &Category)> {
        let position = self.category_digit.as_ref()?.value;
        let digit = Self::digit(&code.code.value, position)?;
        self.categories
            .get_key_value(&digit)
            .map(|(k, v)| (k.as_str(), v))
    }

    pub fn code(&self, code: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.code.value == code)
    }

    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.codes.iter().position(|c| c.code.value == code)
    }

    /// The URL of an RFC section, from the protocol's `rfc_url` pattern.
    pub fn rfc_link(&self, source: &Source) -> Option<String> {
        let pattern = self.rfc_url.as_ref()?;
        Some(
            pattern
                .replace("{rfc}", &source.rfc.to_string())
                .replace("{section}", source.section.as_deref().unwrap_or("")),
        )
    }
}

/// Where a fact comes from: an RFC and, usually, a section.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub rfc: u32,
    #[serde(default)]
    pub section: Option<String>,
}

/// One standard meaning of a code number (220 has two: the greeting and the STARTTLS reply).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meaning {
    /// The standard reply text, verbatim from the RFC; never translated.
    pub text: String,
    #[serde(default)]
    pub context: Text,
    pub source: Source,
    #[serde(default)]
    pub commands: Vec<Spanned<String>>,
    #[serde(default)]
    pub phases: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub rfc: u32,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub title: Text,
}

impl Reference {
    pub fn source(&self) -> Source {
        Source {
            rfc: self.rfc,
            section: self.section.clone(),
        }
    }
}

/// A difference between two codes that an RFC states outright.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairNote {
    pub with: Spanned<String>,
    pub source: Source,
    pub text: Text,
}

/// `content/<protocol>/<code>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    pub code: Spanned<String>,
    pub name: Text,
    pub summary: Text,
    pub meanings: Vec<Meaning>,
    #[serde(default)]
    pub closes_connection: bool,
    #[serde(default)]
    pub parsed_text: bool,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub enhanced_codes: Vec<String>,
    pub references: Vec<Reference>,
    pub description: Text,
    pub when_you_see_it: Text,
    pub what_to_do: Text,
    pub server_notes: Text,
    #[serde(default)]
    pub transcript: Option<String>,
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    #[serde(default)]
    pub pair_notes: Vec<PairNote>,
    /// The file it was read from. Set by the loader.
    #[serde(skip)]
    pub path: PathBuf,
    /// A hash of that file's bytes, for the build cache. Set by the loader.
    #[serde(skip)]
    pub source_hash: u64,
}

impl Code {
    pub fn id(&self) -> &str {
        &self.code.value
    }

    /// Every command that produces this code, in the order first named, without repeats.
    pub fn commands(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in self.meanings.iter().flat_map(|m| &m.commands) {
            if !out.contains(&c.value.as_str()) {
                out.push(&c.value);
            }
        }
        out
    }

    /// Every phase in which this code occurs (ids), without repeats.
    pub fn phases(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for p in self.meanings.iter().flat_map(|m| &m.phases) {
            if !out.contains(&p.value.as_str()) {
                out.push(&p.value);
            }
        }
        out
    }

    /// The RFC sources of this code's meanings, without repeats.
    pub fn sources(&self) -> Vec<&Source> {
        let mut out: Vec<&Source> = Vec::new();
        for s in self.meanings.iter().map(|m| &m.source) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// All text fields with their names, for validation and translation coverage.
    pub fn texts(&self) -> [(&'static str, &Text); 6] {
        [
            ("name", &self.name),
            ("summary", &self.summary),
            ("description", &self.description),
            ("when_you_see_it", &self.when_you_see_it),
            ("what_to_do", &self.what_to_do),
            ("server_notes", &self.server_notes),
        ]
    }
}

/// The whole loaded, validated site.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub protocols: Vec<Protocol>,
    pub root: PathBuf,
}

impl Site {
    pub fn protocol(&self, id: &str) -> Option<&Protocol> {
        self.protocols.iter().find(|p| p.id == id)
    }
}
