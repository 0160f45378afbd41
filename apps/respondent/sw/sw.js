/* Klantreis diary service worker: keeps the app shell so the diary opens offline.
 * Built by vite.config.ts, which fills in the file list and version of this build. */
/* global self, caches, URL */
const VERSION = '__VERSION__'
const SHELL = __SHELL__
const CACHE = `klantreis-diary-shell-${VERSION}`
const PHOTOS = 'klantreis-diary-photos'
const SCOPE = new URL(self.registration.scope).pathname // '/r/'

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((f) => SCOPE + f)))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('klantreis-diary-shell-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('fetch', (event) => {
  const req = event.request
  if (req.method !== 'GET') return
  const url = new URL(req.url)
  if (url.origin !== self.location.origin) return

  // Pages of the diary: the cached shell (the app fetches its data itself). The personal link
  // /r/t/<token> always goes to the server, which sets the cookie and redirects.
  if (req.mode === 'navigate') {
    if (!url.pathname.startsWith(SCOPE) || url.pathname.startsWith(`${SCOPE}t/`)) return
    event.respondWith(caches.match(SCOPE + 'index.html', { cacheName: CACHE }).then((hit) => hit || fetch(req)))
    return
  }

  // Hashed assets, icons, manifest: cache first.
  if (url.pathname.startsWith(SCOPE) && !url.pathname.startsWith(`${SCOPE}t/`)) {
    event.respondWith(
      caches.match(req, { cacheName: CACHE }).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok && url.pathname.startsWith(`${SCOPE}assets/`)) {
              const copy = res.clone()
              caches.open(CACHE).then((c) => c.put(req, copy))
            }
            return res
          }),
      ),
    )
    return
  }

  // The participant's own photos never change under their id: keep them for offline reading.
  if (url.pathname.startsWith('/api/v1/respondent/photos/')) {
    event.respondWith(
      caches.open(PHOTOS).then((c) =>
        c.match(req).then(
          (hit) =>
            hit ||
            fetch(req).then((res) => {
              if (res.ok) c.put(req, res.clone())
              return res
            }),
        ),
      ),
    )
  }
})
