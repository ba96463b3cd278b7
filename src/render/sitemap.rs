//! `sitemap.xml` with the language alternates of every indexable page (split into a sitemap
//! index above 50,000 URLs, the protocol's limit) and `robots.txt`, which names it.

use super::{Page, Renderer};

/// The most URLs one sitemap file may list.
pub const MAX_URLS: usize = 50_000;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Whether `file` (a path in the output) is one of the sitemap files.
pub fn is_sitemap(file: &str) -> bool {
    file.starts_with("sitemap") && file.ends_with(".xml") && !file.contains('/')
}

/// The sitemap files, as (file name, contents): `sitemap.xml` alone, or an index
/// `sitemap.xml` and `sitemap-1.xml`, `sitemap-2.xml`, … when there are more than `max` URLs.
pub fn sitemaps(r: &Renderer, pages: &[Page], max: usize) -> Vec<(String, Vec<u8>)> {
    let entries: Vec<String> = pages
        .iter()
        .filter_map(|&page| {
            let loc = r.canonical(page)?;
            let mut e = format!("<url><loc>{}</loc>", esc(&loc));
            let alternates = r.alternates(page);
            if alternates.len() > 1 {
                for (lang, url) in &alternates {
                    e.push_str(&format!(
                        r#"<xhtml:link rel="alternate" hreflang="{lang}" href="{}"/>"#,
                        esc(url)
                    ));
                }
                if let Some((_, first)) = alternates.first() {
                    e.push_str(&format!(
                        r#"<xhtml:link rel="alternate" hreflang="x-default" href="{}"/>"#,
                        esc(first)
                    ));
                }
            }
            e.push_str("</url>\n");
            Some(e)
        })
        .collect();
    let urlset = |chunk: &[String]| -> Vec<u8> {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        for e in chunk {
            out.push_str(e);
        }
        out.push_str("</urlset>\n");
        out.into_bytes()
    };
    if entries.len() <= max {
        return vec![("sitemap.xml".to_string(), urlset(&entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in entries.chunks(max).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            esc(&r.urls.absolute(&name))
        ));
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".to_string(), index.into_bytes()));
    files
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub fn robots(r: &Renderer) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        r.urls.absolute("sitemap.xml")
    )
    .into_bytes()
}
