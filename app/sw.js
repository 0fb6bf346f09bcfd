// Duk's service worker (`cargo xtask build` fills in the version and the shells). It keeps
// the app itself: the shells when it installs, and each script, style and wasm module the
// first time a page fetches it (a phone never downloads modules of pages it does not
// open), so that a repeat visit downloads only the API's answers and the app opens
// without a network.
// It never keeps an API answer: what the citizen's plan shows offline is kept by the app,
// per account, and cleared when she signs out or her session ends.
const VERSION = '{{VERSION}}';
const FILES = {{FILES}};
const CACHE = `duk-app-${VERSION}`;
// The build before this one stays until no page runs it, so a page open during an update
// can still fetch the modules it was built with.
const KEEP = 2;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = (await caches.keys()).filter((n) => n.startsWith('duk-app-') && n !== CACHE);
      const stamps = await Promise.all(
        names.map(async (n) => [n, (await (await caches.open(n)).match('/__duk_installed'))?.headers.get('date') ?? '']),
      );
      stamps.sort((a, b) => (a[1] < b[1] ? 1 : -1));
      await Promise.all(stamps.slice(KEEP - 1).map(([n]) => caches.delete(n)));
      await (await caches.open(CACHE)).put('/__duk_installed', new Response('', { headers: { date: new Date().toISOString() } }));
      await self.clients.claim();
    })(),
  );
});

// The page says which of the app's files it loaded before this worker took over, and
// which shell runs its bundle at `/`.
self.addEventListener('message', (event) => {
  const { keep, home } = event.data ?? {};
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      if (Array.isArray(keep)) {
        await Promise.all(
          keep
            .filter((p) => typeof p === 'string' && p.startsWith('/assets/'))
            .map(async (p) => (await cache.match(p)) ?? cache.add(p).catch(() => {})),
        );
      }
      const shell = FILES.includes(home) ? await cache.match(home) : undefined;
      if (shell) await cache.put('/', shell);
    }),
  );
});

/** The shell for a page address: each shell runs the same app. */
function shellFor(path) {
  if (/^\/boards\/[0-9a-f-]{36}\/?$/.test(path)) return '/board.html';
  if (/^\/(plan\/|invitasjon$|ordliste$)/.test(path)) return '/citizen.html';
  return '/index.html';
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/assets/')) {
    // Hashed files never change: any kept copy is the right one.
    event.respondWith(
      (async () => {
        const hit = await caches.match(req, { ignoreVary: true });
        if (hit) return hit;
        const res = await fetch(req);
        if (res.ok) {
          const copy = res.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(req, copy)));
        }
        return res;
      })(),
    );
    return;
  }
  if (req.mode === 'navigate') {
    // The server picks the page by address and session, so ask it first; without a
    // network, the kept shell runs the app, which shows what it kept. Offline, `/` gets the
    // shell of the bundle this browser last ran (the page tells, see 'message' above): a
    // citizen who opened her plan gets her own bundle at `/` even if she never opened `/`.
    event.respondWith(
      fetch(req)
        .catch(async () => {
          const cache = await caches.open(CACHE);
          return (
            (url.pathname === '/' ? await cache.match('/') : undefined) ??
            (await cache.match(shellFor(url.pathname))) ??
            Response.error()
          );
        }),
    );
  }
});
