//! Any text as a Markdown field: rendering and sanitizing must never panic, and no script,
//! event handler or javascript: URL may come out.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let html = codevs::render::markdown::to_html(text).to_ascii_lowercase();
        assert!(!html.contains("<script"), "a script survived: {html}");
        assert!(!html.contains("javascript:"), "a javascript: URL survived: {html}");
        assert!(!html.contains(" onerror=") && !html.contains(" onload="), "a handler survived: {html}");
    }
});
