// Error summary (GOV.UK pattern): after a refused submit, the summary at the top takes focus so
// the person hears and sees what to fix; each link moves the focus to its field.
(function () {
  "use strict";
  function start() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("[data-error-link]");
      if (!link) return;
      var field = document.getElementById(link.getAttribute("data-error-link"));
      if (!field) return;
      event.preventDefault();
      field.scrollIntoView({ block: "center" });
      field.focus();
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
