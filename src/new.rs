//! `codevs new <protocol> <code>`: writes a code file with every field, each with a one-line
//! comment, ready to fill. The code is checked against the protocol's pattern first, and an
//! existing file is never overwritten.

use crate::error::{Diagnostic, Error, Result};
use crate::load::read_yaml;
use crate::model::{Protocol, SiteConfig};
use std::path::{Path, PathBuf};

/// Writes `content/<protocol>/<code>.yaml` under `root` and returns its path.
pub fn new_code(root: &Path, protocol: &str, code: &str) -> Result<PathBuf> {
    let content = root.join("content");
    let mut diags: Vec<Diagnostic> = Vec::new();
    let site: Option<SiteConfig> = read_yaml(&content.join("site.yaml"), &mut diags);
    if !crate::load::is_safe_segment(protocol) {
        return Err(Error::Output(format!(
            "`{protocol}` is not a protocol folder name"
        )));
    }
    let dir = content.join(protocol);
    let proto: Option<Protocol> = read_yaml(&dir.join("protocol.yaml"), &mut diags);
    let (Some(site), Some(proto)) = (site, proto) else {
        return Err(Error::Content(diags));
    };
    let pattern = regex_lite::Regex::new(&proto.code_pattern.value)
        .map_err(|e| Error::Output(format!("the protocol's code_pattern is invalid: {e}")))?;
    if !crate::load::is_safe_segment(code) || !pattern.is_match(code) {
        return Err(Error::Output(format!(
            "`{code}` does not match the {} code pattern `{}`",
            proto.name, proto.code_pattern.value
        )));
    }
    let path = dir.join(format!("{code}.yaml"));
    if path.exists() {
        return Err(Error::Output(format!(
            "{} already exists; codevs new never overwrites a file",
            path.display()
        )));
    }
    let langs: Vec<&str> = site.languages().collect();
    let commands = proto.commands.first().cloned().unwrap_or_default();
    let phase = proto.phases.first().map_or(String::new(), |p| p.id.clone());
    let text = |indent: &str, what: &str| -> String {
        langs
            .iter()
            .map(|l| format!("{indent}{l}: \"TODO: {what}\"\n"))
            .collect()
    };
    let block = |what: &str| -> String {
        langs
            .iter()
            .map(|l| format!("  {l}: |\n    TODO: {what}\n"))
            .collect()
    };
    let mut y = String::new();
    y.push_str(&format!(
        "# {} {code}. The format is described in docs/content.md.\n",
        proto.name
    ));
    y.push_str(&format!("code: \"{code}\"\n"));
    y.push_str("# A short name, a noun phrase.\nname:\n");
    y.push_str(&text("  ", "short name"));
    y.push_str("# One plain sentence: what the code means.\nsummary:\n");
    y.push_str(&text("  ", "one-sentence summary"));
    y.push_str("# Every standard meaning of the number, each with its source.\nmeanings:\n");
    y.push_str("  - text: \"TODO: the standard reply text, verbatim from the RFC\"\n");
    y.push_str("    source: {rfc: 0, section: \"0\"}\n");
    y.push_str(&format!(
        "    commands: [{commands}]  # from the protocol's commands\n"
    ));
    y.push_str(&format!(
        "    phases: [{phase}]  # ids from the protocol's phases\n"
    ));
    y.push_str("# The server closes the connection after this reply.\ncloses_connection: false\n");
    y.push_str("# Clients parse the reply text, not only the code.\nparsed_text: false\n");
    y.push_str("# The RFC deprecates the code.\ndeprecated: false\n");
    y.push_str("# Enhanced status codes that IANA associates with the code, as X.Y.Z.\nenhanced_codes: []\n");
    y.push_str("# RFC sections that define the code.\nreferences:\n  - {rfc: 0, section: \"0\"}\n");
    y.push_str(
        "# Markdown: what the code means; the first sentence is the meaning.\ndescription:\n",
    );
    y.push_str(&block("description"));
    y.push_str("# Markdown: when a client or a person meets this reply.\nwhen_you_see_it:\n");
    y.push_str(&block("when you see it"));
    y.push_str("# Markdown: what a sender, client or administrator should do.\nwhat_to_do:\n");
    y.push_str(&block("what to do"));
    y.push_str("# Markdown: what a server implementer should know.\nserver_notes:\n");
    y.push_str(&block("notes for server implementers"));
    y.push_str("# A realistic session: C: for the client, S: for the server.\ntranscript: |\n");
    y.push_str(&format!("  S: {code} TODO\n"));
    y.push_str("# Codes a reader is likely to want next.\nrelated: []\n");
    y.push_str("# Differences with another code that an RFC states outright.\npair_notes: []\n");
    std::fs::write(&path, y).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}
