// Pulih's service worker (scope /sesi/): while the network is down, it answers the attendance
// sheet and notes pages, and the static files they use, from what offline.js kept when they
// were loaded online. Online it stays out of the way: every request goes to the server as
// usual (sign-in redirects, idle sign-out and fresh data behave exactly as without it).
// Signing out empties its cache (pulih.js); the unsent forms in IndexedDB stay.
const CACHE = "pulih-shell-v1";
const KEPT = [/\/sesi\/\d+\/kehadiran\/$/, /\/sesi\/\d+\/catatan\/$/, /^\/static\//];

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (!KEPT.some((pattern) => pattern.test(url.pathname))) return;
  if (self.navigator.onLine) return;
  event.respondWith(
    caches.match(request, { ignoreVary: true }).then((hit) => hit || Response.error()),
  );
});
