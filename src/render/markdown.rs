//! Markdown fields to HTML: CommonMark with tables (pulldown-cmark), then cleaned with an
//! allow-list (ammonia), so that no script, event handler, `javascript:` or `data:` URL,
//! frame, style or form from content ever reaches a page.

use pulldown_cmark::{Options, Parser, html};
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"));
    b
});

/// Renders Markdown and sanitizes the result. The output is safe to insert unescaped.
pub fn to_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    CLEANER.clean(&raw).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_documentation_markup() {
        let html = to_html("Use `RCPT TO`.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<code>RCPT TO</code>"));
        assert!(html.contains("<li>one</li>"));
        assert!(html.contains("<table>"));
    }

    #[test]
    fn text_that_looks_like_a_handler_stays_escaped_text() {
        // Found by the fuzzer: this is text, and must come out as text.
        assert_eq!(to_html("\n<s onload="), "<p>&lt;s onload=</p>\n");
    }

    #[test]
    fn removes_scripts_handlers_and_dangerous_urls() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [y](data:text/html,hi)\n\n<iframe src=https://e.org></iframe><style>p{}</style><form></form>",
        );
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "data:",
            "<iframe",
            "<style",
            "<form",
        ] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
    }
}
