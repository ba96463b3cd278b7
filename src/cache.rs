//! The build cache: for every page, a hash of the inputs that page shows, so that a rebuild
//! renders only the pages whose inputs changed and links the others from the previous site
//! (keeping their modification times). It lives beside the output, never in it; a corrupt or
//! foreign cache fails its checksum and is ignored, never trusted.

use crate::build::BuildOptions;
use crate::model::Site;
use crate::render::theme::{Theme, hash};
use crate::render::{Page, Renderer};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const MAGIC: &str = "codevs-cache 1";

/// What each page's output depends on, as hashes.
pub struct Fingerprints {
    global: u64,
    /// Per protocol, per code: the whole code file, and only what lists show (name, summary).
    full: Vec<Vec<u64>>,
    brief: Vec<Vec<u64>>,
    all_briefs: Vec<u64>,
    everything: u64,
}

fn combine(parts: &[u64]) -> u64 {
    let bytes: Vec<u8> = parts.iter().flat_map(|p| p.to_le_bytes()).collect();
    hash(&bytes)
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
            full.push(p.codes.iter().map(|c| read(&c.path)).collect::<Vec<_>>());
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
        let global = combine(&global);
        let all_briefs: Vec<u64> = brief.iter().map(|b| combine(b)).collect();
        let mut every = vec![global];
        every.extend(full.iter().flatten());
        every.extend(brief.iter().flatten());
        Fingerprints {
            global,
            everything: combine(&every),
            full,
            brief,
            all_briefs,
        }
    }

    /// The hash of everything `page` shows.
    pub fn page(&self, r: &Renderer, page: Page) -> u64 {
        let related = |p: usize, c: usize| -> Vec<u64> {
            let proto = &r.site.protocols[p];
            proto.codes[c]
                .related
                .iter()
                .filter_map(|x| proto.index_of(&x.value))
                .map(|i| self.brief[p][i])
                .collect()
        };
        match page {
            Page::Pair {
                lang,
                protocol,
                a,
                b,
            } => {
                let mut parts = vec![
                    self.global,
                    lang as u64,
                    1,
                    self.full[protocol][a],
                    self.full[protocol][b],
                ];
                parts.extend(related(protocol, a));
                parts.extend(related(protocol, b));
                combine(&parts)
            }
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

    /// One hash for the whole site: equal means nothing at all changed.
    pub fn site(&self) -> u64 {
        self.everything
    }
}

/// The previous build's record: each file's input hash and size.
#[derive(Default)]
pub struct Cache {
    pub site: u64,
    pub files: HashMap<String, (u64, u64)>,
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
        let Some(site) = lines.next().and_then(|l| u64::from_str_radix(l, 16).ok()) else {
            return Cache::default();
        };
        let mut files = HashMap::new();
        for line in lines {
            let mut parts = line.split('\t');
            let (Some(file), Some(h), Some(size)) = (parts.next(), parts.next(), parts.next())
            else {
                return Cache::default();
            };
            let (Ok(h), Ok(size)) = (u64::from_str_radix(h, 16), size.parse()) else {
                return Cache::default();
            };
            files.insert(file.to_string(), (h, size));
        }
        Cache { site, files }
    }

    /// Writes the cache atomically (a temporary file renamed over the old one).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let mut entries: Vec<(&String, &(u64, u64))> = self.files.iter().collect();
        entries.sort();
        let mut body = format!("{MAGIC}\n{:016x}\n", self.site);
        for (file, (h, size)) in entries {
            body.push_str(&format!("{file}\t{h:016x}\t{size}\n"));
        }
        let sum = format!("{:016x}", hash(body.as_bytes()));
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, format!("{body}checksum {sum}\n"))?;
        std::fs::rename(&tmp, path)
    }
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
        cache.files.insert("smtp/index.html".into(), (42, 100));
        cache.save(&path).expect("save");
        assert_eq!(
            Cache::load(&path).files.get("smtp/index.html"),
            Some(&(42, 100))
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
}
