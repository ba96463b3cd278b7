/* codevs serve: reloads the page after a rebuild, and shows a failed build's error. */
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/live\.js.*$/, "");
  var version = null;
  function overlay(error) {
    var box = document.getElementById("codevs-build-error");
    if (!error) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("pre");
      box.id = "codevs-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;margin:0;padding:1rem;" +
        "background:#3b0d0c;color:#ffdcd7;font:13px/1.4 ui-monospace,monospace;white-space:pre-wrap;z-index:2147483647";
      document.body.appendChild(box);
    }
    box.textContent = error;
  }
  function poll() {
    fetch(base + "status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (version !== null && s.version !== version) { window.location.reload(); return; }
        version = s.version;
        overlay(s.error);
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 500); });
  }
  poll();
})();
