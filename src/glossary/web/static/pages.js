/* Search as you type on the glossary page: the server renders the list, this swaps it in. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-search]");
  var results = document.getElementById("results");
  if (!form || !results || !window.fetch) return;
  var timer = 0;
  var asked = 0;
  function update() {
    var query = new URLSearchParams(new FormData(form));
    var shown = "?" + query.toString();
    query.set("partial", "1");
    var number = ++asked;
    fetch("/?" + query.toString(), { headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null || number !== asked) return; // a later search answers instead
        results.innerHTML = html; // rendered and escaped by the server
        history.replaceState(null, "", shown);
      });
  }
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 150); });
  form.addEventListener("change", function () { clearTimeout(timer); update(); });
})();
