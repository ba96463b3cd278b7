//! Writes a synthetic codevs site for benchmarks and scale tests: a protocol with N codes whose
//! fields have the size and shape of the real SMTP files, every language filled.
//!
//! cargo run --release --example synth -- --codes 200 --languages en,ko OUT

use std::fmt::Write as _;
use std::path::PathBuf;

const WORDS: &[&str] = &[
    "server",
    "client",
    "mailbox",
    "reply",
    "command",
    "session",
    "transaction",
    "policy",
    "retry",
    "queue",
    "recipient",
    "sender",
    "message",
    "relay",
    "connection",
    "storage",
    "parameter",
    "syntax",
    "domain",
    "address",
];

/// Deterministic filler text of about `words` words (the same input gives the same site).
fn prose(seed: usize, words: usize, lang: &str) -> String {
    let mut out = String::new();
    let mut x = seed.wrapping_mul(2_654_435_761) | 1;
    for i in 0..words {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let w = WORDS[x % WORDS.len()];
        if i > 0 {
            out.push(if i % 14 == 0 { '.' } else { ' ' });
            if i % 14 == 0 {
                out.push(' ');
            }
        }
        if lang == "en" {
            out.push_str(w)
        } else {
            let _ = write!(out, "{w}-{lang}");
        }
    }
    out.push('.');
    out
}

fn text(seed: usize, words: usize, langs: &[String], block: bool) -> String {
    let mut out = String::new();
    for l in langs {
        let p = prose(seed, words, l);
        if block {
            let _ = write!(
                out,
                "\n  {l}: |\n    {p}\n\n    {}",
                prose(seed + 7, words / 2, l)
            );
        } else {
            let _ = write!(out, "\n  {l}: \"{p}\"");
        }
    }
    out
}

fn main() {
    let mut codes = 200usize;
    let mut langs = vec!["en".to_string(), "ko".to_string()];
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--codes" => codes = args.next().and_then(|v| v.parse().ok()).expect("--codes N"),
            "--languages" => {
                langs = args
                    .next()
                    .expect("--languages en,ko")
                    .split(',')
                    .map(String::from)
                    .collect()
            }
            other => out = Some(PathBuf::from(other)),
        }
    }
    let out = out.expect("usage: synth --codes N --languages en,ko OUT");
    let dir = out.join("content").join("synth");
    std::fs::create_dir_all(&dir).expect("create the site folder");
    let lang_list = langs.join(", ");
    let per_lang = |en: &str| {
        langs
            .iter()
            .map(|l| format!("{l}: \"{en} ({l})\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    std::fs::write(
        out.join("content/site.yaml"),
        format!("title: {{{}}}\ndescription: {{{}}}\nbase_url: \"https://synth.example.org/\"\nlanguages: [{lang_list}]\n", per_lang("Synthetic codes"), per_lang("A synthetic site for benchmarks")),
    )
    .expect("site.yaml");
    let mut proto = format!(
        "name: SYN\ntitle: {{{}}}\ndescription: {{{}}}\ncode_pattern: \"^[2-5][0-9]{{3}}$\"\norder: numeric\nclass_digit: 1\ncategory_digit: 2\nrfc_url: \"https://www.rfc-editor.org/rfc/rfc{{rfc}}#section-{{section}}\"\nclasses:\n",
        per_lang("Synthetic codes"),
        per_lang("Codes made up for benchmarks")
    );
    for (d, o) in [
        ("2", "success"),
        ("3", "intermediate"),
        ("4", "transient"),
        ("5", "permanent"),
    ] {
        let _ = writeln!(
            proto,
            "  \"{d}\": {{name: {{{}}}, outcome: {o}, description: {{{}}}}}",
            per_lang(&format!("Class {d}")),
            per_lang("A class.")
        );
    }
    proto.push_str("categories:\n");
    for d in 0..10 {
        let _ = writeln!(
            proto,
            "  \"{d}\": {{name: {{{}}}}}",
            per_lang(&format!("Category {d}"))
        );
    }
    proto.push_str("phases:\n");
    for p in [
        "connect", "hello", "auth", "mail", "rcpt", "data", "end", "any", "quit",
    ] {
        let _ = writeln!(
            proto,
            "  - id: {p}\n    name: {{{}}}{}",
            per_lang(p),
            if p == "any" {
                "\n    any_command: true"
            } else {
                ""
            }
        );
    }
    proto.push_str("commands: [HELLO, AUTH, MAIL, RCPT, DATA, QUIT, NOOP]\n");
    std::fs::write(dir.join("protocol.yaml"), proto).expect("protocol.yaml");

    // Codes spread over the four classes: 2000, 3000, 4000, 5000, 2001, …
    let ids: Vec<String> = (0..codes)
        .map(|i| format!("{}{:03}", 2 + i % 4, i / 4))
        .collect();
    let phases = [
        "connect", "hello", "auth", "mail", "rcpt", "data", "end", "any", "quit",
    ];
    let commands = ["HELLO", "AUTH", "MAIL", "RCPT", "DATA", "QUIT", "NOOP"];
    for (i, id) in ids.iter().enumerate() {
        let related: Vec<String> = (1..=4)
            .map(|k| format!("\"{}\"", ids[(i + k * 7) % ids.len()]))
            .filter(|r| r != &format!("\"{id}\""))
            .collect();
        let mut y = String::new();
        let _ = write!(
            y,
            "code: \"{id}\"\nname:{}\nsummary:{}\n",
            text(i, 3, &langs, false),
            text(i + 1, 22, &langs, false)
        );
        let _ = write!(
            y,
            "meanings:\n  - text: \"Synthetic reply text number {id} for benchmarks\"\n    source: {{rfc: 5321, section: \"4.2.3\"}}\n    commands: [{}, {}]\n    phases: [{}, {}]\n",
            commands[i % commands.len()],
            commands[(i + 3) % commands.len()],
            phases[i % phases.len()],
            phases[(i + 4) % phases.len()]
        );
        let _ = write!(
            y,
            "closes_connection: {}\nparsed_text: {}\nenhanced_codes: [\"X.{}.{}\"]\n",
            i % 17 == 0,
            i % 13 == 0,
            i % 8,
            i % 10
        );
        let _ = write!(
            y,
            "references:\n  - {{rfc: 5321, section: \"4.2.{}\"}}\n",
            i % 5
        );
        for (k, field) in [
            "description",
            "when_you_see_it",
            "what_to_do",
            "server_notes",
        ]
        .iter()
        .enumerate()
        {
            let _ = writeln!(y, "{field}:{}", text(i * 10 + k, 60, &langs, true));
        }
        let _ = write!(
            y,
            "transcript: |\n  C: MAIL FROM:<a@example.com>\n  S: {id} Synthetic reply\n"
        );
        let _ = writeln!(y, "related: [{}]", related.join(", "));
        std::fs::write(dir.join(format!("{id}.yaml")), y).expect("code file");
    }
    println!(
        "wrote {} codes in {} languages to {}",
        ids.len(),
        langs.len(),
        out.display()
    );
}
