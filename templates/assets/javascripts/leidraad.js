/* leidraad: small accessibility fixes on Material's markup; no third-party code, no network. */
(function () {
  var search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", "Zoeken op deze site");
  }
})();
