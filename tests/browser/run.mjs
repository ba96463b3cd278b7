// Real-browser checks of a built codevs site, in Debian's Chromium:
//   - every page type loads with no console error and no failed request,
//     served over http://127.0.0.1 and opened from file:// (the offline bundle);
//   - axe-core reports no violation; html-validate reports no error;
//   - Lighthouse scores SEO, Accessibility and Best Practices 100 and Performance >= 95
//     on the home, a code and a pair page;
//   - every internal link of both builds resolves to a file.
//
// Usage: node run.mjs --web DIR --offline DIR [--chromium /usr/bin/chromium]
// The sites are built by .ci/run (codevs build, and codevs build --offline).

import { createServer } from "node:http";
import { readFile, readdir, stat } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join, extname, dirname, resolve, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";
import lighthouse from "lighthouse";
import { HtmlValidate, FileSystemConfigLoader } from "html-validate";

const require = createRequire(import.meta.url);
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const WEB = resolve(args.web ?? "../../target/browser-site/web");
const OFFLINE = resolve(args.offline ?? "../../target/browser-site/offline");
const CHROMIUM = args.chromium ?? process.env.CHROMIUM ?? "/usr/bin/chromium";

let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `\n     ${String(detail).replace(/\n/g, "\n     ")}` : ""}`);
  }
}

// The page of each type, in each language of the SMTP site.
const PAGES = [
  ["home", ""],
  ["protocol", "smtp/"],
  ["code", "smtp/550/"],
  ["pair", "smtp/450-vs-550/"],
  ["reverse pair", "smtp/550-vs-450/"],
  ["code (ko)", "ko/smtp/220/"],
  ["pair (ko)", "ko/smtp/221-vs-421/"],
  ["protocol (ko)", "ko/smtp/"],
  ["home (ko)", "ko/"],
  ["search", "search/"],
  ["search (ko)", "ko/search/"],
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain",
};

/** A static file server for DIR on 127.0.0.1, as a plain host would serve it. */
function serve(dir) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = join(dir, path);
    if (!file.startsWith(dir)) {
      res.writeHead(400).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      const body = await readFile(join(dir, "404.html")).catch(() => "not found");
      res.writeHead(404, { "content-type": TYPES[".html"] }).end(body);
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

async function htmlFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".html")) out.push(join(entry.parentPath ?? entry.path, entry.name));
  }
  return out.sort();
}

/** Loads a page and reports console errors, page errors and failed requests. */
async function load(browser, url) {
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.goto(url, { waitUntil: "load" });
  // Reverse-order pages move on by meta refresh; let that navigation finish.
  await new Promise((ok) => setTimeout(ok, 150));
  await page.waitForNetworkIdle({ idleTime: 100, timeout: 5000 }).catch(() => {});
  return { page, problems };
}

const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

async function axe(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
  });
}

async function browserChecks(browser, label, base, toUrl) {
  for (const [name, path] of PAGES) {
    const url = toUrl(base, path);
    const { page, problems } = await load(browser, url);
    check(`${label}: ${name} loads with no console error or failed request`, problems.length === 0, problems.join("\n"));
    const violations = await axe(page);
    check(`${label}: ${name} has no axe violation`, violations.length === 0, violations.join("\n"));
    await page.close();
  }
}

async function validateHtml(dir) {
  const validator = new HtmlValidate(new FileSystemConfigLoader({ extends: ["html-validate:recommended"] }));
  const files = await htmlFiles(dir);
  // Every page type, every code page, and every 5th pair page: thousands of near-identical
  // pair pages add time, not coverage.
  const sample = files.filter((f, i) => !/-vs-/.test(f) || i % 5 === 0);
  const errors = [];
  for (const file of sample) {
    const report = await validator.validateFile(file);
    for (const r of report.results)
      for (const m of r.messages) errors.push(`${relative(dir, file)}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  }
  check(`html-validate: ${sample.length} pages have no error`, errors.length === 0, errors.slice(0, 20).join("\n"));
}

async function linksResolve(dir, label, offline) {
  const files = await htmlFiles(dir);
  const broken = [];
  for (const file of files) {
    const html = await readFile(file, "utf8");
    for (const m of html.matchAll(/(?:href|src)="([^"]*)"/g)) {
      const href = m[1].replace(/&amp;/g, "&");
      if (/^(https?:|mailto:|#)/.test(href) || file.endsWith("404.html")) continue;
      if (offline && !/\.[a-z0-9]+(#.*)?$/i.test(href)) {
        broken.push(`${relative(dir, file)}: ${href} names no file`);
        continue;
      }
      let target = join(dirname(file), href.split("#")[0]);
      if (href === "" || href.endsWith("/")) target = join(target, "index.html");
      try {
        if (!(await stat(target)).isFile()) broken.push(`${relative(dir, file)}: ${href}`);
      } catch {
        broken.push(`${relative(dir, file)}: ${href}`);
      }
    }
  }
  check(`${label}: every internal link of ${files.length} pages resolves to a file`, broken.length === 0, broken.slice(0, 20).join("\n"));
}

async function lighthouseChecks(browser, base) {
  const port = Number(new URL(browser.wsEndpoint()).port);
  for (const [name, path] of [["home", ""], ["code", "smtp/550/"], ["pair", "smtp/450-vs-550/"]]) {
    const result = await lighthouse(`${base}${path}`, {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
    });
    const cats = result.lhr.categories;
    const score = (id) => Math.round((cats[id]?.score ?? 0) * 100);
    const scores = `perf ${score("performance")}, a11y ${score("accessibility")}, best practices ${score("best-practices")}, SEO ${score("seo")}`;
    const ok = score("performance") >= 95 && score("accessibility") === 100 && score("best-practices") === 100 && score("seo") === 100;
    const failing = Object.values(result.lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
      .map((a) => `${a.id}: ${a.title}`);
    check(`lighthouse: ${name} (${scores})`, ok, failing.join("\n"));
  }
}

/** The codes a search page lists, in order, after loading with `?q=`. */
async function searchResults(browser, url) {
  const { page, problems } = await load(browser, url);
  await page.waitForFunction(() => document.getElementById("search-status")?.textContent !== "", { timeout: 3000 }).catch(() => {});
  const codes = await page.$$eval("#search-results > li > a", (as) => as.map((a) => a.textContent.split(" ")[1]));
  await page.close();
  return { codes, problems };
}

async function searchChecks(browser, label, pageUrl) {
  const cases = [
    ["", "mailbox unavailable", (c) => c.includes("550") && c.includes("450")],
    ["", "550", (c) => c[0] === "550"],
    ["", "55", (c) => ["550", "551", "552", "553", "554", "555"].every((x) => c.slice(0, 7).includes(x)) && c.every((x) => x.startsWith("55"))],
    ["", "authentication", (c) => c.includes("535") && c.includes("530")],
    ["ko/", "사서함", (c) => c.includes("550") && c.includes("450")],
    ["ko/", "인증", (c) => c.includes("535")],
    ["ko/", "421", (c) => c[0] === "421"],
  ];
  for (const [prefix, q, ok] of cases) {
    const { codes, problems } = await searchResults(browser, pageUrl(`${prefix}search/`, q));
    check(`${label}: search ${prefix || "en/"} ?q=${q} → ${codes.slice(0, 6).join(" ")}`, ok(codes) && problems.length === 0, problems.join("\n"));
  }
}

async function pickerCheck(browser, label, pageUrl, expected) {
  const { page, problems } = await load(browser, pageUrl("smtp/550/"));
  await page.select("form.picker select[name=a]", "550");
  await page.select("form.picker select[name=b]", "450");
  await Promise.all([page.waitForNavigation(), page.click("form.picker button")]);
  const url = page.url();
  check(`${label}: the picker goes from 550 and 450 to the canonical pair page`, url.endsWith(expected) && problems.length === 0, `${url}\n${problems.join("\n")}`);
  await page.close();
}

async function headerSearchCheck(browser, label, pageUrl) {
  const { page, problems } = await load(browser, pageUrl(""));
  await page.type("#header-q", "mailbox");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, { timeout: 3000 }).catch(() => {});
  const n = await page.$$eval("#search-results li", (l) => l.length);
  check(`${label}: the header search box leads to results`, n > 0 && problems.length === 0, `${page.url()} ${n}\n${problems.join("\n")}`);
  await page.close();
}

const server = await serve(WEB);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-file-access-from-files",
  ],
});
try {
  await browserChecks(browser, "http", base, (b, p) => `${b}${p}`);
  await browserChecks(browser, "file://", OFFLINE, (b, p) => pathToFileURL(join(b, p, "index.html")).href);
  {
    // The offline bundle: from the home page to a pair page and back, by clicking.
    const { page, problems } = await load(browser, pathToFileURL(join(OFFLINE, "index.html")).href);
    await Promise.all([page.waitForNavigation(), page.click("ul.pairs a")]);
    const pairUrl = page.url();
    const onPair = /\/smtp\/\d+-vs-\d+\/index\.html$/.test(pairUrl) && (await page.$$("h1")).length === 1;
    await Promise.all([page.waitForNavigation(), page.click("a.brand")]);
    const home = page.url() === pathToFileURL(join(OFFLINE, "index.html")).href;
    check("file://: home → pair page → home by clicking", onPair && home && problems.length === 0, `${pairUrl}\n${problems.join("\n")}`);
    await page.close();
  }
  {
    const { problems } = await load(browser, `${base}no/such/page/`);
    // The only complaints are about the missing document itself (HTTP 404 and Chrome's log of it).
    const others = problems.filter((p) => !/404/.test(p));
    check("http: an unknown address shows the 404 page", problems.length > 0 && others.length === 0, problems.join("\n"));
  }
  const webUrl = (path, q) => `${base}${path}${q === undefined ? "" : `?q=${encodeURIComponent(q)}`}`;
  const fileUrl = (path, q) => `${pathToFileURL(join(OFFLINE, path, "index.html")).href}${q === undefined ? "" : `?q=${encodeURIComponent(q)}`}`;
  await searchChecks(browser, "http", webUrl);
  await searchChecks(browser, "file://", fileUrl);
  await pickerCheck(browser, "http", webUrl, "/smtp/450-vs-550/");
  await pickerCheck(browser, "file://", fileUrl, "/smtp/450-vs-550/index.html");
  await headerSearchCheck(browser, "http", webUrl);
  await headerSearchCheck(browser, "file://", fileUrl);
  for (const dir of [WEB, OFFLINE]) {
    const sizes = (await readdir(join(dir, "assets"))).filter((f) => f.startsWith("search-index."));
    check(`${dir}: a search index exists`, sizes.length > 0);
    for (const f of sizes) {
      const size = (await stat(join(dir, "assets", f))).size;
      check(`search index ${f} is under 100 KB (${size} bytes)`, size < 100_000);
    }
  }
  await validateHtml(WEB);
  await linksResolve(WEB, "web", false);
  await linksResolve(OFFLINE, "offline", true);
  await lighthouseChecks(browser, base);
} finally {
  await browser.close();
  server.close();
}
console.log(`\nbrowser checks: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
