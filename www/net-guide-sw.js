// net-guide's opt-in service worker. A host registers it (see README "Embed it") to keep the
// widget working with the network cut after the first visit. It handles only GET requests to
// its own origin: the widget's files come from the cache first (they change only with a new
// build, which renames the cache), pages from the network first with the cached copy as the
// fallback. It never contacts another origin and stores nothing else.
const CACHE = 'net-guide-__BUILD__';
const WIDGET_FILES = [
  'net-guide.js',
  'net-guide.css',
  'pkg/net_guide_bg.wasm.cm',
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

const isWidgetFile = (url) => WIDGET_FILES.some((f) => url.href === new URL(f, self.location).href);

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (isWidgetFile(url)) {
    event.respondWith(caches.match(event.request).then((hit) => hit ?? fetch(event.request)));
    return;
  }
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(() => caches.match(event.request).then((hit) => hit ?? Response.error())),
  );
});
