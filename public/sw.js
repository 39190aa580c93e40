// Lentera's service worker: keeps the app shell on the device so it opens with no signal.
// The build (scripts/postbuild.mjs) fills VERSION and PRECACHE from the real hashed files, and
// writes each value read from CONTRACT as the app's Rust constant of that name (scripts/sw-contract.mjs).
const VERSION = "__LENTERA_VERSION__";
const PRECACHE = ["__LENTERA_PRECACHE__"];
const SHELL_PREFIX = "lentera-shell-";
const SHELL_CACHE = SHELL_PREFIX + VERSION;
// The survey and plan, and the activities: pages that load on demand, outside the shell.
const PARTS = [CONTRACT.PLAN_PATH, CONTRACT.ACTIVITY_PATH];

// Install: keep the whole shell in this version's cache. A hashed file never changes, so the copy
// the page just downloaded will do (one download on a data plan, not two); the rest comes fresh.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((url) => new Request(url, { cache: /-[0-9a-f]{16}(_bg)?\.\w+$/.test(url) ? "default" : "reload" }))),
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
  if (event.data === CONTRACT.SKIP_WAITING) self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin === self.location.origin && url.pathname === CONTRACT.LEDGER_PATH) return event.respondWith(ledgerKeepingCertificates(event));
  if (url.pathname === CONTRACT.PREFETCH_PATH) event.waitUntil(keepParts());
  // The API is always live: progress goes through the app's outbox, never a stale cache.
  if (url.origin !== self.location.origin || url.pathname.startsWith(CONTRACT.API_PREFIX)) return;
  // The supervisors' console is an online page of its own, never the learner's shell.
  if (url.pathname === CONTRACT.CONSOLE_PATH || url.pathname.startsWith(CONTRACT.CONSOLE_PATH + "/")) return;
  const part = PARTS.find((p) => url.pathname.startsWith(p + "/"));
  if (part) return event.respondWith(onDemand(request, part, request.mode === "navigate"));
  // Certificates are the server's public pages: live when online, the copy kept when not.
  if (url.pathname.startsWith(CONTRACT.CERTIFICATE_PAGE) || url.pathname === "/verifikasi.css") return event.respondWith(fetch(request).catch(() => caches.match(request, { ignoreVary: true })));
  // Only extensionless paths are client routes (as on the server): /robots.txt opened in a tab is the file, not the shell.
  event.respondWith(request.mode === "navigate" && !/\.\w+$/.test(url.pathname) ? appShell(request) : cacheFirst(request));
});

// Every client route is the same shell; new releases arrive through the update prompt.
async function appShell(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match("/");
  if (cached) return cached;
  return fetch(request);
}

// The survey and plan (/rencana/) and the activities (/kegiatan/) load on demand, outside the
// precache: each file is kept as it comes (the page under one key, whatever its route), so once
// opened online it opens with no signal. A fresh page starts its copy afresh, so an older
// release's files do not pile up.
async function onDemand(request, part, page) {
  const cache = await caches.open(CONTRACT.DB_NAME + part.replace("/", "-"));
  const key = page ? part + "/" : request;
  try {
    const response = await fetch(request);
    if (page && response.ok) for (const old of await cache.keys()) await cache.delete(old);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch {
    return cache.match(key);
  }
}

// A signed-in sync asks for the packs to hold (the app's prefetch): the parts not kept yet come
// along, each page and the files it names, so they open with no signal though never opened online.
async function keepParts() {
  for (const part of PARTS) {
    if (await caches.match(part + "/")) continue;
    const page = await onDemand(new Request(part + "/"), part, true);
    for (const [, url] of (await page.text()).matchAll(/"(\/[^"]+)"/g)) if (url.startsWith(part + "/")) await onDemand(new Request(url), part);
  }
}

const CERTIFICATES = "lentera-certificates";

// The ledger (live, never cached) names the learner's certificates: each new one's page is
// fetched once and kept, so it opens with no signal later.
async function ledgerKeepingCertificates(event) {
  const response = await fetch(event.request);
  if (response.ok) event.waitUntil(keepCertificates(response.clone()));
  return response;
}

async function keepCertificates(response) {
  const cache = await caches.open(CERTIFICATES);
  await cache.add("/verifikasi.css").catch(() => {});
  for (const entry of (await response.json()).entries) {
    const page = entry.certificate && CONTRACT.CERTIFICATE_PAGE + entry.certificate;
    if (page && !(await cache.match(page))) await cache.add(page).catch(() => {});
  }
}

// Shell files are immutable per version, so the cache answers first.
async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  return cached || fetch(request);
}

// Background Sync: the browser wakes this worker when a connection returns, even with the app
// closed. An open page syncs itself (with token rotation and pull); otherwise push from here.
self.addEventListener("sync", (event) => {
  if (event.tag === CONTRACT.SYNC_TAG) event.waitUntil(backgroundSync());
});

async function backgroundSync() {
  const pages = await self.clients.matchAll({ type: "window" });
  if (pages.length > 0) {
    pages.forEach((page) => page.postMessage(CONTRACT.SYNC_TAG));
    return;
  }
  const db = await openStore();
  try {
    await pushPending(db);
  } finally {
    db.close();
  }
}

function openStore() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(CONTRACT.DB_NAME);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

function ask(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function pushPending(db) {
  if (!db.objectStoreNames.contains(CONTRACT.EVENTS)) return;
  const meta = db.transaction(CONTRACT.META).objectStore(CONTRACT.META);
  const [sessionText, deviceId, ended] = await Promise.all(
    [CONTRACT.SESSION_KEY, CONTRACT.DEVICE_ID_KEY, CONTRACT.ENDED_KEY].map((key) => ask(meta.get(key))),
  );
  if (!sessionText || ended) return;
  const session = JSON.parse(sessionText);
  for (;;) {
    const index = db.transaction(CONTRACT.EVENTS).objectStore(CONTRACT.EVENTS).index(CONTRACT.EVENTS_PENDING);
    const records = await ask(index.getAll(1, CONTRACT.MAX_BATCH_EVENTS));
    if (records.length === 0) return;
    const body = {
      protocol_version: CONTRACT.PROTOCOL_VERSION,
      device_id: deviceId,
      learner: session.account.nip,
      sent_at_ms: Date.now(),
      events: records.map((r) => JSON.parse(r.event)),
    };
    const headers = { "Content-Type": "application/json", Authorization: "Bearer " + session.token };
    const payload = await gzipped(JSON.stringify(body), headers);
    const response = await fetch(CONTRACT.PUSH_PATH, { method: "POST", headers, body: payload });
    // A refusal is left for the app to explain; throwing on a server error lets the browser retry.
    if (response.status >= 500 || response.status === 429) throw new Error("sync: HTTP " + response.status);
    if (!response.ok) return;
    const { acknowledged } = await response.json();
    const tx = db.transaction(CONTRACT.EVENTS, "readwrite");
    const events = tx.objectStore(CONTRACT.EVENTS);
    for (const id of acknowledged) {
      const record = await ask(events.get(id));
      if (record && record.pending === 1) events.put({ ...record, pending: 0 });
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  }
}

// The browser's own gzip, as the app sends pushes (about a fifth of the bytes on the uplink);
// plain JSON where the browser has no CompressionStream. Adds Content-Encoding to `headers`.
async function gzipped(json, headers) {
  if (typeof CompressionStream === "undefined") return json;
  const stream = new Response(json).body.pipeThrough(new CompressionStream(CONTRACT.PUSH_ENCODING));
  headers["Content-Encoding"] = CONTRACT.PUSH_ENCODING;
  return new Response(stream).arrayBuffer();
}
