//! A whole build: load → derive → render → write, each step timed. This is what
//! `codevs build` runs; `check` stops before writing.

use crate::derive::urls::{LinkStyle, Urls};
use crate::error::{Diagnostic, Error, Result};
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
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            offline: false,
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
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let (site, warnings) = load::load(&opts.root)?;
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
    let renderer = Renderer::new(&site, &theme, urls);
    let pages = renderer.pages();

    let staging = write::stage(&opts.root, &opts.output_dir())?;
    let written: Result<()> = (|| {
        pages
            .par_iter()
            .try_for_each(|&page| write_page(&renderer, &staging, page))?;
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
    })
}

fn write_page(renderer: &Renderer, staging: &write::Staging, page: Page) -> Result<()> {
    let html = renderer.render(page)?;
    staging.write(&renderer.file_of(page), &html)
}

/// Loads and renders everything without writing (for `check`).
pub fn check(opts: &BuildOptions) -> Result<Vec<Diagnostic>> {
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
        LinkStyle::Directory,
    );
    let renderer = Renderer::new(&site, &theme, urls);
    renderer
        .pages()
        .par_iter()
        .try_for_each(|&p| renderer.render(p).map(|_| ()))?;
    Ok(loaded.diagnostics)
}
