// Progressive enhancement only: the page works fully as a plain GET form without this.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) { return; }
  // Only now that changes submit by themselves are the Apply and Sort buttons hidden.
  form.classList.add("search-form--auto");

  // Phones: "Filter" opens the filters in place of the results and "Show N results" closes
  // them; the filters apply as they change, so there is nothing left to submit.
  var toggle = form.querySelector(".search-form__toggle");
  if (toggle) {
    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); toggle.click(); }
    });
  }
  function closeFilters() {
    form.classList.remove("search-form--filters-open");
    // Opened by the link before this script ran: leave the :target too.
    if (window.location.hash === "#search-filters") { window.location.replace("#search-results"); }
    toggle.setAttribute("aria-expanded", "false");
    toggle.focus();
  }
  form.addEventListener("click", function (event) {
    if (event.target.closest(".search-form__toggle")) {
      event.preventDefault();
      if (toggle.getAttribute("aria-expanded") === "true") { closeFilters(); return; }
      form.classList.add("search-form--filters-open");
      toggle.setAttribute("aria-expanded", "true");
      document.getElementById("search-filters-heading").focus();
    } else if (event.target.closest(".search-form__show")) {
      event.preventDefault();
      closeFilters();
    }
  });

  // Apply a filter or sort as soon as it changes (the buttons are hidden when JS runs).
  form.addEventListener("change", function (event) {
    var target = event.target;
    // Inputs owned by another form (the compare ticks on each card) are not search filters.
    if (target.form !== form) { return; }
    if (target.matches(".govuk-checkboxes__input, .govuk-radios__input, #search-sort")) {
      var page = form.querySelector("input[name=page]");
      if (page) { page.remove(); }
      if (window.fetch && window.DOMParser) { refresh(target); } else { form.submit(); }
    }
  });

  // Fetch the new results and swap them in without reloading, so focus stays on the control
  // just changed (WCAG 3.2.2) and the count changes inside its live region, which screen
  // readers then announce. Anything unexpected falls back to an ordinary submit.
  var latest = 0;
  function refresh(changed) {
    var previous = form.querySelector("input[name=prev_q]");
    // A sort picked now is chosen for the words in the box, so the server must keep it.
    if (previous && changed.id === "search-sort") { previous.value = form.elements.q.value; }
    var url = form.action + "?" + new URLSearchParams(new FormData(form)).toString();
    var request = ++latest;
    fetch(url, {headers: {Accept: "text/html"}})
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        if (request !== latest) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var count = document.getElementById("search-count");
        var freshCount = fresh.getElementById("search-count");
        var filters = form.querySelector(".search-form__filters");
        var freshFilters = fresh.querySelector(".search-form__filters");
        var results = form.querySelector(".search-form__results");
        var freshResults = fresh.querySelector(".search-form__results");
        if (!count || !freshCount || !filters || !freshFilters || !results || !freshResults) {
          throw new Error("unexpected answer");
        }
        // Compare ticks survive the swap for case studies still listed.
        var ticked = Array.prototype.map.call(
          results.querySelectorAll('input[form="compare-form"]:checked'),
          function (box) { return box.id; });
        filters.replaceWith(freshFilters);
        // Everything in the results column but the header, which holds the live region.
        var notHeader = ":scope > :not(.search-results__header)";
        results.querySelectorAll(notHeader).forEach(function (el) { el.remove(); });
        freshResults.querySelectorAll(notHeader).forEach(function (el) { results.append(el); });
        ticked.forEach(function (id) {
          var box = document.getElementById(id);
          if (box) { box.checked = true; }
        });
        count.textContent = freshCount.textContent;
        // The compare page links back to the search as it now is.
        var back = document.querySelector("#compare-form input[name=back]");
        var freshBack = fresh.querySelector("#compare-form input[name=back]");
        if (back && freshBack) { back.value = freshBack.value; }
        var freshToggle = fresh.querySelector(".search-form__toggle");
        if (toggle && freshToggle) { toggle.textContent = freshToggle.textContent; }
        var freshPrevious = fresh.querySelector("input[name=prev_q]");
        if (previous && freshPrevious) { previous.value = freshPrevious.value; }
        var sort = document.getElementById("search-sort");
        var freshSort = fresh.getElementById("search-sort");
        if (sort && freshSort) { sort.value = freshSort.value; }
        window.history.pushState(null, "", url);
        if (changed.type === "checkbox" || changed.type === "radio") {
          var same = form.querySelector('input[name="' + changed.name + '"][value="' + CSS.escape(changed.value) + '"]');
          if (same) { same.focus(); }
        }
      })
      .catch(function () { if (request === latest) { form.submit(); } });
  }
  // Results are swapped in, not loaded: going back or forward loads the page for that URL.
  window.addEventListener("popstate", function () { window.location.reload(); });

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
