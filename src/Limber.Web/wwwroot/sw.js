// Limber's service worker: the guided session player (/today/play) works without a connection once it has been
// opened online. Registered by js/player.js with scope "/"; it answers only the requests below and lets every other
// one go to the network untouched.
//
// - the player page: network first, the kept copy when offline;
// - timelines (GET /api/v1/me/routine/timeline): network first, the kept copy when offline;
// - files and figures: the kept copy first. The page tells the worker what to keep (message "warm"): its own
//   fingerprinted CSS and JS, and the timelines of today and the next 6 days, whose figures the worker adds.
//
// A person's timelines are theirs alone, so signing out (POST /account/sign-out) forgets them and the page; it also
// turns this browser's notifications off, so a shared computer does not go on showing the last person's reminders
// (the server forgets the device when the push service next answers that it is gone).
//
// Reminders (js/reminders.js subscribes this worker for push): a push message is the reminder as JSON (title, body,
// the page to open, and a tag). The same tag replaces a notification rather than adding one, so a reminder that
// arrives twice shows once. Tapping it focuses an open Limber tab on that page, or opens one; it never opens another site.

const VERSION = 1;
const CACHES = { pages: `limber-pages-${VERSION}`, files: `limber-files-${VERSION}`, data: `limber-data-${VERSION}` };
const PLAYER = '/today/play';
const TIMELINE = '/api/v1/me/routine/timeline';
const FILE = /^\/(css|js)\/|^\/favicon|^\/exercises\/[^/]+\/figure\.svg$/;
// Answers that say "not for you now": signed out, no consent, or a safety gate (409: the warning-sign questions come first).
const REFUSED = new Set([401, 403, 409]);

self.addEventListener('install', (event) => {
  // The page while signed in (a signed-out fetch is redirected to sign in, and is not kept).
  event.waitUntil(keep(CACHES.pages, PLAYER));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const current = new Set(Object.values(CACHES));
      for (const name of await caches.keys()) {
        if (name.startsWith('limber-') && !current.has(name)) await caches.delete(name);
      }
      // Control the page that registered the worker at once, so it works offline without a second visit.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/account/sign-out') {
    event.waitUntil(
      Promise.all([
        caches.delete(CACHES.data),
        caches.delete(CACHES.pages),
        self.registration.pushManager.getSubscription().then((subscription) => subscription?.unsubscribe()),
      ]),
    );
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate' && url.pathname === PLAYER) {
    event.respondWith(networkFirst(request, CACHES.pages, PLAYER));
  } else if (url.pathname === TIMELINE) {
    event.respondWith(networkFirst(request, CACHES.data, request));
  } else if (FILE.test(url.pathname)) {
    event.respondWith(caches.match(request, { ignoreVary: true }).then((kept) => kept ?? fetch(request)));
  }
});

self.addEventListener('push', (event) => {
  let reminder = {};
  try {
    reminder = event.data?.json() ?? {};
  } catch {
    reminder = {};
  }
  const text = (value, fallback) => (typeof value === 'string' && value.trim() !== '' ? value : fallback);
  const dueAt = Date.parse(reminder.dueAt);
  event.waitUntil(
    self.registration.showNotification(text(reminder.title, 'Limber'), {
      body: text(reminder.body, ''),
      tag: text(reminder.tag, 'limber-reminder'),
      icon: '/favicon.svg',
      lang: 'en',
      timestamp: Number.isNaN(dueAt) ? Date.now() : dueAt,
      data: { url: sameSite(reminder.url) },
    }),
  );
});

/**
 * The page a reminder opens: a path on this site, or Today. Anything else ("https://elsewhere", "//elsewhere",
 * "/\elsewhere", "javascript:") is refused, so a notification can only ever open Limber.
 */
function sameSite(url) {
  if (typeof url !== 'string' || !url.startsWith('/')) return '/today';
  try {
    const target = new URL(url, self.location.origin);
    return target.origin === self.location.origin ? target.pathname + target.search + target.hash : '/today';
  } catch {
    return '/today';
  }
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(sameSite(event.notification.data?.url), self.location.origin);
  event.waitUntil(
    (async () => {
      // A Limber tab already on that page comes to the front; otherwise a new one opens. An open tab on another page
      // is left alone: it may hold a half-filled form or a session in progress.
      const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const same = open.find((client) => {
        const url = new URL(client.url);
        return url.origin === target.origin && url.pathname === target.pathname;
      });
      if (same) {
        await same.focus();
        return;
      }
      await self.clients.openWindow(target.href);
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'warm') return;
  event.waitUntil(warm(event.data).then((result) => event.ports[0]?.postMessage(result)));
});

/** A good answer (not a redirect to sign in, not an error) is kept under `key`; offline, the kept one answers. */
async function networkFirst(request, cacheName, key) {
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) {
      const cache = await caches.open(cacheName);
      await cache.put(key, response.clone());
    } else if (REFUSED.has(response.status)) {
      // The server no longer gives this (the questions are due, consent withdrawn): the kept copy must not outlive that.
      await (await caches.open(cacheName)).delete(key, { ignoreVary: true });
    }
    return response;
  } catch (error) {
    const kept = await caches.match(key, { ignoreSearch: key === PLAYER, ignoreVary: true });
    if (kept) return kept;
    throw error;
  }
}

/** Fetches `url` and keeps a good answer; returns a copy of it, or null. */
async function keep(cacheName, url, headers = {}) {
  try {
    const response = await fetch(url, { credentials: 'same-origin', headers });
    if (REFUSED.has(response.status)) await (await caches.open(cacheName)).delete(url, { ignoreVary: true });
    if (!response.ok || response.redirected) return null;
    const cache = await caches.open(cacheName);
    await cache.put(url, response.clone());
    return response;
  } catch {
    return null;
  }
}

/** Keeps what the player page names: the page, its files, the timelines and every figure they show. */
async function warm({ files, timelines }) {
  await keep(CACHES.pages, PLAYER);
  const fileCache = await caches.open(CACHES.files);
  // Fingerprinted names never change their content: fetch only the new ones, and forget the old CSS and JS.
  const wanted = new Set(files.map((f) => new URL(f, self.location.origin).href));
  for (const request of await fileCache.keys()) {
    if (/^\/(css|js)\//.test(new URL(request.url).pathname) && !wanted.has(request.url)) await fileCache.delete(request);
  }
  await Promise.all([...wanted].map(async (f) => (await fileCache.match(f)) ?? keep(CACHES.files, f)));

  const figures = new Set();
  let days = 0;
  for (const url of timelines) {
    const response = await keep(CACHES.data, url, { 'X-Limber-Client': 'player' });
    const timeline = await response?.json().catch(() => null);
    if (!timeline) continue;
    days++;
    for (const e of timeline.exercises ?? []) {
      for (const figure of [e.figure, e.figureLeft, e.easier?.figure, e.easier?.figureLeft]) {
        if (figure) figures.add(figure);
      }
    }
  }
  await Promise.all([...figures].map((f) => keep(CACHES.files, f)));
  return { days, figures: figures.size };
}
