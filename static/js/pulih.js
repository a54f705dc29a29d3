// Pulih's few behaviours; no inline scripts, so the Content-Security-Policy can forbid them.
document.addEventListener("click", (event) => {
  const confirmTarget = event.target.closest("[data-confirm]");
  if (confirmTarget && !window.confirm(confirmTarget.dataset.confirm)) {
    event.preventDefault();
  }
});
