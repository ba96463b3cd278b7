//! The search index of one language, written at build time as a classic script
//! (`window.CODEVS_SEARCH = {…}`), so that search works from `file://`, where `fetch` and ES
//! modules do not. One entry per code, never per pair: pairs are offered from the results.

use crate::derive::urls::Urls;
use crate::model::Site;
use serde_json::{Value, json};

/// Words that carry no meaning for search, dropped from the keywords to keep the index small.
const STOP: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "for", "is", "it", "on", "by", "be", "as",
    "at", "with", "that", "this", "its", "not", "e.g.",
];

/// Distinct lowercase words of `texts`, for matching (standard texts and names are kept whole).
fn keywords(texts: &[&str]) -> String {
    let mut words: Vec<String> = Vec::new();
    for t in texts {
        for w in t.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-')) {
            let w = w
                .trim_matches(|c: char| c == '.' || c == '-')
                .to_lowercase();
            if w.chars().count() > 1 && !STOP.contains(&w.as_str()) && !words.contains(&w) {
                words.push(w);
            }
        }
    }
    words.join(" ")
}

/// The index of `lang` as JavaScript.
pub fn index_js(site: &Site, urls: &Urls, lang: &str) -> Vec<u8> {
    let default = site.config.default_lang();
    let protocols: Vec<Value> = site
        .protocols
        .iter()
        .map(|p| {
            let codes: Vec<Value> = p
                .codes
                .iter()
                .map(|c| {
                    let name = c.name.get(lang, default).text;
                    let summary = c.summary.get(lang, default).text;
                    let texts: Vec<&str> = c.meanings.iter().map(|m| m.text.as_str()).collect();
                    let mut all = vec![name, summary];
                    all.extend(&texts);
                    json!({
                        "code": c.id(),
                        "name": name,
                        "text": texts.join(" · "),
                        "summary": summary,
                        "words": keywords(&all),
                        "href": urls.target(&urls.code(lang, &p.id, c.id())),
                        "related": c.related.iter().map(|r| r.value.as_str()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "id": p.id,
                "name": p.name,
                "pair": urls.target(&urls.pair(lang, &p.id, "{a}", "{b}")),
                "codes": codes,
            })
        })
        .collect();
    let data = json!({"lang": lang, "protocols": protocols});
    // JSON is valid JavaScript; escape `<` so the data can never close a script element.
    let body = data.to_string().replace('<', "\\u003c");
    format!("window.CODEVS_SEARCH={body};\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::keywords;

    #[test]
    fn keywords_are_distinct_lowercase_words_without_stop_words() {
        assert_eq!(
            keywords(&["Mailbox unavailable", "The mailbox is busy"]),
            "mailbox unavailable busy"
        );
        assert_eq!(
            keywords(&["사서함이 사용 중입니다"]),
            "사서함이 사용 중입니다"
        );
    }
}
