// Report generation takes seconds (Word with charts, then PDF): say so while it runs.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-generate]");
  if (!form) return;
  const busy = document.getElementById("generating");
  if (busy) busy.hidden = false;
  form.querySelectorAll("button").forEach((button) => { button.disabled = true; });
});
