//! The session diagram: the protocol's phases as a lane from left to right, with the code
//! (or both codes of a pair) marked where they occur. Drawn at build time as inline SVG, so
//! it needs no script and no file to fetch; colours come from the theme's CSS variables, and
//! each code also has its own marker shape and label, so colour is never the only cue.

use std::fmt::Write;

/// One code to mark: its number and the phase ids where it occurs.
pub struct Mark<'a> {
    pub code: &'a str,
    pub phases: &'a [&'a str],
}

const CELL: u32 = 96;
const LABEL: u32 = 56;
const ROW: u32 = 34;
const TOP: u32 = 46;

/// Escapes text for XML content and attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The SVG for `phases` (id, name) with `marks` (one or two codes). `title` and `desc` say in
/// words what the picture shows.
pub fn svg(
    phases: &[(&str, String)],
    marks: &[Mark],
    title: &str,
    desc: &str,
    legend: &str,
) -> String {
    if phases.is_empty() {
        return String::new();
    }
    let width = LABEL + CELL * phases.len() as u32 + 8;
    let height = TOP + ROW * marks.len() as u32 + 30;
    let mut s = String::with_capacity(4096);
    let _ = write!(
        s,
        r#"<svg class="diagram" role="img" aria-labelledby="diagram-title diagram-desc" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title id="diagram-title">{}</title><desc id="diagram-desc">{}</desc>"#,
        esc(title),
        esc(desc)
    );
    for (i, (id, name)) in phases.iter().enumerate() {
        let x = LABEL + CELL * i as u32;
        let used: Vec<usize> = marks
            .iter()
            .enumerate()
            .filter(|(_, m)| m.phases.contains(id))
            .map(|(k, _)| k)
            .collect();
        let class = match used.len() {
            0 => "phase",
            n if n == marks.len() && n > 1 => "phase shared",
            _ => "phase used",
        };
        let _ = write!(
            s,
            r#"<g class="{class}"><rect x="{}" y="4" width="{}" height="{}" rx="6"/>"#,
            x + 2,
            CELL - 4,
            height - 30
        );
        // Phase names wrap at a slash or space onto two lines when long.
        let lines = split_name(name);
        for (k, line) in lines.iter().enumerate() {
            let _ = write!(
                s,
                r#"<text class="phase-name" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                x + CELL / 2,
                20 + 13 * k as u32,
                esc(line)
            );
        }
        s.push_str("</g>");
    }
    for (k, m) in marks.iter().enumerate() {
        let y = TOP + ROW * k as u32 + ROW / 2;
        let class = if k == 0 { "mark-a" } else { "mark-b" };
        let _ = write!(
            s,
            r#"<text class="row-label {class}" x="6" y="{}">{}</text>"#,
            y + 5,
            esc(m.code)
        );
        for (i, (id, _)) in phases.iter().enumerate() {
            if !m.phases.contains(id) {
                continue;
            }
            let cx = LABEL + CELL * i as u32 + CELL / 2;
            if k == 0 {
                let _ = write!(s, r#"<circle class="{class}" cx="{cx}" cy="{y}" r="12"/>"#);
            } else {
                let _ = write!(
                    s,
                    r#"<rect class="{class}" x="{}" y="{}" width="22" height="22" transform="rotate(45 {cx} {y})"/>"#,
                    cx - 11,
                    y - 11
                );
            }
            let _ = write!(
                s,
                r#"<text class="mark-text" x="{cx}" y="{}" text-anchor="middle">{}</text>"#,
                y + 4,
                esc(m.code)
            );
        }
    }
    let _ = write!(
        s,
        r#"<text class="legend" x="6" y="{}">{}</text></svg>"#,
        height - 10,
        esc(legend)
    );
    s
}

fn split_name(name: &str) -> Vec<String> {
    if name.chars().count() <= 11 {
        return vec![name.to_string()];
    }
    match name.rfind([' ', '/']) {
        Some(i) if i > 0 => {
            let (a, b) = name.split_at(i);
            let b = b.trim_start_matches(' ');
            vec![a.to_string(), b.to_string()]
        }
        _ => vec![name.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_shared_phases_and_escapes_text() {
        let phases = vec![
            ("mail", "MAIL".to_string()),
            ("rcpt", "RCPT".to_string()),
            ("x", "<b>".to_string()),
        ];
        let out = svg(
            &phases,
            &[
                Mark {
                    code: "450",
                    phases: &["rcpt"],
                },
                Mark {
                    code: "550",
                    phases: &["mail", "rcpt"],
                },
            ],
            "Where 450 and 550 occur",
            "Both answer RCPT; only 550 also answers MAIL.",
            "● 450  ◆ 550",
        );
        assert!(out.contains(r#"role="img""#));
        assert!(out.contains("<title id=\"diagram-title\">Where 450 and 550 occur</title>"));
        assert_eq!(out.matches("phase shared").count(), 1);
        assert_eq!(out.matches("<circle").count(), 1);
        assert_eq!(out.matches("rotate(45").count(), 2);
        assert!(out.contains("&lt;b&gt;") && !out.contains("<b>"));
    }

    #[test]
    fn a_protocol_without_phases_has_no_diagram() {
        assert!(
            svg(
                &[],
                &[Mark {
                    code: "200",
                    phases: &[]
                }],
                "t",
                "d",
                "l"
            )
            .is_empty()
        );
    }
}
