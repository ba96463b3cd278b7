#!/usr/bin/env python3
"""Turns a codevs site root (e.g. from `examples/synth`) into a Hugo site for the benchmark.

Usage: convert.py SITE_ROOT HUGO_SITE

HUGO_SITE gets this folder's hugo.toml, layouts and content adapter, the codevs default
theme's strings (as data/strings/<lang>.yaml) and static files, and the content as data:
data/site.yaml, data/protocols/<protocol>.yaml and data/codes/<protocol>/<code>.yaml, which
Hugo reads natively. Pages come from one content adapter per language and protocol.
Python 3 standard library only.
"""
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
THEME = HERE.parent.parent / "themes" / "default"


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = Path(sys.argv[1]) / "content", Path(sys.argv[2])
    site_yaml = (src / "site.yaml").read_text(encoding="utf-8")
    langs = re.search(r"^languages:\s*\[([^\]]*)\]", site_yaml, re.M).group(1)
    langs = [l.strip().strip("\"'") for l in langs.split(",")]
    if langs != ["en", "ko"]:
        sys.exit(f"hugo.toml is set up for languages en, ko; the site has {langs}")
    base_url = re.search(r"^base_url:\s*\"?([^\"\n]+)\"?", site_yaml, re.M).group(1)

    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(HERE / "layouts", out / "layouts")
    toml = (HERE / "hugo.toml").read_text(encoding="utf-8")
    toml = re.sub(r'^baseURL = ".*"$', f'baseURL = "{base_url}"', toml, flags=re.M)
    (out / "hugo.toml").write_text(toml, encoding="utf-8")
    (out / "static" / "assets").mkdir(parents=True)
    for name in ("style.css", "favicon.svg", "search.js"):
        shutil.copy(THEME / "static" / name, out / "static" / "assets" / name)

    data = out / "data"
    (data / "strings").mkdir(parents=True)
    shutil.copy(src / "site.yaml", data / "site.yaml")
    for lang in langs:
        shutil.copy(THEME / "i18n" / f"{lang}.yaml", data / "strings" / f"{lang}.yaml")
        # Hugo needs a page file for the search page of each language.
        content = out / "content" / lang
        content.mkdir(parents=True)
        (content / "search.md").write_text(
            "---\nlayout: search\nsitemap:\n  disable: true\n---\n", encoding="utf-8"
        )

    adapter = (HERE / "_content.gotmpl").read_text(encoding="utf-8")
    for proto in sorted(p.parent for p in src.glob("*/protocol.yaml")):
        pid = proto.name
        (data / "protocols").mkdir(exist_ok=True)
        shutil.copy(proto / "protocol.yaml", data / "protocols" / f"{pid}.yaml")
        codes = data / "codes" / pid
        codes.mkdir(parents=True)
        for f in proto.glob("*.yaml"):
            if f.name != "protocol.yaml":
                shutil.copy(f, codes / f.name)
        for lang in langs:
            section = out / "content" / lang / pid
            section.mkdir(parents=True)
            (section / "_index.md").write_text("---\n---\n", encoding="utf-8")
            (section / "_content.gotmpl").write_text(adapter.replace("PROTOCOL", pid), encoding="utf-8")


if __name__ == "__main__":
    main()
