// Today's desk-break banner: the page lists the rest of today's desk-break times (data-due, ISO 8601); when one falls
// due while the page is open, the banner appears in the page's status region, so a screen reader announces it. Closing
// it hides it until the next one. Without this script, the banner shows when the page is loaded during a desk break.

const region = document.getElementById('desk-break');
const useful = 15 * 60 * 1000;

function banner(at) {
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
  const box = document.createElement('div');
  box.className = 'alert desk-break-banner';
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
    sessionStorage.setItem('limber-desk-break-done', at.toISOString());
  });
  box.append(text, close);
  return box;
}

function show(at) {
  if (sessionStorage.getItem('limber-desk-break-done') === at.toISOString()) return;
  region.replaceChildren(banner(at));
}

if (region) {
  const times = (region.dataset.due ?? '').split(' ').filter(Boolean).map((t) => new Date(t));
  // The break due when the page was made (shown by the server): the same banner, with its close button.
  if (region.dataset.current) {
    const current = new Date(region.dataset.current);
    region.replaceChildren();
    show(current);
    setTimeout(() => region.replaceChildren(), Math.max(0, current.getTime() + useful - Date.now()));
  }
  for (const at of times) {
    const wait = at.getTime() - Date.now();
    if (wait > 0 && wait < 24 * 60 * 60 * 1000) {
      setTimeout(() => show(at), wait);
      setTimeout(() => {
        if (region.firstChild) region.replaceChildren();
      }, wait + useful);
    }
  }
}
