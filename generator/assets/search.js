/* Search that finds what a learner types in Traditional Chinese (see docs/search.md).
 *
 * Material for MkDocs runs its search in a web worker that speaks a small documented protocol
 * (SETUP with the index, READY, QUERY with the typed text, RESULT with the items it renders);
 * its docs invite a custom worker for custom search. This script answers that protocol in the
 * page itself, over the same index: Material's own query segmentation guesses Chinese words
 * from the index greedily and matches them as prefixes, so 客訴 found 客戶.
 *
 * - The index text was cut by jieba with a Traditional dictionary at build time; its tokens are
 *   the vocabulary that cuts a query the same way (售後服務 → 售後 + 服務); what the vocabulary
 *   does not know is cut by the browser's Intl.Segmenter, and never into single characters.
 * - A result holds every word of the query as written (not a word starting the same way),
 *   in one section or across the sections of its page; pages holding the whole query come
 *   first, then those holding it as whole index words, then
 *   by title and frequency. A word found nowhere gives no result.
 * - On a catalogue page (marked data-cg-catalogue-search) the small index of every course
 *   (search/catalogue/) joins the catalogue's own, so the catalogue finds courses by their text.
 *
 * Plain script, no build step; anything that is not Material's search worker is left alone.
 */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var HAN = /\p{Script=Han}/u;
  var RUNS = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;
  var QUERY_BREAK = /[\s\u3000、，。；！？,;!?「」『』《》〈〉（）()【】"]+/u;
  var EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  // Material's separator for zh plus the punctuation of the standards; "." and ":" stay, so
  // that codes such as T2.1 remain one token.
  var INDEX_SEPARATOR = /[\s\u200b\u3000\-、。，．？！；：,;!?（）()「」『』《》〈〉【】/／・]+/u;
  var MAX_WORD = 8;
  var MANIFEST = "search/catalogue/index.js";

  /* --- text of the index ------------------------------------------------------------------ */

  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " " };

  function plain(html) {
    return html
      .replace(/<[^>]*>/g, " ")
      .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, function (whole, name) {
        if (name[0] === "#")
          return String.fromCodePoint(
            name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : +name.slice(1));
        return ENTITIES[name.toLowerCase()] || whole;
      });
  }

  /* A field as its tokens run together (what terms are matched in), where tokens begin
   * (``bounds``: jieba's cuts and real gaps) and where the text had a real gap (``gaps``:
   * space or punctuation, not only jieba's zero-width cut), which no word may span. */
  function field(html, segmented) {
    var parts = plain(html || "").toLowerCase().split(new RegExp("(" + INDEX_SEPARATOR.source + ")", "u"));
    var bounds = new Set([0]), gaps = new Set();
    var tokens = [], joined = "";
    parts.forEach(function (part, i) {
      if (i % 2) {
        if (/[^\u200b]/.test(part)) gaps.add(joined.length);
      } else if (part) {
        tokens.push(part);
        joined += part;
        bounds.add(joined.length);
      }
    });
    // Unsegmented text (the catalogue's index of courses): any position may start a word.
    return { joined: joined, bounds: segmented ? bounds : null, gaps: gaps, tokens: tokens };
  }

  function prepare(doc, segmented) {
    return {
      doc: doc,
      article: doc.course || doc.location.split("#")[0],
      title: field(doc.title, segmented),
      text: field(doc.text, segmented),
      shown: { title: (doc.title || "").replace(/\u200b/g, ""),
               text: (doc.text || "").replace(/\u200b/g, "") }
    };
  }

  /* --- the query ---------------------------------------------------------------------------- */

  /* Cut a run of Han characters with the index's words, fewest pieces first; what no word
   * covers goes to Intl.Segmenter, and a lone character joins its neighbour. */
  function cutHan(run, vocabulary) {
    var n = run.length;
    var cost = [0], back = [0];
    for (var end = 1; end <= n; end++) {
      cost[end] = Infinity;
      for (var start = Math.max(0, end - MAX_WORD); start < end; start++) {
        var piece = run.slice(start, end);
        var known = piece.length > 1 && vocabulary.has(piece);
        var step = known ? 1 : piece.length === 1 ? 3 : Infinity;
        if (cost[start] + step < cost[end]) {
          cost[end] = cost[start] + step;
          back[end] = start;
        }
      }
    }
    var pieces = [];
    for (var at = n; at > 0; at = back[at]) pieces.unshift(run.slice(back[at], at));
    var words = [], unknown = "";
    function flush() {
      if (unknown) words.push.apply(words, segmentUnknown(unknown));
      unknown = "";
    }
    pieces.forEach(function (piece) {
      if (piece.length === 1) {
        unknown += piece;
      } else {
        flush();
        words.push(piece);
      }
    });
    flush();
    return glueLoneCharacters(words);
  }

  function segmentUnknown(text) {
    if (text.length < 3 || typeof Intl === "undefined" || !Intl.Segmenter) return [text];
    var segmenter = new Intl.Segmenter("zh-Hant", { granularity: "word" });
    return Array.from(segmenter.segment(text), function (s) { return s.segment; });
  }

  function glueLoneCharacters(words) {
    var glued = [];
    words.forEach(function (word) {
      if (word.length === 1 && glued.length) glued[glued.length - 1] += word;
      else if (glued.length && glued[glued.length - 1].length === 1)
        glued[glued.length - 1] += word;
      else glued.push(word);
    });
    return glued;
  }

  /* The words a result must hold, and the query as one phrase (what ranks first). */
  function parse(query, vocabulary) {
    var terms = [], phrase = "";
    query.toLowerCase().split(QUERY_BREAK).forEach(function (part) {
      (part.match(RUNS) || []).forEach(function (run) {
        if (HAN.test(run)) {
          terms.push.apply(terms, cutHan(run, vocabulary));
          phrase += run;
        } else {
          var word = run.replace(EDGE_PUNCTUATION, "");
          var inner = word.split(INDEX_SEPARATOR).join("");
          if (inner) {
            terms.push(inner);
            phrase += inner;
          }
        }
      });
    });
    var unique = terms.filter(function (t, i) { return terms.indexOf(t) === i; });
    return { terms: unique, phrase: phrase };
  }

  /* --- matching and ranking ----------------------------------------------------------------- */

  function spansGap(f, at, length) {
    for (var i = at + 1; i < at + length; i++) if (f.gaps.has(i)) return true;
    return false;
  }

  /* How often a word is in a field as written (not across a space or punctuation), and
   * whether once as whole index tokens. */
  function find(f, term) {
    var count = 0, whole = false;
    for (var at = f.joined.indexOf(term); at >= 0; at = f.joined.indexOf(term, at + 1)) {
      if (spansGap(f, at, term.length)) continue;
      count++;
      if (!f.bounds || (f.bounds.has(at) && f.bounds.has(at + term.length))) whole = true;
    }
    return { count: count, whole: whole };
  }

  function score(entry, query) {
    var held = {}, holds = 0, whole = 0, inTitle = 0, frequency = 0;
    query.terms.forEach(function (term) {
      var title = find(entry.title, term), text = find(entry.text, term);
      held[term] = title.count + text.count > 0;
      if (held[term]) holds++;
      if (title.whole || text.whole) whole++;
      if (title.count) inTitle++;
      frequency += 3 * title.count + text.count;
    });
    var phrase = query.terms.length > 1 &&
      (entry.title.joined.indexOf(query.phrase) >= 0 ||
       entry.text.joined.indexOf(query.phrase) >= 0);
    var all = holds === query.terms.length;
    var value = (phrase || (all && query.terms.length === 1) ? 8 : 0) +
      (whole === query.terms.length ? 4 : 0) +
      (inTitle === query.terms.length ? 2 : 0) +
      Math.min(frequency, 20) / 20 +
      (entry.article === entry.doc.location ? 0.5 : 0);
    return { holds: holds, held: held, value: value };
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function highlight(html, terms) {
    if (!terms.length) return html;
    var pattern = new RegExp(terms
      .slice()
      .sort(function (a, b) { return b.length - a.length; })
      .map(function (term) {
        return Array.from(term, escapeRegExp).join("\\s*");
      })
      .join("|"), "giu");
    return html.replace(/(<[^>]*>)|([^<]+)/g, function (whole, tag, text) {
      return tag ? tag : text.replace(pattern, "<mark>$&</mark>");
    });
  }

  function pageItem(entry) {
    return entry && Object.assign({}, entry.doc, entry.shown, { score: 0, terms: {} });
  }

  function search(entries, vocabulary, value) {
    var query = parse(value, vocabulary);
    if (!query.terms.length) return { items: [] };
    // A page holds a word when any of its sections does: two words typed together may stand
    // in different sections of the page a learner is looking for.
    var scored = [], pages = new Map(), best = new Map(), most = 0;
    entries.forEach(function (entry) {
      var result = score(entry, query);
      if (!result.holds) return;
      scored.push({ entry: entry, result: result });
      var held = pages.get(entry.article) || {};
      query.terms.forEach(function (t) { held[t] = held[t] || result.held[t]; });
      pages.set(entry.article, held);
      best.set(entry.article, Math.max(best.get(entry.article) || 0, result.holds));
    });
    function pageHolds(s) {
      var held = pages.get(s.entry.article);
      return query.terms.filter(function (t) { return held[t]; }).length;
    }
    scored.forEach(function (s) { most = Math.max(most, pageHolds(s)); });
    // Pages holding every word when some page does; else those holding the most, the missing
    // words shown struck through. A single word found nowhere gives no result. Of a page, the
    // sections holding the most words: those holding them all when one does (消費者保護法 shows
    // K11, not also K12 個人資料保護法 for its 保護法).
    var kept = scored.filter(function (s) {
      return pageHolds(s) === most && s.result.holds === best.get(s.entry.article);
    });
    kept.sort(function (a, b) {
      return b.result.holds - a.result.holds || b.result.value - a.result.value;
    });
    var groups = new Map();
    kept.forEach(function (s) {
      var found = query.terms.filter(function (t) { return s.result.held[t]; });
      var item = Object.assign({}, s.entry.doc, {
        title: highlight(s.entry.shown.title, found),
        text: highlight(s.entry.shown.text, found),
        score: s.result.value,
        terms: pages.get(s.entry.article)
      });
      if (!groups.has(s.entry.article)) groups.set(s.entry.article, []);
      groups.get(s.entry.article).push(item);
    });
    // Each group starts with its page (Material renders the first item without "#" as the
    // page; a course's entries in the catalogue have none).
    groups.forEach(function (items, article) {
      var at = items.findIndex(function (item) { return item.location === article; });
      var page = at >= 0 ? items.splice(at, 1)[0] : pageItem(entries.byLocation.get(article));
      if (page) items.unshift(page);
    });
    return { items: Array.from(groups.values()) };
  }

  /* --- the catalogue's index of every course ------------------------------------------------ */

  function siteTop() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function load(url) {
    return new Promise(function (resolve) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = resolve; // search goes on with the catalogue's own pages
      document.head.appendChild(script);
    });
  }

  /* A docs path as MkDocs makes it a URL: T1.md → T1/ (offline: T1.html), index.md → "". */
  function pageUrl(path, offline) {
    if (offline) return path.replace(/\.md$/, ".html");
    return path.replace(/(^|\/)index\.md$/, "$1").replace(/\.md$/, "/");
  }

  function catalogueEntries(offline) {
    var url = function (path) { return pageUrl(path, offline); };
    if (!document.querySelector("[data-cg-catalogue-search]")) return Promise.resolve([]);
    var top = siteTop();
    return load(new URL(MANIFEST, top).href)
      .then(function () {
        var shards = window.cgCatalogueShards || [];
        return Promise.all(shards.map(function (shard) { return load(new URL(shard, top).href); }));
      })
      .then(function () {
        return (window.cgCatalogue || []).map(function (doc) {
          var course = doc.location.replace(/[^/]*$/, "index.md");
          return Object.assign({}, doc, { location: url(doc.location), course: url(course) });
        });
      });
  }

  /* --- Material's worker protocol ----------------------------------------------------------- */

  /* The index of a site's docs (and, on the catalogue, of every course's entries). */
  function setup(data) {
    var docs = data.docs || [];
    var offline = docs.some(function (doc) { return /\.html(#|$)/.test(doc.location); });
    return catalogueEntries(offline).then(function (courses) {
      var entries = docs.map(function (doc) { return prepare(doc, true); })
        .concat(courses.map(function (doc) { return prepare(doc, false); }));
      entries.byLocation = new Map(entries.map(function (e) { return [e.doc.location, e]; }));
      var vocabulary = new Set();
      entries.forEach(function (entry) {
        [entry.title, entry.text].forEach(function (f) {
          f.tokens.forEach(function (token) {
            if (token.length > 1 && HAN.test(token)) vocabulary.add(token);
          });
        });
      });
      return { entries: entries, vocabulary: vocabulary };
    });
  }

  /* Stands in for Material's search worker. READY at once; the index is made (and the
   * catalogue's shards loaded) when the learner first searches, not with every page. */
  function CourseSearch() {
    var target = new EventTarget();
    var data = null, index = null;
    var self = this;
    this.onmessage = null;
    function reply(message) {
      var event = new MessageEvent("message", { data: message });
      target.dispatchEvent(event);
      if (typeof self.onmessage === "function") self.onmessage(event);
    }
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
    this.terminate = function () {};
    this.postMessage = function (message) {
      if (message.type === SETUP) {
        data = message.data;
        index = null;
        Promise.resolve().then(function () { reply({ type: READY }); });
      } else if (message.type === QUERY && data) {
        index = index || setup(data);
        index.then(function (ready) {
          reply({ type: RESULT, data: search(ready.entries, ready.vocabulary, message.data) });
        });
      }
    };
  }

  var NativeWorker = window.Worker;
  var SEARCH_WORKER = /\/workers\/search\.[^/]*\.js(\?|$)/;
  function Worker(url, options) {
    if (SEARCH_WORKER.test(String(url))) return new CourseSearch();
    return new NativeWorker(url, options);
  }
  if (NativeWorker) {
    Worker.prototype = NativeWorker.prototype;
    window.Worker = Worker;
  }

  // For tests and the measurement of docs/search.md: the same functions the page uses.
  window.cgSearch = { parse: parse, setup: setup, search: search };
})();
