// Forms that survive a dead network (attendance sheet, facilitator notes).
// Offline, "Simpan" keeps the form in the browser (IndexedDB), with the version of the sheet it
// was built from, and marks it "belum terkirim". Back online, the kept form is posted exactly
// as typed: the server saves it, or shows the same conflict page as ever; nothing is overwritten.
(() => {
  const forms = Array.from(document.querySelectorAll("form[data-offline-form]"));
  if (!forms.length || !window.indexedDB) return;
  const banner = document.querySelector("[data-offline-banner]");
  const worker = document.querySelector("[data-service-worker]");
  const user = worker ? worker.dataset.user : "";
  // The page and its files are kept now, not only from the next visit on: the worker starts
  // after this page was loaded. (Tests wait on window.pulihOfflineReady.)
  window.pulihOfflineReady = Promise.resolve(false);
  if (worker && "serviceWorker" in navigator && window.caches && navigator.onLine) {
    window.pulihOfflineReady = navigator.serviceWorker
      .register(worker.dataset.serviceWorker, { scope: worker.dataset.scope })
      .then(() => navigator.serviceWorker.ready)
      .then(() => caches.open("pulih-shell-v1"))
      .then((cache) => {
        const files = Array.from(document.querySelectorAll("script[src], link[rel=stylesheet][href]"))
          .map((el) => el.src || el.href)
          .filter((href) => new URL(href).origin === window.location.origin);
        // The page as it came, not fetched again: another request would extend the sign-in
        // session behind idle.js's back.
        const page = new Response(`<!doctype html>\n${document.documentElement.outerHTML}`, {
          headers: { "Content-Type": "text/html; charset=utf-8" },
        });
        // Static files without the cookie, for the same reason.
        const requests = files.map((href) => new Request(href, { credentials: "omit" }));
        return Promise.all([cache.put(window.location.href, page), cache.addAll(requests)]);
      })
      .then(() => true)
      .catch(() => false);
  }

  const openDb = () =>
    new Promise((resolve, reject) => {
      const request = indexedDB.open("pulih-offline", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("outbox", { keyPath: "url" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const withStore = (mode, work) =>
    openDb().then(
      (db) =>
        new Promise((resolve, reject) => {
          const tx = db.transaction("outbox", mode);
          const result = work(tx.objectStore("outbox"));
          tx.oncomplete = () => resolve(result.result);
          tx.onerror = () => reject(tx.error);
        }),
    );
  const keep = (entry) => withStore("readwrite", (store) => store.put(entry));
  const kept = (url) => withStore("readonly", (store) => store.get(url));
  const drop = (url) => withStore("readwrite", (store) => store.delete(url));

  const actionOf = (form) => new URL(form.getAttribute("action") || window.location.href, window.location.href).href;

  const mark = (form, entry) => {
    form.dataset.unsent = "1";
    if (!banner) return;
    const at = new Date(entry.savedAt).toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit" });
    banner.querySelector("[data-unsent-at]").textContent = at;
    banner.classList.remove("d-none");
  };

  const fill = (form, fields) => {
    const names = new Set(fields.map(([name]) => name));
    Array.from(form.elements).forEach((el) => {
      if (!el.name || !names.has(el.name) || el.name === "csrfmiddlewaretoken") return;
      const values = fields.filter(([name]) => name === el.name).map(([, value]) => value);
      if (el.type === "radio" || el.type === "checkbox") el.checked = values.includes(el.value);
      else if (el.type !== "submit" && el.type !== "button") el.value = values[0];
    });
    form.dispatchEvent(new Event("change", { bubbles: true }));
  };

  // Post the kept form; the answer replaces the page, as a normal submission would (saved, or
  // the conflict page with the input kept). Signed out meanwhile: the form stays kept, and is
  // sent once the user signs in again and opens the page.
  let sending = false;
  const send = (form, entry) => {
    if (sending) return;
    sending = true;
    // The token of this page: a sign-in since the form was kept has replaced the old one.
    const token = form.querySelector("[name=csrfmiddlewaretoken]")?.value || "";
    const body = new URLSearchParams();
    entry.fields.forEach(([name, value]) => {
      body.append(name, name === "csrfmiddlewaretoken" && token ? token : value);
    });
    fetch(entry.url, { method: "POST", body, credentials: "same-origin" })
      .then((response) => {
        // A redirect to the sign-in page, or a refused token: the session ended meanwhile.
        const signedOut =
          (response.redirected && new URL(response.url).pathname === worker?.dataset.login) ||
          response.status === 403;
        if (signedOut || response.status === 403 || response.status >= 500) {
          sending = false;
          if (signedOut && banner) banner.querySelector("[data-signed-out]")?.classList.remove("d-none");
          return null;
        }
        return drop(entry.url)
          .then(() => response.text())
          .then((html) => {
            window.history.replaceState(null, "", response.url);
            document.open();
            document.write(html);
            document.close();
          });
      })
      .catch(() => {
        sending = false;
      });
  };

  forms.forEach((form) => {
    const url = actionOf(form);
    kept(url).then((entry) => {
      // Another person's unsent form on a shared tablet is never filled in or sent as this one.
      if (!entry || entry.user !== user) return;
      fill(form, entry.fields);
      mark(form, entry);
      if (navigator.onLine) send(form, entry);
    });
    form.addEventListener("submit", (event) => {
      const submitter = event.submitter;
      if (navigator.onLine || event.defaultPrevented) return;
      if (submitter && submitter.value === "all_present") return;
      event.preventDefault();
      const fields = Array.from(new FormData(form, submitter).entries()).filter(
        ([, value]) => typeof value === "string",
      );
      const version = form.querySelector("[name=version]")?.value;
      const entry = { url, user, fields, version, savedAt: Date.now() };
      keep(entry).then(() => mark(form, entry));
    });
    window.addEventListener("online", () => {
      kept(url).then((entry) => entry && entry.user === user && send(form, entry));
    });
  });
})();
