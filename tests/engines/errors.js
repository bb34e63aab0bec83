// Error recorder for the cross-engine tests (tests/engines/engines.test.mjs). WebDriver classic
// cannot read a browser's console, so this classic script, loaded before the widget's module
// from the same origin (the page's CSP forbids inline scripts), keeps what would have been
// reported in window.__ngErrors for the test to read. It is never shipped with the widget.
(function () {
  'use strict';
  var errors = [];
  window.__ngErrors = errors;
  window.__ngErrorsInstalled = true;
  window.__ngReady = false;

  function text(value) {
    if (value instanceof Error) return value.name + ': ' + value.message;
    if (typeof value === 'string') return value;
    try {
      return JSON.stringify(value);
    } catch (_) {
      return String(value);
    }
  }

  // Uncaught errors (ErrorEvent) and, in the capture phase, resources that fail to load.
  window.addEventListener('error', function (event) {
    if (event instanceof ErrorEvent) {
      errors.push('uncaught: ' + (event.message || text(event.error)) +
        (event.filename ? ' (' + event.filename + ':' + event.lineno + ')' : ''));
    } else if (event.target && event.target !== window) {
      var t = event.target;
      errors.push('failed to load: <' + t.localName + '> ' + (t.src || t.href || ''));
    }
  }, true);

  window.addEventListener('unhandledrejection', function (event) {
    errors.push('unhandled rejection: ' + text(event.reason));
  });

  // Content-Security-Policy violations (Chromium would log them as console errors).
  document.addEventListener('securitypolicyviolation', function (event) {
    errors.push('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline'));
  }, true);

  var consoleError = console.error;
  console.error = function () {
    errors.push('console.error: ' + Array.prototype.map.call(arguments, text).join(' '));
    return consoleError.apply(this, arguments);
  };

  document.addEventListener('net-guide:ready', function () {
    window.__ngReady = true;
  });
})();
