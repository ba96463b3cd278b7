//! Every URL and link of the site, from one place. Pages link to each other with paths
//! relative to the page (as mdBook does), so a site works under any `base_url` path and from
//! `file://`; canonical and alternate links are absolute, from `base_url`.

/// How links to a page end: `smtp/550/` on a web host, `smtp/550/index.html` offline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkStyle {
    Directory,
    File,
}

/// A page's path relative to the site root, as a folder: `""` (home), `"ko/smtp/550/"`.
pub type PagePath = String;

#[derive(Debug, Clone)]
pub struct Urls {
    /// The absolute base URL, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/repo/`), for pages served at any depth (404).
    pub base_path: String,
    pub style: LinkStyle,
    pub default_lang: String,
}

impl Urls {
    pub fn new(base_url: &str, default_lang: &str, style: LinkStyle) -> Self {
        let mut base_url = base_url.trim().to_string();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        let after_scheme = base_url
            .split_once("://")
            .map_or(base_url.as_str(), |(_, r)| r);
        let base_path = after_scheme
            .find('/')
            .map_or("/".to_string(), |i| after_scheme[i..].to_string());
        Urls {
            base_url,
            base_path,
            style,
            default_lang: default_lang.to_string(),
        }
    }

    fn lang_prefix(&self, lang: &str) -> String {
        if lang == self.default_lang {
            String::new()
        } else {
            format!("{lang}/")
        }
    }

    pub fn home(&self, lang: &str) -> PagePath {
        self.lang_prefix(lang)
    }

    pub fn protocol(&self, lang: &str, protocol: &str) -> PagePath {
        format!("{}{protocol}/", self.lang_prefix(lang))
    }

    pub fn code(&self, lang: &str, protocol: &str, code: &str) -> PagePath {
        format!("{}{protocol}/{code}/", self.lang_prefix(lang))
    }

    /// The pair page; `a` and `b` in the order given (the caller decides which is canonical).
    pub fn pair(&self, lang: &str, protocol: &str, a: &str, b: &str) -> PagePath {
        format!("{}{protocol}/{a}-vs-{b}/", self.lang_prefix(lang))
    }

    pub fn search(&self, lang: &str) -> PagePath {
        format!("{}search/", self.lang_prefix(lang))
    }

    /// The file a page is written to, relative to the output folder.
    pub fn file(page: &str) -> String {
        format!("{page}index.html")
    }

    /// A page's path as a link target in this site's style (relative to the site root).
    pub fn target(&self, page: &str) -> String {
        match self.style {
            LinkStyle::Directory => page.to_string(),
            LinkStyle::File => Self::file(page),
        }
    }

    /// The way from `page` back to the site root: `""`, `"../"`, `"../../"`.
    pub fn root_of(page: &str) -> String {
        "../".repeat(page.matches('/').count())
    }

    /// The absolute URL of a page (canonical, hreflang, sitemap, Open Graph).
    pub fn absolute(&self, page: &str) -> String {
        format!("{}{page}", self.base_url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_comes_from_the_base_url() {
        let u = Urls::new("https://user.github.io/repo", "en", LinkStyle::Directory);
        assert_eq!(u.base_url, "https://user.github.io/repo/");
        assert_eq!(u.base_path, "/repo/");
        assert_eq!(
            Urls::new("https://x.org/", "en", LinkStyle::Directory).base_path,
            "/"
        );
    }

    #[test]
    fn default_language_lives_at_the_root() {
        let u = Urls::new("https://x.org/", "en", LinkStyle::Directory);
        assert_eq!(u.code("en", "smtp", "550"), "smtp/550/");
        assert_eq!(u.code("ko", "smtp", "550"), "ko/smtp/550/");
        assert_eq!(u.pair("ko", "smtp", "214", "220"), "ko/smtp/214-vs-220/");
    }

    #[test]
    fn relative_roots_and_offline_targets() {
        assert_eq!(Urls::root_of(""), "");
        assert_eq!(Urls::root_of("ko/smtp/550/"), "../../../");
        let off = Urls::new("https://x.org/", "en", LinkStyle::File);
        assert_eq!(off.target("smtp/"), "smtp/index.html");
        assert_eq!(off.target(""), "index.html");
    }
}
