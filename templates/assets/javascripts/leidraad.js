/* leidraad: small accessibility fixes on Material's markup; no third-party code, no network. */
(function () {
  "use strict";
  /* A table wider than the column scrolls inside its own region: keyboard users must be able to reach it. */
  function regions() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.hasAttribute("tabindex")) return;
      var caption = wrap.querySelector("caption");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tabel");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", regions);
  else regions();
  new MutationObserver(regions).observe(document.body, {childList: true, subtree: true});
})();
