//! Step 4 of a build: the one place that writes the site. Files go into a staging folder
//! beside the output, so a failed or killed build leaves the previous site whole. Then:
//!
//! - a **whole** build stages every file (unchanged ones as hard links to the previous site) and
//!   swaps the staging folder in with one atomic rename;
//! - an **update** (few pages changed) stages only the changed files and moves each over its
//!   old version, new files first and stale files removed last. Every file is whole at every
//!   moment; a build killed during those moves (milliseconds) leaves some pages new and some
//!   old, and no cache, so the next build redoes the whole site.
//!
//! codevs only ever replaces a folder that carries its marker file.

use crate::error::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// The file that marks a folder as written by codevs (and so safe to replace).
pub const MARKER: &str = ".codevs-output";
const MARKER_TEXT: &str =
    "This folder is written by codevs build; it is replaced on every build.\n";

pub struct Staging {
    pub dir: PathBuf,
    output: PathBuf,
    /// Whether only changed files are staged (an update), or every file (a whole build).
    update: bool,
    /// In an update, the files staged so far.
    staged: std::sync::Mutex<Vec<String>>,
}

fn is_within(path: &Path, folder: &Path) -> bool {
    path.starts_with(folder)
}

/// Whether `rel` is a path inside the output: relative, with `/`, and no empty, `.` or `..`
/// parts. Files are written and removed only at such paths.
pub fn is_inside(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.starts_with('/')
        && !rel.contains('\\')
        && rel.split('/').all(|part| !matches!(part, "" | "." | ".."))
}

/// An absolute, normalized form of `p` (without requiring it to exist).
fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Checks that `output` may be replaced, and makes an empty staging folder beside it. `update`
/// asks for an update in place, which needs a previous site to update.
pub fn stage(root: &Path, output: &Path, update: bool) -> Result<Staging> {
    let out_abs = absolute(output);
    let root_abs = absolute(root);
    for protected in ["content", "themes"] {
        let p = root_abs.join(protected);
        if is_within(&p, &out_abs) {
            return Err(Error::Output(format!(
                "refusing to write to {}: it holds {}",
                output.display(),
                p.display()
            )));
        }
        if is_within(&out_abs, &p) {
            return Err(Error::Output(format!(
                "refusing to write to {}: it is inside {}",
                output.display(),
                p.display()
            )));
        }
    }
    if out_abs.parent().is_none() || is_within(&root_abs, &out_abs) {
        return Err(Error::Output(format!(
            "refusing to write to {}: it holds the site itself",
            output.display()
        )));
    }
    if out_abs.exists() {
        let is_empty = fs::read_dir(&out_abs)
            .map_err(|e| Error::io(&out_abs, e))?
            .next()
            .is_none();
        if !out_abs.is_dir() || (!is_empty && !out_abs.join(MARKER).is_file()) {
            return Err(Error::Output(format!(
                "refusing to replace {}: it is not empty and codevs did not create it (no {MARKER} file). Move it away or choose another --output",
                output.display()
            )));
        }
    }
    let name = out_abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = out_abs.parent().map(Path::to_path_buf).unwrap_or_default();
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let dir = parent.join(format!(".{name}.codevs-staging"));
    if dir.exists() {
        // A staging folder left by a killed build: ours only if it has the marker.
        if dir.join(MARKER).is_file() {
            fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        } else {
            return Err(Error::Output(format!(
                "{} exists and is not a codevs staging folder",
                dir.display()
            )));
        }
    }
    fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
    // The marker is one of the site's files: the previous one is kept when it is the same, so
    // that like every unchanged file it keeps its modification time.
    let (marker, previous) = (dir.join(MARKER), out_abs.join(MARKER));
    if fs::read(&previous).ok().as_deref() != Some(MARKER_TEXT.as_bytes())
        || fs::hard_link(&previous, &marker).is_err()
    {
        fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&dir, e))?;
    }
    let update = update && out_abs.join(MARKER).is_file();
    Ok(Staging {
        dir,
        output: out_abs,
        update,
        staged: Default::default(),
    })
}

impl Staging {
    /// The output folder this staging folder will replace.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Whether this build updates the previous site in place.
    pub fn is_update(&self) -> bool {
        self.update
    }

    /// Keeps the previous site's file `rel` of `size` bytes. An update leaves it alone: like a
    /// build with no change, it trusts the cache for the files it does not write (`--force`
    /// redoes everything). A whole build hard-links it (no copy, same modification time), if
    /// it is there with that size. Returns whether it did.
    pub fn keep(&self, rel: &str, size: u64) -> Result<bool> {
        if self.update {
            return Ok(true);
        }
        let old = self.output.join(rel);
        if !fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() == size) {
            return Ok(false);
        }
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        Ok(fs::hard_link(&old, &path).is_ok())
    }

    /// Writes `bytes` to `rel`, unless they are `unchanged` from the previous build and its
    /// file can be kept: then its modification time says it did not change.
    pub fn put(&self, rel: &str, bytes: &[u8], unchanged: bool) -> Result<()> {
        if unchanged && self.keep(rel, bytes.len() as u64)? {
            return Ok(());
        }
        self.write(rel, bytes)
    }

    /// Writes one file (a path relative to the site root, with `/`), creating its folders.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        debug_assert!(is_inside(rel), "{rel}");
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        if self.update {
            self.staged
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(rel.to_string());
        }
        Ok(())
    }

    /// Puts the staged files in place. A whole build swaps the staging folder in for the
    /// output, atomically where the system allows. An update moves each staged file over its
    /// old version, then removes `stale` (files of the previous build that this one did not
    /// make).
    pub fn commit(self, stale: &[&str]) -> Result<()> {
        if !self.update {
            if !self.output.exists() {
                return fs::rename(&self.dir, &self.output).map_err(|e| Error::io(&self.output, e));
            }
            exchange(&self.dir, &self.output)?;
            // The staging path now holds the previous site.
            return fs::remove_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, e));
        }
        let mut staged = self.staged.into_inner().unwrap_or_else(|e| e.into_inner());
        // New files first, then new versions: a page never links to a file not there yet.
        staged.sort_by_cached_key(|rel| (self.output.join(rel).exists(), rel.clone()));
        for rel in &staged {
            let to = self.output.join(rel);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            fs::rename(self.dir.join(rel), &to).map_err(|e| Error::io(&to, e))?;
        }
        for rel in stale {
            let path = self.output.join(rel);
            match fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::io(&path, e));
                }
                _ => {}
            }
            // Folders left empty go too (removing a folder that is not empty fails).
            for dir in path.ancestors().skip(1) {
                if dir == self.output || fs::remove_dir(dir).is_err() {
                    break;
                }
            }
        }
        fs::remove_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, e))
    }

    /// Drops the staging folder (after a failed build); the output is untouched.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Exchanges two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`), so that the output
/// path always holds a complete site.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())
        .map_err(|_| Error::Output("path with NUL".into()))?;
    let cb = CString::new(b.as_os_str().as_bytes())
        .map_err(|_| Error::Output("path with NUL".into()))?;
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(());
    }
    let err = std::io::Error::last_os_error();
    match err.raw_os_error() {
        // File systems without RENAME_EXCHANGE: fall back to two renames.
        Some(libc::EINVAL) | Some(libc::ENOSYS) => exchange_by_renames(a, b),
        _ => Err(Error::io(b, err)),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> Result<()> {
    exchange_by_renames(a, b)
}

fn exchange_by_renames(a: &Path, b: &Path) -> Result<()> {
    let tmp = a.with_extension("previous");
    fs::rename(b, &tmp).map_err(|e| Error::io(b, e))?;
    fs::rename(a, b).map_err(|e| Error::io(a, e))?;
    fs::rename(&tmp, a).map_err(|e| Error::io(&tmp, e))
}
