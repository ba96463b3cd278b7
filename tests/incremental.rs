//! Incremental builds: after each kind of edit, a rebuild over the previous site equals a
//! fresh build byte for byte; after no edit nothing is rendered or rewritten; a corrupt cache
//! is ignored; the output is the same on one thread or two.

mod common;
use common::*;
use std::fs;
use std::path::Path;

/// A change to a site root.
type Edit = fn(&Path);

/// Every kind of edit a publisher makes.
const EDITS: &[(&str, Edit)] = &[
    ("a description", |r| {
        edit(
            r,
            "content/smtp/450.yaml",
            "450은 일시적",
            "450은 분명히 일시적",
        )
    }),
    ("a code's name", |r| {
        edit(
            r,
            "content/smtp/250.yaml",
            "Requested action completed",
            "Action completed",
        )
    }),
    ("a new code", |r| {
        let text = fs::read_to_string(r.join("content/smtp/450.yaml"))
            .expect("read")
            .replace("code: \"450\"", "code: \"457\"")
            .replace("pair_notes:", "pair_notes_removed:");
        let text = text
            .split("pair_notes_removed:")
            .next()
            .expect("head")
            .to_string();
        fs::write(r.join("content/smtp/457.yaml"), text).expect("write");
    }),
    ("a removed code", |r| {
        // One that no other code names: 453 in the SMTP site, 250 in the small one.
        let unnamed = ["453", "250"]
            .map(|c| r.join(format!("content/smtp/{c}.yaml")))
            .into_iter()
            .find(|f| f.exists())
            .expect("a code to remove");
        fs::remove_file(unnamed).expect("rm");
    }),
    ("a template", |r| {
        fs::create_dir_all(r.join("themes/default/templates")).expect("mkdir");
        let base =
            fs::read_to_string(repo().join("themes/default/templates/base.html")).expect("base");
        fs::write(
            r.join("themes/default/templates/base.html"),
            base.replace("<footer", "<!-- edited --><footer"),
        )
        .expect("write");
    }),
    ("an i18n string", |r| {
        fs::create_dir_all(r.join("themes/default/i18n")).expect("mkdir");
        fs::write(
            r.join("themes/default/i18n/ko.yaml"),
            "nav:\n  home: 처음\n",
        )
        .expect("write");
    }),
    ("site.yaml", |r| {
        edit(
            r,
            "content/site.yaml",
            "SMTP reply codes, compared",
            "SMTP replies, compared",
        )
    }),
];

/// Makes a copy of a site that a test may change.
type CopySite = fn() -> tempfile::TempDir;

#[test]
fn an_incremental_build_equals_a_fresh_one_after_every_kind_of_edit() {
    // The small site is mostly rebuilt whole; the SMTP site mostly updated in place.
    let sites: [(&str, CopySite); 2] = [
        ("the small site", || copy_fixture("mini")),
        ("the SMTP site", copy_smtp_site),
    ];
    for ((name, copy), (what, change)) in
        sites.iter().flat_map(|s| EDITS.iter().map(move |e| (s, e)))
    {
        let what = format!("{what} in {name}");
        let site = copy();
        let out = site.path().join("public");
        build(site.path(), &out).expect("first build");
        change(site.path());
        let report = build(site.path(), &out).expect("incremental build");
        let fresh = tempfile::tempdir().expect("tmp");
        build(site.path(), fresh.path()).expect("fresh build");
        let (a, b) = (tree(&out), tree(fresh.path()));
        assert_eq!(
            a.keys().collect::<Vec<_>>(),
            b.keys().collect::<Vec<_>>(),
            "after {what}: the same files"
        );
        for (k, v) in &a {
            assert!(
                b.get(k) == Some(v),
                "after {what}: {k} differs from a fresh build"
            );
        }
        assert!(report.rendered > 0, "after {what}: something was rendered");
    }
}

fn mtimes(dir: &Path) -> Vec<(String, std::time::SystemTime)> {
    tree(dir)
        .into_keys()
        .map(|k| {
            let t = fs::metadata(dir.join(&k))
                .and_then(|m| m.modified())
                .expect("mtime");
            (k, t)
        })
        .collect()
}

#[test]
fn no_change_renders_nothing_and_one_change_renders_only_what_shows_it() {
    let site = copy_fixture("mini");
    let out = site.path().join("public");
    let first = build(site.path(), &out).expect("build");
    assert_eq!(first.rendered, first.pages);
    let before = mtimes(&out);
    let bytes_before = tree(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = build(site.path(), &out).expect("rebuild");
    assert_eq!(again.rendered, 0, "nothing rendered");
    assert_eq!(again.pages, first.pages, "the same pages reported");
    assert_eq!(mtimes(&out), before, "no file rewritten");

    edit(
        site.path(),
        "content/smtp/450.yaml",
        "450은 일시적",
        "450은 분명히 일시적",
    );
    let one = build(site.path(), &out).expect("after one edit");
    assert!(
        one.rendered < one.pages,
        "{} of {} rendered",
        one.rendered,
        one.pages
    );
    let after: std::collections::BTreeMap<_, _> = mtimes(&out).into_iter().collect();
    let before: std::collections::BTreeMap<_, _> = before.into_iter().collect();
    // A pair page of two other codes, in English, does not show 450's Korean description.
    assert_eq!(
        after["smtp/250-vs-550/index.html"],
        before["smtp/250-vs-550/index.html"]
    );
    // Every file whose bytes did not change keeps its modification time; the others get new ones.
    for (file, bytes) in tree(&out) {
        if bytes_before.get(&file) == Some(&bytes) {
            assert_eq!(after[&file], before[&file], "{file} was rewritten");
        } else {
            assert_ne!(
                after.get(&file),
                before.get(&file),
                "{file} changed in place"
            );
        }
    }
    assert_ne!(
        after["ko/smtp/450/index.html"],
        before["ko/smtp/450/index.html"]
    );
}

#[test]
fn a_corrupt_cache_is_ignored() {
    let site = copy_fixture("mini");
    let out = site.path().join("public");
    build(site.path(), &out).expect("build");
    let reference = tree(&out);
    let cache = site.path().join(".public.codevs-cache");
    assert!(cache.is_file(), "the cache lives beside the output");
    assert!(!out.join(".public.codevs-cache").exists(), "and not in it");
    let text = fs::read_to_string(&cache).expect("cache");
    // Leading zeros: the same entries, but the bytes no longer match the checksum.
    fs::write(&cache, text.replace('\t', "\t0")).expect("corrupt");
    // A page the edit below does not touch, damaged with its size kept: only a build that
    // ignores the cache puts it right (a trusted cache would keep it).
    let damaged = out.join("smtp/250/index.html");
    let page = fs::read_to_string(&damaged).expect("page");
    assert!(page.contains("Requested"));
    fs::write(&damaged, page.replacen("Requested", "Xequested", 1)).expect("damage");
    edit(
        site.path(),
        "content/smtp/550.yaml",
        "550은 영구적",
        "550은 언제나 영구적",
    );
    build(site.path(), &out).expect("build with a corrupt cache");
    let fresh = tempfile::tempdir().expect("tmp");
    build(site.path(), fresh.path()).expect("fresh");
    assert_eq!(tree(&out), tree(fresh.path()));
    assert_ne!(tree(&out), reference);
}

#[test]
fn one_thread_or_two_give_the_same_bytes() {
    let mut trees = Vec::new();
    for threads in ["1", "2"] {
        let out = tempfile::tempdir().expect("tmp");
        let status = codevs()
            .args(["build", "-q", "--root"])
            .arg(repo())
            .arg("--output")
            .arg(out.path())
            .env("RAYON_NUM_THREADS", threads)
            .status()
            .expect("build");
        assert!(status.success());
        trees.push(tree(out.path()));
    }
    assert!(
        trees[0] == trees[1],
        "the output depends on the number of threads"
    );
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).expect("metadata").ino()
}

#[cfg(unix)]
#[test]
fn a_small_edit_updates_the_site_in_place_and_a_large_one_swaps_in_a_new_site() {
    let site = copy_smtp_site();
    let out = site.path().join("public");
    build(site.path(), &out).expect("first build");
    let folder = inode(&out);
    let untouched = inode(&out.join("smtp/250-vs-550/index.html"));
    edit(
        site.path(),
        "content/smtp/450.yaml",
        "450은 일시적",
        "450은 분명히 일시적",
    );
    build(site.path(), &out).expect("a small edit");
    assert_eq!(inode(&out), folder, "updated in place: the same folder");
    assert_eq!(
        inode(&out.join("smtp/250-vs-550/index.html")),
        untouched,
        "a page that does not show the edit is left alone"
    );

    fs::create_dir_all(site.path().join("themes/default/templates")).expect("mkdir");
    let base = fs::read_to_string(repo().join("themes/default/templates/base.html")).expect("base");
    fs::write(
        site.path().join("themes/default/templates/base.html"),
        base.replace("<footer", "<!-- edited --><footer"),
    )
    .expect("write");
    let report = build(site.path(), &out).expect("a template edit");
    assert_eq!(report.rendered, report.pages);
    assert_ne!(inode(&out), folder, "a whole new site swapped in");
}

#[test]
fn force_puts_back_what_was_changed_in_the_output_by_hand() {
    let site = copy_smtp_site();
    let out = site.path().join("public");
    build(site.path(), &out).expect("first build");
    let reference = tree(&out);
    fs::remove_file(out.join("smtp/250-vs-550/index.html")).expect("rm");
    fs::write(out.join("smtp/250/index.html"), "truncated").expect("damage");
    let mut opts = codevs::BuildOptions::new(site.path());
    opts.output = Some(out.clone());
    opts.force = true;
    let report = build_with(opts).expect("a forced build");
    assert_eq!(report.rendered, report.pages, "every page rendered again");
    assert!(tree(&out) == reference, "the output is whole again");
}
