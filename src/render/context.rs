//! The template context of every page. The shared values (a language's strings, each code's
//! rendered fields) are built once in `Renderer::new`; `render` builds only what is particular
//! to one page and hands it to tera.

use super::Page;
use super::markdown;
use super::prose::{self, Words};
use super::theme::{Asset, Theme, hash, render_tera_error};
use super::values::{Map, html, list, obj, strings, text};
use crate::derive::pairs::{PairFacts, related_pairs};
use crate::derive::urls::Urls;
use crate::error::{Error, Result};
use crate::model::{Code, Protocol, Site};
use crate::text::{Text, excerpt};
use tera::{Context, Value};

struct CodeValues {
    /// Number, name, summary and link: for lists.
    brief: Value,
    /// Everything the code's own page and pair pages show.
    full: Value,
}

pub(super) struct LangValues {
    pub(super) lang: String,
    t: Value,
    site: Value,
    protocols: Vec<Vec<CodeValues>>,
    protocol_values: Vec<Value>,
    /// `protocol_values` as one list value, built once: every page shows it.
    protocol_list: Value,
}

pub struct Renderer<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub urls: Urls,
    pub(super) langs: Vec<LangValues>,
    /// The search index of each language, as a hashed script file.
    pub search_indexes: Vec<Asset>,
    /// The dev server's reload script, when serving.
    pub live_reload: Option<String>,
}

/// Text in a language, marked with the language it is really in when it falls back.
fn localized(t: &Text, lang: &str, default: &str, as_html: bool) -> Value {
    let l = t.get(lang, default);
    let content = if as_html {
        html(markdown::to_html(l.text))
    } else {
        text(l.text)
    };
    let fallback = if l.is_fallback(lang) { l.lang } else { "" };
    obj! { "text" => content, "lang" => fallback }
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, urls: Urls) -> Self {
        let default = site.config.default_lang().to_string();
        let mut renderer = Renderer {
            site,
            theme,
            urls,
            langs: Vec::new(),
            search_indexes: Vec::new(),
            live_reload: None,
        };
        let langs: Vec<String> = site.config.languages().map(String::from).collect();
        renderer.search_indexes = langs
            .iter()
            .map(|l| {
                let bytes = super::search::index_js(site, &renderer.urls, l);
                let name = format!("assets/search-index.{l}.{:08x}.js", hash(&bytes) as u32);
                Asset { name, bytes }
            })
            .collect();
        renderer.langs = langs
            .iter()
            .map(|l| renderer.lang_values(l, &default))
            .collect();
        renderer
    }

    fn lang_values(&self, lang: &str, default: &str) -> LangValues {
        let strings = &self.theme.strings[lang];
        let c = &self.site.config;
        let site = obj! {
            "title" => c.title.get(lang, default).text,
            "description" => c.description.get(lang, default).text,
            "default_lang" => default,
        };
        let protocols = self
            .site
            .protocols
            .iter()
            .map(|p| {
                p.codes
                    .iter()
                    .map(|code| self.code_values(lang, default, p, code))
                    .collect()
            })
            .collect();
        let protocol_values: Vec<Value> = self
            .site
            .protocols
            .iter()
            .map(|p| {
                obj! {
                    "id" => p.id.as_str(),
                    "name" => p.name.as_str(),
                    "title" => p.title.get(lang, default).text,
                    "description" => localized(&p.description, lang, default, true),
                    "href" => self.urls.target(&self.urls.protocol(lang, &p.id)),
                    "count" => p.codes.len(),
                }
            })
            .collect();
        LangValues {
            lang: lang.to_string(),
            t: super::values::from_tree(&strings.tree),
            site,
            protocols,
            protocol_list: list(protocol_values.iter().cloned()),
            protocol_values,
        }
    }

    fn code_values(&self, lang: &str, default: &str, p: &Protocol, code: &Code) -> CodeValues {
        let s = &self.theme.strings[lang];
        let w = Words {
            s,
            lang,
            default,
            protocol: p,
        };
        let id = code.id();
        let href = self.urls.target(&self.urls.code(lang, &p.id, id));
        let (class_digit, class) = p.class_of(code).map_or(("", None), |(d, c)| (d, Some(c)));
        let class_name = w.class_name(class_digit);
        let outcome = class.map(|c| c.outcome);
        let outcome_str = |what: &str| {
            outcome.map_or(String::new(), |o| {
                s.get(&format!("outcome.{}.{what}", o.key())).to_string()
            })
        };
        let brief = obj! {
            "code" => id,
            "name" => code.name.get(lang, default).text,
            "summary" => code.summary.get(lang, default).text,
            "href" => href.as_str(),
            "class" => class_digit,
            "outcome" => outcome.map_or("", |o| o.key()),
            "deprecated" => code.deprecated,
        };
        let meanings = list(code.meanings.iter().map(|m| {
            obj! {
                "text" => m.text.as_str(),
                "context" => localized(&m.context, lang, default, false),
                "source" => w.source(&m.source),
                "source_href" => p.rfc_link(&m.source).unwrap_or_default(),
                "commands" => strings(m.commands.iter().map(|c| c.value.as_str())),
                "phases" => strings(w.phase_names(&m.phases.iter().map(|x| x.value.as_str()).collect::<Vec<_>>())),
            }
        }));
        let references = list(code.references.iter().map(|r| {
            obj! {
                "label" => w.source(&r.source()),
                "href" => p.rfc_link(&r.source()).unwrap_or_default(),
                "title" => r.title.get(lang, default).text,
            }
        }));
        let related = list(
            code.related
                .iter()
                .filter_map(|r| p.code(&r.value))
                .map(|other| {
                    obj! {
                        "code" => other.id(),
                        "name" => other.name.get(lang, default).text,
                        "href" => self.urls.target(&self.urls.code(lang, &p.id, other.id())),
                    }
                }),
        );
        let category = p.category_of(code).map(|(d, _)| d).unwrap_or("");
        let phases = w.phase_list(&code.phases());
        let mut facts = vec![if category.is_empty() {
            s.fill(
                "code.class_sentence",
                &[("code", id), ("class", &class_name), ("digit", class_digit)],
            )
        } else {
            s.fill(
                "code.class_category_sentence",
                &[
                    ("code", id),
                    ("class", &class_name),
                    ("digit", class_digit),
                    ("category", &w.category_name(category)),
                    ("cat", category),
                ],
            )
        }];
        facts.push(s.fill(
            &format!(
                "outcome.{}.code_page",
                outcome.map_or("success", |o| o.key())
            ),
            &[("code", id)],
        ));
        if !phases.is_empty() {
            facts.push(s.fill("code.phases_sentence", &[("code", id), ("phases", &phases)]));
        }
        if code.closes_connection {
            facts.push(s.fill("code.closes_sentence", &[("code", id)]));
        }
        if code.parsed_text {
            facts.push(s.fill("code.parsed_sentence", &[("code", id)]));
        }
        if code.deprecated {
            facts.push(s.fill("code.deprecated_sentence", &[("code", id)]));
        }
        let code_phases = code.phases();
        let diagram = super::diagram::svg(
            &w.phase_lane(),
            &[super::diagram::Mark {
                code: id,
                phases: &code_phases,
            }],
            &s.fill("diagram.title_code", &[("protocol", &p.name), ("code", id)]),
            &s.fill("code.phases_sentence", &[("code", id), ("phases", &phases)]),
            &s.fill("diagram.legend_code", &[("code", id)]),
        );
        let full = obj! {
            "code" => id,
            "diagram" => html(diagram),
            "href" => href.as_str(),
            "name" => localized(&code.name, lang, default, false),
            "summary" => localized(&code.summary, lang, default, false),
            "class" => class_digit,
            "class_name" => class_name.as_str(),
            "category" => category,
            "category_name" => w.category_name(category),
            "outcome" => outcome.map_or("", |o| o.key()),
            "outcome_label" => outcome_str("label"),
            "retry_cell" => outcome_str("retry_cell"),
            "meanings" => meanings,
            "facts" => strings(&facts),
            "closes_connection" => code.closes_connection,
            "parsed_text" => code.parsed_text,
            "deprecated" => code.deprecated,
            "enhanced_codes" => strings(&code.enhanced_codes),
            "references" => references,
            "description" => localized(&code.description, lang, default, true),
            "when_you_see_it" => localized(&code.when_you_see_it, lang, default, true),
            "what_to_do" => localized(&code.what_to_do, lang, default, true),
            "server_notes" => localized(&code.server_notes, lang, default, true),
            "transcript" => code.transcript.as_deref().unwrap_or(""),
            "related" => related,
        };
        CodeValues { brief, full }
    }

    /// Renders one page to its HTML.
    pub fn render(&self, page: Page) -> Result<Vec<u8>> {
        let li = Self::lang_of(page);
        let lv = &self.langs[li];
        let lang = lv.lang.as_str();
        let default = self.site.config.default_lang();
        let s = &self.theme.strings[lang];
        let path = self.page_path(page, li);
        let root = if page == Page::NotFound {
            self.urls.base_path.clone()
        } else {
            Urls::root_of(&path)
        };
        let mut ctx = Context::new();
        ctx.insert_value("t", lv.t.clone());
        ctx.insert_value("site", lv.site.clone());
        ctx.insert_value("protocols", lv.protocol_list.clone());
        ctx.insert("root", &root);
        ctx.insert("lang", lang);
        let home = self.urls.target(&self.urls.home(lang));
        let mut crumbs: Vec<(String, String)> = vec![(s.get("nav.home").to_string(), home.clone())];
        let (template, title, description, indexable, kind);
        let mut scripts: Vec<String> = Vec::new();
        match page {
            Page::Home { .. } => {
                template = "home.html";
                kind = "home";
                title = self.site.config.title.get(lang, default).text.to_string();
                description = excerpt(self.site.config.description.get(lang, default).text, 160);
                indexable = true;
                ctx.insert_value("featured", self.featured(li));
                let pickers = (0..self.site.protocols.len()).map(|p| self.picker(li, p, None));
                ctx.insert_value("pickers", list(pickers));
            }
            Page::Search { .. } => {
                template = "search.html";
                kind = "search";
                title = s.fill(
                    "search.title",
                    &[("site", self.site.config.title.get(lang, default).text)],
                );
                description = s.get("search.description").to_string();
                indexable = false;
                scripts.insert(0, format!("{root}{}", self.search_indexes[li].name));
            }
            Page::Protocol { protocol, .. } => {
                let p = &self.site.protocols[protocol];
                template = "protocol.html";
                ctx.insert_value("pickers", list([self.picker(li, protocol, None)]));
                kind = "protocol";
                title = s.fill(
                    "title.protocol",
                    &[
                        ("protocol", &p.name),
                        ("title", p.title.get(lang, default).text),
                    ],
                );
                description = excerpt(
                    &s.fill(
                        "description.protocol",
                        &[("protocol", &p.name), ("count", &p.codes.len().to_string())],
                    ),
                    160,
                );
                indexable = true;
                crumbs.push((p.name.clone(), self.urls.target(&path)));
                ctx.insert_value("protocol", lv.protocol_values[protocol].clone());
                ctx.insert_value("classes", self.classes(li, protocol));
            }
            Page::Code { protocol, code, .. } => {
                let p = &self.site.protocols[protocol];
                let c = &p.codes[code];
                template = "code.html";
                kind = "code";
                title = fit_title(
                    s,
                    &["title.code", "title.code_short"],
                    &[
                        ("protocol", &p.name),
                        ("code", c.id()),
                        ("name", c.name.get(lang, default).text),
                    ],
                );
                description = excerpt(
                    &format!(
                        "{} {}",
                        s.fill(
                            "description.code",
                            &[("protocol", &p.name), ("code", c.id())]
                        ),
                        c.summary.get(lang, default).text
                    ),
                    160,
                );
                indexable = true;
                crumbs.push((
                    p.name.clone(),
                    self.urls.target(&self.urls.protocol(lang, &p.id)),
                ));
                crumbs.push((c.id().to_string(), self.urls.target(&path)));
                ctx.insert_value("protocol", lv.protocol_values[protocol].clone());
                ctx.insert_value("code", lv.protocols[protocol][code].full.clone());
                ctx.insert_value("comparisons", self.comparisons(li, protocol, code));
                ctx.insert_value("pickers", list([self.picker(li, protocol, Some(code))]));
                ctx.insert(
                    "compare_heading",
                    &s.fill("code.comparisons", &[("code", c.id())]),
                );
            }
            Page::Pair { protocol, a, b, .. } => {
                let p = &self.site.protocols[protocol];
                let (ca, cb) = (&p.codes[a], &p.codes[b]);
                let facts = PairFacts::new(p, ca, cb).ok_or_else(|| {
                    Error::Output(format!("{} or {} has no class", ca.id(), cb.id()))
                })?;
                let words = Words {
                    s,
                    lang,
                    default,
                    protocol: p,
                };
                let pr = prose::pair_prose(&words, &facts);
                template = "pair.html";
                kind = "pair";
                let names = pair_slots(p, ca, cb, lang, default);
                title = fit_title(s, &["title.pair", "title.pair_short"], &names);
                let lead = pr.note.clone().unwrap_or_else(|| pr.intro.join(" "));
                description = excerpt(
                    &format!("{} {lead}", s.fill("description.pair", &names)),
                    160,
                );
                indexable = true;
                crumbs.push((
                    p.name.clone(),
                    self.urls.target(&self.urls.protocol(lang, &p.id)),
                ));
                crumbs.push((s.fill("nav.pair", &names), self.urls.target(&path)));
                ctx.insert("heading", &s.fill("heading.pair", &names));
                ctx.insert_value("protocol", lv.protocol_values[protocol].clone());
                ctx.insert_value("a", lv.protocols[protocol][a].full.clone());
                ctx.insert_value("b", lv.protocols[protocol][b].full.clone());
                let diagram = if pr.phases.is_empty() {
                    String::new()
                } else {
                    super::diagram::svg(
                        &words.phase_lane(),
                        &[
                            super::diagram::Mark {
                                code: ca.id(),
                                phases: &facts.phases_of.0,
                            },
                            super::diagram::Mark {
                                code: cb.id(),
                                phases: &facts.phases_of.1,
                            },
                        ],
                        &s.fill("diagram.title_pair", &names),
                        &pr.phases,
                        &s.fill("diagram.legend_pair", &names),
                    )
                };
                ctx.insert_value("diagram", html(diagram));
                ctx.insert("pair", &pr);
                ctx.insert_value("related_pairs", self.related_pairs(li, protocol, ca, cb));
            }
            Page::Reverse { protocol, a, b, .. } => {
                let p = &self.site.protocols[protocol];
                let (ca, cb) = (&p.codes[a], &p.codes[b]);
                template = "redirect.html";
                kind = "redirect";
                let names = pair_slots(p, ca, cb, lang, default);
                title = fit_title(s, &["title.pair", "title.pair_short"], &names);
                description = s.fill("description.redirect", &names);
                indexable = false;
                let target = self.urls.pair(lang, &p.id, ca.id(), cb.id());
                ctx.insert("target", &format!("{root}{}", self.urls.target(&target)));
                ctx.insert("canonical_target", &self.urls.absolute(&target));
            }
            Page::NotFound => {
                template = "404.html";
                kind = "404";
                title = s.get("notfound.title").to_string();
                description = s.get("notfound.text").to_string();
                indexable = false;
            }
        }
        let canonical = self.canonical(page);
        let alternates = if (canonical.is_some() || matches!(page, Page::Search { .. }))
            && self.langs.len() > 1
        {
            list(self.langs.iter().enumerate().map(|(i, l)| {
                let p = self.page_path(page, i);
                obj! {
                    "lang" => l.lang.as_str(),
                    "name" => self.theme.strings[&l.lang].get("lang_name"),
                    "href" => format!("{root}{}", self.urls.target(&p)),
                    "url" => self.urls.absolute(&p),
                    "current" => i == li,
                }
            }))
        } else {
            list(Vec::<Value>::new())
        };
        let x_default = canonical
            .as_ref()
            .map(|_| self.urls.absolute(&self.page_path(page, 0)));
        let json_ld = canonical
            .as_ref()
            .map(|url| self.json_ld(page, li, url, &title, &description, &crumbs))
            .unwrap_or_default();
        let breadcrumbs = list(crumbs.iter().map(
            |(name, href)| obj! { "name" => name.as_str(), "href" => format!("{root}{href}") },
        ));
        let asset = |name: &str| {
            self.theme
                .asset_paths
                .get(name)
                .map(|p| format!("{root}{p}"))
                .unwrap_or_default()
        };
        let mut meta: Map = Map::new();
        meta.insert("kind", text(kind));
        meta.insert("title", text(&title));
        meta.insert("description", text(&description));
        meta.insert("canonical", text(canonical.as_deref().unwrap_or("")));
        meta.insert("x_default", text(x_default.as_deref().unwrap_or("")));
        meta.insert("indexable", Value::from(indexable));
        meta.insert("alternates", alternates);
        meta.insert("breadcrumbs", breadcrumbs);
        meta.insert("json_ld", html(json_ld));
        meta.insert("css", text(asset("style.css")));
        meta.insert("icon", text(asset("favicon.svg")));
        meta.insert(
            "search",
            text(format!(
                "{root}{}",
                self.urls.target(&self.urls.search(lang))
            )),
        );
        if matches!(
            page,
            Page::Home { .. } | Page::Protocol { .. } | Page::Code { .. } | Page::Search { .. }
        ) {
            scripts.push(asset("search.js"));
        }
        if let Some(live) = &self.live_reload {
            scripts.push(live.clone());
        }
        meta.insert("scripts", strings(&scripts));
        meta.insert("home", text(format!("{root}{home}")));
        ctx.insert_value("page", Value::from(meta));
        self.theme
            .tera
            .render(template, &ctx)
            .map(String::into_bytes)
            .map_err(|e| {
                Error::Theme(format!(
                    "rendering {template} for {}: {}",
                    self.file_of(page),
                    render_tera_error(&e)
                ))
            })
    }

    /// The comparisons the home page offers first: the pairs whose difference an RFC states.
    fn featured(&self, li: usize) -> Value {
        let lang = &self.langs[li].lang;
        let mut out = Vec::new();
        for p in &self.site.protocols {
            for c in &p.codes {
                for note in &c.pair_notes {
                    let (Some(i), Some(j)) = (p.index_of(c.id()), p.index_of(&note.with.value))
                    else {
                        continue;
                    };
                    let (x, y) = if i < j {
                        (&p.codes[i], &p.codes[j])
                    } else {
                        (&p.codes[j], &p.codes[i])
                    };
                    out.push((p, x, y));
                }
            }
        }
        out.sort_by_key(|(p, x, y)| (p.id.clone(), p.index_of(x.id()), p.index_of(y.id())));
        list(
            out.into_iter()
                .map(|(p, x, y)| self.pair_link(lang, p, x, y)),
        )
    }

    fn pair_link(&self, lang: &str, p: &Protocol, x: &Code, y: &Code) -> Value {
        Value::from(self.pair_link_map(lang, p, x, y))
    }

    fn pair_link_map(&self, lang: &str, p: &Protocol, x: &Code, y: &Code) -> Map {
        let default = self.site.config.default_lang();
        let mut m = Map::new();
        m.insert("protocol", text(&p.name));
        m.insert("a", text(x.id()));
        m.insert("b", text(y.id()));
        m.insert("name_a", text(x.name.get(lang, default).text));
        m.insert("name_b", text(y.name.get(lang, default).text));
        m.insert(
            "href",
            text(
                self.urls
                    .target(&self.urls.pair(lang, &p.id, x.id(), y.id())),
            ),
        );
        m
    }

    fn classes(&self, li: usize, protocol: usize) -> Value {
        let lang = &self.langs[li].lang;
        let default = self.site.config.default_lang();
        let p = &self.site.protocols[protocol];
        list(p.classes.iter().filter_map(|(digit, class)| {
            let codes: Vec<Value> = p
                .codes
                .iter()
                .enumerate()
                .filter(|(_, c)| p.class_of(c).is_some_and(|(d, _)| d == digit))
                .map(|(i, _)| self.langs[li].protocols[protocol][i].brief.clone())
                .collect();
            (!codes.is_empty()).then(|| {
                obj! {
                    "digit" => digit.as_str(),
                    "name" => class.name.get(lang, default).text,
                    "description" => class.description.get(lang, default).text,
                    "codes" => Value::from(codes),
                }
            })
        }))
    }

    /// The compare picker of a protocol: its codes in order, and the pair URL pattern.
    fn picker(&self, li: usize, protocol: usize, code: Option<usize>) -> Value {
        let lang = &self.langs[li].lang;
        let p = &self.site.protocols[protocol];
        let a = code.unwrap_or(0);
        let b = code
            .and_then(|c| p.codes[c].related.first())
            .and_then(|r| p.index_of(&r.value))
            .unwrap_or(if a == 0 { 1 } else { 0 });
        let id = |i: usize| p.codes.get(i).map_or("", |c| c.id());
        obj! {
            "protocol" => p.id.as_str(),
            "name" => p.name.as_str(),
            "pair" => self.urls.target(&self.urls.pair(lang, &p.id, "{a}", "{b}")),
            "codes" => list(self.langs[li].protocols[protocol].iter().map(|c| c.brief.clone())),
            "a" => id(a),
            "b" => id(b),
        }
    }

    /// Links from a code page to its comparison with every other code of the protocol.
    fn comparisons(&self, li: usize, protocol: usize, code: usize) -> Value {
        let lang = &self.langs[li].lang;
        let p = &self.site.protocols[protocol];
        let me = &p.codes[code];
        list(
            p.codes
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != code)
                .map(|(i, other)| {
                    let (x, y) = if i < code { (other, me) } else { (me, other) };
                    let mut link = self.pair_link_map(lang, p, x, y);
                    link.insert("other", self.langs[li].protocols[protocol][i].brief.clone());
                    Value::from(link)
                }),
        )
    }

    fn related_pairs(&self, li: usize, protocol: usize, a: &Code, b: &Code) -> Value {
        let lang = &self.langs[li].lang;
        let p = &self.site.protocols[protocol];
        list(related_pairs(a, b, 8).into_iter().filter_map(|(x, y)| {
            let (i, j) = (p.index_of(x)?, p.index_of(y)?);
            let (x, y) = if i < j {
                (&p.codes[i], &p.codes[j])
            } else {
                (&p.codes[j], &p.codes[i])
            };
            Some(self.pair_link(lang, p, x, y))
        }))
    }

    /// JSON-LD for the page: a BreadcrumbList, and DefinedTerm (code), Article (pair) or
    /// CollectionPage. Escaped so that it cannot close its script element.
    fn json_ld(
        &self,
        page: Page,
        li: usize,
        url: &str,
        title: &str,
        description: &str,
        crumbs: &[(String, String)],
    ) -> String {
        let lang = &self.langs[li].lang;
        let items: Vec<serde_json::Value> = crumbs
            .iter()
            .enumerate()
            .map(|(i, (name, href))| {
                let path = href.trim_end_matches("index.html");
                serde_json::json!({"@type": "ListItem", "position": i + 1, "name": name, "item": self.urls.absolute(path)})
            })
            .collect();
        let main = match page {
            Page::Code { protocol, code, .. } => {
                let p = &self.site.protocols[protocol];
                let c = &p.codes[code];
                serde_json::json!({
                    "@type": "DefinedTerm", "@id": url, "url": url, "name": title, "termCode": c.id(),
                    "description": description, "inLanguage": lang,
                    "inDefinedTermSet": {"@type": "DefinedTermSet", "name": p.title.get(lang, self.site.config.default_lang()).text,
                        "url": self.urls.absolute(&self.urls.protocol(lang, &p.id))}
                })
            }
            Page::Pair { .. } => serde_json::json!({
                "@type": "Article", "@id": url, "url": url, "headline": title, "description": description,
                "inLanguage": lang, "mainEntityOfPage": url
            }),
            Page::Protocol { .. } => {
                serde_json::json!({"@type": "DefinedTermSet", "@id": url, "url": url, "name": title, "description": description, "inLanguage": lang})
            }
            _ => {
                serde_json::json!({"@type": "WebSite", "@id": url, "url": url, "name": title, "description": description, "inLanguage": lang})
            }
        };
        let doc = serde_json::json!({"@context": "https://schema.org", "@graph": [main, {"@type": "BreadcrumbList", "itemListElement": items}]});
        doc.to_string()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }
}

/// The slots that pair titles and headings fill: protocol, both codes and both names.
fn pair_slots<'a>(
    p: &'a Protocol,
    a: &'a Code,
    b: &'a Code,
    lang: &'a str,
    default: &'a str,
) -> [(&'static str, &'a str); 5] {
    [
        ("protocol", p.name.as_str()),
        ("a", a.id()),
        ("b", b.id()),
        ("name_a", a.name.get(lang, default).text),
        ("name_b", b.name.get(lang, default).text),
    ]
}

/// Titles longer than this are cut by search engines; the first pattern that fits is used.
const MAX_TITLE: usize = 70;

/// Fills the first of `keys` whose result fits in `MAX_TITLE` characters (else the last).
fn fit_title(s: &crate::i18n::Strings, keys: &[&str], slots: &[(&str, &str)]) -> String {
    let mut title = String::new();
    for key in keys {
        title = s.fill(key, slots);
        if title.chars().count() <= MAX_TITLE {
            break;
        }
    }
    title
}
