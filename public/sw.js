// Lentera's service worker: keeps the app shell on the device so it opens with no signal.
// The build (scripts/postbuild.mjs) fills VERSION and PRECACHE from the real hashed files.
const VERSION = "__LENTERA_VERSION__";
const PRECACHE = ["__LENTERA_PRECACHE__"];
const SHELL_PREFIX = "lentera-shell-";
const SHELL_CACHE = SHELL_PREFIX + VERSION;

// Install: fetch the whole shell fresh (bypassing the HTTP cache) into this version's cache.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" }))),
    ),
  );
});

// Activate: drop shells of older versions, then serve open pages at once.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith(SHELL_PREFIX) && n !== SHELL_CACHE).map((n) => caches.delete(n)),
      );
      await self.clients.claim();
    })(),
  );
});

// A waiting version takes over only when the learner taps "Muat ulang".
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  // The API is always live: progress goes through the app's outbox, never a stale cache.
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  event.respondWith(request.mode === "navigate" ? appShell(request) : cacheFirst(request));
});

// Every client route is the same shell; new releases arrive through the update prompt.
async function appShell(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match("/");
  if (cached) return cached;
  return fetch(request);
}

// Shell files are immutable per version, so the cache answers first.
async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  return cached || fetch(request);
}
