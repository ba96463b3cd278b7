//! Translated text: a map from language tag to text, and the lookup that falls back to the
//! site's default language (and says that it did, so the page can mark the block's `lang`).

use serde::Deserialize;
use std::collections::BTreeMap;

/// A text field in every language the content provides: `{en: "…", ko: "…"}`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

/// The text found for a language, with the language it is actually written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized<'a> {
    pub text: &'a str,
    pub lang: &'a str,
}

impl Localized<'_> {
    /// True when the text is a fallback in another language than the one asked for.
    pub fn is_fallback(&self, asked: &str) -> bool {
        self.lang != asked
    }
}

impl Text {
    /// The text in `lang`, or else in `default`, or else empty.
    pub fn get<'a>(&'a self, lang: &'a str, default: &'a str) -> Localized<'a> {
        if let Some((l, t)) = self
            .0
            .get_key_value(lang)
            .filter(|(_, t)| !t.trim().is_empty())
        {
            return Localized { text: t, lang: l };
        }
        match self.0.get_key_value(default) {
            Some((l, t)) => Localized { text: t, lang: l },
            None => Localized {
                text: "",
                lang: default,
            },
        }
    }

    /// Whether the text has a non-empty entry for `lang`.
    pub fn has(&self, lang: &str) -> bool {
        self.0.get(lang).is_some_and(|t| !t.trim().is_empty())
    }

    /// The languages this text is written in.
    pub fn langs(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(pairs: &[(&str, &str)]) -> Text {
        Text(
            pairs
                .iter()
                .map(|(l, t)| (l.to_string(), t.to_string()))
                .collect(),
        )
    }

    #[test]
    fn falls_back_to_default_language_and_says_so() {
        let t = text(&[("en", "Mailbox unavailable")]);
        let got = t.get("ko", "en");
        assert_eq!(got.text, "Mailbox unavailable");
        assert!(got.is_fallback("ko"));
        assert!(!t.get("en", "en").is_fallback("en"));
    }

    #[test]
    fn blank_translation_counts_as_missing() {
        let t = text(&[("en", "Hello"), ("ko", "  ")]);
        assert_eq!(t.get("ko", "en").text, "Hello");
        assert!(!t.has("ko"));
    }
}

/// Shortens `text` to at most `max` characters, cutting only between words and adding an
/// ellipsis; text that fits is returned whole. Never cuts inside a word or a character.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let extra = if out.is_empty() { 0 } else { 1 };
        if out.chars().count() + extra + word.chars().count() + 1 > max {
            break;
        }
        if extra == 1 {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One very long word: cut it at a character boundary.
        out = text.chars().take(max.saturating_sub(1)).collect();
    }
    let trimmed =
        out.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '，' || c == '、');
    format!("{trimmed}…")
}

#[cfg(test)]
mod excerpt_tests {
    use super::excerpt;

    #[test]
    fn cuts_between_words_with_an_ellipsis() {
        let e = excerpt(
            "typically includes the server's hostname and software identification",
            50,
        );
        assert!(e.ends_with('…'));
        assert!(!e.contains("identificati"));
        assert!(e.chars().count() <= 50);
        assert!(
            "typically includes the server's hostname and software identification"
                .starts_with(e.trim_end_matches('…'))
        );
    }

    #[test]
    fn short_text_is_whole() {
        assert_eq!(excerpt("Service ready.", 50), "Service ready.");
    }

    #[test]
    fn korean_is_cut_between_words() {
        let e = excerpt(
            "서버가 명령을 영구적으로 거부했습니다. 같은 요청을 반복하지 마십시오.",
            20,
        );
        assert!(e.ends_with('…'));
        let body = e.trim_end_matches('…');
        assert!(body.split(' ').all(|w| {
            "서버가 명령을 영구적으로 거부했습니다. 같은 요청을 반복하지 마십시오."
                .split(' ')
                .any(|x| x.starts_with(w))
        }));
    }
}
