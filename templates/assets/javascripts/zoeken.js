/* leidraad: Dutch search. The index is a set of small script files under zoek/, loaded when someone types (not
   before), so a page stays light and the search also works in a copy of the site opened from disk. Words are
   stemmed with the Dutch Snowball stemmer of lunr-languages (shipped with Material), the same algorithm the
   build used: 'ondersteunen' finds 'ondersteuning'. Results are built with textContent, never as HTML. */
(function () {
  "use strict";

  var STOP = " aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou ";
  var MAX = 20;
  var box = document.querySelector("[data-ld-zoek-wortel]");
  if (!box) return;
  var input = box.querySelector("[data-ld-zoekveld]");
  var status = box.querySelector("[data-ld-zoekstatus]");
  var list = box.querySelector("[data-ld-zoekresultaten]");
  var toggle = document.getElementById("__search");
  var root = new URL((box.getAttribute("data-ld-zoek-wortel") || ".").replace(/\/?$/, "/"), window.location.href);
  var state = {docs: {}, perPage: 1, pages: 0, synonyms: [], shards: {}, available: {}, waiting: {}, stemmer: null};

  window.ldZoek = {
    documenten: function (data) {
      state.perPage = data.per_pagina;
      state.pages = data.paginas;
      state.synonyms = data.synoniemen;
      data.delen.forEach(function (name) { state.available[name] = true; });
      done("documenten");
    },
    deel: function (data) { state.shards[data.naam] = data.termen; done("d-" + data.naam); },
    pagina: function (data) {
      var first = data.nummer * state.perPage;
      data.documenten.forEach(function (doc, i) { state.docs[first + i] = doc; });
      done("p-" + data.nummer);
    }
  };

  function load(name) {
    if (state.waiting[name]) return state.waiting[name].promise;
    var entry = {}, script = document.createElement("script");
    entry.promise = new Promise(function (resolve) { entry.resolve = resolve; });
    script.src = new URL("zoek/" + name + ".js", root).href;
    script.onerror = function () { entry.resolve(); };
    state.waiting[name] = entry;
    document.head.appendChild(script);
    return entry.promise;
  }
  function done(name) { if (state.waiting[name]) state.waiting[name].resolve(); }
  function script(path) {
    return new Promise(function (resolve) {
      var s = document.createElement("script");
      s.src = new URL(path, root).href;
      s.onload = s.onerror = function () { resolve(); };
      document.head.appendChild(s);
    });
  }

  /* lunr-languages' Dutch stemmer, with just enough of lunr for it to register itself */
  function stemmer() {
    if (state.stemmer) return Promise.resolve(state.stemmer);
    window.lunr = window.lunr || {Pipeline: {registerFunction: function () {}}, trimmerSupport: {generateTrimmer: function () { return function (t) { return t; }; }},
                                  generateStopWordFilter: function () { return function (t) { return t; }; }};
    return script("assets/javascripts/lunr/min/lunr.stemmer.support.min.js")
      .then(function () { return script("assets/javascripts/lunr/min/lunr.nl.min.js"); })
      .then(function () {
        state.stemmer = window.lunr.nl && window.lunr.nl.stemmer ? window.lunr.nl.stemmer : function (w) { return w; };
        return state.stemmer;
      });
  }

  function words(text) {
    var found = [];
    (text.toLowerCase().match(/[0-9a-zà-ÿ]+(?:-[0-9a-zà-ÿ]+)*/g) || []).forEach(function (w) {
      if (STOP.indexOf(" " + w + " ") < 0) found.push(w);
    });
    return found;
  }
  function shard(term) { var k = term.slice(0, 2).replace(/[^0-9a-z]/g, "_"); return k.length === 2 ? k : k + "_"; }

  /* clauses: per query word the stems that count for it (its own, a synonym's), and whether it may be a prefix */
  function clauses(query, stem) {
    var list = words(query), stems = list.map(function (w) { return stem(w); });
    var open = !/\s$/.test(query);
    var result = stems.map(function (s, i) { return {alternatives: [s], prefix: open && i === stems.length - 1 && list[i].length >= 3}; });
    state.synonyms.forEach(function (group) {
      group.forEach(function (member) {
        var seq = member.split(" ");
        for (var i = 0; i + seq.length <= stems.length; i++) {
          if (seq.every(function (s, j) { return stems[i + j] === s; })) {
            group.forEach(function (other) { if (other !== member) result[i].alternatives.push(other); });
          }
        }
      });
    });
    return result;
  }

  function postings(term) {
    var parts = term.split(" "), found = {};
    if (parts.length > 1) {  // a phrase synonym: documents that have every word of it
      var sets = parts.map(function (p) { return postings(p); });
      Object.keys(sets[0]).forEach(function (d) {
        if (sets.every(function (s) { return s[d] !== undefined; })) found[d] = Math.min.apply(null, sets.map(function (s) { return s[d]; }));
      });
      return found;
    }
    ((state.shards[shard(term)] || {})[term] || []).forEach(function (p) { found[p[0]] = p[1]; });
    return found;
  }
  function prefixed(start) {
    var found = {}, terms = state.shards[shard(start)] || {};
    Object.keys(terms).forEach(function (t) {
      if (t.indexOf(start) === 0 && t !== start) terms[t].forEach(function (p) { found[p[0]] = Math.max(found[p[0]] || 0, 0.7 * p[1]); });
    });
    return found;
  }

  function rank(parts) {
    var scores = parts.map(function (c) {
      var best = {};
      c.alternatives.forEach(function (alt) {
        var found = postings(alt);
        Object.keys(found).forEach(function (d) { best[d] = Math.max(best[d] || 0, found[d]); });
      });
      if (c.prefix) {
        var more = prefixed(c.alternatives[0]);
        Object.keys(more).forEach(function (d) { best[d] = Math.max(best[d] || 0, more[d]); });
      }
      return best;
    });
    var all = {}, any = {};
    scores.forEach(function (s) { Object.keys(s).forEach(function (d) { any[d] = (any[d] || 0) + s[d]; }); });
    Object.keys(any).forEach(function (d) { if (scores.every(function (s) { return s[d] !== undefined; })) all[d] = any[d]; });
    var strict = Object.keys(all).length > 0, chosen = strict ? all : any;
    var ids = Object.keys(chosen).sort(function (a, b) { return chosen[b] - chosen[a] || a - b; });
    return {ids: ids, strict: strict};
  }

  var generation = 0;
  function search(query) {
    var mine = ++generation;
    if (!query.trim()) { status.textContent = "Typ om te zoeken"; list.textContent = ""; return; }
    Promise.all([load("documenten"), stemmer()]).then(function (loaded) {
      var parts = clauses(query, loaded[1]);
      if (!parts.length) { show(mine, [], true, query); return; }
      var needed = {};
      parts.forEach(function (c) { c.alternatives.forEach(function (a) { a.split(" ").forEach(function (t) { needed[shard(t)] = 1; }); }); });
      return Promise.all(Object.keys(needed).filter(function (n) { return state.available[n]; })
        .map(function (n) { return load("d-" + n); })).then(function () {
        var result = rank(parts), pages = {};
        result.ids.slice(0, MAX).forEach(function (id) { pages[Math.floor(id / state.perPage)] = 1; });
        return Promise.all(Object.keys(pages).map(function (n) { return load("p-" + n); })).then(function () {
          show(mine, result.ids, result.strict, query);
        });
      });
    });
  }

  function show(mine, ids, strict, query) {
    if (mine !== generation) return;
    list.textContent = "";
    status.textContent = ids.length ? (ids.length === 1 ? "1 resultaat" : ids.length + " resultaten") +
      (strict ? "" : " met een deel van de woorden") : "Geen resultaten voor '" + query.trim() + "'";
    ids.slice(0, MAX).forEach(function (id) {
      var doc = state.docs[id], item = document.createElement("li"), link = document.createElement("a");
      if (!doc) return;  // its file could not be loaded
      item.className = "md-search-result__item";
      link.className = "md-search-result__link";
      var target = new URL(doc.u, root);
      if (target.protocol === "file:" && /\/$/.test(target.pathname)) target.pathname += "index.html";  // a copy on disk
      link.href = target.href;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var meta = document.createElement("p");
      meta.className = "ld-zoek-soort";
      meta.textContent = doc.k + (doc.s ? " · " + doc.s : "");
      var title = document.createElement("h2");
      title.textContent = doc.t;
      article.appendChild(meta);
      article.appendChild(title);
      if (doc.x) { var text = document.createElement("p"); text.textContent = doc.x; article.appendChild(text); }
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { search(input.value); }, 60);
  });
  input.addEventListener("focus", function () { if (toggle) toggle.checked = true; });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { var first = list.querySelector("a"); if (first) { event.preventDefault(); first.focus(); } }
    if (event.key === "Escape" && toggle) { toggle.checked = false; input.blur(); }
  });
  list.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a")), at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
    if (event.key === "Escape" && toggle) { toggle.checked = false; input.focus(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement === document.body) { event.preventDefault(); input.focus(); }
  });
})();
