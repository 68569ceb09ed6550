/* Filters and search for the review page: no library, no network. */
(function () {
  "use strict";
  var byId = function (id) { return document.getElementById(id); };
  var docSel = byId("f-doc"), probSel = byId("f-problem"), search = byId("f-search");
  var count = byId("f-count"), empty = byId("empty");
  var records = Array.prototype.slice.call(document.querySelectorAll("article.rec"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.doc"));
  // The same folding as the page generator: NFKC (full width -> half width), lower case.
  var fold = function (s) { return s.normalize("NFKC").toLowerCase(); };

  function apply() {
    var doc = docSel.value, tag = probSel.value;
    var terms = fold(search.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    records.forEach(function (r) {
      var ok = (!doc || r.dataset.doc === doc) &&
        (!tag || (" " + r.dataset.tags + " ").indexOf(" " + tag + " ") >= 0) &&
        terms.every(function (t) { return r.dataset.search.indexOf(t) >= 0; });
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    var narrowed = Boolean(tag || terms.length);
    sections.forEach(function (s) {
      var visible = s.querySelector("article.rec:not([hidden])") !== null;
      s.hidden = (doc && s.dataset.doc !== doc) || (narrowed && !visible);
    });
    count.textContent = "显示 " + shown + " / " + records.length + " 条";
    empty.hidden = shown > 0 || records.length === 0;
    var state = [doc && "doc=" + doc, tag && "finding=" + tag].filter(Boolean).join("&");
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", state ? "#" + state : window.location.pathname);
    }
  }

  // Restore filters from the address (#doc=doc2&finding=W301), so a filtered view can be shared.
  window.location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
    var parts = kv.split("=");
    if (parts[0] === "doc") { docSel.value = decodeURIComponent(parts[1] || ""); }
    if (parts[0] === "finding") { probSel.value = decodeURIComponent(parts[1] || ""); }
  });
  docSel.addEventListener("change", apply);
  probSel.addEventListener("change", apply);
  search.addEventListener("input", apply);
  if (window.location.hash.indexOf("=") >= 0) { apply(); }
  else { count.textContent = "显示 " + records.length + " / " + records.length + " 条"; }
})();
