//! `codevs serve`: build, serve the site on 127.0.0.1, rebuild when `content/` or `themes/`
//! change, and reload open pages. A failed rebuild keeps the last good site and shows its error
//! in the terminal and as an overlay in the browser. Built on axum and tower-http (the file
//! server refuses paths outside the output) and notify (the watcher).

use crate::build::{BuildOptions, build};
use crate::error::{Error, Result};
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The path, under the site's base path, of the dev server's own endpoints.
pub const DEV_PREFIX: &str = "__codevs/";

const LIVE_JS: &str = include_str!("serve_live.js");

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: std::net::IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
}

/// What the browser polls: the site's version (bumped by each good build) and the last error.
#[derive(Debug, Default)]
struct Status {
    version: u64,
    error: Option<String>,
}

fn status_json(s: &Status) -> String {
    serde_json::json!({"version": s.version, "error": s.error}).to_string()
}

/// Serves until the process is stopped. `ready` is told the address once it listens.
pub fn serve(opts: ServeOptions, ready: impl FnOnce(&str)) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Output(format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(SocketAddr::new(opts.bind, opts.port))
            .await
            .map_err(|e| {
                Error::Output(format!("cannot listen on {}:{}: {e}", opts.bind, opts.port))
            })?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::Output(e.to_string()))?;
        let host = if addr.ip().is_ipv6() {
            format!("[{}]", addr.ip())
        } else {
            addr.ip().to_string()
        };
        let out = std::env::temp_dir().join(format!(
            "codevs-serve-{}-{}",
            std::process::id(),
            addr.port()
        ));
        // The site's base path is kept, so links work as they will when published.
        let base_path = site_base_path(&opts.root);
        let base_url = format!("http://{host}:{}{base_path}", addr.port());
        let build_opts = BuildOptions {
            root: opts.root.clone(),
            output: Some(out.clone()),
            base_url: Some(base_url.clone()),
            offline: false,
            live_reload: true,
            force: false,
        };
        let status = Arc::new(Mutex::new(Status::default()));
        rebuild(&build_opts, &status);
        watch(build_opts.clone(), status.clone())?;

        let dev = Router::new()
            .route(
                &format!("/{DEV_PREFIX}status"),
                get({
                    let status = status.clone();
                    move || {
                        let body = status.lock().map(|s| status_json(&s)).unwrap_or_default();
                        async move {
                            (
                                [
                                    (header::CONTENT_TYPE, "application/json"),
                                    (header::CACHE_CONTROL, "no-store"),
                                ],
                                body,
                            )
                                .into_response()
                        }
                    }
                }),
            )
            .route(
                &format!("/{DEV_PREFIX}live.js"),
                get(|| async {
                    ([(header::CONTENT_TYPE, "text/javascript")], LIVE_JS).into_response()
                }),
            )
            .fallback_service(
                ServeDir::new(&out)
                    .not_found_service(tower_http::services::ServeFile::new(out.join("404.html"))),
            );
        let app = if base_path == "/" {
            dev
        } else {
            Router::new().nest(base_path.trim_end_matches('/'), dev)
        }
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ));
        ready(&base_url);
        if opts.open {
            let _ = open::that_detached(&base_url);
        }
        axum::serve(listener, app)
            .await
            .map_err(|e| Error::Output(format!("the server stopped: {e}")))
    })
}

/// The path of `base_url` in site.yaml (`/` or `/repo/`); `/` when the site cannot be read yet.
fn site_base_path(root: &std::path::Path) -> String {
    let mut diags = Vec::new();
    let config: Option<crate::model::SiteConfig> =
        crate::load::read_yaml(&root.join("content").join("site.yaml"), &mut diags);
    config.map_or("/".to_string(), |c| {
        crate::derive::urls::Urls::new(
            &c.base_url.value,
            "en",
            crate::derive::urls::LinkStyle::Directory,
        )
        .base_path
    })
}

/// Builds once and records the outcome for the browser and the terminal.
fn rebuild(opts: &BuildOptions, status: &Mutex<Status>) {
    match build(opts) {
        Ok(report) => {
            eprintln!(
                "rebuilt {} pages in {:.2} s",
                report.pages,
                report.elapsed.as_secs_f64()
            );
            if let Ok(mut s) = status.lock() {
                s.version += 1;
                s.error = None;
            }
        }
        Err(e) => {
            eprintln!("{}", e.render(false));
            eprintln!("(the last good site is still served; fix the file and save)");
            if let Ok(mut s) = status.lock() {
                s.error = Some(e.render(false));
            }
        }
    }
}

/// Watches content/ and themes/ and rebuilds after each burst of changes, on its own thread.
/// Reads (the build's own) are not changes; a burst ends after 150 ms of quiet.
fn watch(opts: BuildOptions, status: Arc<Mutex<Status>>) -> Result<()> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let changed = event.is_ok_and(|e| {
            matches!(
                e.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            )
        });
        if changed {
            let _ = tx.send(());
        }
    })
    .map_err(|e| Error::Output(format!("cannot watch files: {e}")))?;
    for dir in ["content", "themes"] {
        let path = opts.root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::Output(format!("cannot watch {}: {e}", path.display())))?;
        }
    }
    std::thread::spawn(move || {
        let _keep = watcher;
        while rx.recv().is_ok() {
            while rx.recv_timeout(Duration::from_millis(150)).is_ok() {}
            rebuild(&opts, &status);
        }
    });
    Ok(())
}
