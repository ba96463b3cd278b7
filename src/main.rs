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
    },
    /// Check the content and themes without writing anything.
    #[command(after_help = "Examples:\n  codevs check\n  codevs check --root my-site --strict")]
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
    },
}

fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

fn fail(e: &Error) -> ExitCode {
    eprintln!("{}", e.render(color()));
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            offline,
        } => {
            let opts = BuildOptions {
                root,
                output,
                base_url,
                offline,
            };
            match codevs::build(&opts) {
                Ok(report) => {
                    for w in &report.warnings {
                        if !cli.quiet {
                            eprintln!("{}", w.render(color()));
                        }
                    }
                    if !cli.quiet {
                        println!(
                            "built {} pages in {:.2} s ({} language{}, {} protocol{}) into {}",
                            group_thousands(report.pages),
                            report.elapsed.as_secs_f64(),
                            report.languages,
                            if report.languages == 1 { "" } else { "s" },
                            report.protocols,
                            if report.protocols == 1 { "" } else { "s" },
                            opts.output_dir().display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Check { root, strict } => match codevs::check(&BuildOptions::new(root)) {
            Ok(warnings) => {
                for w in &warnings {
                    eprintln!("{}", w.render(color()));
                }
                if strict && !warnings.is_empty() {
                    eprintln!("error: {} warning(s) with --strict", warnings.len());
                    return ExitCode::FAILURE;
                }
                if !cli.quiet {
                    println!(
                        "content is valid ({} warning{})",
                        warnings.len(),
                        if warnings.len() == 1 { "" } else { "s" }
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
