//! The `codevs` command line: parses arguments and calls the library.

use clap::{Parser, Subcommand};
use codevs::{BuildOptions, Error};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "codevs",
    version,
    about = "Build status-code reference sites: a page for every code and every pair of codes."
)]
struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Print more about what happens.
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    #[command(
        after_help = "Examples:\n  codevs build\n  codevs build --root my-site --output /tmp/site\n  codevs build --base-url https://user.github.io/repo/\n  codevs build --offline --output bundle"
    )]
    Build {
        /// The site root, which holds content/ (and optionally themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Overrides base_url from site.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Make every link name its file, so the site opens from file://.
        #[arg(long)]
        offline: bool,
        /// Ignore the build cache: render every page and swap in a whole new site.
        #[arg(long)]
        force: bool,
    },
    /// Check content, themes and links without writing anything.
    #[command(after_help = "Examples:\n  codevs check\n  codevs check --root my-site --strict")]
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Build, serve on 127.0.0.1, rebuild on every change and reload the browser.
    #[command(
        after_help = "Examples:\n  codevs serve\n  codevs serve --port 8080 --open\n  codevs serve --bind 0.0.0.0   # also reachable from other machines"
    )]
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Only this machine can connect unless you change it.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Write a new code file with every field, ready to fill.
    #[command(
        after_help = "Examples:\n  codevs new smtp 521\n  codevs new http 418 --root my-site"
    )]
    New {
        /// The protocol's folder under content/.
        protocol: String,
        /// The code, as the protocol's pattern wants it.
        code: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// An indicatif bar on a terminal; nothing otherwise (the closing summary is the plain line).
struct ProgressBar(Option<indicatif::ProgressBar>);

impl ProgressBar {
    fn new(show: bool) -> Self {
        ProgressBar(show.then(|| {
            let bar = indicatif::ProgressBar::new(0);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} pages")
            {
                bar.set_style(style);
            }
            bar
        }))
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl codevs::Progress for ProgressBar {
    fn pages(&self, done: usize, total: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    }
}

fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

fn fail(e: &Error) -> ExitCode {
    eprintln!("{}", e.render(color()));
    ExitCode::FAILURE
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            offline,
            force,
        } => {
            let opts = BuildOptions {
                root,
                output,
                base_url,
                offline,
                live_reload: false,
                force,
            };
            let bar = ProgressBar::new(!cli.quiet && std::io::stderr().is_terminal());
            let result = codevs::build_with_progress(&opts, &bar);
            bar.finish();
            match result {
                Ok(report) => {
                    if cli.verbose {
                        for (step, time) in &report.steps {
                            eprintln!("  {step}: {:.3} s", time.as_secs_f64());
                        }
                    }
                    if !cli.quiet {
                        for w in &report.warnings {
                            eprintln!("{}", w.render(color()));
                        }
                        let unchanged = report.pages.saturating_sub(report.rendered);
                        let kept = if unchanged > 0 {
                            format!(", {} unchanged", group_thousands(unchanged))
                        } else {
                            String::new()
                        };
                        println!(
                            "built {} pages{kept} in {:.2} s ({}, {}) into {}",
                            group_thousands(report.pages),
                            report.elapsed.as_secs_f64(),
                            plural(report.languages, "language"),
                            plural(report.protocols, "protocol"),
                            opts.output_dir().display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Check { root, strict } => match codevs::check(&BuildOptions::new(root)) {
            Ok(report) => {
                for w in &report.warnings {
                    eprintln!("{}", w.render(color()));
                }
                if !cli.quiet {
                    for line in &report.coverage {
                        println!("{line}");
                    }
                    println!(
                        "content is valid: {} rendered, {} known, every link resolves ({})",
                        plural(report.pages, "page"),
                        plural(report.links, "file"),
                        plural(report.warnings.len(), "warning")
                    );
                }
                if strict && !report.warnings.is_empty() {
                    eprintln!(
                        "error: {} with --strict",
                        plural(report.warnings.len(), "warning")
                    );
                    return ExitCode::FAILURE;
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
        Command::Serve {
            root,
            port,
            bind,
            open,
        } => {
            let quiet = cli.quiet;
            let opts = codevs::serve::ServeOptions {
                root,
                bind,
                port,
                open,
            };
            let result = codevs::serve::serve(opts, |url| {
                if !quiet {
                    let scope = if bind.is_loopback() {
                        "only this machine can connect"
                    } else {
                        "other machines can connect too"
                    };
                    println!("serving at {url} ({scope}); press Ctrl+C to stop");
                }
            });
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            }
        }
        Command::New {
            protocol,
            code,
            root,
        } => match codevs::new::new_code(&root, &protocol, &code) {
            Ok(path) => {
                if !cli.quiet {
                    println!(
                        "wrote {}; fill in the TODOs, then run codevs check",
                        path.display()
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        },
    }
}

/// 1406 → "1,406".
fn group_thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
