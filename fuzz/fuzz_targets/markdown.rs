//! Any text as a Markdown field: rendering and sanitizing must never panic, and no tag that
//! comes out may be a script or carry an event handler or a javascript: URL. (Text such as
//! `&lt;s onload=` is escaped text, not a tag: every literal `<` in the output opens a tag.)
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The attribute names of a tag's text (`a href="x" title="y on z"` → [href, title]),
/// skipping quoted values.
fn attribute_names(tag: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut quote: Option<char> = None;
    let mut current = String::new();
    let mut in_value = false;
    for c in tag.chars().skip_while(|c| !c.is_whitespace()) {
        match quote {
            Some(q) if c == q => {
                quote = None;
                in_value = false;
            }
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '=' => {
                if !current.is_empty() {
                    names.push(std::mem::take(&mut current));
                }
                in_value = true;
            }
            None if c.is_whitespace() => {
                if !current.is_empty() {
                    names.push(std::mem::take(&mut current));
                }
                in_value = false;
            }
            None if !in_value => current.push(c),
            None => {}
        }
    }
    if !current.is_empty() {
        names.push(current);
    }
    names
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let html = codevs::render::markdown::to_html(text);
        for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("").to_ascii_lowercase()) {
            assert!(!tag.starts_with("script") && !tag.starts_with("iframe") && !tag.starts_with("style"), "tag <{tag}> survived");
            assert!(!tag.contains("href=\"javascript:") && !tag.contains("src=\"javascript:"), "a javascript: URL survived in <{tag}>");
            assert!(!attribute_names(&tag).iter().any(|n| n.starts_with("on")), "an event handler survived in <{tag}>");
        }
    }
});
