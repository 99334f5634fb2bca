// Studio behaviour that htmx attributes cannot express. No inline scripts (CSP: script-src 'self').
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  navigator.clipboard.writeText(source.textContent.trim()).then(() => {
    const status = document.getElementById("flash");
    if (status) status.textContent = "Copied to the clipboard.";
  });
});
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});
// The live inbox: a server-sent event per changed conversation makes the lists re-read themselves
// (elements with hx-trigger="inbox-update from:body").
document.addEventListener("DOMContentLoaded", () => {
  const live = document.querySelector("[data-inbox-events]");
  if (!live || !window.EventSource) return;
  const source = new EventSource(live.dataset.inboxEvents);
  source.addEventListener("conversation", (event) => {
    document.body.dispatchEvent(new CustomEvent("inbox-update", { detail: event.data }));
  });
  window.addEventListener("pagehide", () => source.close());
});
