// Opt-in offline support for a host page: registers the widget's service worker, which
// caches the widget's files (and this page) after the first visit. A host copies these
// lines into its own script; the worker's scope is the folder it is served from.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register(new URL('./net-guide-sw.js', import.meta.url), { scope: './' })
    .catch((error) => console.warn('net-guide: offline support is not available here:', error.message));
}
