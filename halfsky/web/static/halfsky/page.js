// Small behaviours of every page, without inline scripts (the Content-Security-Policy
// allows scripts from this server only):
//   <select data-autosubmit>            submits its form when changed
//   <button data-copy="ID">             copies the value of the element ID to the clipboard
//   <button data-check-all="SELECTOR">  ticks every input matching SELECTOR
//   <details class="drop">              the top bar's menus: opening one closes the others;
//                                        Escape or a click elsewhere closes them
// and, for the rows that save themselves (htmx), keeps the keyboard where the user is:
// a refused save (409/422) shows its message (see htmx-config in base.html), and when a
// row is replaced the field that had the focus gets it back, with what was typed meanwhile.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) field.form.submit();
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy], [data-check-all]") : null;
    if (!button) return;
    var source = button.getAttribute("data-copy");
    if (source !== null) {
      var element = document.getElementById(source);
      if (element && navigator.clipboard) navigator.clipboard.writeText(element.value);
      return;
    }
    document.querySelectorAll(button.getAttribute("data-check-all")).forEach(function (input) {
      input.checked = true;
    });
  });

  function closeMenus(except) {
    document.querySelectorAll("details.drop[open]").forEach(function (menu) {
      if (menu !== except) menu.open = false;
    });
  }
  document.addEventListener("toggle", function (event) {
    var menu = event.target;
    if (menu.matches && menu.matches("details.drop") && menu.open) closeMenus(menu);
  }, true);
  document.addEventListener("click", function (event) {
    var inside = event.target.closest ? event.target.closest("details.drop") : null;
    closeMenus(inside);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var menu = event.target.closest ? event.target.closest("details.drop[open]") : null;
    menu = menu || document.querySelector("details.drop[open]");
    if (!menu) return;
    menu.open = false;
    menu.querySelector("summary").focus();
  });
  document.addEventListener("focusin", function (event) {
    var inside = event.target.closest ? event.target.closest("details.drop") : null;
    closeMenus(inside);
  });

  // What each saving row sent, by row id and field name.
  var sent = {};
  // The field that had the focus when a reply arrived: its row, name, text and caret.
  var focused = null;

  function fieldsOf(row) {
    return row.querySelectorAll("input[name], select[name], textarea[name]");
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var row = event.detail.elt;
    if (!row.id) return;
    var values = {};
    fieldsOf(row).forEach(function (field) { values[field.name] = field.value; });
    sent[row.id] = values;
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement;
    var row = active && active.name && active.closest ? active.closest("tr[id]") : null;
    focused = row ? {row: row.id, name: active.name, value: active.value,
                     start: active.selectionStart, end: active.selectionEnd} : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!focused) return;
    var memory = focused;
    focused = null;
    var row = document.getElementById(memory.row);
    var field = row ? row.querySelector("[name='" + memory.name + "']") : null;
    if (!field || field === document.activeElement) return;
    var typedMeanwhile = (sent[memory.row] || {})[memory.name] !== memory.value;
    if (field.value !== memory.value && (typedMeanwhile || field.tagName === "SELECT")) {
      field.value = memory.value;
    }
    field.focus();
    if (typeof memory.start === "number" && field.setSelectionRange) {
      try { field.setSelectionRange(memory.start, memory.end); } catch (ignored) { /* not text */ }
    }
    // The old row's queued save went with it: ask the new row to save what was typed.
    if (typedMeanwhile) field.dispatchEvent(new Event("input", {bubbles: true}));
  });
})();
