//! The build, end to end: fixture sites in, parsed HTML out.

mod common;
use common::*;
use std::fs;

#[test]
fn every_pair_has_one_canonical_page_and_one_reverse_page_per_language() {
    let out = tempfile::tempdir().expect("tmp");
    let report = build(&repo(), out.path()).expect("the SMTP site builds");
    let codes: Vec<String> = fs::read_dir(repo().join("content/smtp"))
        .expect("content")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "protocol.yaml" && n.ends_with(".yaml"))
        .map(|n| n.trim_end_matches(".yaml").to_string())
        .collect();
    let n = codes.len();
    assert!(n >= 38, "all SMTP codes are there: {n}");
    for prefix in ["", "ko/"] {
        let dir = out.path().join(format!("{prefix}smtp"));
        let pairs: Vec<String> = fs::read_dir(&dir)
            .expect("smtp dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("-vs-"))
            .collect();
        assert_eq!(
            pairs.len(),
            n * (n - 1),
            "canonical and reverse pages under {prefix}smtp"
        );
        let canonical: Vec<&String> = pairs
            .iter()
            .filter(|p| {
                let (a, b) = p.split_once("-vs-").expect("pair");
                a.parse::<u32>().expect("num") < b.parse::<u32>().expect("num")
            })
            .collect();
        assert_eq!(canonical.len(), n * (n - 1) / 2);
        for p in canonical.iter().take(60) {
            let doc = page(out.path(), &format!("{prefix}smtp/{p}/index.html"));
            let h1 = select(&doc, "h1");
            assert_eq!(h1.len(), 1, "{p} has one h1");
            let (a, b) = p.split_once("-vs-").expect("pair");
            let text = text_of(&h1[0]);
            assert!(
                text.contains(a) && text.contains(b),
                "{p}: h1 {text:?} names both codes"
            );
        }
    }
    // home, search, protocol, codes, pairs, reverse pairs, per language, and one 404 page
    assert_eq!(report.pages, 1 + 2 * (3 + n + n * (n - 1)));
}

#[test]
fn reverse_order_pages_point_to_the_canonical_page_and_are_not_indexed() {
    let out = tempfile::tempdir().expect("tmp");
    build(&fixture("mini"), out.path()).expect("build");
    let doc = page(out.path(), "smtp/550-vs-450/index.html");
    assert_eq!(
        attr(&doc, "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
    assert_eq!(
        attr(&doc, "link[rel=canonical]", "href").as_deref(),
        Some("https://codevs.example.org/smtp/450-vs-550/")
    );
    assert_eq!(
        attr(&doc, "meta[http-equiv=refresh]", "content").as_deref(),
        Some("0; url=../../smtp/450-vs-550/")
    );
    assert!(
        select(&doc, "main a[href='../../smtp/450-vs-550/']").len() == 1,
        "a visible link"
    );
    let canonical = page(out.path(), "smtp/450-vs-550/index.html");
    assert!(attr(&canonical, "meta[name=robots]", "content").is_none());
}

#[test]
fn two_builds_are_byte_identical() {
    let (one, two) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    build(&repo(), one.path()).expect("first");
    build(&repo(), two.path()).expect("second");
    let (a, b) = (tree(one.path()), tree(two.path()));
    assert_eq!(a.len(), b.len());
    for (k, v) in &a {
        assert!(b.get(k) == Some(v), "{k} differs between builds");
    }
}

#[test]
fn a_broken_file_is_named_with_its_line_and_the_previous_site_stays() {
    let site = copy_fixture("mini");
    let out = site.path().join("public");
    build(site.path(), &out).expect("good build");
    let before = tree(&out);
    let file = site.path().join("content/smtp/450.yaml");
    let text = fs::read_to_string(&file)
        .expect("read")
        .replacen("description:", "descripton:", 1);
    fs::write(&file, text).expect("write");
    let err = build(site.path(), &out).expect_err("broken content fails");
    let shown = err.render(false);
    assert!(shown.contains("450.yaml:"), "{shown}");
    assert!(shown.contains("did you mean `description`?"), "{shown}");
    let line = fs::read_to_string(&file)
        .expect("read")
        .lines()
        .position(|l| l.starts_with("descripton:"))
        .expect("line")
        + 1;
    assert!(
        shown.contains(&format!("450.yaml:{line}:1")),
        "names line {line}: {shown}"
    );
    assert_eq!(tree(&out), before, "the previous site is untouched");
}

#[test]
fn stale_pages_disappear_when_a_code_is_removed() {
    let site = copy_fixture("mini");
    let out = site.path().join("public");
    build(site.path(), &out).expect("build");
    assert!(out.join("smtp/250/index.html").is_file());
    fs::remove_file(site.path().join("content/smtp/250.yaml")).expect("rm");
    let file = site.path().join("content/smtp/550.yaml");
    fs::write(
        &file,
        fs::read_to_string(&file)
            .expect("read")
            .replace("\"450\", \"551\"", "\"450\""),
    )
    .expect("write");
    build(site.path(), &out).expect("rebuild");
    assert!(!out.join("smtp/250/index.html").exists());
    assert!(!out.join("smtp/250-vs-450").exists());
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let site = copy_fixture("mini");
    let out = site.path().join("public");
    fs::create_dir_all(&out).expect("mkdir");
    fs::write(out.join("precious.txt"), "mine").expect("write");
    let err = build(site.path(), &out).expect_err("refused");
    assert!(err.to_string().contains("did not create"), "{err}");
    assert_eq!(
        fs::read_to_string(out.join("precious.txt")).expect("kept"),
        "mine"
    );
}

#[test]
fn refuses_an_output_folder_that_holds_or_is_the_content() {
    let site = copy_fixture("mini");
    for bad in [
        site.path().to_path_buf(),
        site.path().join("content"),
        site.path().join("content/out"),
    ] {
        let err = build(site.path(), &bad).expect_err("refused");
        assert!(
            err.to_string().contains("refusing"),
            "{}: {err}",
            bad.display()
        );
    }
}

#[test]
fn nothing_is_tied_to_smtp_english_or_korean() {
    let out = tempfile::tempdir().expect("tmp");
    let report = build(&fixture("multi"), out.path()).expect("multi builds");
    assert_eq!((report.languages, report.protocols), (3, 2));
    // the web protocol has classes only: no category row, no phases row
    let doc = page(out.path(), "de/web/200-vs-404/index.html");
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("de"));
    let rows: Vec<String> = select(&doc, "table.compare tbody th")
        .iter()
        .map(text_of)
        .collect();
    assert!(
        rows.iter().all(|r| r != "Category" && r != "Session phase"),
        "{rows:?}"
    );
    assert_eq!(select(&doc, "a[hreflang=ko]").len(), 1);
    // the German UI string from the site's own theme file, with English fallback elsewhere
    assert!(
        select(&doc, ".crumbs a")
            .iter()
            .any(|a| text_of(a) == "Startseite")
    );
    // the untranslated summary is marked as English
    let code = page(out.path(), "de/web/404/index.html");
    assert_eq!(attr(&code, "p.lead", "lang").as_deref(), Some("en"));
    assert_eq!(
        fs::read_to_string(out.path().join("CNAME")).expect("cname"),
        "codes.example.org\n"
    );
    assert!(out.path().join(".nojekyll").is_file());
}

#[test]
fn links_stay_under_a_base_url_path() {
    let out = tempfile::tempdir().expect("tmp");
    build(&fixture("multi"), out.path()).expect("build");
    let doc = page(out.path(), "404.html");
    for a in select(&doc, "a[href]") {
        let href = a.value().attr("href").expect("href");
        assert!(
            href.starts_with("/repo/") || href.starts_with('#'),
            "404 link {href} escapes /repo/"
        );
    }
    let pair = page(out.path(), "ko/smtp/250-vs-550/index.html");
    assert_eq!(
        attr(&pair, "link[rel=canonical]", "href").as_deref(),
        Some("https://user.github.io/repo/ko/smtp/250-vs-550/")
    );
    for l in select(&pair, "link[rel=alternate]") {
        assert!(
            l.value()
                .attr("href")
                .expect("href")
                .starts_with("https://user.github.io/repo/")
        );
    }
    assert_eq!(
        attr(&pair, "link[hreflang=x-default]", "href").as_deref(),
        Some("https://user.github.io/repo/smtp/250-vs-550/")
    );
}

#[test]
fn every_internal_link_resolves_to_a_file() {
    for offline in [false, true] {
        let out = tempfile::tempdir().expect("tmp");
        let opts = codevs::BuildOptions {
            root: fixture("multi"),
            output: Some(out.path().to_path_buf()),
            base_url: None,
            offline,
            live_reload: false,
            force: false,
        };
        build_with(opts).expect("build");
        for (rel, bytes) in tree(out.path())
            .iter()
            .filter(|(k, _)| k.ends_with("index.html"))
        {
            let doc = scraper::Html::parse_document(&String::from_utf8_lossy(bytes));
            let base = out.path().join(rel).parent().expect("parent").to_path_buf();
            for el in select(&doc, "a[href], link[rel=stylesheet]") {
                let href = el.value().attr("href").expect("href");
                if href.starts_with("http") || href.starts_with('#') {
                    continue;
                }
                if offline {
                    assert!(
                        href.ends_with(".html") || href.ends_with(".css"),
                        "{rel}: offline link {href} names no file"
                    );
                }
                let mut target = base.join(href);
                if href.ends_with('/') || href.is_empty() {
                    target = target.join("index.html");
                }
                assert!(
                    target.is_file(),
                    "{rel}: link {href} does not resolve (offline: {offline})"
                );
            }
        }
    }
}

#[test]
fn content_html_is_sanitized() {
    let site = copy_fixture("mini");
    let file = site.path().join("content/smtp/250.yaml");
    let text = fs::read_to_string(&file).expect("read");
    let hostile = text.replacen(
        "description:\n  en: |\n",
        "description:\n  en: |\n    <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <iframe src=\"https://e.org\"></iframe>\n\n",
        1,
    );
    assert_ne!(hostile, text, "the fixture has a block description");
    fs::write(
        &file,
        hostile.replace("name:\n  en: ", "name:\n  en: <b onclick=x>"),
    )
    .expect("write");
    let out = site.path().join("public");
    build(site.path(), &out).expect("build");
    for rel in ["smtp/250/index.html", "smtp/250-vs-450/index.html"] {
        let doc = page(&out, rel);
        assert!(
            select(
                &doc,
                "body script, .prose iframe, .prose style, .prose form, .prose object, .prose embed"
            )
            .is_empty(),
            "{rel} has an active element"
        );
        for el in select(&doc, "body *") {
            for (name, value) in el.value().attrs() {
                assert!(!name.starts_with("on"), "{rel}: event handler {name}");
                let v = value.trim().to_ascii_lowercase();
                assert!(
                    !v.starts_with("javascript:") && !v.starts_with("data:"),
                    "{rel}: {name}={value}"
                );
            }
        }
        let html = fs::read_to_string(out.join(rel)).expect("page");
        assert!(
            html.contains("&lt;b onclick=x&gt;"),
            "{rel}: a plain text field is escaped"
        );
    }
}

#[test]
fn sitemap_lists_indexable_pages_with_their_alternates_and_robots_names_it() {
    let out = tempfile::tempdir().expect("tmp");
    build(&fixture("multi"), out.path()).expect("build");
    let sitemap = fs::read_to_string(out.path().join("sitemap.xml")).expect("sitemap");
    // 3 languages × (home + 2 protocols + 5 codes + 1 + 3 pairs)
    assert_eq!(sitemap.matches("<url>").count(), 3 * (1 + 2 + 5 + 1 + 3));
    assert!(sitemap.contains("<loc>https://user.github.io/repo/de/web/200-vs-404/</loc>"));
    assert!(
        sitemap
            .contains(r#"hreflang="x-default" href="https://user.github.io/repo/web/200-vs-404/""#)
    );
    assert!(!sitemap.contains("404-vs-200"), "reverse pages stay out");
    assert!(!sitemap.contains("404.html"));
    let robots = fs::read_to_string(out.path().join("robots.txt")).expect("robots");
    assert!(robots.contains("Sitemap: https://user.github.io/repo/sitemap.xml"));
}

#[test]
fn a_large_sitemap_becomes_an_index() {
    let site = codevs::load::load(&fixture("multi")).expect("load").0;
    let langs: Vec<&str> = site.config.languages().collect();
    let theme =
        codevs::render::theme::Theme::load(&fixture("multi"), "default", &langs).expect("theme");
    let urls = codevs::derive::urls::Urls::new(
        "https://x.org/",
        "en",
        codevs::derive::urls::LinkStyle::Directory,
    );
    let r = codevs::render::Renderer::new(&site, &theme, urls);
    let files = codevs::render::sitemap::sitemaps(&r, &r.pages(), 10);
    assert_eq!(files[0].0, "sitemap.xml");
    let index = String::from_utf8(files[0].1.clone()).expect("utf8");
    assert!(index.contains("<sitemapindex"));
    assert_eq!(files.len(), 1 + 4, "36 URLs in files of 10");
    assert!(index.contains("<loc>https://x.org/sitemap-4.xml</loc>"));
}

#[test]
fn every_code_has_json_data_and_the_protocol_lists_them() {
    let out = tempfile::tempdir().expect("tmp");
    build(&fixture("multi"), out.path()).expect("build");
    let list: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("web/codes.json")).expect("codes.json"))
            .expect("json");
    let codes = list["codes"].as_array().expect("codes");
    assert_eq!(codes.len(), 3);
    assert_eq!(
        codes[1]["json_url"],
        "https://user.github.io/repo/web/404.json"
    );
    let one: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("web/404.json")).expect("404.json"))
            .expect("json");
    assert_eq!(one["code"], "404");
    assert_eq!(one["class"]["outcome"], "client_error");
    assert_eq!(
        one["html_url"]["de"],
        "https://user.github.io/repo/de/web/404/"
    );
    assert_eq!(
        one["meanings"][0]["source"]["url"],
        "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5"
    );
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let out = tempfile::tempdir().expect("tmp");
    let opts = codevs::BuildOptions {
        root: fixture("mini"),
        output: Some(out.path().to_path_buf()),
        base_url: Some("https://user.github.io/other".into()),
        offline: false,
        live_reload: false,
        force: false,
    };
    build_with(opts).expect("build");
    let doc = page(out.path(), "smtp/250/index.html");
    assert_eq!(
        attr(&doc, "link[rel=canonical]", "href").as_deref(),
        Some("https://user.github.io/other/smtp/250/")
    );
    let doc = page(out.path(), "404.html");
    for a in select(&doc, "a[href]") {
        let href = a.value().attr("href").expect("href");
        assert!(
            href.starts_with("/other/") || href.starts_with('#'),
            "{href}"
        );
    }
}
