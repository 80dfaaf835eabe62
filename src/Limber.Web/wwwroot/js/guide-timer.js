// The ice timer on /guides/heat-or-ice (safety.md section 8: ice wrapped, about 15 minutes at a time).
//
// Runs in the page with no server round trip. The server renders a fallback line that says to use a phone or kitchen
// timer; this module hides it and shows the clock and its one button. The button starts and stops the timer, so focus
// never leaves it; the status line (role="status") announces the start, a stop and the end, never the ticking seconds.
//
// Time comes from Date.now(): the time left is always "end minus now", never a count of ticks, so a throttled
// background tab or a test's fake clock shows the right time.

const clockText = (seconds) => {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** "12 minutes and 30 seconds", for the status line: a screen reader would read 12:30 as a time of day. */
const spoken = (seconds) => {
  const s = Math.max(0, Math.ceil(seconds));
  const m = Math.floor(s / 60);
  const r = s % 60;
  const minutes = m === 1 ? '1 minute' : `${m} minutes`;
  const secs = r === 1 ? '1 second' : `${r} seconds`;
  if (m === 0) return secs;
  return r === 0 ? minutes : `${minutes} and ${secs}`;
};

/** Three short tones at the end, where the browser allows sound; the status line says it either way. */
function chime(audio) {
  if (!audio) return;
  try {
    for (let i = 0; i < 3; i += 1) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.value = 0.15;
      tone.connect(gain).connect(audio.destination);
      const at = audio.currentTime + i * 0.35;
      tone.start(at);
      tone.stop(at + 0.2);
    }
  } catch {
    // No sound is fine: the status line has already said it.
  }
}

function setUp(root) {
  const total = Number(root.dataset.seconds) || 900;
  const minutes = Math.round(total / 60);
  const thing = root.dataset.name || 'ice';
  const display = root.querySelector('[data-timer-display]');
  const toggle = root.querySelector('[data-timer-toggle]');
  const status = root.querySelector('[data-timer-status]');
  const startText = `Start the ${minutes}-minute timer`;

  let endsAt = null;
  let tick = null;
  let audio = null;

  const say = (text) => { status.textContent = text; };
  const show = (seconds) => { display.textContent = clockText(seconds); };

  function halt() {
    clearTimeout(tick);
    tick = null;
    endsAt = null;
  }

  function update() {
    const left = (endsAt - Date.now()) / 1000;
    if (left <= 0) {
      halt();
      show(0);
      root.dataset.state = 'finished';
      toggle.textContent = `${startText} again`;
      say(`Time is up: ${minutes} minutes. Take the ${thing} off now and let your skin warm up.`);
      chime(audio);
      return;
    }
    show(left);
    // Wake when the shown second changes.
    const untilNextSecond = Math.round((left * 1000) % 1000) || 1000;
    tick = setTimeout(update, untilNextSecond);
  }

  toggle.addEventListener('click', () => {
    if (endsAt === null) {
      if (!audio && window.AudioContext) {
        try { audio = new AudioContext(); } catch { audio = null; }
      }
      endsAt = Date.now() + total * 1000;
      root.dataset.state = 'running';
      toggle.textContent = 'Stop the timer';
      say(`Timer started: ${minutes} minutes. Keep the ${thing} wrapped, and take it off when the time is up.`);
      update();
    } else {
      const left = (endsAt - Date.now()) / 1000;
      halt();
      show(total);
      root.dataset.state = 'stopped';
      toggle.textContent = startText;
      say(`Timer stopped with ${spoken(left)} left.`);
    }
  });

  root.querySelector('[data-timer-fallback]').hidden = true;
  root.querySelector('[data-timer-controls]').hidden = false;
  root.dataset.state = 'ready';
}

document.querySelectorAll('[data-guide-timer]').forEach(setUp);
