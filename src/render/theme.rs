//! The theme: tera templates, the UI strings of every language, and static assets. The
//! default theme is built into the binary; a site's `themes/default/` and the theme named in
//! `site.yaml` override it file by file, so a theme may replace only some templates.

use crate::error::{Error, Result};
use crate::i18n::{Node, Strings};
use std::collections::BTreeMap;
use std::path::Path;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/", $name)))),*]
    };
}

/// The default theme's files, as shipped in the binary.
const BUILTIN: &[(&str, &str)] = builtin![
    "templates/base.html",
    "templates/home.html",
    "templates/protocol.html",
    "templates/code.html",
    "templates/pair.html",
    "templates/redirect.html",
    "templates/404.html",
    "templates/partials/code_facts.html",
    "i18n/en.yaml",
    "i18n/ko.yaml",
    "static/style.css",
    "static/favicon.svg",
    "static/search.js",
    "templates/search.html",
    "templates/partials/picker.html",
];

/// A static file with a content hash in its name (`style.3f2a….css`).
#[derive(Debug, Clone)]
pub struct Asset {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub struct Theme {
    pub tera: tera::Tera,
    pub strings: BTreeMap<String, Strings>,
    pub assets: Vec<Asset>,
    /// Logical name (`style.css`) to hashed file path (`assets/style.1a2b3c4d.css`).
    pub asset_paths: BTreeMap<String, String>,
    /// A fingerprint of every theme file, for the build cache.
    pub fingerprint: u64,
}

/// Collects theme files: built-in first, then `themes/default/`, then `themes/<name>/`.
fn theme_files(root: &Path, name: &str) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files: BTreeMap<String, Vec<u8>> = BUILTIN
        .iter()
        .map(|(n, c)| (n.to_string(), c.as_bytes().to_vec()))
        .collect();
    let mut dirs = vec![root.join("themes").join("default")];
    if name != "default" {
        let named = root.join("themes").join(name);
        if !named.is_dir() {
            return Err(Error::Theme(format!(
                "the theme `{name}` named in site.yaml is not in {}",
                root.join("themes").display()
            )));
        }
        dirs.push(named);
    }
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(dir)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry = entry.map_err(|e| Error::Theme(e.to_string()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(dir)
                .map_err(|e| Error::Theme(e.to_string()))?;
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel.split('/').any(|s| s.starts_with('.')) {
                continue;
            }
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            files.insert(rel, bytes);
        }
    }
    Ok(files)
}

pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

impl Theme {
    pub fn load(root: &Path, name: &str, languages: &[&str]) -> Result<Theme> {
        let files = theme_files(root, name)?;
        let mut all = Vec::new();
        for (n, b) in &files {
            all.extend_from_slice(n.as_bytes());
            all.extend_from_slice(b);
        }
        let fingerprint = hash(&all);
        let text = |name: &str, bytes: &[u8]| -> Result<String> {
            String::from_utf8(bytes.to_vec())
                .map_err(|_| Error::Theme(format!("{name} is not UTF-8")))
        };

        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let mut templates = Vec::new();
        for (n, b) in &files {
            if let Some(t) = n.strip_prefix("templates/") {
                templates.push((t.to_string(), text(n, b)?));
            }
        }
        tera.add_raw_templates(templates)
            .map_err(|e| Error::Theme(render_tera_error(&e)))?;

        let default = languages.first().copied().unwrap_or("en");
        let parse = |lang: &str| -> Result<BTreeMap<String, Node>> {
            let key = format!("i18n/{lang}.yaml");
            match files.get(&key) {
                Some(b) => serde_saphyr::from_str(&text(&key, b)?)
                    .map_err(|e| Error::Theme(format!("{key}: {e}"))),
                None => Ok(BTreeMap::new()),
            }
        };
        let english = Strings::new("en", parse("en")?, None);
        let default_strings = Strings::new(default, parse(default)?, Some(&english));
        let mut strings = BTreeMap::new();
        for lang in languages {
            let s = if *lang == default {
                default_strings.clone()
            } else {
                Strings::new(lang, parse(lang)?, Some(&default_strings))
            };
            strings.insert(lang.to_string(), s);
        }

        let mut assets = Vec::new();
        let mut asset_paths = BTreeMap::new();
        for (n, b) in &files {
            if let Some(file) = n.strip_prefix("static/") {
                let hashed = match file.rsplit_once('.') {
                    Some((stem, ext)) => format!("{stem}.{:08x}.{ext}", hash(b) as u32),
                    None => format!("{file}.{:08x}", hash(b) as u32),
                };
                let path = format!("assets/{hashed}");
                asset_paths.insert(file.to_string(), path.clone());
                assets.push(Asset {
                    name: path,
                    bytes: b.clone(),
                });
            }
        }
        Ok(Theme {
            tera,
            strings,
            assets,
            asset_paths,
            fingerprint,
        })
    }
}

/// A tera error with its causes, on one line each (tera nests the useful part).
pub fn render_tera_error(e: &tera::Error) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str("\n  caused by: ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
