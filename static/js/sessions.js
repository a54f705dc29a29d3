// Sessions pages: "Semua hadir", live counts, reason hints, weekly fields, facility picker.
(() => {
  const sheet = document.querySelector("[data-attendance-form]");
  if (sheet) {
    const needsReason = new Set((sheet.dataset.reasonStatuses || "").split(" "));
    const takesReason = new Set((sheet.dataset.reasonTakers || "").split(" "));
    const rows = () => Array.from(sheet.querySelectorAll("[data-testid=attendance-row]"));

    const refresh = () => {
      const counts = { unset: 0 };
      rows().forEach((row) => {
        const checked = row.querySelector("input.btn-check:checked");
        const reason = row.querySelector("input[type=text]");
        const code = checked ? checked.value : "unset";
        counts[code] = (counts[code] || 0) + 1;
        if (reason) {
          reason.required = needsReason.has(code);
          reason.placeholder = reason.required ? sheet.dataset.labelRequired : sheet.dataset.labelOptional;
          // Hadir and terlambat take no reason: the field is off (and not sent); the server drops it too.
          reason.disabled = code !== "unset" && !takesReason.has(code);
          if (reason.disabled) reason.placeholder = "—";
          if (takesReason.has(code)) reason.setAttribute("list", `reasons-${code}`);
          else reason.removeAttribute("list");
        }
      });
      sheet.querySelectorAll("[data-count]").forEach((el) => {
        el.textContent = counts[el.dataset.count] || 0;
      });
    };

    sheet.addEventListener("change", refresh);
    // On the conflict page: take the other person's value for one row.
    document.querySelectorAll("[data-use-saved]").forEach((button) => {
      button.classList.remove("d-none");
      button.addEventListener("click", () => {
        const pid = button.dataset.useSaved;
        const radio = document.getElementById(`s-${pid}-${button.dataset.status}`);
        const reason = document.getElementById(`r-${pid}`);
        if (radio) radio.checked = true;
        if (reason) reason.value = button.dataset.reason;
        button.disabled = true;
        refresh();
      });
    });
    sheet.querySelector("[data-all-present]")?.addEventListener("click", (event) => {
      // Done here so that reasons already typed stay; the button posts only without JavaScript.
      event.preventDefault();
      // Someone expected at court keeps "sidang" (pre-filled); it can still be changed by hand.
      sheet.querySelectorAll("input.btn-check[value=present]").forEach((radio) => {
        if (radio.closest("[data-expected-court]")) return;
        radio.checked = true;
      });
      refresh();
    });
    refresh();
  }

  const schedule = document.querySelector("[data-schedule-form]");
  if (schedule) {
    const toggle = () => {
      const weekly = schedule.querySelector("input[name=repeat]:checked")?.value === "weekly";
      schedule.querySelectorAll("[data-weekly-only]").forEach((el) => el.classList.toggle("d-none", !weekly));
    };
    schedule.addEventListener("change", toggle);
    toggle();
  }

  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
})();
