/* The review workbench (citekit review): edit, confirm, delete, add, merge, undo in the browser.
   Added to the review page by citekit/review/page.py; talks only to the local server. All text
   from records goes into the page as text (textContent, input values), never as markup; the
   only markup put in is the server's own, made by its escaping templates (record chunks and
   panels).

   The page arrives with its first records: the rest come in chunks (/api/chunk), one after
   the other, and what needs every record (duplicate groups, totals, filters by finding,
   charts) comes when the server has computed it (/api/findings). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("citekit-config").textContent);
  var fields = config.fields;
  var byId = function (id) { return document.getElementById(id); };
  var all = function (selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  };
  var filters = window.citekitFilters || { apply: function () {}, fromAddress: function () {} };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function api(path, body) {
    var init = { headers: { "X-Citekit-Token": config.token } };
    if (body !== undefined) {
      init.method = "POST";
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (r) {
      return r.json().then(function (data) { data._http = r.status; return data; });
    });
  }

  // ---------------------------------------------------------------------- the top bar
  var bar = el("div", { "class": "wb-bar", role: "toolbar", "aria-label": "工作台 workbench" });
  var msg = el("output", { "class": "wb-msg", "aria-live": "polite", id: "wb-msg" });
  function say(text, bad) { msg.textContent = text; msg.className = "wb-msg" + (bad ? " bad" : ""); }
  var undo = el("button", { type: "button", id: "wb-undo" }, "撤销 undo");
  undo.addEventListener("click", function () {
    api("/api/undo", {}).then(function (d) { done(d, null); });
  });
  bar.appendChild(undo);
  bar.appendChild(el("span", {}, "下载 download:"));
  ["docx", "bib", "json", "txt"].forEach(function (fmt) {
    var a = el("a", { href: "/download?format=" + fmt + "&token=" + encodeURIComponent(config.token),
      "class": "wb-small", id: "wb-dl-" + fmt }, fmt);
    bar.appendChild(a);
  });
  bar.appendChild(el("span", {}, "键盘 keys: j/k 下/上一个有问题的条目 · e 编辑 · Ctrl+S 保存 · Esc 关闭"));
  bar.appendChild(msg);
  document.body.insertBefore(bar, document.body.firstChild);

  // After a change the page is made again from refs/, at the same record.
  function done(data, key) {
    if (data._http !== 200) { say(data.error || "失败 failed", true); return; }
    sessionStorage.setItem("wb-said", data.what || "");
    window.location.hash = key ? "ref-" + key : window.location.hash;
    window.location.reload();
  }
  var said = sessionStorage.getItem("wb-said");
  if (said) { say("已保存 saved: " + said); sessionStorage.removeItem("wb-said"); }

  // ---------------------------------------------------------------------- records
  function editForm(article, key) {
    var old = article.querySelector(".wb-form");
    if (old) { old.remove(); return; }
    api("/api/record?key=" + encodeURIComponent(key)).then(function (rec) {
      if (rec._http !== 200) { say(rec.error, true); return; }
      var form = el("form", { "class": "wb-form", "data-version": rec.version });
      var inputs = {};
      fields.forEach(function (f) {
        var name = f[0], label = el("label", {}, "");
        label.appendChild(el("span", {}, f[1]));
        var input;
        if (name === "type") {
          input = el("select", { name: name });
          rec.types.forEach(function (t) {
            var o = el("option", { value: t }, t);
            if (t === rec.fields.type) { o.selected = true; }
            input.appendChild(o);
          });
        } else {
          input = el("input", { name: name, type: "text" });
          input.value = rec.fields[name] || "";
        }
        inputs[name] = input;
        label.appendChild(input);
        form.appendChild(label);
      });
      var preview = el("p", { "class": "wb-preview", "aria-live": "polite" }, rec.entry);
      form.appendChild(preview);
      var conflict = el("div", { "class": "wb-conflict", hidden: "" });
      form.appendChild(conflict);
      var save = el("button", { type: "submit", "class": "wb-save" }, "保存 save");
      var cancel = el("button", { type: "button" }, "取消 cancel");
      form.appendChild(save);
      form.appendChild(cancel);
      function values() {
        var out = {};
        Object.keys(inputs).forEach(function (n) { out[n] = inputs[n].value; });
        return out;
      }
      var timer = null;
      form.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          api("/api/preview", { key: key, fields: values() }).then(function (d) {
            preview.textContent = d._http === 200 ? d.entry : "（" + d.error + "）";
          });
        }, 200);
      });
      cancel.addEventListener("click", function () { form.remove(); });
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        api("/api/save", { key: key, fields: values(), version: form.dataset.version }).then(function (d) {
          if (d._http === 409) {
            conflict.hidden = false;
            conflict.textContent = "";
            conflict.appendChild(el("p", {}, "此条目已在别处修改（另一个标签页或手工编辑），未保存。This record was changed elsewhere; nothing was saved."));
            var table = el("table", {});
            var head = el("tr", {});
            ["字段 field", "您的 yours", "现在的 now on disk"].forEach(function (h) { head.appendChild(el("th", {}, h)); });
            table.appendChild(head);
            Object.keys(d.mine).forEach(function (n) {
              var theirs = d.theirs ? d.theirs[n] : "（已删除 deleted）";
              if (d.mine[n] === theirs) { return; }
              var row = el("tr", {});
              row.appendChild(el("td", {}, n));
              row.appendChild(el("td", {}, d.mine[n]));
              row.appendChild(el("td", {}, theirs === undefined ? "" : theirs));
              table.appendChild(row);
            });
            conflict.appendChild(table);
            say(d.error, true);
            return;
          }
          // saved: the card shows the record as it is now, without reloading a big page
          api("/api/record?key=" + encodeURIComponent(key)).then(function (now) {
            if (now._http !== 200) { done(d, key); return; }
            article.querySelector(".entry .text").textContent = now.entry;
            var dl = article.querySelector("dl.fields");
            dl.textContent = "";
            fields.forEach(function (f) {
              if (!now.fields[f[0]]) { return; }
              var row = el("div", {});
              row.appendChild(el("dt", {}, f[1]));
              row.appendChild(el("dd", {}, now.fields[f[0]]));
              dl.appendChild(row);
            });
            form.remove();
            say("已保存 saved: " + d.what);
          });
        });
      });
      article.querySelector(".info").appendChild(form);
      inputs.title.focus();
    });
  }

  // The buttons of each record come with its card (made by the server, citekit review only);
  // one listener serves them all, so that thousands of cards cost the page nothing more.
  var actions = {
    "wb-edit": function (article, key) { editForm(article, key); },
    "wb-confirm": function (article, key) {
      api("/api/confirm", { key: key }).then(function (d) { done(d, key); });
    },
    "wb-delete": function (article, key) {
      if (window.confirm("删除条目 " + key + "？Delete " + key + "?")) {
        api("/api/delete", { key: key }).then(function (d) {
          if (d._http !== 200) { say(d.error, true); return; }
          var section = article.closest("section.doc");
          article.remove();
          if (section) { countFlagged(section); }
          filters.apply(false);
          say("已删除 deleted: " + key);
        });
      }
    },
    "wb-check": function (article, key) {
      var out = article.querySelector(".wb-link") || el("p", { "class": "wb-link", "aria-live": "polite" });
      out.textContent = "检查中 checking…";
      article.querySelector(".info").appendChild(out);
      api("/api/check-link", { key: key }).then(function (d) {
        out.textContent = d._http === 200
          ? (d.verdict || d.status_word || "") + " — " + (d.reason || "") + (d.evidence ? "（" + JSON.stringify(d.evidence) + "）" : "")
          : d.error;
      });
    }
  };
  document.addEventListener("click", function (ev) {
    var button = ev.target.closest ? ev.target.closest("p.wb-tools button") : null;
    var article = button ? button.closest("article.rec") : null;
    if (!article) { return; }
    Object.keys(actions).forEach(function (name) {
      if (button.classList.contains(name)) { actions[name](article, article.dataset.key); }
    });
  });

  // ------------------------------------------------- lines extraction could not read
  function addTools(fig) {
    var section = fig.closest("section.doc");
    var refsFile = section.querySelector(".doc-meta code").textContent;
    var where = fig.querySelector(".where").textContent;
    var source = where.replace(/:\d+(-\d+)?$/, "");
    var button = el("button", { type: "button", "class": "wb-add wb-small" }, "成为条目 make a record");
    button.addEventListener("click", function () {
      var rows = Array.prototype.slice.call(fig.querySelectorAll("tr"));
      var sel = window.getSelection();
      var chosen = rows.filter(function (r) { return sel && !sel.isCollapsed && sel.containsNode(r, true); });
      if (!chosen.length) { chosen = rows.filter(function (r) { return r.classList.contains("hit"); }); }
      if (!chosen.length) { chosen = rows; }
      var nums = chosen.map(function (r) { return parseInt(r.querySelector("th").textContent, 10); });
      var text = chosen.map(function (r) { return r.querySelector("td").textContent; }).join("\n");
      api("/api/add", { refs_file: refsFile, source: source, start: Math.min.apply(null, nums),
        end: Math.max.apply(null, nums), text: text }).then(function (d) { done(d, d.key); });
    });
    fig.appendChild(button);
  }

  // the workbench's controls on records and lines new on the page
  function enhance(root) {
    if (dupBadges) { all("article.rec", root).forEach(markDuplicates); }
    all(".unparsed figure.span:not([data-wb])", root).forEach(function (fig) {
      fig.dataset.wb = "1";
      addTools(fig);
    });
  }

  // ---------------------------------------------------------------- duplicate groups
  var dupBadges = null;  // key -> its duplicate badges, once computed
  function markDuplicates(article) {
    var badges = dupBadges && dupBadges[article.dataset.key];
    if (!badges || article.dataset.dup) { return; }
    article.dataset.dup = "1";
    var where = article.querySelector(".badges");
    badges.forEach(function (b) {
      var node = el(b.href ? "a" : "span", { "class": "badge " + b.kind, title: b.title }, b.text);
      if (b.href) { node.setAttribute("href", b.href); }
      where.appendChild(document.createTextNode(" "));
      where.appendChild(node);
    });
    var tags = article.dataset.tags.split(" ").filter(function (t) { return t && t !== "clean"; });
    ["dup", "any"].forEach(function (t) { if (tags.indexOf(t) < 0) { tags.push(t); } });
    article.dataset.tags = tags.join(" ");
  }

  function groupTools(li) {
    var keys = li.dataset.keys.split(" ");
    var tools = el("span", { "class": "wb-tools" });
    var pick = el("select", { "class": "wb-survivor", "aria-label": "保留 survivor" });
    keys.forEach(function (k) { pick.appendChild(el("option", { value: k }, k)); });
    tools.appendChild(el("span", {}, "保留 keep:"));
    tools.appendChild(pick);
    var merge = el("button", { type: "button", "class": "wb-merge" }, "合并 merge");
    merge.addEventListener("click", function () {
      // per field where the records differ, the librarian picks the value kept
      Promise.all(keys.map(function (k) { return api("/api/record?key=" + encodeURIComponent(k)); })).then(function (recs) {
        var values = {};
        var form = el("form", { "class": "wb-form" });
        fields.forEach(function (f) {
          var seen = [];
          recs.forEach(function (r) { var v = r.fields ? r.fields[f[0]] : ""; if (v && seen.indexOf(v) < 0) { seen.push(v); } });
          if (seen.length < 2) { return; }
          var label = el("label", {}, "");
          label.appendChild(el("span", {}, f[1]));
          var choice = el("select", { name: f[0] });
          seen.forEach(function (v) { choice.appendChild(el("option", { value: v }, v)); });
          label.appendChild(choice);
          form.appendChild(label);
        });
        var go = el("button", { type: "submit" }, "确定合并 merge now");
        form.appendChild(go);
        form.addEventListener("submit", function (ev) {
          ev.preventDefault();
          Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) { values[s.name] = s.value; });
          api("/api/merge", { keys: keys, into: pick.value, values: values }).then(function (d) { done(d, d.key); });
        });
        li.appendChild(form);
      });
    });
    var distinct = el("button", { type: "button", "class": "wb-distinct" }, "不是重复 not duplicates");
    distinct.addEventListener("click", function () {
      api("/api/not-duplicates", { keys: keys }).then(function (d) { done(d, null); });
    });
    var repost = el("button", { type: "button", "class": "wb-repost" }, "转载 repost");
    repost.addEventListener("click", function () {
      api("/api/repost", { keys: keys, original: pick.value }).then(function (d) { done(d, null); });
    });
    [merge, distinct, repost].forEach(function (b) { tools.appendChild(b); });
    li.appendChild(tools);
  }

  // ------------------------------------------------------------------------ keyboard
  var current = null;
  function flagged() {
    return all("article.rec").filter(function (r) {
      return !r.hidden && (" " + r.dataset.tags + " ").indexOf(" any ") >= 0;
    });
  }
  function go(step) {
    var list = flagged();
    if (!list.length) { return; }
    var at = list.indexOf(current);
    var next = list[(at + step + list.length) % list.length];
    all("article.rec.wb-current").forEach(function (r) { r.classList.remove("wb-current"); });
    next.classList.add("wb-current");
    next.scrollIntoView({ block: "center" });
    current = next;
  }
  document.addEventListener("keydown", function (ev) {
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(ev.target.tagName);
    if ((ev.ctrlKey || ev.metaKey) && ev.key === "s") {
      var form = document.activeElement && document.activeElement.closest && document.activeElement.closest("form.wb-form");
      form = form || document.querySelector("form.wb-form");
      if (form) { ev.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (ev.key === "Escape") {
      var open = document.querySelector("form.wb-form");
      if (open) { open.remove(); }
      return;
    }
    if (typing) { return; }
    if (ev.key === "j") { go(1); }
    if (ev.key === "k") { go(-1); }
    if (ev.key === "e" && current && current.isConnected) { editForm(current, current.dataset.key); }
  });

  // ------------------------------------------------------ the rest of the page, in chunks
  var root = document.documentElement;
  var unparsed = config.unparsed || 0;
  var wanted = /^#ref-/.test(window.location.hash) ? window.location.hash.slice(1) : null;

  // "N 条有问题 with findings" of each document, from its records' tags
  function countFlagged(section) {
    var n = all("article.rec", section).filter(function (r) {
      return (" " + r.dataset.tags + " ").indexOf(" any ") >= 0;
    }).length;
    var meta = section.querySelector(".doc-meta"), span = meta.querySelector(".flagged");
    if (!n) { if (span) { span.previousSibling.textContent = span.previousSibling.textContent.replace(/ · $/, ""); span.remove(); } return; }
    if (!span) {
      var rest = meta.firstChild.splitText(meta.firstChild.textContent.indexOf(" · "));
      span = el("span", { "class": "flagged" });
      meta.insertBefore(document.createTextNode(" · "), rest);
      meta.insertBefore(span, rest);
    }
    span.textContent = n + " 条有问题 with findings";
  }

  function addDocOption(section) {
    var select = byId("f-doc");
    if (select.querySelector('option[value="' + section.id + '"]')) { return; }
    select.appendChild(el("option", { value: section.id }, section.dataset.label));
  }

  function insert(chunk) {
    var empty = byId("empty");
    chunk.parts.forEach(function (part) {
      var box = document.createElement("div");
      box.innerHTML = part.html;  // the server's escaped markup
      enhance(box);
      if (part.head) {
        empty.parentNode.insertBefore(box.firstElementChild, empty);
        addDocOption(byId(part.doc));
      } else {
        var recs = byId(part.doc).querySelector(".recs");
        while (box.firstChild) { recs.appendChild(box.firstChild); }
      }
    });
    unparsed += chunk.unparsed;
    if (chunk.missed) {  // its documents' possibly missed lines, into the panel at the top
      byId("check-missed").insertAdjacentHTML("beforeend", chunk.missed);
      byId("missed-count").textContent = all("#check-missed li").length;
    }
    chunk.parts.forEach(function (part) { countFlagged(byId(part.doc)); });
    filters.apply(false);
    showWanted();
  }

  // a record or line asked for (the address, the panel) that was not on the page yet
  function showWanted() {
    var target = wanted && byId(wanted);
    if (!target) { return; }
    wanted = null;
    filters.fromAddress();  // shown even when the filters had hidden it
    target.scrollIntoView();
    say("");
  }

  // "to check first": a link to a card its chunk has not brought yet waits for it
  byId("check-first").addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    if (!link || byId(link.getAttribute("href").slice(1))) { return; }
    wanted = link.getAttribute("href").slice(1);
    say("加载中 loading " + wanted + "…");
  });

  function loaded() {
    delete root.dataset.loading;
    var t = byId("t-unparsed");
    t.textContent = unparsed;
    t.parentNode.className = unparsed ? "warn" : "ok";
    t.parentNode.hidden = !unparsed;
    root.dataset.wbLoaded = "1";
    byId("check-missed-box").hidden = !all("#check-missed li").length;
    checkPanel();
    filters.apply(false);
    if (window.performance && performance.mark) { performance.mark("citekit-all-records"); }
  }

  function more(n) {
    if (n === null || n === undefined) { loaded(); return; }
    api("/api/chunk?run=" + encodeURIComponent(config.run) + "&n=" + n).then(function (d) {
      if (d._http === 410) { window.location.reload(); return; }
      if (d._http !== 200) {  // e.g. a refs file that cannot be read: say which, keep what came
        say("未能全部加载 not every record loaded: " + (d.error || d._http), true);
        delete root.dataset.loading;
        filters.apply(false);
        return;
      }
      insert(d);
      more(d.next);
    });
  }

  // the panel stays while anything may still come into it; hidden once it has nothing
  function checkPanel() {
    var panel = byId("check-first");
    var empty = all("#check-first li:not(.none)").length === 0;
    panel.hidden = empty && root.dataset.wbLoaded === "1" && panel.dataset.state === "ready";
  }

  function total(id, value, kind) {
    var t = byId(id);
    t.textContent = value;
    t.removeAttribute("title");
    t.parentNode.className = kind;
  }

  function showFindings(d) {
    var panel = byId("dup-groups");
    if (d.error) {
      panel.querySelector("summary").textContent = "重复组 duplicate groups（未能计算 failed: " + d.error + "）";
      panel.dataset.state = "failed";
      say(d.error, true);
      return;
    }
    var t = d.totals;
    total("t-documents", t.documents, "");
    total("t-records", t.records, "");
    total("t-duplicates", t.duplicates, t.duplicates ? "warn" : "ok");
    total("t-problems", t.problems, t.problems ? "warn" : "ok");
    Object.keys(d.charts).forEach(function (id) { byId(id).outerHTML = d.charts[id]; });
    // duplicate groups: the panel, each record's badges, the tools
    var groups = d.duplicates.groups;
    panel.querySelector("summary").textContent = "重复组 duplicate groups（" + groups.length + "）";
    panel.querySelector("ol").innerHTML = d.duplicates.html;
    panel.open = groups.length > 0 && groups.length <= 10;
    panel.hidden = groups.length === 0;
    all("li", panel).forEach(groupTools);
    dupBadges = d.duplicates.badges;
    all("article.rec").forEach(markDuplicates);
    // problems no record owns; records kept with another document that a document cites
    if (d.other_count) {
      var other = byId("other-problems");
      other.innerHTML = "<summary></summary>" + d.other;
      other.querySelector("summary").textContent = "其他问题 other problems（" + d.other_count + "）";
      other.hidden = false;
    }
    Object.keys(d.cited_too).forEach(function (id) {
      var section = byId(id);
      if (!section) { return; }
      var none = section.querySelector(":scope > p.none");
      if (none) { none.remove(); }
      section.querySelector(".recs").insertAdjacentHTML("afterend", d.cited_too[id]);
    });
    // the filters: every document, every finding with its count
    var docs = byId("f-doc"), chosen = docs.value;
    docs.textContent = "";
    docs.appendChild(el("option", { value: "" }, "全部文档 all documents"));
    d.documents.forEach(function (o) { docs.appendChild(el("option", { value: o[0] }, o[1])); });
    docs.value = chosen;
    var kinds = byId("f-problem");
    chosen = kinds.value;
    kinds.textContent = "";
    kinds.appendChild(el("option", { value: "" }, "全部条目 all records"));
    d.filters.forEach(function (f) { kinds.appendChild(el("option", { value: f[0] }, f[1] + "（" + f[2] + "）")); });
    kinds.value = chosen;
    // records to check first: low confidence first, then other extraction warnings
    byId("check-records").innerHTML = d.check_first.html;
    byId("check-count").textContent = d.check_first.count;
    byId("check-records-box").hidden = !d.check_first.count;
    byId("check-first").dataset.state = "ready";
    checkPanel();
    all("section.doc").forEach(countFlagged);
    panel.dataset.state = "ready";
    root.dataset.wbFindings = "1";
    if (window.performance && performance.mark) { performance.mark("citekit-findings"); }
    if (window.location.hash.indexOf("finding=") >= 0) { filters.fromAddress(); } else { filters.apply(false); }
  }

  function findings() {
    api("/api/findings?run=" + encodeURIComponent(config.run)).then(function (d) {
      if (d._http === 410) { window.location.reload(); return; }
      if (d._http !== 200) { say(d.error || "失败 failed", true); return; }
      if (!d.ready) { findings(); return; }
      showFindings(d);
    });
  }

  // the rest of the page once this part is shown: the browser first, the server's work after
  enhance(document);
  window.addEventListener("load", function () {
    setTimeout(function () { findings(); more(config.next); }, 0);
  });
})();
