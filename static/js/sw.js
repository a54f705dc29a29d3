// Pulih's service worker (scope /sesi/): keeps the attendance sheet and notes pages, and the
// static files they use, so a tablet that loaded them online can open them again offline.
// Network first: what the server says wins whenever it answers.
const CACHE = "pulih-shell-v1";
const KEPT = [/\/sesi\/\d+\/kehadiran\/$/, /\/sesi\/\d+\/catatan\/$/, /^\/static\//];

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (!KEPT.some((pattern) => pattern.test(url.pathname))) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && !response.redirected) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches.match(request, { ignoreVary: true }).then((hit) => hit || Response.error()),
      ),
  );
});
