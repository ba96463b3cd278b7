//! A whole build: load → derive → render → write, each step timed. This is what
//! `codevs build` runs; `check` stops before writing.

use crate::derive::urls::{LinkStyle, Urls};
use crate::error::{Diagnostic, Error, Result};
use crate::links;
use crate::load;
use crate::render::theme::Theme;
use crate::render::{Page, Renderer};
use crate::render::{data, sitemap};
use crate::write;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

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
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            offline: false,
            live_reload: false,
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
    let (site, warnings) = load::load(&opts.root)?;
    step("load and validate");
    let langs: Vec<&str> = site.config.languages().collect();
    let theme = Theme::load(&opts.root, site.config.theme(), &langs)?;
    let base_url = opts
        .base_url
        .clone()
        .unwrap_or_else(|| site.config.base_url.value.clone());
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
    step("prepare (theme, Markdown, search index)");

    let staging = write::stage(&opts.root, &opts.output_dir())?;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let written: Result<()> = (|| {
        pages.par_iter().try_for_each(|&page| {
            write_page(&renderer, &staging, page)?;
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if n.is_multiple_of(256) || n == pages.len() {
                progress.pages(n, pages.len());
            }
            Ok(())
        })?;
        for asset in theme.assets.iter().chain(&renderer.search_indexes) {
            staging.write(&asset.name, &asset.bytes)?;
        }
        for (name, bytes) in sitemap::sitemaps(&renderer, &pages, sitemap::MAX_URLS) {
            staging.write(&name, &bytes)?;
        }
        staging.write("robots.txt", &sitemap::robots(&renderer))?;
        for p in &site.protocols {
            staging.write(
                &format!("{}/codes.json", p.id),
                &data::codes_json(&site, &renderer.urls, p),
            )?;
            for c in &p.codes {
                staging.write(
                    &format!("{}/{}.json", p.id, c.id()),
                    &data::code_json(&site, &renderer.urls, p, c),
                )?;
            }
        }
        staging.write(".nojekyll", b"")?;
        if let Some(cname) = &site.config.cname {
            staging.write("CNAME", format!("{}\n", cname.trim()).as_bytes())?;
        }
        Ok(())
    })();
    step("render and write");
    match written {
        Ok(()) => staging.commit()?,
        Err(e) => {
            staging.abandon();
            return Err(e);
        }
    }
    Ok(BuildReport {
        pages: pages.len(),
        languages: langs.len(),
        protocols: site.protocols.len(),
        elapsed: started.elapsed(),
        warnings,
        steps: {
            step("swap in");
            steps
        },
    })
}

fn write_page(renderer: &Renderer, staging: &write::Staging, page: Page) -> Result<()> {
    let html = renderer.render(page)?;
    staging.write(&renderer.file_of(page), &html)
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
