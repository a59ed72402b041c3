// wirespan viewer: tooltips, layer switches, keyboard moves between spans, variant links.
// The spans themselves are cut server-side (exact code-point offsets); this file only shows and hides.
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var GROUPS = { quotes: ["quotes", "speaker", "cue"] };

  function related(el) {
    return (el.getAttribute("data-links") || "").split(" ").filter(Boolean)
      .map(function (k) { return document.getElementById(k); }).filter(Boolean);
  }
  function first(el) {  // a span cut in pieces: its first piece carries id and details
    var key = el.getAttribute("data-span");
    return (key && document.getElementById(key)) || el;
  }
  function show(el) {
    el = first(el);
    var info = el.getAttribute("data-info");
    if (!info || !tip) return;
    tip.textContent = info;
    tip.hidden = false;
    var r = el.getBoundingClientRect();
    tip.style.left = Math.max(4, window.scrollX + r.left) + "px";
    tip.style.top = (window.scrollY + r.bottom + 6) + "px";
    related(el).forEach(function (t) { t.classList.add("linked"); });
    highlightPairs(el, true);
  }
  function hide() {
    if (tip) tip.hidden = true;
    document.querySelectorAll(".linked").forEach(function (t) { t.classList.remove("linked"); });
    document.querySelectorAll("#links path.hl").forEach(function (p) { p.classList.remove("hl"); });
  }
  document.addEventListener("mouseover", function (e) {
    var m = e.target.closest && e.target.closest("mark.m");
    if (m) { hide(); show(m); }
  });
  document.addEventListener("mouseout", function (e) {
    if (e.target.closest && e.target.closest("mark.m") && document.activeElement !== first(e.target.closest("mark.m"))) hide();
  });
  document.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches("mark.m")) { hide(); show(e.target); }
  });
  document.addEventListener("focusout", hide);

  // layer switches: hide the highlight and take the layer's spans out of the tab order
  function applyToggle(cb) {
    var layer = cb.getAttribute("data-toggle");
    document.body.classList.toggle("hide-" + layer, !cb.checked);
    var layers = GROUPS[layer] || [layer];
    layers.forEach(function (l) {
      document.querySelectorAll("mark.m." + l + "[id]").forEach(function (m) {
        m.setAttribute("tabindex", cb.checked ? "0" : "-1");
      });
    });
  }
  document.querySelectorAll("input[data-toggle]").forEach(function (cb) {
    cb.addEventListener("change", function () { applyToggle(cb); });
    if (!cb.checked) applyToggle(cb);
  });

  // n / p: next and previous visible span
  document.addEventListener("keydown", function (e) {
    if (e.target.matches && e.target.matches("input, select, textarea")) return;
    if (e.key === "Escape") { hide(); return; }
    if (e.key !== "n" && e.key !== "p") return;
    var marks = Array.prototype.slice.call(document.querySelectorAll('mark.m[tabindex="0"]'))
      .filter(function (m) { return !m.classList.contains("off"); });
    if (!marks.length) return;
    var i = marks.indexOf(document.activeElement);
    var j = e.key === "n" ? (i + 1) % marks.length : (i <= 0 ? marks.length - 1 : i - 1);
    marks[j].focus();
    e.preventDefault();
  });

  // variants: one path per pair, from its span in column a to its span in column b
  var svg = document.getElementById("links");
  var dataEl = document.getElementById("pairs-data");
  var pairs = dataEl ? JSON.parse(dataEl.textContent) : [];
  var NS = "http://www.w3.org/2000/svg";
  function draw() {
    if (!svg) return;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var box = svg.getBoundingClientRect();
    var colA = document.getElementById("col-a").getBoundingClientRect();
    var colB = document.getElementById("col-b").getBoundingClientRect();
    pairs.forEach(function (p) {
      var a = document.getElementById(p.a), b = document.getElementById(p.b);
      if (!a || !b) return;
      var ra = a.getClientRects()[0], rb = b.getClientRects()[0];
      var x1 = colA.right - box.left, y1 = (ra.top + ra.bottom) / 2 - box.top;
      var x2 = colB.left - box.left, y2 = (rb.top + rb.bottom) / 2 - box.top;
      var mid = (x1 + x2) / 2;
      var path = document.createElementNS(NS, "path");
      path.setAttribute("d", "M" + x1 + "," + y1 + " C" + mid + "," + y1 + " " + mid + "," + y2 + " " + x2 + "," + y2);
      path.setAttribute("class", "kind-" + p.kind + " rel-" + p.relation + (p.verdict ? " " + p.verdict : ""));
      path.setAttribute("data-n", p.n); path.setAttribute("data-a", p.a); path.setAttribute("data-b", p.b);
      path.setAttribute("data-kind", p.kind); path.setAttribute("data-relation", p.relation);
      svg.appendChild(path);
    });
    filter();
  }
  function highlightPairs(el, on) {
    (el.getAttribute("data-pairs") || "").split(" ").filter(Boolean).forEach(function (n) {
      var path = svg && svg.querySelector('path[data-n="' + n + '"]');
      if (!path) return;
      path.classList.toggle("hl", on);
      [path.getAttribute("data-a"), path.getAttribute("data-b")].forEach(function (k) {
        var t = document.getElementById(k); if (t && t !== el) t.classList.toggle("linked", on);
      });
    });
  }
  function filter() {
    var on = { kind: {}, relation: {} };
    document.querySelectorAll("input[data-filter]").forEach(function (cb) {
      on[cb.getAttribute("data-filter")][cb.value] = cb.checked;
    });
    var shown = {};
    pairs.forEach(function (p) {
      var visible = on.kind[p.kind] !== false && on.relation[p.relation] !== false;
      shown[p.n] = visible;
      var path = svg && svg.querySelector('path[data-n="' + p.n + '"]');
      if (path) path.classList.toggle("off", !visible);
    });
    document.querySelectorAll("mark.m.variants").forEach(function (m) {
      var ns = (first(m).getAttribute("data-pairs") || "").split(" ").filter(Boolean);
      m.classList.toggle("off", !ns.some(function (n) { return shown[n]; }));
    });
    document.querySelectorAll("#variant-table tbody tr").forEach(function (tr) {
      tr.classList.toggle("off", on.kind[tr.getAttribute("data-kind")] === false ||
        on.relation[tr.getAttribute("data-relation")] === false);
    });
  }
  document.querySelectorAll("input[data-filter]").forEach(function (cb) { cb.addEventListener("change", filter); });
  if (svg) {
    draw();
    window.addEventListener("resize", draw);
    window.addEventListener("load", draw);
  }
}());
