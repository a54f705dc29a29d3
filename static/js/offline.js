// Forms that survive a dead network (attendance sheet, facilitator notes).
// Offline, "Simpan" keeps the form in the browser (IndexedDB), with the version of the sheet it
// was built from, and marks it "belum terkirim". Back online, the kept form is posted exactly
// as typed: the server saves it, or shows the same conflict page as ever; nothing is overwritten.
(() => {
  const forms = Array.from(document.querySelectorAll("form[data-offline-form]"));
  if (!forms.length || !window.indexedDB) return;
  const banner = document.querySelector("[data-offline-banner]");
  const worker = document.querySelector("[data-service-worker]");
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
        return cache.addAll([window.location.href, ...files]);
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

  // Post the kept form as a normal submission: the answer is the page the user would have
  // seen online (saved, or the conflict page with their input kept).
  let sending = false;
  const send = (form, entry) => {
    if (sending) return;
    sending = true;
    const post = document.createElement("form");
    post.method = "post";
    post.action = entry.url;
    post.hidden = true;
    entry.fields.forEach(([name, value]) => {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      post.appendChild(input);
    });
    document.body.appendChild(post);
    drop(entry.url).then(() => post.submit());
  };

  forms.forEach((form) => {
    const url = actionOf(form);
    kept(url).then((entry) => {
      if (!entry) return;
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
      const entry = { url, fields, version, savedAt: Date.now() };
      keep(entry).then(() => mark(form, entry));
    });
    window.addEventListener("online", () => {
      kept(url).then((entry) => entry && send(form, entry));
    });
  });
})();
