//! A whole build: load → derive → render → write, each step timed. This is what
//! `codevs build` runs; `check` stops before writing.

use crate::cache::{self, Entry};
use crate::derive::urls::{LinkStyle, Urls};
use crate::error::{Diagnostic, Error, Result};
use crate::links;
use crate::load;
use crate::render::Renderer;
use crate::render::theme::Theme;
use crate::render::{data, sitemap};
use crate::write;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A build updates the previous site in place when fewer than one page in this many changed.
const UPDATE_AT_MOST: usize = 4;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: holds `content/` and may hold `themes/`.
    pub root: PathBuf,
    /// Where the site goes; `public/` under the root by default.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Links name their files (`…/index.html`) so the site works from `file://`.
    pub offline: bool,
    /// Pages load the dev server's reload script (`codevs serve`).
    pub live_reload: bool,
    /// Ignore the build cache: render every page and swap in a whole new site.
    pub force: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            offline: false,
            live_reload: false,
            force: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

#[derive(Debug, Clone)]
pub struct BuildReport {
    pub pages: usize,
    pub languages: usize,
    pub protocols: usize,
    pub elapsed: Duration,
    /// Pages rendered this time; the others were unchanged and kept from the previous build.
    pub rendered: usize,
    pub warnings: Vec<Diagnostic>,
    /// How long each step took, in order: load, prepare, render and write, swap in.
    pub steps: Vec<(&'static str, Duration)>,
}

/// Told how far a build has come: (pages written, pages in all).
pub trait Progress: Sync {
    fn pages(&self, done: usize, total: usize);
}

/// No progress to show.
impl Progress for () {
    fn pages(&self, _: usize, _: usize) {}
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_with_progress(opts, &())
}

pub fn build_with_progress(opts: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport> {
    let started = Instant::now();
    let mut steps = Vec::new();
    let mut lap = Instant::now();
    let mut step = |name: &'static str| {
        steps.push((name, lap.elapsed()));
        lap = Instant::now();
    };
    let output = opts.output_dir();
    let cache_path =
        cache::path_for(&std::path::absolute(&output).unwrap_or_else(|_| output.clone()));
    // The previous build's cache is read while the content loads.
    let (loaded, previous) = rayon::join(
        || load::load(&opts.root),
        || {
            if opts.force {
                cache::Cache::default()
            } else {
                cache::Cache::load(&cache_path)
            }
        },
    );
    let (site, warnings) = loaded?;
    step("load and validate");
    let langs: Vec<&str> = site.config.languages().collect();
    let theme = Theme::load(&opts.root, site.config.theme(), &langs)?;
    let base_url = opts
        .base_url
        .clone()
        .unwrap_or_else(|| site.config.base_url.value.clone());
    let fingerprints = cache::Fingerprints::new(&site, &theme, opts, &base_url);
    let report =
        |pages: usize, rendered: usize, steps: Vec<(&'static str, Duration)>| BuildReport {
            pages,
            rendered,
            languages: langs.len(),
            protocols: site.protocols.len(),
            elapsed: started.elapsed(),
            warnings: warnings.clone(),
            steps,
        };
    if previous.site == fingerprints.site() && output.join(write::MARKER).is_file() {
        // Nothing changed since the last build: nothing is rendered, no file is touched.
        step("nothing changed");
        return Ok(report(previous.pages, 0, steps));
    }

    let style = if opts.offline {
        LinkStyle::File
    } else {
        LinkStyle::Directory
    };
    let urls = Urls::new(&base_url, site.config.default_lang(), style);
    let mut renderer = Renderer::new(&site, &theme, urls);
    if opts.live_reload {
        renderer.live_reload = Some(format!(
            "{}{}live.js",
            renderer.urls.base_path,
            crate::serve::DEV_PREFIX
        ));
    }
    let pages = renderer.pages();
    let files: Vec<String> = pages.par_iter().map(|&p| renderer.file_of(p)).collect();
    let inputs: Vec<u64> = pages.par_iter().map(|&p| fingerprints.page(p)).collect();
    let before: Vec<Option<&Entry>> = files.par_iter().map(|f| previous.files.get(f)).collect();
    let changed = before
        .iter()
        .zip(&inputs)
        .filter(|&(b, i)| b.is_none_or(|e| e.input != *i))
        .count();
    step("prepare (theme, Markdown, search index)");

    // When few pages changed, update the previous site in place; else stage a whole new one.
    let staging = write::stage(&opts.root, &output, changed * UPDATE_AT_MOST < pages.len())?;
    let done = AtomicUsize::new(0);
    let rendered = AtomicUsize::new(0);
    let written: Result<Vec<(String, Entry)>> = (|| {
        let mut records = (0..pages.len())
            .into_par_iter()
            .map(|i| {
                let (file, input, before) = (&files[i], inputs[i], before[i]);
                let entry = match before {
                    Some(e) if e.input == input && staging.keep(file, e.size)? => *e,
                    _ => {
                        let html = renderer.render(pages[i])?;
                        let entry = Entry::of(input, &html);
                        staging.put(file, &html, entry.same_bytes(before))?;
                        rendered.fetch_add(1, Ordering::Relaxed);
                        entry
                    }
                };
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_multiple_of(256) || n == pages.len() {
                    progress.pages(n, pages.len());
                }
                Ok((file.clone(), entry))
            })
            .collect::<Result<Vec<_>>>()?;
        // The sitemaps list every page: kept while the same pages exist.
        let listing = fingerprints.listing();
        let sitemaps: Vec<(&String, &Entry)> = previous
            .files
            .iter()
            .filter(|(f, _)| sitemap::is_sitemap(f))
            .collect();
        let mut keep_sitemaps = !sitemaps.is_empty();
        for (name, e) in &sitemaps {
            keep_sitemaps = keep_sitemaps && e.input == listing && staging.keep(name, e.size)?;
        }
        if keep_sitemaps {
            records.extend(sitemaps.into_iter().map(|(f, e)| (f.clone(), *e)));
        } else {
            for (name, bytes) in sitemap::sitemaps(&renderer, &pages, sitemap::MAX_URLS) {
                let entry = Entry::of(listing, &bytes);
                staging.put(&name, &bytes, entry.same_bytes(previous.files.get(&name)))?;
                records.push((name, entry));
            }
        }
        // Files made on every build: written only when their bytes changed.
        let mut put = |name: &str, bytes: &[u8]| -> Result<()> {
            let entry = Entry::of(0, bytes);
            staging.put(name, bytes, entry.same_bytes(previous.files.get(name)))?;
            records.push((name.to_string(), entry));
            Ok(())
        };
        for asset in theme.assets.iter().chain(&renderer.search_indexes) {
            put(&asset.name, &asset.bytes)?;
        }
        put("robots.txt", &sitemap::robots(&renderer))?;
        for p in &site.protocols {
            put(
                &format!("{}/codes.json", p.id),
                &data::codes_json(&site, &renderer.urls, p),
            )?;
            for c in &p.codes {
                put(
                    &format!("{}/{}.json", p.id, c.id()),
                    &data::code_json(&site, &renderer.urls, p, c),
                )?;
            }
        }
        put(".nojekyll", b"")?;
        if let Some(cname) = &site.config.cname {
            put("CNAME", format!("{}\n", cname.trim()).as_bytes())?;
        }
        Ok(records)
    })();
    step("render and write");
    let files: cache::Files = match written {
        Ok(records) => records.into_iter().collect(),
        Err(e) => {
            staging.abandon();
            return Err(e);
        }
    };
    let stale: Vec<&str> = if staging.is_update() {
        previous
            .files
            .keys()
            .filter(|f| !files.contains_key(*f))
            .map(String::as_str)
            .collect()
    } else {
        Vec::new()
    };
    // The old cache goes first: a crash after this leaves no cache (a whole build next time),
    // never a cache that describes another site.
    let _ = std::fs::remove_file(&cache_path);
    let cache = cache::Cache {
        site: fingerprints.site(),
        pages: pages.len(),
        files,
    };
    let (committed, encoded) = rayon::join(|| staging.commit(&stale), || cache.encode());
    committed?;
    if let Err(e) = cache::save_encoded(&cache_path, &encoded) {
        eprintln!(
            "warning: could not write the build cache {}: {e}",
            cache_path.display()
        );
    }
    step("swap in");
    Ok(report(pages.len(), rendered.into_inner(), steps))
}

/// What `check` found besides errors: warnings, translation coverage and the links checked.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub warnings: Vec<Diagnostic>,
    /// One line per language other than the default: how much is translated, and what is not.
    pub coverage: Vec<String>,
    pub pages: usize,
    pub links: usize,
}

/// Loads, validates and renders everything without writing; checks that every internal link
/// of every page resolves.
pub fn check(opts: &BuildOptions) -> Result<CheckReport> {
    let loaded = load::load_all(&opts.root);
    if loaded.has_errors() {
        return Err(Error::Content(loaded.diagnostics));
    }
    let Some(site) = loaded.site else {
        return Err(Error::Content(loaded.diagnostics));
    };
    let langs: Vec<&str> = site.config.languages().collect();
    let theme = Theme::load(&opts.root, site.config.theme(), &langs)?;
    let urls = Urls::new(
        &site.config.base_url.value,
        site.config.default_lang(),
        LinkStyle::File,
    );
    let renderer = Renderer::new(&site, &theme, urls);
    let pages = renderer.pages();
    let mut files: std::collections::HashSet<String> =
        pages.iter().map(|&p| renderer.file_of(p)).collect();
    files.extend(
        theme
            .assets
            .iter()
            .chain(&renderer.search_indexes)
            .map(|a| a.name.clone()),
    );
    let broken: Vec<Vec<Diagnostic>> = pages
        .par_iter()
        .map(|&page| -> Result<Vec<Diagnostic>> {
            let html = renderer.render(page)?;
            let file = renderer.file_of(page);
            Ok(
                links::broken(&file, &String::from_utf8_lossy(&html), &files)
                    .into_iter()
                    .map(|href| {
                        Diagnostic::error(
                            std::path::Path::new(&file),
                            format!("the link {href} leads to no page"),
                        )
                        .hint("a theme template builds this link")
                    })
                    .collect(),
            )
        })
        .collect::<Result<_>>()?;
    let broken: Vec<Diagnostic> = broken.into_iter().flatten().collect();
    if !broken.is_empty() {
        return Err(Error::Content(broken));
    }
    Ok(CheckReport {
        warnings: loaded.diagnostics,
        coverage: coverage(&site),
        pages: pages.len(),
        links: files.len(),
    })
}

/// Which codes and fields still lack a translation, per language.
fn coverage(site: &crate::model::Site) -> Vec<String> {
    let default = site.config.default_lang();
    let mut out = Vec::new();
    for lang in site.config.languages().filter(|l| *l != default) {
        let mut missing = Vec::new();
        let mut total = 0;
        for p in &site.protocols {
            for c in &p.codes {
                total += 1;
                let fields: Vec<&str> = c
                    .texts()
                    .iter()
                    .filter(|(_, t)| !t.has(lang))
                    .map(|(k, _)| *k)
                    .collect();
                if !fields.is_empty() {
                    missing.push(format!("{} {}: {}", p.name, c.id(), fields.join(", ")));
                }
            }
        }
        out.push(format!(
            "{lang}: {} of {total} codes fully translated",
            total - missing.len()
        ));
        out.extend(missing.into_iter().map(|m| format!("  {m}")));
    }
    out
}
