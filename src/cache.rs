//! The build cache: for every file, a hash of the inputs it shows and of the bytes written, so
//! that a rebuild renders only the pages whose inputs changed, and writes only the files whose
//! bytes changed (the others keep their modification times). It lives beside the output, never
//! in it; a corrupt or foreign cache fails its checks and is ignored, never trusted.

use crate::build::BuildOptions;
use crate::model::Site;
use crate::render::Page;
use crate::render::theme::{Theme, hash};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const MAGIC: &str = "codevs-cache 3";

/// What each page's output depends on, as hashes.
pub struct Fingerprints {
    global: u64,
    /// Per protocol, per code: the whole code file, and only what lists show (name, summary).
    full: Vec<Vec<u64>>,
    brief: Vec<Vec<u64>>,
    /// Per protocol, per code: the briefs of the codes it names as related.
    related: Vec<Vec<u64>>,
    all_briefs: Vec<u64>,
    /// Which pages there are: the protocols and their codes.
    listing: u64,
    everything: u64,
}

fn combine(parts: &[u64]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in parts {
        h.update(&p.to_le_bytes());
    }
    h.digest()
}

impl Fingerprints {
    pub fn new(site: &Site, theme: &Theme, opts: &BuildOptions, base_url: &str) -> Self {
        let read = |p: &Path| std::fs::read(p).map(|b| hash(&b)).unwrap_or(0);
        let mut global = vec![
            hash(env!("CARGO_PKG_VERSION").as_bytes()),
            theme.fingerprint,
            read(&site.root.join("content").join("site.yaml")),
            hash(base_url.as_bytes()),
            u64::from(opts.offline) | (u64::from(opts.live_reload) << 1),
        ];
        let mut full = Vec::new();
        let mut brief = Vec::new();
        for p in &site.protocols {
            global.push(read(&p.dir.join("protocol.yaml")));
            full.push(p.codes.iter().map(|c| c.source_hash).collect::<Vec<_>>());
            brief.push(
                p.codes
                    .iter()
                    .map(|c| {
                        hash(
                            format!("{}{:?}{:?}{}", c.id(), c.name, c.summary, c.deprecated)
                                .as_bytes(),
                        )
                    })
                    .collect::<Vec<_>>(),
            );
        }
        let related = site
            .protocols
            .iter()
            .zip(&brief)
            .map(|(p, briefs)| {
                p.codes
                    .iter()
                    .map(|c| {
                        let named: Vec<u64> = c
                            .related
                            .iter()
                            .filter_map(|x| p.index_of(&x.value))
                            .map(|i| briefs[i])
                            .collect();
                        combine(&named)
                    })
                    .collect()
            })
            .collect();
        let global = combine(&global);
        let mut ids = vec![global];
        for p in &site.protocols {
            ids.push(hash(p.id.as_bytes()));
            ids.extend(p.codes.iter().map(|c| hash(c.id().as_bytes())));
        }
        let listing = combine(&ids);
        let all_briefs: Vec<u64> = brief.iter().map(|b| combine(b)).collect();
        let mut every = vec![global];
        every.extend(full.iter().flatten());
        every.extend(brief.iter().flatten());
        Fingerprints {
            global,
            everything: combine(&every),
            full,
            brief,
            related,
            all_briefs,
            listing,
        }
    }

    /// The hash of everything `page` shows.
    pub fn page(&self, page: Page) -> u64 {
        match page {
            Page::Pair {
                lang,
                protocol,
                a,
                b,
            } => combine(&[
                self.global,
                lang as u64,
                1,
                self.full[protocol][a],
                self.full[protocol][b],
                self.related[protocol][a],
                self.related[protocol][b],
            ]),
            Page::Reverse {
                lang,
                protocol,
                a,
                b,
            } => combine(&[
                self.global,
                lang as u64,
                2,
                self.brief[protocol][a],
                self.brief[protocol][b],
            ]),
            Page::Code {
                lang,
                protocol,
                code,
            } => combine(&[
                self.global,
                lang as u64,
                3,
                self.full[protocol][code],
                self.all_briefs[protocol],
            ]),
            // Home, protocol, search and 404 pages show lists drawn from every code.
            _ => combine(&[self.everything, 4]),
        }
    }

    /// The hash of what lists every page (the sitemaps): which pages there are.
    pub fn listing(&self) -> u64 {
        self.listing
    }

    /// One hash for the whole site: equal means nothing at all changed.
    pub fn site(&self) -> u64 {
        self.everything
    }
}

/// What the cache knows of one file of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The hash of the inputs the file shows (0 for files made on every build).
    pub input: u64,
    pub size: u64,
    /// The hash of the bytes written.
    pub output: u64,
}

impl Entry {
    /// The entry of `bytes` made from inputs that hash to `input`.
    pub fn of(input: u64, bytes: &[u8]) -> Entry {
        Entry {
            input,
            size: bytes.len() as u64,
            output: hash(bytes),
        }
    }

    /// Whether the previous build wrote the same bytes.
    pub fn same_bytes(&self, previous: Option<&Entry>) -> bool {
        previous.is_some_and(|p| p.size == self.size && p.output == self.output)
    }
}

/// Each file of the output (a path relative to it) and its entry.
pub type Files = HashMap<String, Entry, xxhash_rust::xxh3::Xxh3DefaultBuilder>;

/// The previous build's record: the site's hash, how many pages it had, and each file's entry.
#[derive(Default)]
pub struct Cache {
    pub site: u64,
    pub pages: usize,
    pub files: Files,
}

/// Where the cache of an output folder lives: beside it, hidden.
pub fn path_for(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    output.with_file_name(format!(".{name}.codevs-cache"))
}

impl Cache {
    /// Reads a cache; anything that does not check out gives an empty cache.
    pub fn load(path: &Path) -> Cache {
        let Ok(text) = std::fs::read_to_string(path) else {
            return Cache::default();
        };
        let Some((body, sum)) = text.rsplit_once("checksum ") else {
            return Cache::default();
        };
        if sum.trim() != format!("{:016x}", hash(body.as_bytes())) {
            return Cache::default();
        }
        let mut lines = body.lines();
        if lines.next() != Some(MAGIC) {
            return Cache::default();
        }
        let Some((site, pages)) = lines.next().and_then(|l| {
            let (site, pages) = l.split_once(' ')?;
            Some((u64::from_str_radix(site, 16).ok()?, pages.parse().ok()?))
        }) else {
            return Cache::default();
        };
        let lines_left = body.bytes().filter(|&b| b == b'\n').count();
        let mut files = Files::with_capacity_and_hasher(lines_left, Default::default());
        for line in lines {
            let mut parts = line.split('\t');
            let (Some(file), Some(input), Some(size), Some(output), None) = (
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
            ) else {
                return Cache::default();
            };
            let (Ok(input), Ok(size), Ok(output)) = (
                u64::from_str_radix(input, 16),
                size.parse(),
                u64::from_str_radix(output, 16),
            ) else {
                return Cache::default();
            };
            // The build removes the files a cache names: it must name nothing outside the site.
            if !crate::write::is_inside(file) {
                return Cache::default();
            }
            files.insert(
                file.to_string(),
                Entry {
                    input,
                    size,
                    output,
                },
            );
        }
        Cache { site, pages, files }
    }

    /// The cache as the text that `load` reads back.
    pub fn encode(&self) -> String {
        use std::fmt::Write;
        let mut entries: Vec<(&String, &Entry)> = self.files.iter().collect();
        entries.sort_unstable_by_key(|(file, _)| *file);
        let mut body = format!("{MAGIC}\n{:016x} {}\n", self.site, self.pages);
        for (file, e) in entries {
            let _ = writeln!(
                body,
                "{file}\t{:016x}\t{}\t{:016x}",
                e.input, e.size, e.output
            );
        }
        let sum = hash(body.as_bytes());
        let _ = writeln!(body, "checksum {sum:016x}");
        body
    }
}

/// Writes an encoded cache atomically (a temporary file renamed over the old one).
pub fn save_encoded(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrupt_or_foreign_cache_is_ignored() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join(".public.codevs-cache");
        let mut cache = Cache {
            site: 7,
            ..Cache::default()
        };
        let entry = Entry::of(42, b"<p>");
        cache.files.insert("smtp/index.html".into(), entry);
        save_encoded(&path, &cache.encode()).expect("save");
        assert_eq!(
            Cache::load(&path).files.get("smtp/index.html"),
            Some(&entry)
        );
        let text = std::fs::read_to_string(&path)
            .expect("read")
            .replace("smtp/index", "smtp/indez");
        std::fs::write(&path, text).expect("corrupt");
        assert!(
            Cache::load(&path).files.is_empty(),
            "a changed byte fails the checksum"
        );
        std::fs::write(&path, "something else entirely").expect("foreign");
        assert!(Cache::load(&path).files.is_empty());
    }

    #[test]
    fn a_cache_that_names_files_outside_the_site_is_ignored() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join(".public.codevs-cache");
        for bad in [
            "../secret",
            "/etc/passwd",
            "a/../../b",
            "a//b",
            "./x",
            "a\\..\\b",
        ] {
            let mut cache = Cache::default();
            cache.files.insert("index.html".into(), Entry::of(1, b""));
            cache.files.insert(bad.into(), Entry::of(1, b""));
            save_encoded(&path, &cache.encode()).expect("save");
            assert!(Cache::load(&path).files.is_empty(), "{bad} is refused");
        }
    }
}
