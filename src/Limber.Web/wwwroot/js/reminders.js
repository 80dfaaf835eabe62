// The reminders page: fills in this device's time zone, turns notifications on or off in this browser, and copies the
// calendar address. Every form on the page works without this script; it only adds what needs the browser.

const CLIENT = { 'X-Limber-Client': 'player' };
const status = document.getElementById('push-status');

function say(text) {
  if (status) status.textContent = text;
}

// Time zone: offer this device's zone, and fill it in when the field is still the default.
const zoneField = document.getElementById('timeZone');
const zoneButton = document.getElementById('use-device-zone');
const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (zoneField && zoneButton && deviceZone && zoneField.value !== deviceZone) {
  zoneButton.textContent = `Use this device's time zone (${deviceZone})`;
  zoneButton.hidden = false;
  zoneButton.addEventListener('click', () => {
    zoneField.value = deviceZone;
    zoneButton.hidden = true;
    zoneField.focus();
  });
  if (zoneField.value === '' || zoneField.value === 'UTC') zoneField.value = deviceZone;
}

// Copy the calendar address.
for (const button of document.querySelectorAll('[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = 'Copied';
    } catch {
      field.select();
      button.textContent = 'Select and copy the address';
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

async function registration() {
  await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  return navigator.serviceWorker.ready;
}

async function refreshButtons() {
  const reg = await navigator.serviceWorker.getRegistration('/');
  const subscription = reg ? await reg.pushManager.getSubscription() : null;
  enable.hidden = subscription !== null;
  disable.hidden = subscription === null;
  if (subscription) say('Notifications are on in this browser.');
}

async function turnOn() {
  enable.disabled = true;
  try {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      say('This browser did not allow notifications. You can allow them for this site in the browser\'s settings, or use the calendar feed.');
      return;
    }
    say('Turning notifications on…');
    const key = await fetch(controls.dataset.keyUrl, { headers: CLIENT }).then((r) => r.json());
    const reg = await registration();
    const subscription = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(key.publicKey) });
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
    location.assign('/reminders#notify-heading');
    location.reload();
  } catch (error) {
    say(`This browser could not turn notifications on (${error.message}). The calendar feed works in any calendar app.`);
  } finally {
    enable.disabled = false;
  }
}

async function turnOff() {
  const reg = await navigator.serviceWorker.getRegistration('/');
  const subscription = reg ? await reg.pushManager.getSubscription() : null;
  if (subscription) {
    // The server knows this browser by its push address: find its id, then remove it there too.
    const devices = await fetch('/api/v1/me/push/devices', { headers: CLIENT }).then((r) => (r.ok ? r.json() : []));
    const mine = devices.find((d) => d.endpoint === subscription.endpoint);
    await subscription.unsubscribe();
    if (mine) await fetch(`/api/v1/me/push/devices/${mine.id}`, { method: 'DELETE', headers: CLIENT });
  }
  location.reload();
}

if (controls && supported) {
  controls.hidden = false;
  enable.addEventListener('click', turnOn);
  disable.addEventListener('click', turnOff);
  refreshButtons();
} else if (controls) {
  say('This browser cannot show notifications from websites. The calendar feed below works in any calendar app.');
}
