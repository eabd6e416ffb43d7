/* coursegen: SCORM 1.2 adapter of a course exported as a SCORM package (scorm.html loads it).
 *
 * The launch page frames the course's offline pages and stays loaded while the learner moves
 * between them, so the LMS sees one session. The pages keep their state in localStorage
 * (course.js: self-check ticks, quiz.js: quiz answers and scores); this adapter reads it and
 * reports to the LMS: cmi.core.lesson_status (incomplete, then passed or failed by the final
 * quiz's best score against the pass mark), cmi.core.score.raw/min/max (the final quiz, 0-100),
 * cmi.core.lesson_location (the page open, to resume there), cmi.suspend_data (the ticks, so
 * they follow the learner to another browser). Without an LMS's API it does nothing.
 */
(function () {
  "use strict";

  var SELFCHECK = "coursegen:selfcheck:"; /* course.js */
  var QUIZ = "coursegen:quiz:"; /* quiz.js: { answers, checked, score } */
  var SUSPEND_MAX = 4096; /* SCORM 1.2: cmi.suspend_data is at most 4096 characters */
  var LOCATION_MAX = 255; /* cmi.core.lesson_location */

  /* ADL's search: up the parents (at most 7), then the same from the opener. */
  function searchUp(win) {
    for (var tries = 0; win && tries <= 7; tries++) {
      try {
        if (win.API) { return win.API; }
      } catch (error) {
        return null; /* another origin: no API reachable there */
      }
      if (!win.parent || win.parent === win) { return null; }
      win = win.parent;
    }
    return null;
  }

  function findAPI() {
    return searchUp(window) || (window.opener ? searchUp(window.opener) : null);
  }

  function read(key, fallback) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key) || "null");
      return value === null ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  function write(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      /* storage disabled: the ticks stay in the LMS only */
    }
  }

  function start(api, root, frame) {
    var course = root.getAttribute("data-cg-course") + "/"; /* storage keys: <code>/<part> */
    var finalKey = QUIZ + root.getAttribute("data-cg-final");
    var pass = Number(root.getAttribute("data-cg-pass"));
    var started = Date.now();
    var sent = {};
    var finished = false;

    function get(name) { return String(api.LMSGetValue(name) || ""); }

    function set(name, value) {
      value = String(value);
      if (sent[name] !== value) {
        sent[name] = value;
        api.LMSSetValue(name, value);
      }
    }

    function ticks() {
      var found = {};
      for (var i = 0; i < window.localStorage.length; i++) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf(SELFCHECK + course) === 0) {
          found[key.slice(SELFCHECK.length + course.length)] = read(key, []);
        }
      }
      return found;
    }

    /* The LMS's ticks win over this browser's: they are the learner's, wherever made. */
    function restore() {
      var saved;
      try { saved = JSON.parse(get("cmi.suspend_data") || "{}"); } catch (error) { saved = {}; }
      var parts = saved && saved.ticks ? saved.ticks : {};
      var restored = Object.keys(parts).filter(function (part) {
        return Array.isArray(parts[part]);
      });
      restored.forEach(function (part) { write(SELFCHECK + course + part, parts[part]); });
      var location = get("cmi.core.lesson_location");
      var resume = get("cmi.core.entry") === "resume" && /^[^:\\]+$/.test(location);
      if (resume || restored.length) {
        /* reopen the page where the learner left, or the first page with the ticks restored */
        frame.src = resume ? location : frame.getAttribute("src");
      }
    }

    function where() {
      try {
        var base = window.location.href.replace(/[^/]*([?#].*)?$/, "");
        var href = frame.contentWindow.location.href;
        return href.indexOf(base) === 0 ? href.slice(base.length) : "";
      } catch (error) {
        return "";
      }
    }

    function report() {
      if (finished) { return; }
      var state = read(finalKey, null);
      var status = get("cmi.core.lesson_status");
      /* The best score so far, as the course home shows it (quiz.js keeps it beside the latest). */
      var score = state && typeof state.best === "number" ? state.best : state && state.score;
      if (state && state.checked && typeof score === "number") {
        set("cmi.core.score.min", 0);
        set("cmi.core.score.max", 100);
        set("cmi.core.score.raw", score);
        status = score >= pass ? "passed" : "failed";
      } else if (status === "" || status === "not attempted") {
        status = "incomplete";
      }
      set("cmi.core.lesson_status", status);
      var suspend = JSON.stringify({ ticks: ticks() });
      if (suspend.length <= SUSPEND_MAX) { set("cmi.suspend_data", suspend); }
      var location = where();
      if (location && location.length <= LOCATION_MAX) { set("cmi.core.lesson_location", location); }
      api.LMSCommit("");
    }

    function sessionTime() {
      var seconds = Math.round((Date.now() - started) / 1000);
      var pad = function (n) { return (n < 10 ? "0" : "") + n; };
      var hours = Math.floor(seconds / 3600);
      return (hours < 1000 ? ("000" + hours).slice(-4) : String(hours)) + ":" +
        pad(Math.floor(seconds / 60) % 60) + ":" + pad(seconds % 60);
    }

    function finish() {
      if (finished) { return; }
      report();
      finished = true;
      set("cmi.core.session_time", sessionTime());
      var done = sent["cmi.core.lesson_status"] === "passed" || sent["cmi.core.lesson_status"] === "failed";
      set("cmi.core.exit", done ? "" : "suspend");
      api.LMSCommit("");
      api.LMSFinish("");
    }

    restore();
    report();
    frame.addEventListener("load", report);
    window.addEventListener("storage", report); /* the course's pages write their state */
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  }

  var root = document.documentElement;
  var frame = document.getElementById("cg-course");
  var api = findAPI();
  if (!api || !frame || String(api.LMSInitialize("")) !== "true") {
    return; /* no LMS: the course works on its own, as offline */
  }
  start(api, root, frame);
})();
