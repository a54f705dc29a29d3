// Participant pages: the ASSIST questionnaire's skips and busy buttons on long submits.
(() => {
  const form = document.querySelector("[data-testid=assist-form]");
  if (form) {
    // Q2–Q7 are asked only about substances ever used (Q1);
    // Q3–Q5 only about those used in the past three months (Q2 not "never").
    const refresh = () => {
      form.querySelectorAll("[data-assist-ever]").forEach((box) => {
        const key = box.dataset.assistEver;
        const block = form.querySelector(`[data-assist-substance="${key}"]`);
        block.hidden = !box.checked;
        const q2 = form.querySelector(`[data-assist-q2="${key}"]`);
        const recent = q2 && q2.value !== "" && q2.value !== "never";
        form.querySelectorAll(`[data-assist-recent="${key}"]`).forEach((row) => {
          row.hidden = !recent;
        });
      });
    };
    form.addEventListener("change", refresh);
    refresh();
  }

  // Long server work (an import of thousands of rows) shows it is busy and is not sent twice.
  document.querySelectorAll("form[data-busy]").forEach((busyForm) => {
    busyForm.addEventListener("submit", () => {
      const button = busyForm.querySelector("button[type=submit][data-busy-text]");
      if (!button) return;
      window.setTimeout(() => {
        button.disabled = true;
        button.textContent = button.dataset.busyText;
        button.insertAdjacentHTML(
          "afterbegin",
          '<span class="spinner-border spinner-border-sm me-2" aria-hidden="true"></span>',
        );
      }, 0);
    });
  });
})();
