// redline: conveniences only. Every page works without this file.
(function () {
  "use strict";

  // Keyboard: j/→ follows rel=next, k/← rel=prev, on any page that has them
  // (pagers, diffs). Not while typing in a form field.
  document.addEventListener("keydown", function (ev) {
    if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var rel = null;
    if (ev.key === "j" || ev.key === "ArrowRight") rel = "next";
    if (ev.key === "k" || ev.key === "ArrowLeft") rel = "prev";
    if (!rel) return;
    var link = document.querySelector('a[rel~="' + rel + '"]');
    if (link) { ev.preventDefault(); window.location.assign(link.href); }
  });

  // Live refresh: a page marked data-refresh="SECONDS" reloads itself while
  // visible and while no form on it has been touched.
  var secs = parseInt(document.body.getAttribute("data-refresh") || "", 10);
  if (secs > 0) {
    var dirty = false;
    document.addEventListener("input", function () { dirty = true; });
    setInterval(function () {
      if (!dirty && document.visibilityState === "visible") window.location.reload();
    }, secs * 1000);
  }
})();
