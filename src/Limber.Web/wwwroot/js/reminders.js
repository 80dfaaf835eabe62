// The reminders page: fills in this device's time zone, turns notifications on or off in this browser, copies the
// calendar address, and takes the focus to what the last action said. Every form on the page works without this
// script; it only adds what needs the browser.

const CLIENT = { 'X-Limber-Client': 'player' };
const status = document.getElementById('push-status');

function say(text) {
  if (status) status.textContent = text;
}

// After a form post the page comes back at #reminders-message (the problems, or what the action said), which the
// browser focuses as the target of the address; for a browser that only scrolls there, take the focus to it too, so a
// screen reader reads it first and the keyboard carries on from there.
const landing = document.getElementById('reminders-message');
if (landing && document.activeElement !== landing) landing.focus();

// An error's link takes the focus into its field (a day's error goes to the first day), not just the view.
document.getElementById('form-errors')?.addEventListener('click', (event) => {
  const link = event.target.closest('a[href*="#"]');
  if (!link) return;
  const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  const field = target?.matches('input, select, textarea') ? target : target?.querySelector('input, select, textarea');
  if (!field) return;
  event.preventDefault();
  const label = field.labels?.[0] ?? target.querySelector('legend') ?? field;
  (target.matches('fieldset') ? target : label).scrollIntoView({ block: 'start' });
  field.focus({ preventScroll: true });
});

// Time zone: while nothing is on yet, fill in this device's zone; once reminders are saved, only offer it.
const zoneField = document.getElementById('timeZone');
const zoneButton = document.getElementById('use-device-zone');
const zoneNote = document.getElementById('timeZone-device');
const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (zoneField && zoneButton && deviceZone && zoneField.value !== deviceZone) {
  if (zoneField.dataset.suggest === 'true' && zoneField.getAttribute('aria-invalid') !== 'true') {
    zoneField.value = deviceZone;
    if (zoneNote) zoneNote.textContent = 'Filled in from this device.';
  } else {
    zoneButton.textContent = `Use this device's time zone (${deviceZone})`;
    zoneButton.hidden = false;
    zoneButton.addEventListener('click', () => {
      zoneField.value = deviceZone;
      zoneButton.hidden = true;
      if (zoneNote) zoneNote.textContent = 'Filled in from this device. Save to use it.';
      zoneField.focus();
    });
  }
}

// Copy the calendar address, and say so where a screen reader hears it.
for (const button of document.querySelectorAll('[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  const copyStatus = document.getElementById(button.dataset.status);
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      if (copyStatus) copyStatus.textContent = 'Copied. Paste the address into your calendar app.';
    } catch {
      field.focus();
      field.select();
      if (copyStatus) copyStatus.textContent = 'This browser did not let Limber copy. The address is selected: copy it yourself.';
    }
  });
}

// Notifications in this browser.
const controls = document.getElementById('push-controls');
const enable = document.getElementById('push-enable');
const disable = document.getElementById('push-disable');
const supported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function deviceLabel() {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const system = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iPhone or iPad' : /Mac OS X/.test(ua) ? 'Mac' : /Windows/.test(ua) ? 'Windows' : /Linux/.test(ua) ? 'Linux' : 'this device';
  return `${browser} on ${system}`;
}

/** Some browsers never answer a push subscription at all; after a minute, take that as a no. */
function withinAMinute(promise) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('No answer from the push service')), 60_000))]);
}

async function registration() {
  await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  return navigator.serviceWorker.ready;
}

/** This browser's push subscription, if any, and the server's record of it, if it has one. */
async function thisBrowser() {
  const reg = await navigator.serviceWorker.getRegistration('/');
  const subscription = reg ? await reg.pushManager.getSubscription() : null;
  if (!subscription) return { subscription: null, device: null };
  const devices = await fetch('/api/v1/me/push/devices', { headers: CLIENT }).then((r) => (r.ok ? r.json() : [])).catch(() => []);
  return { subscription, device: devices.find((d) => d.endpoint === subscription.endpoint) ?? null };
}

async function refreshButtons() {
  const { device } = await thisBrowser();
  // A subscription the server no longer knows (turned off from another browser's list) counts as off: turning it on
  // again sends the same subscription back.
  enable.hidden = device !== null;
  disable.hidden = device === null;
  if (device) {
    say('Notifications are on in this browser.');
    const item = document.querySelector(`[data-device="${device.id}"] .this-browser`);
    if (item) item.hidden = false;
  } else if (Notification.permission === 'denied') {
    say('Notifications are blocked for Limber in this browser. You can allow them in the browser\'s site settings, or use the calendar feed below.');
  }
}

async function turnOn() {
  enable.disabled = true;
  try {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      say('This browser did not allow notifications. You can allow them for Limber in the browser\'s site settings, or use the calendar feed below.');
      return;
    }
    say('Turning notifications on…');
    const key = await fetch(controls.dataset.keyUrl, { headers: CLIENT }).then((r) => r.json());
    const reg = await registration();
    let subscription;
    try {
      subscription = await withinAMinute(reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(key.publicKey) }));
    } catch (error) {
      // The browser said no, or its push service did not answer: a private window (Chrome has no push there), a
      // browser built without a push service, or no connection to it.
      console.warn('Push subscription failed', error);
      say('This browser could not turn notifications on. Private windows and some browsers do not offer them, and the connection may be down. You can try again later, or use the calendar feed below.');
      return;
    }
    const body = { ...subscription.toJSON(), label: deviceLabel() };
    const response = await fetch('/api/v1/me/push/devices', {
      method: 'POST',
      headers: { ...CLIENT, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      await subscription.unsubscribe();
      say(problem.detail ?? 'Limber could not turn notifications on. Please try again.');
      return;
    }
    // Reload so the list of browsers shows this one, with its "turn off" button.
    location.hash = 'notify-heading';
    location.reload();
  } catch (error) {
    console.warn('Turning notifications on failed', error);
    say('Limber could not turn notifications on just now. Please try again, or use the calendar feed below.');
  } finally {
    enable.disabled = false;
  }
}

async function turnOff() {
  disable.disabled = true;
  try {
    const { subscription, device } = await thisBrowser();
    if (subscription) await subscription.unsubscribe();
    if (device) await fetch(`/api/v1/me/push/devices/${device.id}`, { method: 'DELETE', headers: CLIENT });
    location.hash = 'notify-heading';
    location.reload();
  } catch (error) {
    console.warn('Turning notifications off failed', error);
    say('Limber could not turn notifications off just now. Please try again.');
    disable.disabled = false;
  }
}

if (controls && supported) {
  controls.hidden = false;
  enable.addEventListener('click', turnOn);
  disable.addEventListener('click', turnOff);
  refreshButtons().catch((error) => console.warn('Could not read this browser\'s notification state', error));
} else if (controls) {
  say('This browser cannot show notifications from websites. The calendar feed below works in any calendar app.');
}
