// net-guide's opt-in service worker. A host registers it (see README "Embed it") to keep the
// widget working with the network cut after the first visit. It handles only GET requests to
// its own origin: the widget's files come from the cache first (they change only with a new
// build, which renames the cache); pages and their styles, scripts, images and fonts from the
// network first, with the cached copy as the fallback. Data requests (fetch/XHR) and any
// response marked `Cache-Control: no-store` or `private` (a portal's personal pages) are
// never stored. It never contacts another origin.
const CACHE = 'net-guide-__BUILD__';
const WIDGET_FILES = [
  'net-guide.js',
  'net-guide.css',
  'pkg/net_guide_bg.wasm.cm',
  'pkg/unpack.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(WIDGET_FILES.map((f) => new URL(f, self.location))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith('net-guide-') && k !== CACHE).map((k) => caches.delete(k)),
      ))
      .then(() => self.clients.claim()),
  );
});

// What a page needs to open offline; '' (fetch/XHR: a portal's data) is left alone.
const STORED_KINDS = new Set(['document', 'style', 'script', 'image', 'font', 'manifest']);

const isWidgetFile = (url) => WIDGET_FILES.some((f) => url.href === new URL(f, self.location).href);

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (isWidgetFile(url)) {
    event.respondWith(caches.match(event.request).then((hit) => hit ?? fetch(event.request)));
    return;
  }
  if (!STORED_KINDS.has(event.request.destination)) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok && !/no-store|private/i.test(response.headers.get('Cache-Control') ?? '')) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(() => caches.match(event.request).then((hit) => hit ?? Response.error())),
  );
});
