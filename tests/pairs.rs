//! Pair pages against the example page's flaws: each must tell the reader something that
//! neither code's own page says, in whole sentences, and no two may read alike.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};

/// Canonical pair pages of one language: (path, a, b).
fn pair_pages(lang_prefix: &str) -> Vec<(String, String, String)> {
    let root = built_site();
    let dir = root.join(format!("{lang_prefix}smtp"));
    let mut out: Vec<(String, String, String)> = std::fs::read_dir(dir)
        .expect("smtp")
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (a, b) = name.split_once("-vs-")?;
            (a.parse::<u32>().ok()? < b.parse::<u32>().ok()?).then(|| {
                (
                    format!("{lang_prefix}smtp/{name}/index.html"),
                    a.to_string(),
                    b.to_string(),
                )
            })
        })
        .collect();
    out.sort();
    out
}

fn page_sentences(rel: &str, lang: &str) -> Vec<String> {
    let doc = page(built_site(), rel);
    prose_blocks(&doc, lang)
        .iter()
        .flat_map(|b| sentences(b))
        .collect()
}

#[test]
fn a_third_of_each_pair_page_appears_on_neither_code_page() {
    for (prefix, lang) in [("", "en"), ("ko/", "ko")] {
        let mut code_sentences: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (rel, a, b) in pair_pages(prefix) {
            for c in [&a, &b] {
                code_sentences.entry(c.clone()).or_insert_with(|| {
                    page_sentences(&format!("{prefix}smtp/{c}/index.html"), lang)
                        .into_iter()
                        .collect()
                });
            }
            let sentences = page_sentences(&rel, lang);
            assert!(sentences.len() > 10, "{rel} has text");
            let own = sentences
                .iter()
                .filter(|s| !code_sentences[&a].contains(*s) && !code_sentences[&b].contains(*s))
                .count();
            assert!(
                own * 3 >= sentences.len(),
                "{rel}: only {own} of {} sentences are its own",
                sentences.len()
            );
        }
    }
}

#[test]
fn sentences_are_whole_not_glued_fragments() {
    for (prefix, lang) in [("", "en"), ("ko/", "ko")] {
        for (rel, _, _) in pair_pages(prefix) {
            let text = page_sentences(&rel, lang).join(" ");
            for glued in [
                "when after",
                "when when",
                "that a help",
                "that that",
                "{",
                "}",
            ] {
                assert!(!text.contains(glued), "{rel}: {glued:?} in the text");
            }
            // A missing UI string shows as its key (`diff.phases`): never on a page.
            for word in text.split_whitespace() {
                let key =
                    word.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '.');
                let namespaced = [
                    "pair.", "diff.", "server.", "client.", "outcome.", "code.", "table.",
                    "diagram.", "nav.", "title.",
                ]
                .iter()
                .any(|n| key.len() > n.len() && key.starts_with(n));
                assert!(!namespaced, "{rel}: missing string {key}");
            }
        }
    }
}

#[test]
fn sections_do_not_repeat_each_other() {
    for (prefix, _) in [("", "en"), ("ko/", "ko")] {
        for (rel, _, _) in pair_pages(prefix).into_iter().step_by(7) {
            let doc = page(built_site(), &rel);
            let section =
                |css: &str| -> BTreeSet<String> { select(&doc, css).iter().map(text_of).collect() };
            let diffs = section("#differences ~ ol li");
            let when = section("section[aria-labelledby=when-to-use] li");
            let intro: BTreeSet<String> = select(&doc, ".intro p")
                .iter()
                .flat_map(|p| sentences(&text_of(p)))
                .collect();
            let descriptions: BTreeSet<String> = select(&doc, ".code-card .prose")
                .iter()
                .flat_map(|p| sentences(&text_of(p)))
                .collect();
            for d in diffs.iter().chain(&when) {
                assert!(
                    !descriptions.contains(d),
                    "{rel}: {d:?} repeats a description"
                );
            }
            assert!(
                diffs.is_disjoint(&when),
                "{rel}: key differences repeat when-to-use"
            );
            assert!(
                intro.is_disjoint(&diffs),
                "{rel}: the intro repeats a key difference"
            );
        }
    }
}

fn shingles(text: &str) -> BTreeSet<u64> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(3)
        .map(|w| xxhash_rust::xxh3::xxh3_64(w.join(" ").as_bytes()))
        .collect()
}

#[test]
fn no_two_pair_pages_are_nearly_the_same() {
    for (prefix, lang) in [("", "en"), ("ko/", "ko")] {
        let pages = pair_pages(prefix);
        let sets: Vec<BTreeSet<u64>> = pages
            .iter()
            .map(|(rel, _, _)| shingles(&page_sentences(rel, lang).join(" ")))
            .collect();
        let mut worst = (0.0f64, String::new());
        for i in 0..pages.len() {
            for j in i + 1..pages.len() {
                // Pages that share no code share little by construction; compare the rest.
                let (a, b) = (&pages[i], &pages[j]);
                if a.1 != b.1 && a.1 != b.2 && a.2 != b.1 && a.2 != b.2 {
                    continue;
                }
                let inter = sets[i].intersection(&sets[j]).count() as f64;
                let union = sets[i].union(&sets[j]).count() as f64;
                let jaccard = inter / union;
                if jaccard > worst.0 {
                    worst = (jaccard, format!("{} and {}", a.0, b.0));
                }
            }
        }
        assert!(
            worst.0 < 0.75,
            "{} are {:.0}% alike",
            worst.1,
            worst.0 * 100.0
        );
    }
}

#[test]
fn titles_and_descriptions_are_unique_and_cut_between_words() {
    let root = built_site();
    let mut titles = BTreeMap::new();
    let mut descriptions = BTreeMap::new();
    for (rel, bytes) in tree(root).iter().filter(|(k, _)| k.ends_with(".html")) {
        let doc = scraper::Html::parse_document(&String::from_utf8_lossy(bytes));
        if attr(&doc, "meta[name=robots]", "content").as_deref() == Some("noindex") {
            continue;
        }
        let title = text_of(&select(&doc, "title")[0]);
        let desc = attr(&doc, "meta[name=description]", "content").expect("description");
        assert!(desc.chars().count() <= 160, "{rel}: description too long");
        if let Some(cut) = desc.strip_suffix('…') {
            let last = cut.split_whitespace().last().expect("word");
            let body = select(&doc, "main").iter().map(text_of).collect::<String>() + &title;
            assert!(
                body.split_whitespace()
                    .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric())
                        == last.trim_matches(|c: char| !c.is_alphanumeric())),
                "{rel}: description cut mid-word at {last:?}"
            );
        }
        if let Some(other) = titles.insert(title.clone(), rel.clone()) {
            panic!("{rel} and {other} share the title {title:?}");
        }
        if let Some(other) = descriptions.insert(desc.clone(), rel.clone()) {
            panic!("{rel} and {other} share the description {desc:?}");
        }
    }
}

#[test]
fn rfc_stated_pairs_lead_with_the_rfc_distinction() {
    for (rel, word) in [
        ("smtp/450-vs-550/index.html", "450"),
        ("smtp/500-vs-502/index.html", "502"),
        ("smtp/221-vs-421/index.html", "421"),
        ("ko/smtp/450-vs-550/index.html", "450"),
    ] {
        let doc = page(built_site(), rel);
        let intro = select(&doc, ".intro p");
        let first = text_of(intro.first().expect("intro"));
        assert!(
            intro[0].value().classes().any(|c| c == "rfc-note"),
            "{rel}: the RFC note comes first"
        );
        assert!(first.contains(word), "{rel}: {first}");
        let html = std::fs::read_to_string(built_site().join(rel)).expect("page");
        assert!(
            html.find("rfc-note") < html.find("<table"),
            "{rel}: the note is before the table"
        );
    }
}
