// Progressive enhancement only: the page works fully as a plain GET form without this.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) { return; }

  // Apply a filter or sort as soon as it changes (the buttons are hidden when JS runs).
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches(".govuk-checkboxes__input, #search-sort")) {
      var page = form.querySelector("input[name=page]");
      if (page) { page.remove(); }
      form.submit();
    }
  });

  // Title autocomplete through a <datalist>, from /api/search/suggest/.
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-q-titles");
  var timer = null;
  if (!input || !list || !window.fetch) { return; }
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    var prefix = input.value.trim();
    if (prefix.length < 2) { list.replaceChildren(); return; }
    timer = window.setTimeout(function () {
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(prefix), {headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
        .then(function (data) {
          list.replaceChildren.apply(list, data.suggestions.map(function (item) {
            var option = document.createElement("option");
            option.value = item.title;
            return option;
          }));
        })
        .catch(function () { list.replaceChildren(); });
    }, 200);
  });
})();
