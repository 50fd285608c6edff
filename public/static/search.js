// The search page, progressive enhancement only (everything works without it):
// - Waar: a typeahead over places and postcodes, filling the <datalist> from the public API;
//   choosing a suggestion searches at once;
// - Crebo: a typeahead over code and name that sets the select (the select is the no-JS way);
// - after a live update the result count is scrolled into view when it was out of sight.
(function () {
  "use strict";

  var timer = null;
  var lastWhere = "";

  function clear(list) {
    while (list.firstChild) list.removeChild(list.firstChild);
  }

  function addOption(list, value, label) {
    var option = document.createElement("option");
    option.value = value;
    if (label) option.label = label;
    list.appendChild(option);
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (res) {
      return res.ok ? res.json() : null;
    });
  }

  function lookupWhere(input) {
    var list = input.list;
    var q = input.value.trim();
    if (!list || q === lastWhere) return;
    lastWhere = q;
    var digits = /^(\d{4})/.exec(q);
    if (digits) {
      getJson("/api/v1/postcodes/" + digits[1])
        .then(function (pc) {
          if (input.value.trim() !== q) return;
          clear(list);
          if (pc) addOption(list, pc.pc4, "postcode in " + pc.place.name);
        })
        .catch(function () {});
      return;
    }
    if (q.length < 2 || /^\d+$/.test(q)) return;
    getJson("/api/v1/places?q=" + encodeURIComponent(q))
      .then(function (places) {
        if (!places || input.value.trim() !== q) return;
        var count = {};
        places.forEach(function (p) {
          count[p.name] = (count[p.name] || 0) + 1;
        });
        clear(list);
        places.slice(0, 12).forEach(function (p) {
          // A name several places share goes with its municipality, as the search expects.
          var value = count[p.name] > 1 ? p.name + " (" + p.municipality + ")" : p.name;
          addOption(list, value, p.municipality === p.name ? p.province : p.municipality);
        });
      })
      .catch(function () {});
  }

  function chosenFromList(input) {
    var list = input.list;
    if (!list) return false;
    for (var i = 0; i < list.options.length; i++)
      if (list.options[i].value === input.value) return true;
    return false;
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.hasAttribute("data-typeahead-where")) return;
    // A suggestion picked from the list searches at once (typing waits for Enter or leaving).
    if (
      (event.inputType === "insertReplacementText" || event.inputType === undefined) &&
      chosenFromList(input)
    ) {
      input.dispatchEvent(new Event("change", { bubbles: true }));
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(function () {
      lookupWhere(input);
    }, 200);
  });

  // ------------------------------------------------------------------ crebo typeahead

  function enhanceCrebo(root) {
    var select = root.querySelector("select[data-typeahead-crebo]");
    if (!select || select.getAttribute("data-enhanced")) return;
    select.setAttribute("data-enhanced", "1");
    var wrapper = document.createElement("div");
    wrapper.className = "crebo-typeahead";
    var label = document.createElement("label");
    label.setAttribute("for", "crebo-zoek");
    label.className = "small";
    label.textContent = "Zoek een crebo op nummer of naam";
    var input = document.createElement("input");
    input.type = "text";
    input.id = "crebo-zoek";
    input.autocomplete = "off";
    input.setAttribute("list", "crebo-options");
    var list = document.createElement("datalist");
    list.id = "crebo-options";
    var byText = {};
    for (var i = 0; i < select.options.length; i++) {
      var o = select.options[i];
      if (!o.value) continue;
      byText[o.text] = o.value;
      addOption(list, o.text);
    }
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    select.parentNode.insertBefore(wrapper, select);
    // Only the select takes part in the search form; the helper box itself does not.
    input.addEventListener("change", function (event) {
      event.stopPropagation();
    });
    input.addEventListener("input", function () {
      var text = input.value.trim();
      var code = byText[text] || (/^\d{5}$/.test(text) ? text : null);
      if (code && select.querySelector('option[value="' + code + '"]') && select.value !== code) {
        select.value = code;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  // ------------------------------------------------------------------ results into view

  // On a phone the list starts below the fold: after an update the count and the first result
  // are scrolled up into sight ("nearest": as little as needed, so the box typed in stays).
  function bringResultsIntoView() {
    var target =
      document.querySelector("#results .result") ||
      document.querySelector("#results .results-head");
    if (!target) return;
    var box = target.getBoundingClientRect();
    if (box.top > window.innerHeight - 40 || box.bottom < 0) {
      var smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      target.scrollIntoView({ block: "nearest", behavior: smooth ? "smooth" : "auto" });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhanceCrebo(document);
  });
  // The swapped region is replaced, so listen where the request started (the form) instead.
  document.addEventListener("htmx:before:request", function () {
    var lead = document.querySelector(".lead");
    if (lead) lead.classList.add("lead-searched");
  });
  document.addEventListener("htmx:after:request", function () {
    window.requestAnimationFrame(bringResultsIntoView);
  });
})();
