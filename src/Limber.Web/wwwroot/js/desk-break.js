// Today's desk-break banner: the page lists the rest of today's desk-break times (data-due, ISO 8601); when one falls
// due while the page is open, the banner appears in the page's status region, so a screen reader announces it. Closing
// it hides it until the next one. Without this script, the banner shows when the page is loaded during a desk break.

const region = document.getElementById('desk-break');
const useful = 15 * 60 * 1000;
const KEY = 'limber-desk-breaks-done';

/** The breaks put away in this tab (their ISO times), so a reload does not show them again. */
function done() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
  } catch {
    return [];
  }
}

function banner(at) {
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
  const box = document.createElement('div');
  box.className = 'note desk-break-banner';
  box.dataset.at = at.toISOString();
  const text = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = 'Time for a desk break';
  text.append(strong, ` (since ${time}). Stand up, walk a few steps and move for a minute or two.`);
  if (region.dataset.suggest) text.append(` You could try: ${region.dataset.suggest}.`);
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'secondary';
  close.textContent = 'Done, hide this';
  close.addEventListener('click', () => {
    region.replaceChildren();
    sessionStorage.setItem(KEY, JSON.stringify([...done().slice(-30), at.toISOString()]));
  });
  box.append(text, close);
  return box;
}

/** Takes a break's banner away once it is stale, but never the next break's. */
function hide(at) {
  if (region.firstElementChild?.dataset.at === at.toISOString()) region.replaceChildren();
}

function show(at) {
  if (Date.now() - at.getTime() >= useful || done().includes(at.toISOString())) return;
  region.replaceChildren(banner(at));
}

if (region) {
  const times = (region.dataset.due ?? '').split(' ').filter(Boolean).map((t) => new Date(t));
  // The break due when the page was made (shown by the server): the same banner, with its close button.
  if (region.dataset.current) {
    const current = new Date(region.dataset.current);
    region.replaceChildren();
    show(current);
    setTimeout(() => hide(current), Math.max(0, current.getTime() + useful - Date.now()));
  }
  for (const at of times) {
    const wait = at.getTime() - Date.now();
    if (wait > 0 && wait < 24 * 60 * 60 * 1000) {
      setTimeout(() => show(at), wait);
      setTimeout(() => hide(at), wait + useful);
    }
  }
}
