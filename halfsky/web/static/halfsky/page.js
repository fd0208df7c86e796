// Small behaviours of every page, without inline scripts (the Content-Security-Policy
// allows scripts from this server only):
//   <select data-autosubmit>            submits its form when changed
//   <button data-copy="ID">             copies the value of the element ID to the clipboard
//   <button data-check-all="SELECTOR">  ticks every input matching SELECTOR
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
})();
