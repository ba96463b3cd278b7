//! Checking the links of a rendered page: every relative `href` and `src` must name a file the
//! build writes. Used by `codevs check` (and so by anyone who edits a theme).

use std::collections::HashSet;

/// The relative links in `html` (a page written to `file`) that name no file in `files`.
pub fn broken(file: &str, html: &str, files: &HashSet<String>) -> Vec<String> {
    let dir: Vec<&str> = file
        .split('/')
        .collect::<Vec<_>>()
        .split_last()
        .map_or(Vec::new(), |(_, d)| d.to_vec());
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            let Some(end) = rest.find('"') else { continue };
            let href = &rest[..end];
            if href.is_empty()
                || href.starts_with('#')
                || href.contains(':')
                || href.starts_with('/')
                || href.contains('{')
            {
                continue;
            }
            let target = href.split(['#', '?']).next().unwrap_or("");
            if !files.contains(&resolve(&dir, target)) {
                out.push(href.to_string());
            }
        }
    }
    out
}

/// `target` relative to the folder `dir` (as segments), normalized; folders name their index.
fn resolve(dir: &[&str], target: &str) -> String {
    let mut parts: Vec<&str> = dir.to_vec();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if target.is_empty() || target.ends_with('/') {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_to_missing_files() {
        let files: HashSet<String> = ["index.html", "smtp/550/index.html", "assets/style.css"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let html = r##"<a href="../../index.html">h</a><a href="../550/index.html">x</a><a href="../551/">y</a><link href="../../assets/style.css"><a href="https://e.org/">e</a><a href="#top">t</a>"##;
        assert_eq!(broken("smtp/550/index.html", html, &files), ["../551/"]);
    }
}
