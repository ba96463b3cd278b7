//! Step 1 of a build: walk `content/`, read `site.yaml`, every `protocol.yaml` and every code
//! file into the typed model, and validate it. Every problem is collected with its file and
//! position; nothing is written until the whole content is known to be good.

mod read;
mod validate;

use crate::error::{Diagnostic, Error, Result, Severity};
use crate::model::{Code, Protocol, Site, SiteConfig};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub use read::{MAX_FILE_BYTES, read_yaml};
pub use validate::{is_language_tag, is_safe_segment};

/// What loading found: the site (when it could be read at all) and every diagnostic.
pub struct Loaded {
    pub site: Option<Site>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Loads and validates the content under `root/content`, failing on any error.
pub fn load(root: &Path) -> Result<(Site, Vec<Diagnostic>)> {
    let loaded = load_all(root);
    if loaded.has_errors() {
        return Err(Error::Content(loaded.diagnostics));
    }
    match loaded.site {
        Some(site) => Ok((site, loaded.diagnostics)),
        None => Err(Error::Content(loaded.diagnostics)),
    }
}

/// Loads everything it can and reports every problem at once (for `check`).
pub fn load_all(root: &Path) -> Loaded {
    let content = root.join("content");
    let mut diags = Vec::new();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(&content, "there is no content folder here")
                .hint("run codevs in a site root that holds content/, or pass --root DIR"),
        );
        return Loaded {
            site: None,
            diagnostics: diags,
        };
    }
    let config: Option<SiteConfig> = read_yaml(&content.join("site.yaml"), &mut diags);
    let mut protocols = Vec::new();
    for dir in read::protocol_dirs(&content, &mut diags) {
        if let Some(p) = load_protocol(&dir, &mut diags) {
            protocols.push(p);
        }
    }
    let Some(config) = config else {
        return Loaded {
            site: None,
            diagnostics: diags,
        };
    };
    let mut site = Site {
        config,
        protocols,
        root: root.to_path_buf(),
    };
    validate::site(&mut site, &mut diags);
    diags.sort_by(|a, b| {
        (a.severity, &a.file, a.line, a.column).cmp(&(b.severity, &b.file, b.line, b.column))
    });
    diags.dedup();
    Loaded {
        site: Some(site),
        diagnostics: diags,
    }
}

fn load_protocol(dir: &Path, diags: &mut Vec<Diagnostic>) -> Option<Protocol> {
    let id = dir.file_name()?.to_string_lossy().into_owned();
    let mut protocol: Protocol = read_yaml(&dir.join("protocol.yaml"), diags)?;
    protocol.id = id;
    protocol.dir = dir.to_path_buf();
    let files: Vec<PathBuf> = read::code_files(dir, diags);
    protocol.code_files = files
        .iter()
        .filter_map(|f| f.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    // Code files are independent: read them in parallel, keeping their order.
    let read: Vec<(Option<Code>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|path| {
            let mut found = Vec::new();
            let text = read::read_text(path, &mut found);
            let code = text.as_deref().and_then(|text| {
                let mut code: Code = read::parse_yaml(path, text, &mut found)?;
                code.path = path.clone();
                code.source_hash = crate::render::theme::hash(text.as_bytes());
                Some(code)
            });
            (code, found)
        })
        .collect();
    protocol.codes = Vec::with_capacity(read.len());
    for (code, found) in read {
        diags.extend(found);
        protocol.codes.extend(code);
    }
    Some(protocol)
}
