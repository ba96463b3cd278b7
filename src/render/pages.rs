//! Which pages the site has, and where each one goes: the page list in a fixed order, each
//! page's path in every language, and the file it is written to.

use super::Renderer;
use crate::derive::urls::{PagePath, Urls};

/// One page to write. Languages, protocols and codes are indices into the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Home {
        lang: usize,
    },
    Protocol {
        lang: usize,
        protocol: usize,
    },
    Code {
        lang: usize,
        protocol: usize,
        code: usize,
    },
    /// `a < b` in the protocol's order: the canonical pair page.
    Pair {
        lang: usize,
        protocol: usize,
        a: usize,
        b: usize,
    },
    /// The reverse order (`b-vs-a`), which only points to the canonical page.
    Reverse {
        lang: usize,
        protocol: usize,
        a: usize,
        b: usize,
    },
    /// The search page of a language.
    Search {
        lang: usize,
    },
    NotFound,
}

impl Renderer<'_> {
    /// Every page of the site, in a fixed order.
    pub fn pages(&self) -> Vec<Page> {
        let mut out = vec![Page::NotFound];
        for lang in 0..self.langs.len() {
            out.push(Page::Home { lang });
            out.push(Page::Search { lang });
            for (protocol, p) in self.site.protocols.iter().enumerate() {
                out.push(Page::Protocol { lang, protocol });
                let n = p.codes.len();
                for code in 0..n {
                    out.push(Page::Code {
                        lang,
                        protocol,
                        code,
                    });
                }
                for a in 0..n {
                    for b in a + 1..n {
                        out.push(Page::Pair {
                            lang,
                            protocol,
                            a,
                            b,
                        });
                        out.push(Page::Reverse {
                            lang,
                            protocol,
                            a,
                            b,
                        });
                    }
                }
            }
        }
        out
    }

    /// The page's folder path in language `lang` (for alternates and links).
    pub(super) fn page_path(&self, page: Page, lang: usize) -> PagePath {
        let l = &self.langs[lang].lang;
        let code = |p: usize, c: usize| self.site.protocols[p].codes[c].id();
        let pid = |p: usize| self.site.protocols[p].id.as_str();
        match page {
            Page::Home { .. } => self.urls.home(l),
            Page::Protocol { protocol, .. } => self.urls.protocol(l, pid(protocol)),
            Page::Code {
                protocol, code: c, ..
            } => self.urls.code(l, pid(protocol), code(protocol, c)),
            Page::Pair { protocol, a, b, .. } => {
                self.urls
                    .pair(l, pid(protocol), code(protocol, a), code(protocol, b))
            }
            Page::Reverse { protocol, a, b, .. } => {
                self.urls
                    .pair(l, pid(protocol), code(protocol, b), code(protocol, a))
            }
            Page::Search { .. } => self.urls.search(l),
            Page::NotFound => String::new(),
        }
    }

    /// The absolute URL of a page that search engines should index (not reverse or 404 pages).
    pub fn canonical(&self, page: Page) -> Option<String> {
        match page {
            Page::Reverse { .. } | Page::Search { .. } | Page::NotFound => None,
            _ => Some(
                self.urls
                    .absolute(&self.page_path(page, Self::lang_of(page))),
            ),
        }
    }

    /// The same page in every language: (language tag, absolute URL), in the site's order.
    pub fn alternates(&self, page: Page) -> Vec<(&str, String)> {
        self.langs
            .iter()
            .enumerate()
            .map(|(i, l)| {
                (
                    l.lang.as_str(),
                    self.urls.absolute(&self.page_path(page, i)),
                )
            })
            .collect()
    }

    /// The file a page is written to, relative to the output folder.
    pub fn file_of(&self, page: Page) -> String {
        match page {
            Page::NotFound => "404.html".to_string(),
            _ => Urls::file(&self.page_path(page, Self::lang_of(page))),
        }
    }

    pub(super) fn lang_of(page: Page) -> usize {
        match page {
            Page::NotFound => 0,
            Page::Home { lang }
            | Page::Search { lang }
            | Page::Protocol { lang, .. }
            | Page::Code { lang, .. }
            | Page::Pair { lang, .. }
            | Page::Reverse { lang, .. } => lang,
        }
    }
}
