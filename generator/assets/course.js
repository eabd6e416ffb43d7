/* coursegen: the self-check list of a module page, kept in the browser's localStorage, and the
 * course home's progress table read from it (and from quiz.js's saved scores).
 * Works with and without Material's instant navigation (document$), and without Material. */
(function () {
  "use strict";

  var PREFIX = "coursegen:selfcheck:";
  var QUIZ_PREFIX = "coursegen:quiz:"; /* quiz.js keeps { answers, checked, score, best } */

  function load(key) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key) || "[]");
      return Array.isArray(value) ? value : [];
    } catch (error) {
      return [];
    }
  }

  function store(key, codes) {
    try {
      if (codes.length) {
        window.localStorage.setItem(key, JSON.stringify(codes));
      } else {
        window.localStorage.removeItem(key);
      }
    } catch (error) {
      /* storage disabled: the ticks still work until the page is left */
    }
  }

  function setUp(form) {
    if (form.getAttribute("data-cg-ready")) {
      return;
    }
    form.setAttribute("data-cg-ready", "1");
    var key = PREFIX + form.getAttribute("data-cg-key");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var status = form.querySelector(".cg-selfcheck-status");
    var clear = form.querySelector(".cg-selfcheck-clear");

    function ticked(among) {
      return among.filter(function (box) { return box.checked; })
        .map(function (box) { return box.value; });
    }

    /* A module page has one form per task, all under the module's key: store them together. */
    function save() {
      var all = [];
      Array.prototype.forEach.call(document.querySelectorAll("form.cg-selfcheck"), function (other) {
        if (other.getAttribute("data-cg-key") === form.getAttribute("data-cg-key")) {
          all = all.concat(Array.prototype.slice.call(
            other.querySelectorAll("input[type=checkbox]")));
        }
      });
      store(key, ticked(all));
    }

    function show() {
      if (status) {
        status.textContent = "已勾選 " + ticked(boxes).length + "／" + boxes.length + " 項";
      }
    }

    var saved = load(key);
    boxes.forEach(function (box) {
      box.checked = saved.indexOf(box.value) !== -1;
      box.addEventListener("change", function () {
        save();
        show();
      });
    });
    if (clear) {
      clear.addEventListener("click", function () {
        boxes.forEach(function (box) { box.checked = false; });
        save();
        show();
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    show();
  }

  /* The last and the best score of a quiz, or null before its first check. */
  function savedScores(key) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(QUIZ_PREFIX + key) || "null");
      if (!saved || typeof saved.score !== "number") { return null; }
      return { last: saved.score, best: Math.max(saved.score, saved.best || 0) };
    } catch (error) {
      return null;
    }
  }

  /* The course home's table: shown only when this script runs (it has nothing to show else). */
  function showProgress(box) {
    var pass = Number(box.getAttribute("data-cg-pass"));
    Array.prototype.forEach.call(box.querySelectorAll("[data-cg-selfcheck]"), function (cell) {
      /* Only the boxes the module has now: ticks kept for a task the trainer has since
       * hidden (or a standard's revision removed) are not counted. */
      var codes = cell.getAttribute("data-cg-codes").split(" ");
      var ticked = load(PREFIX + cell.getAttribute("data-cg-selfcheck")).filter(function (code) {
        return codes.indexOf(code) !== -1;
      });
      cell.textContent = ticked.length + "／" + codes.length + " 項";
    });
    /* Each quiz's link reads as its state: where to go next is where it leads. */
    Array.prototype.forEach.call(box.querySelectorAll("[data-cg-quiz]"), function (link) {
      var scores = savedScores(link.getAttribute("data-cg-quiz"));
      link.textContent = scores === null ? "尚未作答" :
        "最近 " + scores.last + " 分・最高 " + scores.best + " 分・" +
        (scores.best >= pass ? "已通過" : "未通過");
    });
    box.hidden = false;
  }

  /* Material's search dialog has no accessible name (axe: aria-dialog-name). */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      dialog.setAttribute("aria-label", "搜尋");
    }
  }

  /* Print buttons (a practice with its rubric): useless without this script, so hidden until now. */
  function setUpPrint(button) {
    if (!button.hidden) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  /* The offline bundle's link, shown (and made a link) only where the site has the zip, that is
   * a build with --offline: without it the page holds no link that leads nowhere. */
  function offerBundle(link) {
    var href = link.getAttribute("data-cg-bundle");
    if (!window.fetch || window.location.protocol === "file:" || link.hasAttribute("href")) {
      return;
    }
    window.fetch(href, { method: "HEAD" }).then(function (response) {
      if (response.ok) {
        link.setAttribute("href", href);
        link.closest(".cg-offline").hidden = false;
      }
    }, function () { /* no bundle: nothing to offer */ });
  }

  /* A table wider than the screen scrolls sideways inside Material's wrapper: the keyboard
   * must reach it (axe: scrollable-region-focusable), and a screen reader names it. Checked
   * again when the window is resized (a phone turned sideways). */
  function textOf(element) {
    return element ? element.textContent.replace(/\u00b6/g, "").trim() : "";
  }

  /* "表格：<caption or heading>・<column headings>（可左右捲動）": distinct for each table. */
  function labelOf(wrap) {
    var heading = wrap.previousElementSibling;
    while (heading && !/^H[1-6]$/.test(heading.tagName)) {
      heading = heading.previousElementSibling;
    }
    var section = wrap.closest("section");
    heading = heading || (section && section.querySelector("h1, h2, h3"));
    var columns = Array.prototype.map.call(wrap.querySelectorAll("thead th"), textOf);
    var name = textOf(wrap.querySelector("caption")) || textOf(heading);
    return "表格：" + [name, columns.join("、")].filter(Boolean).join("・") + "（可左右捲動）";
  }

  function reachScrollableTables() {
    var used = {};
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls) {
        var label = labelOf(wrap);
        used[label] = (used[label] || 0) + 1;
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", used[label] > 1 ? label + " " + used[label] : label);
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  var resizeTimer = 0;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(reachScrollableTables, 150);
  });

  function setUpAll() {
    nameSearchDialog();
    reachScrollableTables();
    Array.prototype.forEach.call(document.querySelectorAll("button.cg-print"), setUpPrint);
    Array.prototype.forEach.call(document.querySelectorAll(".cg-offline a[data-cg-bundle]"), offerBundle);
    Array.prototype.forEach.call(document.querySelectorAll("form.cg-selfcheck"), setUp);
    Array.prototype.forEach.call(document.querySelectorAll(".cg-progress"), showProgress);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
