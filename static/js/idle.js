// Idle sign-out never loses a form.
// - Warns a few minutes before the idle timeout, with a "Tetap masuk" button (POST keepalive).
// - Typing in a form keeps the session alive (throttled keepalive).
// - What is typed in a form is kept in sessionStorage (per path, never passwords); if the session
//   ends anyway, the form is filled in again after signing in on the same page, with a message.
// - Switching the language (ID/EN) reloads the page: what was typed is filled in again too.
(() => {
  const guard = document.querySelector("[data-idle-guard]");
  if (!guard || !window.sessionStorage) return;

  const path = window.location.pathname + window.location.search;
  const DRAFT = `pulih:draft:${path}`;
  const EXPIRED = `pulih:expired:${path}`;
  const SKIPPED = new Set(["password", "file", "submit", "button", "reset", "image"]);
  const store = window.sessionStorage;

  const read = (key) => {
    try {
      return JSON.parse(store.getItem(key) || "null");
    } catch {
      return null;
    }
  };
  const write = (key, value) => {
    try {
      store.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or disabled: the form still works, only without the safety net.
    }
  };

  // Forms worth keeping: posted forms in the page body without a password field.
  const keptForms = () =>
    Array.from(document.querySelectorAll("main form")).filter(
      (form) =>
        (form.method || "").toLowerCase() === "post" &&
        !form.hasAttribute("data-no-draft") &&
        !form.querySelector("input[type=password]"),
    );

  const keptFields = (form) =>
    Array.from(form.elements).filter(
      (el) => el.name && el.name !== "csrfmiddlewaretoken" && !SKIPPED.has(el.type) && !el.disabled,
    );

  const snapshot = () =>
    keptForms().map((form) =>
      keptFields(form).map((el) => {
        if (el.type === "checkbox" || el.type === "radio") return [el.name, el.value, el.checked];
        if (el.multiple) return [el.name, Array.from(el.selectedOptions).map((o) => o.value), null];
        return [el.name, el.value, null];
      }),
    );

  const restore = (forms) => {
    let restored = 0;
    keptForms().forEach((form, index) => {
      const saved = forms[index];
      if (!saved) return;
      const fields = keptFields(form);
      saved.forEach(([name, value, checked]) => {
        fields
          .filter((el) => el.name === name)
          .forEach((el) => {
            if (el.type === "checkbox" || el.type === "radio") {
              if (el.value === value && el.checked !== checked) {
                el.checked = checked;
                restored += 1;
              }
            } else if (el.multiple && Array.isArray(value)) {
              Array.from(el.options).forEach((o) => {
                o.selected = value.includes(o.value);
              });
              restored += 1;
            } else if (el.value !== value) {
              el.value = value;
              restored += 1;
            }
          });
      });
      form.dispatchEvent(new Event("change", { bubbles: true }));
    });
    return restored;
  };

  const showRestored = (message) => {
    const main = document.querySelector("main");
    if (!main) return;
    const note = document.createElement("div");
    note.className = "alert alert-info alert-dismissible";
    note.setAttribute("role", "status");
    note.dataset.testid = "draft-restored";
    note.textContent = message;
    main.prepend(note);
  };

  // A draft older than one idle period plus a margin belongs to work already saved or dropped.
  const idleMs = Number(guard.dataset.idleSeconds || 0) * 1000;
  const fresh = (draft) => draft && Date.now() - draft.savedAt < idleMs + 15 * 60 * 1000;

  // Signed out (the sign-in page): a draft left at the page we return to is to be restored there.
  if (guard.dataset.authenticated !== "1") {
    const next = new URLSearchParams(window.location.search).get("next");
    if (next && fresh(read(`pulih:draft:${next}`))) write(`pulih:expired:${next}`, true);
    return;
  }

  // Back on this page after the session ran out, or after a language switch: fill the form in.
  // Whether this page's form holds something not yet saved (typed, or filled in again).
  let typed = false;
  const draft = read(DRAFT);
  const why = read(EXPIRED);
  if (why && fresh(draft)) {
    store.removeItem(EXPIRED);
    const message = why === "language" ? guard.dataset.languageMessage : guard.dataset.restoredMessage;
    typed = restore(draft.forms) > 0;
    if (typed) showRestored(message);
  } else {
    // A fresh visit shows what the server has; an old draft of this page is obsolete.
    store.removeItem(EXPIRED);
    store.removeItem(DRAFT);
  }

  const keep = () => {
    if (keptForms().length) {
      write(DRAFT, { savedAt: Date.now(), forms: snapshot() });
      typed = true;
    }
  };
  document.addEventListener("input", keep);
  document.addEventListener("change", keep);

  // The language switch answers with this same page, empty: bring back what was typed.
  document.querySelector("[data-testid=language-switch]")?.addEventListener("submit", () => {
    if (typed) write(EXPIRED, "language");
  });

  // Idle timer, counted from the last moment the server saw this session.
  if (!idleMs) return;
  const warnMs = Math.min(3 * 60 * 1000, idleMs / 3);
  const throttleMs = Math.min(60 * 1000, idleMs / 4);
  const warning = document.querySelector("[data-idle-warning]");
  const countdown = warning?.querySelector("[data-idle-countdown]");
  let touchedAt = Date.now();
  let ended = false;

  const csrfToken = () => {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch {
      return "";
    }
  };

  const keepalive = () => {
    const sentAt = Date.now();
    return fetch(guard.dataset.keepaliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
    })
      .then((response) => {
        if (response.ok) {
          touchedAt = sentAt;
          if (warning) warning.hidden = true;
        } else if (response.status === 401 || response.status === 403) {
          end();
        }
      })
      .catch(() => {
        // Offline for a moment: the timer keeps counting from the last answer.
      });
  };

  // The session has (or is about to have) run out: go through sign-in back to this page.
  const end = () => {
    if (ended) return;
    ended = true;
    if (typed || store.getItem(DRAFT)) {
      keep();
      write(EXPIRED, true);
    }
    window.location.assign(path);
  };

  let lastInputKeepalive = Date.now();
  document.addEventListener("input", () => {
    if (Date.now() - lastInputKeepalive >= throttleMs) {
      lastInputKeepalive = Date.now();
      keepalive();
    }
  });
  warning?.querySelector("[data-idle-stay]")?.addEventListener("click", () => keepalive());

  const format = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  };

  setInterval(() => {
    const left = touchedAt + idleMs - Date.now();
    if (left <= 0) {
      end();
    } else if (warning && left <= warnMs) {
      if (countdown) countdown.textContent = format(left);
      warning.hidden = false;
    }
  }, 500);
})();
