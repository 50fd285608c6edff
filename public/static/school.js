// School forms, progressive enhancement only (everything works without it):
// - typeahead for places and crebos: fills the <datalist> of the input from the public API;
// - "nog een … toevoegen": adds an empty input to a group of places or crebos.
(function () {
  "use strict";

  var sources = {
    places: function (q) {
      return "/api/v1/places?q=" + encodeURIComponent(q);
    },
    crebos: function (q) {
      return "/api/v1/crebos?q=" + encodeURIComponent(q);
    },
  };

  function optionValue(kind, item) {
    if (kind === "places")
      return item.name + " (" + item.municipality + ", " + item.province + ") [" + item.code + "]";
    return item.code + " " + item.name;
  }

  var timer = null;
  var lastQuery = {};

  function lookup(input) {
    var kind = input.getAttribute("data-typeahead");
    var list = input.list;
    var q = input.value.trim();
    if (!kind || !list || q.length < 2 || /\[\d{4}\]$/.test(q) || lastQuery[kind] === q) return;
    lastQuery[kind] = q;
    fetch(sources[kind](q), { headers: { Accept: "application/json" } })
      .then(function (res) {
        return res.ok ? res.json() : [];
      })
      .then(function (items) {
        if (input.value.trim() !== q) return;
        while (list.firstChild) list.removeChild(list.firstChild);
        items.slice(0, 30).forEach(function (item) {
          var option = document.createElement("option");
          option.value = optionValue(kind, item);
          list.appendChild(option);
        });
      })
      .catch(function () {});
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.hasAttribute("data-typeahead")) return;
    clearTimeout(timer);
    timer = setTimeout(function () {
      lookup(input);
    }, 200);
  });

  function enableAddButtons(root) {
    root.querySelectorAll("[data-add-input]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-add-input]") : null;
    if (!button) return;
    var name = button.getAttribute("data-add-input");
    var group = document.querySelector('[data-multi="' + name + '"]');
    if (!group) return;
    var items = group.querySelectorAll(".multi-item");
    var last = items[items.length - 1];
    var copy = last.cloneNode(true);
    var n = items.length + 1;
    var input = copy.querySelector("input");
    var label = copy.querySelector("label");
    input.id = name + "-" + n;
    input.value = "";
    label.setAttribute("for", input.id);
    label.textContent = label.textContent.replace(/\d+$/, String(n));
    group.appendChild(copy);
    input.focus();
  });

  document.addEventListener("DOMContentLoaded", function () {
    enableAddButtons(document);
  });
  document.addEventListener("htmx:after:swap", function () {
    enableAddButtons(document);
  });
})();
