// Opt-in offline support for a host page: registers the widget's service worker, which
// caches the widget's files (and this page) after the first visit. A host copies these
// lines into its own script. The worker controls pages in the folder given as `scope`
// (here: this page's folder), which must be the worker's own folder or below it, unless
// the server sends a `Service-Worker-Allowed` header with net-guide-sw.js.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register(new URL('./net-guide-sw.js', import.meta.url), { scope: './' })
    .catch((error) => console.warn('net-guide: offline support is not available here:', error.message));
}
