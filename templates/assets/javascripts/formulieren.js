/* leidraad: fill in, keep, score. Plain JavaScript, no framework, no network: answers stay in this browser
   (localStorage) unless the person exports them. The form's description is in the page
   (<script type="application/json" id="ld-formulier-gegevens">), never fetched, so it works from disk too.
   Every answer is shown as text (textContent), never as HTML. */
(function () {
  "use strict";

  var PREFIX = "leidraad:";
  var MAX_IMPORT = 1000000;
  var MAX_TEXT = 10000;
  var NAME_LIKE = /^[A-ZÀ-Ý][a-zà-ÿ]{2,}|\s/;

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function number(value) { return String(value).replace(".", ","); }
  function round(value, digits) { var f = Math.pow(10, digits); return Math.round(value * f) / f; }

  /* --- storage: one key per part, under the site's address, the item and the part --------------------- */

  function siteRoot(relative) { return new URL(relative || "./", window.location.href).href; }
  function prefix(root, form) { return PREFIX + root + "|" + form + "#"; }
  function storedParts(root, form) {
    var found = {}, start = prefix(root, form);
    for (var i = 0; i < window.localStorage.length; i++) {
      var k = window.localStorage.key(i);
      if (k && k.indexOf(start) === 0) {
        try { found[k.slice(start.length)] = JSON.parse(window.localStorage.getItem(k)); } catch (e) { /* skip */ }
      }
    }
    return found;
  }
  function store(root, form, version, part, answer) {
    var k = prefix(root, form) + part;
    if (isEmpty(answer)) window.localStorage.removeItem(k);
    else window.localStorage.setItem(k, JSON.stringify({v: version, a: answer, t: Date.now()}));
  }
  function isEmpty(answer) {
    if (answer === null || answer === undefined || answer === "" || answer === false) return true;
    if (Array.isArray(answer)) return answer.length === 0;
    if (typeof answer === "object") return Object.keys(answer).every(function (k) { return isEmpty(answer[k]); });
    return false;
  }

  /* --- reading and writing the controls of one part ---------------------------------------------------- */

  function controls(form, part) { return $$('[name="' + CSS.escape(form + "#" + part) + '"]'); }

  function read(form, part) {
    var inputs = controls(form, part.id);
    if (!inputs.length) return null;
    var soort = part.soort;
    if (soort === "aankruisvak") return inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
    if (soort === "kenmerk") return inputs[0].checked;
    if (soort === "raster") {
      var cells = {};
      inputs.forEach(function (i) { if (i.value) cells[i.getAttribute("data-ld-cel")] = i.value.slice(0, MAX_TEXT); });
      return cells;
    }
    if (soort === "schaal") {
      var picked = inputs.filter(function (i) { return i.checked; })[0];
      return picked ? Number(picked.value) : null;
    }
    if (soort === "checklist" || soort === "score") {
      var value = {};
      inputs.forEach(function (i) {
        var field = i.getAttribute("data-ld-veld");
        if (i.type === "radio") { if (i.checked) value[field] = soort === "score" && i.value !== "NO" ? Number(i.value) : i.value; }
        else if (i.value) value[field] = i.value.slice(0, MAX_TEXT);
      });
      return value;
    }
    return inputs[0].value.slice(0, MAX_TEXT);
  }

  function write(form, part, answer) {
    controls(form, part.id).forEach(function (i) {
      var field = i.getAttribute("data-ld-veld");
      var value = field && answer && typeof answer === "object" ? answer[field] : answer;
      if (i.type === "checkbox") i.checked = Array.isArray(answer) ? answer.indexOf(i.value) >= 0 : answer === true;
      else if (i.type === "radio") i.checked = value !== undefined && value !== null && String(value) === i.value;
      else if (i.hasAttribute("data-ld-cel")) i.value = (answer && answer[i.getAttribute("data-ld-cel")]) || "";
      else i.value = typeof value === "string" ? value : "";
    });
  }

  /* --- is an answer acceptable for this part? (import checks every value) ------------------------------ */

  function valid(part, answer) {
    var soort = part.soort, text = function (v) { return typeof v === "string" && v.length <= MAX_TEXT; };
    if (soort === "tekst" || soort === "regels" || soort === "kort") return text(answer);
    if (soort === "kenmerk") return typeof answer === "boolean";
    if (soort === "aankruisvak") return Array.isArray(answer) && answer.every(function (v) { return part.opties.indexOf(v) >= 0; });
    if (soort === "schaal") return part.waarden.indexOf(answer) >= 0;
    if (soort === "raster") return answer && typeof answer === "object" && !Array.isArray(answer) &&
      Object.keys(answer).every(function (k) { return part.cellen.indexOf(k) >= 0 && text(answer[k]); });
    if (soort === "checklist") return answer && typeof answer === "object" &&
      Object.keys(answer).every(function (k) { return (k === "status" && part.waarden.indexOf(answer[k]) >= 0) || (k === "actie" && text(answer[k])); });
    if (soort === "score") return answer && typeof answer === "object" &&
      Object.keys(answer).every(function (k) { return (k === "score" && part.waarden.indexOf(answer[k]) >= 0) || (k === "code" && text(answer[k]) && answer[k].length <= 12); });
    return false;
  }

  /* --- scores ------------------------------------------------------------------------------------------ */

  function scoreOf(part, answer) {
    if (answer === null || answer === undefined) return null;
    var value = part.soort === "score" ? answer.score : answer;
    return typeof value === "number" ? value : null;
  }
  function mean(values) { return values.length ? values.reduce(function (a, b) { return a + b; }, 0) / values.length : null; }
  function spread(values) {
    if (values.length < 2) return 0;
    var m = mean(values);
    return Math.sqrt(values.reduce(function (a, v) { return a + (v - m) * (v - m); }, 0) / (values.length - 1));
  }

  /* The figures of one rule for one set of answers: per group the values given, mean, counts, share. */
  function figures(data, rule, answers) {
    var parts = {};
    data.delen.forEach(function (p) { parts[p.id] = p; });
    return rule.groepen.map(function (group) {
      var values = [], notObservable = 0, open = [];
      group.delen.forEach(function (id) {
        var answer = answers[id];
        if (answer && answer.score === "NO") { notObservable++; return; }
        var value = scoreOf(parts[id], answer);
        if (value === null) open.push(id); else values.push(value);
      });
      var counts = data.schaal.waarden.map(function (w) {
        return {label: w.label, aantal: values.filter(function (v) { return v === w.waarde; }).length};
      });
      var share = rule.vanaf === null ? null : values.filter(function (v) { return v >= rule.vanaf; }).length;
      return {id: group.id, titel: group.titel, waarden: values, gemiddelde: mean(values), aantal: values.length,
              totaal: group.delen.length, telling: counts, no: notObservable, aandeel: share, open: open};
    });
  }

  function table(caption, head, rows) {
    var t = el("table", {"class": "ld-uitslag"});
    t.appendChild(el("caption", {}, caption));
    var tr = el("tr");
    head.forEach(function (h) { tr.appendChild(el("th", {scope: "col"}, h)); });
    t.appendChild(el("thead")).appendChild(tr);
    var body = t.appendChild(el("tbody"));
    rows.forEach(function (row) {
      var r = el("tr");
      row.forEach(function (cell, i) { r.appendChild(el(i ? "td" : "th", i ? {} : {scope: "row"}, cell)); });
      body.appendChild(r);
    });
    var wrap = el("div", {"class": "ld-scroll", role: "region", tabindex: "0", "aria-label": caption});
    wrap.appendChild(t);
    return wrap;
  }

  /* A bar chart as SVG with the numbers written beside the bars (also readable without the picture). */
  function chart(title, bars, max) {
    var ns = "http://www.w3.org/2000/svg", height = 26 * bars.length + 10, svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 600 " + height);
    svg.setAttribute("role", "img");
    svg.setAttribute("class", "ld-grafiek");
    var t = document.createElementNS(ns, "title");
    t.textContent = title + ": " + bars.map(function (b) { return b.label + " " + b.tekst; }).join("; ");
    svg.appendChild(t);
    bars.forEach(function (b, i) {
      var y = 6 + i * 26, width = max ? Math.max(0, (b.waarde / max) * 330) : 0;
      var label = document.createElementNS(ns, "text");
      label.setAttribute("x", "0"); label.setAttribute("y", String(y + 15));
      label.textContent = b.label.length > 32 ? b.label.slice(0, 31) + "…" : b.label;
      var bar = document.createElementNS(ns, "rect");
      bar.setAttribute("x", "210"); bar.setAttribute("y", String(y)); bar.setAttribute("height", "18");
      bar.setAttribute("width", String(round(width, 1)));
      var value = document.createElementNS(ns, "text");
      value.setAttribute("x", String(216 + width)); value.setAttribute("y", String(y + 15));
      value.textContent = b.tekst;
      svg.appendChild(label); svg.appendChild(bar); svg.appendChild(value);
    });
    return svg;
  }

  function results(data, answers, area) {
    area.textContent = "";
    if (!data.scoring.length) { area.hidden = true; return; }
    area.hidden = false;
    var max = data.schaal.waarden.length ? data.schaal.waarden[data.schaal.waarden.length - 1].waarde : 0;
    var labels = {};
    data.delen.forEach(function (p) { labels[p.id] = p.label; });
    var open = {};
    area.appendChild(el("h3", {}, "Resultaat"));
    data.scoring.forEach(function (rule) {
      var groups = figures(data, rule, answers);
      groups.forEach(function (g) { g.open.forEach(function (id) { open[id] = true; }); });
      var section = area.appendChild(el("section", {"class": "ld-regel", "data-ld-regel": rule.soort}));
      section.appendChild(el("h4", {}, rule.titel));
      if (rule.soort === "gemiddelde") {
        section.appendChild(table(rule.titel, ["Onderdeel", "Gemiddelde", "Beantwoord"], groups.map(function (g) {
          return [g.titel, g.gemiddelde === null ? "–" : number(round(g.gemiddelde, 2)), g.aantal + " van " + g.totaal];
        })));
        section.appendChild(chart(rule.titel, groups.map(function (g) {
          return {label: g.titel, waarde: g.gemiddelde || 0, tekst: g.gemiddelde === null ? "–" : number(round(g.gemiddelde, 2))};
        }), max));
        var known = groups.filter(function (g) { return g.gemiddelde !== null; });
        if (known.length >= 2) {
          known.sort(function (a, b) { return b.gemiddelde - a.gemiddelde; });
          var list = section.appendChild(el("ul", {"class": "ld-sterk-zwak"}));
          list.appendChild(el("li", {}, "Sterk: " + known[0].titel + " (" + number(round(known[0].gemiddelde, 2)) + ")"));
          list.appendChild(el("li", {}, "Werkpunt: " + known[known.length - 1].titel + " (" + number(round(known[known.length - 1].gemiddelde, 2)) + ")"));
        }
      } else if (rule.soort === "aandeel") {
        section.appendChild(table(rule.titel, ["Onderdeel", "Vanaf " + number(rule.vanaf), "Aandeel"], groups.map(function (g) {
          return [g.titel, g.aandeel + " van " + g.aantal, g.aantal ? number(round(100 * g.aandeel / g.aantal, 1)) + " %" : "–"];
        })));
      } else {
        groups.forEach(function (g) {
          var head = ["Score", "Aantal"].concat(rule.soort === "verdeling" ? ["Aandeel"] : []);
          var rows = g.telling.map(function (c) {
            return [c.label, String(c.aantal)].concat(rule.soort === "verdeling" ?
              [g.aantal ? number(round(100 * c.aantal / g.aantal, 1)) + " %" : "–"] : []);
          });
          if (data.schaal.no) rows.push([data.schaal.no + " (telt niet mee)", String(g.no)].concat(rule.soort === "verdeling" ? ["–"] : []));
          var caption = groups.length > 1 ? rule.titel + ": " + g.titel : rule.titel;
          section.appendChild(table(caption, head, rows));
          if (rule.soort === "verdeling" && g.aantal) section.appendChild(el("p", {}, "Gemiddelde: " + number(round(g.gemiddelde, 2)) + " (" + g.aantal + " scores)"));
        });
      }
    });
    var missing = Object.keys(open);
    if (missing.length) {
      area.appendChild(el("h4", {}, "Nog niet beantwoord (" + missing.length + ")"));
      var ul = area.appendChild(el("ul", {"class": "ld-open"}));
      missing.forEach(function (id) { ul.appendChild(el("li", {}, labels[id] || id)); });
    }
  }

  /* --- the form on an item's page ---------------------------------------------------------------------- */

  function say(node, text) { node.textContent = text; }

  function setupForm(data, box) {
    var root = siteRoot(box.getAttribute("data-ld-wortel")), form = data.id;
    var message = $("[data-ld-melding]", box), area = $("[data-ld-resultaat]", box), old = $("[data-ld-oud]", box);
    var byId = {};
    data.delen.forEach(function (p) { byId[p.id] = p; });

    function answers() {
      var found = {}, stored = storedParts(root, form);
      Object.keys(stored).forEach(function (id) { if (byId[id] && stored[id]) found[id] = stored[id].a; });
      return found;
    }
    function showOld() {
      var stored = storedParts(root, form), ids = Object.keys(stored).filter(function (id) { return !byId[id]; });
      old.textContent = "";
      old.hidden = !ids.length;
      if (!ids.length) return;
      old.appendChild(el("h3", {}, "Oude antwoorden"));
      old.appendChild(el("p", {}, "Deze antwoorden horen bij vragen die niet meer op dit formulier staan. Ze blijven hier tot je ze wist."));
      var dl = old.appendChild(el("dl"));
      ids.forEach(function (id) {
        dl.appendChild(el("dt", {}, id));
        var a = stored[id] && stored[id].a;
        dl.appendChild(el("dd", {"class": "ld-oud-antwoord"}, typeof a === "string" ? a : JSON.stringify(a)));
      });
      var button = old.appendChild(el("button", {type: "button", "class": "md-button"}, "Oude antwoorden wissen"));
      button.addEventListener("click", function () {
        ids.forEach(function (id) { window.localStorage.removeItem(prefix(root, form) + id); });
        showOld();
      });
    }
    function refresh() { results(data, answers(), area); }

    var current = answers();
    data.delen.forEach(function (p) { if (current[p.id] !== undefined) write(form, p, current[p.id]); });
    data.delen.forEach(function (p) {
      controls(form, p.id).forEach(function (input) {
        var save = function () {
          store(root, form, data.versie, p.id, read(form, p));
          if (input.hasAttribute("data-ld-code")) codeReminder(input);
          refresh();
        };
        input.addEventListener("input", save);
        input.addEventListener("change", save);
      });
    });
    showOld();
    refresh();

    $('[data-ld-actie="exporteren"]', box).addEventListener("click", function () {
      var date = new Date().toISOString().slice(0, 10);
      var file = {leidraad: 1, formulier: form, versie: data.versie, titel: data.titel, datum: date, antwoorden: answers()};
      var link = el("a", {href: URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], {type: "application/json"})),
                          download: form + "-" + date + ".json"});
      document.body.appendChild(link);
      link.click();
      link.remove();
      say(message, "Geëxporteerd als " + form + "-" + date + ".json.");
    });
    $('[data-ld-actie="importeren"]', box).addEventListener("change", function (event) {
      var file = event.target.files[0];
      event.target.value = "";
      if (!file) return;
      readFile(file, data, function (error, imported) {
        if (error) { say(message, error); return; }
        Object.keys(answers()).forEach(function (id) { window.localStorage.removeItem(prefix(root, form) + id); });
        Object.keys(imported).forEach(function (id) { store(root, form, data.versie, id, imported[id]); });
        data.delen.forEach(function (p) { write(form, p, imported[p.id] === undefined ? null : imported[p.id]); });
        refresh();
        say(message, "Ingelezen: " + Object.keys(imported).length + " antwoord(en) uit " + file.name + ".");
      });
    });
    $('[data-ld-actie="wissen"]', box).addEventListener("click", function () {
      if (!window.confirm("Alle antwoorden op dit formulier wissen, ook de oude? Dat kan niet ongedaan worden.")) return;
      Object.keys(storedParts(root, form)).forEach(function (id) { window.localStorage.removeItem(prefix(root, form) + id); });
      data.delen.forEach(function (p) { write(form, p, null); });
      showOld();
      refresh();
      say(message, "Alle antwoorden zijn gewist.");
    });
  }

  function codeReminder(input) {
    var note = input.parentNode.querySelector(".ld-herinnering");
    if (!note) {
      note = el("span", {"class": "ld-herinnering", role: "status"});
      input.parentNode.appendChild(note);
    }
    note.textContent = NAME_LIKE.test(input.value) ?
      "Lijkt dit op een naam? Noteer liever een code of initialen: namen van leerlingen horen niet op dit blad." : "";
  }

  /* Check an exported file completely before anything stored changes. */
  function readFile(file, data, done) {
    if (file.size > MAX_IMPORT) { done("Dit bestand is te groot (" + Math.round(file.size / 1000) + " kB) voor een ingevuld formulier. Er is niets veranderd."); return; }
    var reader = new FileReader();
    reader.onload = function () {
      var parsed;
      try { parsed = JSON.parse(reader.result); } catch (e) { done("Dit is geen geldig exportbestand (geen JSON). Er is niets veranderd."); return; }
      if (!parsed || typeof parsed !== "object" || typeof parsed.antwoorden !== "object" || parsed.antwoorden === null || Array.isArray(parsed.antwoorden)) {
        done("Dit is geen exportbestand van een formulier van deze site. Er is niets veranderd."); return;
      }
      if (parsed.formulier !== data.id) {
        done("Dit bestand hoort bij een ander formulier ('" + String(parsed.formulier).slice(0, 60) + "'), niet bij '" + data.titel + "'. Er is niets veranderd."); return;
      }
      var byId = {}, bad = [], found = {};
      data.delen.forEach(function (p) { byId[p.id] = p; });
      Object.keys(parsed.antwoorden).forEach(function (id) {
        var answer = parsed.antwoorden[id];
        if (!byId[id]) return;  // a question this version no longer has
        if (!valid(byId[id], answer)) bad.push(byId[id].label || id); else found[id] = answer;
      });
      if (bad.length) { done("Dit bestand bevat waarden die niet passen bij het formulier (" + bad.slice(0, 3).join("; ") + (bad.length > 3 ? " …" : "") + "). Er is niets veranderd."); return; }
      done(null, found, parsed);
    };
    reader.onerror = function () { done("Het bestand kon niet gelezen worden. Er is niets veranderd."); };
    reader.readAsText(file);
  }

  /* --- the team view: several exported files, each with a role ------------------------------------------ */

  function setupTeam(data, box) {
    var files = [], message = $("[data-ld-team-melding]", box), list = $("[data-ld-team-bestanden]", box);
    var area = $("[data-ld-team-resultaat]", box);
    $('[data-ld-actie="team-inlezen"]', box).addEventListener("change", function (event) {
      var chosen = Array.prototype.slice.call(event.target.files);
      event.target.value = "";
      var pending = chosen.length, problems = [];
      chosen.forEach(function (file) {
        readFile(file, data, function (error, answers) {
          if (error) problems.push(file.name + ": " + error);
          else files.push({naam: file.name, rol: Object.keys(data.respondenten)[0], antwoorden: answers});
          if (--pending === 0) { say(message, problems.join(" ")); draw(); }
        });
      });
    });
    function draw() {
      list.textContent = "";
      files.forEach(function (f, i) {
        var row = list.appendChild(el("div", {"class": "ld-team__bestand"}));
        var id = "ld-rol-" + i;
        row.appendChild(el("label", {"for": id}, f.naam));
        var select = row.appendChild(el("select", {id: id, "data-ld-rol": String(i)}));
        Object.keys(data.respondenten).forEach(function (role) {
          var option = select.appendChild(el("option", {value: role}, data.respondenten[role]));
          if (role === f.rol) option.selected = true;
        });
        select.addEventListener("change", function () { f.rol = select.value; draw(); });
        var remove = row.appendChild(el("button", {type: "button", "class": "md-button"}, "Weglaten"));
        remove.addEventListener("click", function () { files.splice(i, 1); draw(); });
      });
      team(data, files, area);
    }
  }

  function teamFigures(data, files) {
    var roles = Object.keys(data.respondenten).filter(function (r) { return files.some(function (f) { return f.rol === r; }); });
    var groups = [], seen = {};
    data.scoring.forEach(function (rule) { rule.groepen.forEach(function (g) { if (!seen[g.id]) { seen[g.id] = 1; groups.push(g); } }); });
    var hidden = {};
    roles.forEach(function (role) {
      var n = files.filter(function (f) { return f.rol === role; }).length;
      if (data.anoniem && n < data.minimum) hidden[role] = n;
    });
    var rows = [];
    groups.forEach(function (group) {
      var rule = {groepen: [group], vanaf: null};
      roles.concat(["alle"]).forEach(function (role) {
        var values = files.filter(function (f) { return role === "alle" || f.rol === role; }).map(function (f) {
          return figures(data, rule, f.antwoorden)[0].gemiddelde;
        }).filter(function (v) { return v !== null; });
        rows.push({groep: group.titel, rol: role, verborgen: role !== "alle" && hidden[role] !== undefined,
                   gemiddelde: mean(values), spreiding: spread(values), aantal: values.length});
      });
    });
    var parts = data.delen.filter(function (p) { return p.soort === "score" || p.soort === "schaal"; });
    var visible = roles.filter(function (r) { return hidden[r] === undefined; });
    var differ = parts.map(function (p) {
      var means = visible.map(function (role) {
        return mean(files.filter(function (f) { return f.rol === role; }).map(function (f) { return scoreOf(p, f.antwoorden[p.id]); })
          .filter(function (v) { return v !== null; }));
      }).filter(function (m) { return m !== null; });
      return {label: p.label, verschil: means.length >= 2 ? Math.max.apply(null, means) - Math.min.apply(null, means) : 0};
    }).filter(function (d) { return d.verschil > 0; }).sort(function (a, b) { return b.verschil - a.verschil; }).slice(0, 5);
    return {rows: rows, roles: roles, hidden: hidden, differ: differ};
  }

  function team(data, files, area) {
    area.textContent = "";
    area.hidden = !files.length;
    if (!files.length) return;
    var result = teamFigures(data, files), label = function (r) { return r === "alle" ? "Iedereen" : data.respondenten[r]; };
    var show = function (row, value) { return row.verborgen || row.gemiddelde === null ? "–" : value; };
    area.appendChild(el("h3", {}, "Het beeld van " + files.length + " antwoord(en)"));
    Object.keys(result.hidden).forEach(function (role) {
      area.appendChild(el("p", {"class": "ld-anoniem"}, label(role) + ": " + result.hidden[role] + " antwoord(en), minder dan " + data.minimum +
        ". Daarom staat er geen cijfer per rol voor " + label(role).toLowerCase() + ": zo kan niemand het antwoord van één persoon aflezen. Hun antwoorden tellen wel mee bij 'Iedereen'."));
    });
    area.appendChild(table("Per onderdeel en per rol", ["Onderdeel", "Rol", "Gemiddelde", "Spreiding", "Aantal"],
      result.rows.map(function (r) {
        return [r.groep, label(r.rol), show(r, number(round(r.gemiddelde, 2))), show(r, number(round(r.spreiding, 2))), r.verborgen ? "te weinig" : String(r.aantal)];
      })));
    if (result.differ.length) {
      area.appendChild(el("h4", {}, "Waar de rollen het meest verschillen"));
      var ul = area.appendChild(el("ul"));
      result.differ.forEach(function (d) { ul.appendChild(el("li", {}, d.label + " (verschil " + number(round(d.verschil, 2)) + ")")); });
    }
    var buttons = area.appendChild(el("p", {"class": "ld-formulier__knoppen"}));
    var csv = buttons.appendChild(el("button", {type: "button", "class": "md-button"}, "Tabel exporteren (CSV)"));
    csv.addEventListener("click", function () {
      var lines = [["onderdeel", "rol", "gemiddelde", "spreiding", "aantal"].join(";")];
      result.rows.forEach(function (r) {
        var cell = function (v) { return '"' + String(v).replace(/"/g, '""') + '"'; };
        lines.push([cell(r.groep), cell(label(r.rol)), cell(show(r, number(round(r.gemiddelde, 2)))),
                    cell(show(r, number(round(r.spreiding, 2)))), cell(r.verborgen ? "te weinig antwoorden" : r.aantal)].join(";"));
      });
      var link = el("a", {href: URL.createObjectURL(new Blob(["\ufeff" + lines.join("\r\n")], {type: "text/csv"})),
                          download: data.id + "-team-" + new Date().toISOString().slice(0, 10) + ".csv"});
      document.body.appendChild(link); link.click(); link.remove();
    });
    var print = buttons.appendChild(el("button", {type: "button", "class": "md-button"}, "Afdrukken"));
    print.addEventListener("click", function () { document.body.classList.add("ld-print-team"); window.print(); document.body.classList.remove("ld-print-team"); });
  }

  /* --- a printable sheet, filled in with the answers of its item --------------------------------------- */

  function fillSheet(body) {
    var root = siteRoot(body.getAttribute("data-ld-wortel")), form = body.getAttribute("data-ld-item");
    var stored = storedParts(root, form), filled = 0;
    $$("[data-ld-deel]", body).forEach(function (box) {
      var record = stored[box.getAttribute("data-ld-deel")];
      if (!record) return;
      var answer = record.a, field = box.getAttribute("data-ld-veld"), wanted = box.getAttribute("data-ld-waarde");
      if (wanted !== null) {
        var value = answer && typeof answer === "object" && !Array.isArray(answer) ? (answer.status !== undefined ? answer.status : answer.score) : answer;
        var on = Array.isArray(answer) ? answer.indexOf(wanted) >= 0 : (answer === true ? wanted === "gezien" : String(value) === wanted);
        if (on) { box.classList.add("ld-aangekruist"); box.textContent = "✓"; filled++; }
        return;
      }
      var text = box.hasAttribute("data-ld-cel") ? (answer || {})[box.getAttribute("data-ld-cel")] : (field ? (answer || {})[field] : answer);
      if (typeof text !== "string" || !text) return;
      box.appendChild(el("span", {"class": "ld-ingevuld"}, text));
      filled++;
    });
    var note = $(".ld-blad-melding");
    if (note) note.textContent = filled ? "Je antwoorden uit deze browser staan erin." : "Er staan nog geen antwoorden in deze browser.";
    if (/met-antwoorden/.test(window.location.search) && !navigator.webdriver) window.setTimeout(function () { window.print(); }, 300);
  }

  function start() {
    var sheet = $("body[data-ld-item]");
    if (sheet) { fillSheet(sheet); return; }
    var source = document.getElementById("ld-formulier-gegevens");
    if (!source) return;
    var data = JSON.parse(source.textContent);
    $$("[data-ld-formulier]").forEach(function (box) { setupForm(data, box); });
    $$("[data-ld-team]").forEach(function (box) { setupTeam(data, box); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
