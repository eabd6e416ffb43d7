/* coursegen quizzes: check answers, explain, score, retry reshuffled, keep progress locally.
 * The page is complete without this script (questions plus a printed answer key); the script
 * only adds checking. Works with Material's instant navigation (document$) and without it. */
(function () {
  "use strict";

  var PREFIX = "coursegen:quiz:";
  var all = function (root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  };

  function load(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  function save(key, value) {
    try {
      if (value) {
        window.localStorage.setItem(key, JSON.stringify(value));
      } else {
        window.localStorage.removeItem(key);
      }
    } catch (error) {
      /* storage disabled: the quiz still works until the page is left */
    }
  }

  /* The learner's answer to one question: chosen option values, or one value per pair. */
  function answerOf(question) {
    if (question.dataset.type === "matching") {
      return all(question, "select").map(function (s) { return s.value; });
    }
    return all(question, "input:checked").map(function (i) { return i.value; });
  }

  function restore(question, values) {
    if (question.dataset.type === "matching") {
      all(question, "select").forEach(function (s, n) { s.value = values[n] || ""; });
    } else {
      all(question, "input").forEach(function (i) { i.checked = values.indexOf(i.value) >= 0; });
    }
  }

  /* Credit from 0 to 1: multiple response gives partial credit, wrong picks take it back. */
  function credit(question, values) {
    var key = question.dataset.key.split(" ");
    if (question.dataset.type === "matching") {
      return key.filter(function (k, n) { return values[n] === k; }).length / key.length;
    }
    if (question.dataset.type === "multiple") {
      var right = values.filter(function (v) { return key.indexOf(v) >= 0; }).length;
      return Math.max(0, (right - (values.length - right)) / key.length);
    }
    return values.length === 1 && values[0] === key[0] ? 1 : 0;
  }

  function mark(label, text, kind) {
    var span = document.createElement("span");
    span.className = "cg-mark cg-mark-" + kind;
    span.textContent = text;
    label.appendChild(span);
  }

  function clearMarks(question) {
    all(question, ".cg-mark").forEach(function (m) { m.remove(); });
    question.removeAttribute("data-result");
    question.querySelector(".cg-feedback").hidden = true;
  }

  /* Per-option feedback in words (and symbols), never by colour alone. */
  function showFeedback(question, values) {
    var key = question.dataset.key.split(" ");
    clearMarks(question);
    if (question.dataset.type === "matching") {
      all(question, "select").forEach(function (select, n) {
        var ok = select.value === key[n];
        var label = question.querySelector("label[for='" + select.id + "']");
        mark(label, ok ? "✓ 配對正確" : "✗ 配對錯誤", ok ? "right" : "wrong");
      });
    } else {
      all(question, "input").forEach(function (input) {
        var label = question.querySelector("label[for='" + input.id + "']");
        var isKey = key.indexOf(input.value) >= 0;
        if (isKey && input.checked) { mark(label, "✓ 正確答案，你選對了", "right"); }
        else if (isKey) { mark(label, "★ 正確答案", "missed"); }
        else if (input.checked) { mark(label, "✗ 你的選擇不正確", "wrong"); }
      });
    }
    var got = credit(question, values);
    var answered = values.some(function (v) { return v !== ""; });
    var verdict = got === 1 ? "答對了！" : got > 0 ? "部分正確（得 " + Math.round(got * 100) + "%）。" :
      answered ? "答錯了。" : "未作答。";
    question.dataset.result = got === 1 ? "right" : got > 0 ? "partial" : "wrong";
    question.querySelector(".cg-verdict").textContent = verdict;
    question.querySelector(".cg-feedback").hidden = false;
    return got;
  }

  function shuffle(list) {
    var items = all(list, ":scope > li, :scope > option:not([value=''])");
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = items[i]; items[i] = items[j]; items[j] = swap;
    }
    items.forEach(function (item) { list.appendChild(item); });
  }

  function setUp(form) {
    if (form.dataset.cgReady) { return; }
    form.dataset.cgReady = "1";
    var key = PREFIX + form.dataset.cgQuiz;
    var pass = Number(form.dataset.pass);
    var questions = all(form, ".cg-q");
    var result = form.querySelector(".cg-quiz-result");
    form.querySelector(".cg-quiz-actions").hidden = false;

    function state() {
      var answers = {};
      questions.forEach(function (q) { answers[q.dataset.qid] = answerOf(q); });
      return answers;
    }

    function check(announce) {
      var total = questions.reduce(function (sum, q) { return sum + showFeedback(q, answerOf(q)); }, 0);
      var score = Math.round((total / questions.length) * 1000) / 10;
      var passed = score >= pass;
      result.textContent = "得分 " + score + " 分（" + questions.length + " 題，答對 " +
        questions.filter(function (q) { return q.dataset.result === "right"; }).length +
        " 題）。及格分數 " + pass + " 分：" + (passed ? "已通過！" : "尚未通過，請複習後再試一次。");
      result.dataset.passed = passed ? "yes" : "no";
      save(key, { answers: state(), checked: true, score: score });
      if (announce) { result.focus(); }
    }

    function clear() {
      questions.forEach(function (q) { restore(q, []); clearMarks(q); });
      result.textContent = "";
      result.removeAttribute("data-passed");
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      check(true);
    });
    form.addEventListener("change", function () {
      var saved = load(key) || {};
      save(key, { answers: state(), checked: false, score: saved.score });
    });
    form.querySelector(".cg-quiz-retry").addEventListener("click", function () {
      clear();
      all(form, ".cg-options, .cg-pair select").forEach(shuffle);
      save(key, null);
      result.textContent = "已清除答案並重新排列選項，請再作答一次。";
      var first = form.querySelector("input, select");
      if (first) { first.focus(); }
    });
    form.querySelector(".cg-quiz-reset").addEventListener("click", function () {
      clear();
      save(key, null);
      result.textContent = "已清除這份測驗的作答紀錄。";
    });

    var saved = load(key);
    if (saved && saved.answers) {
      questions.forEach(function (q) { restore(q, saved.answers[q.dataset.qid] || []); });
      if (saved.checked) { check(false); }
    }
  }

  function init() {
    all(document, "form.cg-quiz").forEach(setUp);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
