/* codevs search and compare picker. A classic script (no modules, no fetch), so it works from
   file:// as well as over http. Results are built with textContent: nothing from the index is
   ever parsed as HTML. */
(function () {
  "use strict";
  var data = window.CODEVS_SEARCH;
  var root = document.documentElement.getAttribute("data-root") || "";

  function norm(s) {
    return (s || "").normalize("NFC").toLowerCase();
  }

  /* Score one code against the query tokens; 0 means "does not match". */
  function score(entry, tokens, raw) {
    if (entry.code === raw) return 1000;
    var total = 0;
    var hay = norm(entry.words + " " + entry.name + " " + entry.text);
    var words = hay.split(/[^\p{L}\p{N}.-]+/u);
    for (var i = 0; i < tokens.length; i++) {
      var t = tokens[i];
      var s = 0;
      if (/^\d+$/.test(t)) {
        if (entry.code.indexOf(t) === 0) s = 100 - (entry.code.length - t.length);
      } else {
        for (var j = 0; j < words.length; j++) {
          if (words[j] === t) { s = Math.max(s, 30); }
          else if (words[j].indexOf(t) === 0) { s = Math.max(s, 20); }
          /* Korean: a word is found inside its inflected forms (사서함 in 사서함이). */
          else if (/[\uac00-\ud7a3]/.test(t) && words[j].indexOf(t) > 0) { s = Math.max(s, 10); }
        }
        if (norm(entry.name).indexOf(t) >= 0) s += 5;
      }
      if (s === 0) return 0;
      total += s;
    }
    return total;
  }

  function search(query) {
    var raw = norm(query).trim();
    var tokens = raw.split(/\s+/).filter(Boolean);
    var results = [];
    if (!data || tokens.length === 0) return results;
    data.protocols.forEach(function (p) {
      p.codes.forEach(function (c, index) {
        var s = score(c, tokens, raw);
        if (s > 0) results.push({ protocol: p, code: c, score: s, index: index });
      });
    });
    results.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
    return results;
  }

  function pairHref(protocol, x, y) {
    var codes = protocol.codes.map(function (c) { return c.code; });
    var a = codes.indexOf(x), b = codes.indexOf(y);
    if (a < 0 || b < 0 || a === b) return null;
    var first = a < b ? x : y, second = a < b ? y : x;
    return root + protocol.pair.replace("{a}", first).replace("{b}", second);
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function render(form, list, status, query) {
    var results = search(query);
    list.textContent = "";
    var tmpl = status.getAttribute(results.length === 1 ? "data-one" : "data-many") || "{n}";
    status.textContent = query.trim() ? tmpl.replace("{n}", String(results.length)) : "";
    results.slice(0, 50).forEach(function (r) {
      var li = el("li");
      var a = el("a", r.protocol.name + " " + r.code.code + " " + r.code.name);
      a.href = root + r.code.href;
      li.appendChild(a);
      li.appendChild(el("p", r.code.summary, "muted"));
      if (r.code.related.length) {
        var compare = el("p", (form.getAttribute("data-compare") || "Compare") + ": ", "compare");
        r.code.related.forEach(function (other, i) {
          var href = pairHref(r.protocol, r.code.code, other);
          if (!href) return;
          var link = el("a", r.code.code + " vs " + other);
          link.href = href;
          if (i > 0) compare.appendChild(document.createTextNode(" · "));
          compare.appendChild(link);
        });
        li.appendChild(compare);
      }
      list.appendChild(li);
    });
  }

  function setupSearch() {
    var form = document.getElementById("search-page-form");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var q = new URLSearchParams(window.location.search).get("q") || "";
    input.value = q;
    render(form, list, status, q);
    input.addEventListener("input", function () { render(form, list, status, input.value); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      render(form, list, status, input.value);
    });
  }

  /* The compare picker: two selects in the protocol's order; the pair page is named with the
     earlier code first, so the canonical page is reached whichever way the reader picks. */
  function setupPickers() {
    var forms = document.querySelectorAll("form.picker");
    Array.prototype.forEach.call(forms, function (form) {
      form.hidden = false;
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var sa = form.querySelector("[name=a]"), sb = form.querySelector("[name=b]");
        var out = form.querySelector("output");
        if (sa.selectedIndex === sb.selectedIndex) {
          out.textContent = form.getAttribute("data-same") || "";
          return;
        }
        var first = sa.selectedIndex < sb.selectedIndex ? sa.value : sb.value;
        var second = sa.selectedIndex < sb.selectedIndex ? sb.value : sa.value;
        window.location.href = root + form.getAttribute("data-pair").replace("{a}", first).replace("{b}", second);
      });
    });
  }

  setupSearch();
  setupPickers();
})();
