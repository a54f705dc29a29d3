// Pulih's few behaviours; no inline scripts, so the Content-Security-Policy can forbid them.
document.addEventListener("click", (event) => {
  const confirmTarget = event.target.closest("[data-confirm]");
  if (confirmTarget && !window.confirm(confirmTarget.dataset.confirm)) {
    event.preventDefault();
  }
});

// Signing out forgets the pages the offline service worker kept (sw.js, offline.js): a sheet or
// notes page holds names and registration numbers, and the tablet may pass to someone else.
// The unsent forms (IndexedDB) stay by design: offline.js sends them only for the same user.
(() => {
  const forgetKeptPages = () =>
    window.caches
      ? caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name))))
      : Promise.resolve();

  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-sign-out]");
    if (!form || form.dataset.forgotten) return;
    event.preventDefault();
    const signOut = () => {
      form.dataset.forgotten = "1";
      form.submit();
    };
    // Never keep someone from signing out: after a second, go on regardless.
    Promise.race([forgetKeptPages(), new Promise((done) => setTimeout(done, 1000))]).then(signOut, signOut);
  });

  // Signed out another way (idle time-out, expired session): the sign-in page forgets them too.
  if (document.querySelector('[data-idle-guard][data-authenticated="0"]')) forgetKeptPages().catch(() => {});
})();

// A second click on "Simpan" while the first request is on its way sends nothing more: the
// server would only answer that the form was saved already (rutan/submissions.py), and the
// page the person sees would be that answer instead of the saved record.
(() => {
  document.addEventListener("submit", (event) => {
    const form = event.target;
    // Sent another way (htmx, the offline queue, signing out) or not sent at all.
    if (event.defaultPrevented || form.method !== "post" || form.hasAttribute("hx-post")) return;
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "1";
    // A form that answers with a download leaves this page in place: it may be sent again.
    window.setTimeout(() => delete form.dataset.sending, 5000);
  });
  // Back to a page the browser kept: its forms may be sent again.
  window.addEventListener("pageshow", () => {
    document.querySelectorAll("form[data-sending]").forEach((form) => delete form.dataset.sending);
  });
})();
