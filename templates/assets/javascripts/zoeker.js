/* leidraad: the finder on an overview. Filters combine (within a group: any of the ticked options; across groups:
   all groups), show how many items each option would give, act at once, and live in the address after '#', so a
   selection can be shared and works from a copy of the site opened from disk. */
(function () {
  "use strict";
  var source = document.getElementById("ld-zoeker-gegevens"), box = document.querySelector("[data-ld-zoeker]");
  if (!source || !box) return;
  var data = JSON.parse(source.textContent);
  var boxes = Array.prototype.slice.call(box.querySelectorAll("[data-ld-facet-optie]"));
  var status = box.querySelector("[data-ld-zoeker-status]"), clear = box.querySelector("[data-ld-zoeker-wis]");

  function chosen() {
    var found = {};
    boxes.forEach(function (b) {
      if (b.checked) (found[b.getAttribute("data-ld-facet-optie")] = found[b.getAttribute("data-ld-facet-optie")] || []).push(b.value);
    });
    return found;
  }
  function matches(values, selection, skip) {
    return Object.keys(selection).every(function (facet) {
      if (facet === skip) return true;
      var have = values[facet] || [];
      return selection[facet].some(function (v) { return have.indexOf(v) >= 0; });
    });
  }
  function apply() {
    var selection = chosen(), shown = 0, ids = Object.keys(data.kaarten);
    ids.forEach(function (id) {
      var on = matches(data.kaarten[id], selection, null), card = document.getElementById("kaart-" + id);
      if (card) card.hidden = !on;
      if (on) shown++;
    });
    boxes.forEach(function (b) {
      var facet = b.getAttribute("data-ld-facet-optie"), count = ids.filter(function (id) {
        var values = data.kaarten[id];
        return matches(values, selection, facet) && (values[facet] || []).indexOf(b.value) >= 0;
      }).length;
      b.parentNode.querySelector("[data-ld-aantal]").textContent = "(" + count + ")";
      b.parentNode.classList.toggle("ld-facet__optie--leeg", count === 0 && !b.checked);
    });
    status.textContent = shown === ids.length ? ids.length + " in totaal" : shown + " van " + ids.length + " getoond";
    clear.hidden = !Object.keys(selection).length;
    var hash = Object.keys(selection).sort().map(function (f) { return f + "=" + selection[f].map(encodeURIComponent).join(","); }).join("&");
    if (("#" + hash) !== window.location.hash && (hash || window.location.hash)) {
      window.history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
    }
  }
  function restore() {
    var selection = {};
    window.location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var kv = part.split("=");
      if (kv.length === 2) selection[kv[0]] = kv[1].split(",").map(decodeURIComponent);
    });
    boxes.forEach(function (b) { b.checked = (selection[b.getAttribute("data-ld-facet-optie")] || []).indexOf(b.value) >= 0; });
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  clear.addEventListener("click", function () { boxes.forEach(function (b) { b.checked = false; }); apply(); boxes[0].focus(); });
  window.addEventListener("hashchange", function () { restore(); apply(); });
  restore();
  apply();
})();
