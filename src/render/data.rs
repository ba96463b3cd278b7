//! Machine-readable data: `/<protocol>/<code>.json` for every code (its fields in every
//! language and the URLs of its pages) and `/<protocol>/codes.json` listing them.

use crate::derive::urls::Urls;
use crate::model::{Code, Protocol, Site};
use serde_json::{Value, json};

fn source(p: &Protocol, rfc: u32, section: Option<&str>) -> Value {
    let s = crate::model::Source {
        rfc,
        section: section.map(String::from),
    };
    json!({"rfc": rfc, "section": section, "url": p.rfc_link(&s)})
}

/// The page of `code` in every language: `{en: url, ko: url}`.
fn page_urls(site: &Site, urls: &Urls, p: &Protocol, code: &str) -> Value {
    site.config
        .languages()
        .map(|l| {
            (
                l.to_string(),
                Value::from(urls.absolute(&urls.code(l, &p.id, code))),
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

pub fn code_json(site: &Site, urls: &Urls, p: &Protocol, c: &Code) -> Vec<u8> {
    let class = p
        .class_of(c)
        .map(|(d, cl)| json!({"digit": d, "name": cl.name.0, "outcome": cl.outcome.key()}));
    let category = p
        .category_of(c)
        .map(|(d, cat)| json!({"digit": d, "name": cat.name.0}));
    let meanings: Vec<Value> = c
        .meanings
        .iter()
        .map(|m| {
            json!({
                "text": m.text,
                "context": m.context.0,
                "source": source(p, m.source.rfc, m.source.section.as_deref()),
                "commands": m.commands.iter().map(|x| x.value.as_str()).collect::<Vec<_>>(),
                "phases": m.phases.iter().map(|x| x.value.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let value = json!({
        "protocol": p.id,
        "code": c.id(),
        "name": c.name.0,
        "summary": c.summary.0,
        "class": class,
        "category": category,
        "meanings": meanings,
        "closes_connection": c.closes_connection,
        "parsed_text": c.parsed_text,
        "deprecated": c.deprecated,
        "enhanced_codes": c.enhanced_codes,
        "references": c.references.iter().map(|r| source(p, r.rfc, r.section.as_deref())).collect::<Vec<_>>(),
        "description": c.description.0,
        "when_you_see_it": c.when_you_see_it.0,
        "what_to_do": c.what_to_do.0,
        "server_notes": c.server_notes.0,
        "related": c.related.iter().map(|r| r.value.as_str()).collect::<Vec<_>>(),
        "html_url": page_urls(site, urls, p, c.id()),
    });
    let mut out = serde_json::to_vec_pretty(&value).unwrap_or_default();
    out.push(b'\n');
    out
}

pub fn codes_json(site: &Site, urls: &Urls, p: &Protocol) -> Vec<u8> {
    let default = site.config.default_lang();
    let codes: Vec<Value> = p
        .codes
        .iter()
        .map(|c| {
            json!({
                "code": c.id(),
                "name": c.name.get(default, default).text,
                "summary": c.summary.get(default, default).text,
                "outcome": p.class_of(c).map(|(_, cl)| cl.outcome.key()),
                "json_url": urls.absolute(&format!("{}/{}.json", p.id, c.id())),
                "html_url": page_urls(site, urls, p, c.id()),
            })
        })
        .collect();
    let value = json!({"protocol": p.id, "name": p.name, "title": p.title.0, "codes": codes});
    let mut out = serde_json::to_vec_pretty(&value).unwrap_or_default();
    out.push(b'\n');
    out
}
