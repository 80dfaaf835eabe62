// After the account is deleted: what the session player kept on this device goes too (the saved session and the
// outbox in IndexedDB, and the page, timelines and figures the service worker kept), so "delete" means everything.
if ('caches' in window) {
  for (const name of await caches.keys()) {
    if (name.startsWith('limber-')) await caches.delete(name);
  }
}
if ('indexedDB' in window) indexedDB.deleteDatabase('limber-player');
if ('serviceWorker' in navigator) {
  for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
}
