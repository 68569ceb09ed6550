/* Filters and search for the review page: no library, no network.
   Included into report.html by Jinja2: never write its delimiters (brace-brace, brace-percent, brace-hash). */
(function () {
  "use strict";
  var byId = function (id) { return document.getElementById(id); };
  var docSel = byId("f-doc"), probSel = byId("f-problem"), search = byId("f-search");
  var count = byId("f-count"), empty = byId("empty");
  // Looked up at each use: citekit review adds records to the page while it is open.
  var all = function (selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); };
  // The same folding as the page generator: NFKC (full width -> half width), lower case.
  var fold = function (s) { return s.normalize("NFKC").toLowerCase(); };

  var filtered = true;  // whether a filter was set the last time (the first time: look)
  function apply(remember) {
    var doc = docSel.value, tag = probSel.value;
    var terms = fold(search.value).split(/\s+/).filter(Boolean);
    var shown = 0, records = all("article.rec");
    var narrowed = Boolean(tag || terms.length), active = Boolean(doc || narrowed);
    if (active || filtered) {  // (nothing to do for records added while no filter is set)
      records.forEach(function (r) {
        var ok = (!doc || r.dataset.doc === doc) &&
          (!tag || (" " + r.dataset.tags + " ").indexOf(" " + tag + " ") >= 0) &&
          terms.every(function (t) { return r.dataset.search.indexOf(t) >= 0; });
        if (r.hidden !== !ok) { r.hidden = !ok; }
        if (ok) { shown += 1; }
      });
      all("section.doc").forEach(function (s) {
        var visible = s.querySelector("article.rec:not([hidden])") !== null;
        var hide = Boolean(doc && s.dataset.doc !== doc) || (narrowed && !visible);
        if (s.hidden !== hide) { s.hidden = hide; }
      });
    } else {
      shown = records.length;
    }
    filtered = active;
    count.textContent = "显示 " + shown + " / " + records.length + " 条" +
      (document.documentElement.dataset.loading ? "（加载中 loading…）" : "");
    empty.hidden = shown > 0 || records.length === 0;
    if (remember === true && window.history && window.history.replaceState) {
      // Keep the filters in the address, so a filtered view can be bookmarked or shared.
      var state = [doc && "doc=" + doc, tag && "finding=" + tag].filter(Boolean).join("&");
      window.history.replaceState(null, "", state ? "#" + state : window.location.pathname);
    }
  }

  // #doc=doc2&finding=W301 sets the filters; #ref-key shows that record even when filtered out.
  function fromAddress() {
    var hash = window.location.hash.replace(/^#/, "");
    if (hash.indexOf("=") >= 0) {
      docSel.value = "";
      probSel.value = "";
      search.value = "";
      hash.split("&").forEach(function (kv) {
        var parts = kv.split("="), value = decodeURIComponent(parts[1] || "");
        if (parts[0] === "doc") { docSel.value = value; }
        if (parts[0] === "finding") { probSel.value = value; }
        if (parts[0] === "q") { search.value = value; }
      });
      apply(false);
      return;
    }
    var target = hash ? document.getElementById(hash) : null;
    if (target && (target.hidden || (target.parentNode && target.parentNode.hidden))) {
      docSel.value = "";
      probSel.value = "";
      search.value = "";
      apply(false);
      target.scrollIntoView();
    }
  }

  var remember = function () { apply(true); };
  docSel.addEventListener("change", remember);
  probSel.addEventListener("change", remember);
  search.addEventListener("input", function () { apply(false); });
  window.addEventListener("hashchange", fromAddress);
  // for citekit review's script: filter again after adding records or filter values
  window.citekitFilters = { apply: apply, fromAddress: fromAddress };
  apply(false);
  fromAddress();
})();
