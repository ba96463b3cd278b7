//! Any bytes as a code file, through the whole loader: reading, YAML with the budget, the
//! model and validation. It must never panic, hang or exhaust memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static SITE: OnceLock<tempfile_dir::Dir> = OnceLock::new();

mod tempfile_dir {
    pub struct Dir(pub std::path::PathBuf);
}

fuzz_target!(|data: &[u8]| {
    let dir = SITE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("codevs-fuzz-{}", std::process::id()));
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mini");
        copy(&fixture, &root);
        tempfile_dir::Dir(root)
    });
    let file = dir.0.join("content/smtp/450.yaml");
    if std::fs::write(&file, data).is_ok() {
        let loaded = codevs::load::load_all(&dir.0);
        for d in &loaded.diagnostics {
            let _ = d.render(false);
        }
    }
});

fn copy(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
