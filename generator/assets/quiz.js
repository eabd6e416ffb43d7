/* coursegen quizzes: check answers, explain, score, retry reshuffled, keep scores locally.
 * Each question's key and explanation are sealed in data-sealed (JSON, XORed with the question
 * id, base64: see render/quiz.py seal) and opened only when the question is checked. Works with
 * Material's instant navigation (document$) and without it. */
(function () {
  "use strict";

  var PREFIX = "coursegen:quiz:";
  var LETTERS = "ABCDEFGHIJ";
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

  /* { key: [option values (matching: one per pair)], explanation: "…" } */
  function unseal(question) {
    if (!question.cgSealed) {
      var mask = new TextEncoder().encode(question.dataset.qid);
      var bytes = Uint8Array.from(window.atob(question.dataset.sealed), function (c, i) {
        return c.charCodeAt(0) ^ mask[i % mask.length];
      });
      question.cgSealed = JSON.parse(new TextDecoder().decode(bytes));
    }
    return question.cgSealed;
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

  /* Credit from 0 to 1. Multiple response as in Moodle (and our exports): each right pick
   * 1/(number right), each wrong pick -1/(number wrong), at least 0. */
  function credit(question, values) {
    var key = unseal(question).key;
    if (question.dataset.type === "matching") {
      return key.filter(function (k, n) { return values[n] === k; }).length / key.length;
    }
    if (question.dataset.type === "multiple") {
      var wrongTotal = all(question, "input").length - key.length;
      var right = values.filter(function (v) { return key.indexOf(v) >= 0; }).length;
      var wrong = values.length - right;
      return Math.max(0, right / key.length - (wrongTotal ? wrong / wrongTotal : 0));
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
    question.querySelector(".cg-verdict").textContent = "";
    question.querySelector(".cg-explanation").textContent = "";
  }

  /* The key in the letters shown now (options may have been reshuffled). */
  function keyInLetters(question) {
    var key = unseal(question).key;
    if (question.dataset.type === "matching") {
      return all(question, "select").map(function (select, n) {
        var label = question.querySelector("label[for='" + select.id + "']");
        var choice = select.querySelector("option[value='" + key[n] + "']");
        return label.firstChild.textContent + " → " + choice.textContent;
      }).join("；");
    }
    return all(question, "input").map(function (input, n) {
      if (key.indexOf(input.value) < 0) { return null; }
      return question.dataset.type === "true_false" ?
        question.querySelector("label[for='" + input.id + "']").firstChild.textContent :
        LETTERS.charAt(n);
    }).filter(Boolean).join("、");
  }

  /* The verdict says what the score says: a multiple-response answer that earns nothing
   * although it holds a right option says why. */
  function verdictOf(question, values, got) {
    var answered = values.some(function (v) { return v !== ""; });
    if (got === 1) { return "答對了！"; }
    if (got > 0) { return "部分正確：得到這一題 " + Math.round(got * 100) + "% 的分數。"; }
    if (!answered) { return "未作答。"; }
    if (question.dataset.type === "multiple") {
      var key = unseal(question).key;
      var right = values.filter(function (v) { return key.indexOf(v) >= 0; }).length;
      if (right) {
        return "這一題得 0 分：你勾選了 " + right + " 個正確選項，但也勾選了 " +
          (values.length - right) + " 個錯誤選項，錯誤選項扣掉的分數抵銷了答對的分數。";
      }
    }
    return "答錯了。";
  }

  /* Per-option feedback in words (and symbols), never by colour alone. */
  function showFeedback(question, values) {
    var sealed = unseal(question);
    var key = sealed.key;
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
        if (isKey && input.checked) { mark(label, "✓ 正確答案，你選了", "right"); }
        else if (isKey) { mark(label, "★ 正確答案", "missed"); }
        else if (input.checked) { mark(label, "✗ 錯誤選項，你選了", "wrong"); }
      });
    }
    var got = credit(question, values);
    question.dataset.result = got === 1 ? "right" : got > 0 ? "partial" : "wrong";
    question.querySelector(".cg-verdict").textContent =
      verdictOf(question, values, got) + "正確答案：" + keyInLetters(question) + "。";
    question.querySelector(".cg-explanation").textContent = sealed.explanation;
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

  /* Matching options are lettered by their place, which a reshuffle changes. */
  function reletter(select) {
    all(select, "option:not([value=''])").forEach(function (option, n) {
      option.textContent = LETTERS.charAt(n) + ". " + option.textContent.replace(/^[A-J]\. /, "");
    });
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

    function scores() {
      var saved = load(key) || {};
      return { score: saved.score, best: saved.best };
    }

    function check(announce) {
      var total = questions.reduce(function (sum, q) { return sum + showFeedback(q, answerOf(q)); }, 0);
      var score = Math.round((total / questions.length) * 1000) / 10;
      var before = scores();
      var best = Math.max(score, typeof before.best === "number" ? before.best : 0);
      var passed = score >= pass;
      result.textContent = "得分 " + score + " 分（" + questions.length + " 題，全對 " +
        questions.filter(function (q) { return q.dataset.result === "right"; }).length +
        " 題）。及格分數 " + pass + " 分：" + (passed ? "已通過！" : "尚未通過，請複習後再試一次。") +
        "你在這份測驗的最高分是 " + best + " 分。";
      result.dataset.passed = passed ? "yes" : "no";
      save(key, { answers: state(), checked: true, score: score, best: best });
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
      var saved = scores();
      save(key, { answers: state(), checked: false, score: saved.score, best: saved.best });
    });
    form.querySelector(".cg-quiz-retry").addEventListener("click", function () {
      var saved = scores();
      clear();
      all(form, ".cg-options, .cg-pair select").forEach(shuffle);
      all(form, ".cg-pair select").forEach(reletter);
      /* a retry starts afresh but keeps the last and the best score */
      save(key, { answers: {}, checked: false, score: saved.score, best: saved.best });
      result.textContent = "已清除答案並重新排列選項，請再作答一次（保留上次與最高分數）。";
      var first = form.querySelector("input, select");
      if (first) { first.focus(); }
    });
    form.querySelector(".cg-quiz-reset").addEventListener("click", function () {
      clear();
      save(key, null);
      result.textContent = "已清除這份測驗的作答紀錄與分數。";
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
