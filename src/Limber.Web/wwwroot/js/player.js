// The guided session player on /today/play (issue 7; product.md part 5, safety.md section 4).
//
// The page is a static shell. This module fetches the day's timeline (GET /api/v1/me/routine/timeline), plays its
// steps in order with a countdown, the figure, spoken cues and tones, applies the stop rule of a "this hurts" report
// at once, asks how each exercise felt and sends the session (POST /api/v1/me/sessions).
//
// Nothing is lost offline: the progress is kept in IndexedDB on every step change, pause and page hide, so a reload
// resumes the same session, paused. A finished session goes to an outbox first and is sent from there with the one
// Idempotency-Key made at Start, so sending it twice stores it once. The service worker (/sw.js) serves the page, its
// files, the timelines and the figures without a connection.
//
// Time comes from Date.now() and one setTimeout at a time: the position is always "now minus when the step started",
// never a count of ticks, so a throttled background tab or a test's fake clock lands on the right step.

const $ = (id) => document.getElementById(id);
const root = $('player');

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

/** Every API call says it comes from the player (the server's CSRF guard for cookie-signed-in calls). */
const api = (path, init = {}) =>
  fetch(path, { ...init, credentials: 'same-origin', headers: { 'X-Limber-Client': 'player', ...init.headers } });

/** YYYY-MM-DD of the phone's own day, `offset` days from today. */
function localDay(offset = 0) {
  const d = new Date(Date.now());
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const timelineUrl = (date) => `/api/v1/me/routine/timeline?date=${date}`;

/** As Today.Minutes on the server: seconds below a minute and a half, whole minutes above. */
const aboutTime = (seconds) => (seconds < 90 ? `${seconds} seconds` : `${Math.round(seconds / 60)} minutes`);

const clockText = (seconds) => {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** An element with properties (or aria-/data- attributes) and children (elements or text). */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (name.startsWith('aria-') || name.startsWith('data-')) node.setAttribute(name, value);
    else node[name] = value;
  }
  node.append(...children.filter((c) => c != null));
  return node;
}

/** A version-4 UUID; plain http on another host is not a secure context and has no crypto.randomUUID. */
function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A copy of the page's 0-10 scale (the PainScale component in a template), renamed. */
function painScale(name, legend) {
  const node = $('scale-template').content.firstElementChild.cloneNode(true);
  for (const e of [node, ...node.querySelectorAll('*')]) {
    for (const attribute of ['id', 'for', 'name', 'aria-describedby']) {
      const value = e.getAttribute(attribute);
      if (value) e.setAttribute(attribute, value.replace(/(^| )scale/g, `$1${name}`));
    }
  }
  node.querySelector('legend').textContent = legend;
  return node;
}

const chosenScore = (name) => {
  const value = root.querySelector(`input[name="${name}"]:checked`)?.value;
  return value == null ? null : Number(value);
};

const chooseScore = (name, score) => {
  for (const input of root.querySelectorAll(`input[name="${name}"]`)) input.checked = Number(input.value) === score;
};

// ---------------------------------------------------------------------------------------------------------------
// Storage: IndexedDB, two stores with keys of their own: "progress" (the session being played, by account) and
// "outbox" (finished sessions by their Idempotency-Key, each with its account). In memory where IndexedDB cannot
// open (some private modes). Keeping both by account means a phone shared by two people never shows one the other's
// session, nor sends it in the other's name.

async function openStore() {
  try {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('limber-player', 1);
      request.onupgradeneeded = () => ['progress', 'outbox'].forEach((name) => request.result.createObjectStore(name));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const run = (name, mode, work) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction(name, mode);
        const request = work(tx.objectStore(name));
        tx.oncomplete = () => resolve(request.result);
        tx.onabort = tx.onerror = () => reject(tx.error);
      });
    return {
      get: (name, key) => run(name, 'readonly', (s) => s.get(key)),
      all: (name) => run(name, 'readonly', (s) => s.getAll()),
      put: (name, key, value) => run(name, 'readwrite', (s) => s.put(value, key)),
      delete: (name, key) => run(name, 'readwrite', (s) => s.delete(key)),
    };
  } catch {
    const maps = { progress: new Map(), outbox: new Map() };
    return {
      get: async (name, key) => structuredClone(maps[name].get(key)),
      all: async (name) => [...maps[name].values()].map((v) => structuredClone(v)),
      put: async (name, key, value) => void maps[name].set(key, structuredClone(value)),
      delete: async (name, key) => void maps[name].delete(key),
    };
  }
}

const store = await openStore();

// ---------------------------------------------------------------------------------------------------------------
// Cues: speech, tones, vibration and the screen kept awake, each only where the browser has it.

const MUTE_KEY = 'limber.player.muted';
let muted = false;
try {
  muted = localStorage.getItem(MUTE_KEY) === '1';
} catch {
  // No storage (a locked-down browser): sound stays on, as by default.
}
let audio = null;
let wakeLock = null;

/** Browsers start audio only from a tap, so the context is made on Start (or Resume after a reload). */
function ensureAudio() {
  const Context = window.AudioContext ?? window.webkitAudioContext;
  if (!audio && Context) {
    try {
      audio = new Context();
    } catch {
      audio = null;
    }
  }
  audio?.resume?.().catch(() => {});
}

function tone(frequency, ms) {
  if (muted || !audio || audio.state !== 'running') return;
  const at = audio.currentTime;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.25, at);
  gain.gain.exponentialRampToValueAtTime(0.001, at + ms / 1000);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(at);
  oscillator.stop(at + ms / 1000);
}

function say(text) {
  if (muted || !('speechSynthesis' in window) || !text) return;
  speechSynthesis.cancel(); // a new cue replaces an old one still queued
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = document.documentElement.lang || 'en';
  speechSynthesis.speak(utterance);
}

const buzz = (ms) => !muted && navigator.vibrate?.(ms);

function setMuted(on) {
  muted = on;
  try {
    localStorage.setItem(MUTE_KEY, on ? '1' : '0');
  } catch {
    // Remembered for this page only.
  }
  if (on && 'speechSynthesis' in window) speechSynthesis.cancel();
  $('play-mute').setAttribute('aria-pressed', String(on));
}

async function keepAwake(on) {
  if (!('wakeLock' in navigator)) return;
  try {
    if (on && !wakeLock && document.visibilityState === 'visible') {
      wakeLock = await navigator.wakeLock.request('screen');
      wakeLock.addEventListener('release', () => (wakeLock = null));
    } else if (!on && wakeLock) {
      await wakeLock.release();
    }
  } catch {
    // Refused (battery saver, no permission): the screen may dim, nothing else changes.
  }
}

const SPOKEN = { 'get-ready': 'Get ready', hold: 'Hold', rest: 'Rest', 'switch-side': 'Switch sides', transition: 'Next exercise' };

/** At the start of a step: a tone, a buzz and a word or two ("Hold"; for a repetition only its number). */
function stepCue(step, exercise) {
  tone(880, 160);
  buzz(120);
  if (step.kind === 'reps') say(step.rep ? String(step.rep) : 'Keep going');
  else if (step.kind === 'get-ready' && exercise) say(`Get ready: ${exercise.name}`);
  else say(SPOKEN[step.kind] ?? step.text);
}

/** Once a second: a tone halfway through a hold and in each of the last three seconds; "ten seconds left". */
function secondCue(step, left) {
  if (step.kind !== 'reps' && step.seconds >= 5 && left >= 1 && left <= 3) tone(440, 100);
  if (step.kind === 'hold' && step.seconds >= 8 && left === Math.floor(step.seconds / 2)) tone(660, 140);
  if (step.seconds >= 20 && left === 10) say('Ten seconds left');
}

// ---------------------------------------------------------------------------------------------------------------
// The session: `s` is the progress record kept in IndexedDB. Its `steps` are the timeline's, with the rest of an
// exercise swapped for its easier version when asked. `running` and `stepStart` (when the current step would have
// begun had there been no pause) live only in the page: a reloaded session always comes back paused.

let s = null;
let exercises = new Map();
let running = false;
let stepStart = 0;
let timer = 0;
let lastLeft = 0;
let lastAnnounced = '';

const PAIN = 'painDuringExercise';

function newSession(timeline) {
  return {
    version: 1,
    phase: 'start',
    key: null,
    date: timeline.date,
    timeline,
    steps: [...timeline.steps],
    index: 0,
    into: 0,
    startedAt: null,
    finishedAt: null,
    painBefore: null,
    worstPain: null,
    stops: [],
    swaps: {},
    skipped: [],
    finished: [],
    reached: [],
    feedback: {},
    message: null,
    sent: null,
  };
}

/** Every exercise by id, the easier versions too (a routine's own exercise wins if both share an id). */
function indexExercises() {
  exercises = new Map(s.timeline.exercises.map((e) => [e.id, e]));
  for (const e of s.timeline.exercises) {
    if (e.easier && !exercises.has(e.easier.id)) exercises.set(e.easier.id, { ...e.easier, part: e.part, easier: null });
  }
}

const add = (list, id) => id && !list.includes(id) && list.push(id);

/** The exercise a step belongs to; a transition belongs to none. */
const exerciseAt = (i) => {
  const step = s.steps[i];
  return step && step.kind !== 'transition' ? step.exerciseId : null;
};

/** The step the screen is about: on a transition, the coming exercise's first step (its name is shown). */
const focusOf = (i) => (s.steps[i]?.kind === 'transition' ? i + 1 : i);

const exerciseFor = (i) => exercises.get(exerciseAt(focusOf(i)));

/** The last step of the exercise step `i` belongs to. */
function lastOfExercise(i) {
  const id = exerciseAt(i);
  let j = i;
  while (id && exerciseAt(j + 1) === id) j++;
  return j;
}

/**
 * Where "stop the set" goes: the first step of the next set of step i's exercise, or the step after the exercise.
 * A one-sided exercise does its sets on the right, then on the left, so each side's set counts as a set; a rest
 * before a set belongs to that set (the timeline gives it the set's number).
 */
function nextSetStart(i) {
  const last = lastOfExercise(i);
  const { set, side } = s.steps[i];
  for (let j = i + 1; j <= last; j++) {
    if (s.steps[j].set !== set || s.steps[j].side !== side) return j;
  }
  return last + 1;
}

const hasEasier = (i) => {
  const id = exerciseAt(focusOf(i));
  return Boolean(id && exercises.get(id)?.easier && !s.swaps[id]);
};

const stepMs = (i) => s.steps[i].seconds * 1000;
const into = () => (running ? Date.now() - stepStart : s.into);
const totalSeconds = () => s.steps.reduce((sum, step) => sum + step.seconds, 0);
const doneSeconds = () => s.steps.slice(0, s.index).reduce((sum, step) => sum + step.seconds, 0) + into() / 1000;

function save() {
  if (!s || s.phase === 'start' || s.sent) return;
  s.into = into();
  store.put('progress', account, s).catch(() => {});
}

/** The one timer: at each whole second of the countdown, and at the end of the step. */
function tick() {
  clearTimeout(timer);
  if (!running) return;
  let moved = false;
  while (Date.now() - stepStart >= stepMs(s.index)) {
    stepStart += stepMs(s.index);
    if (s.index === lastOfExercise(s.index)) add(s.finished, exerciseAt(s.index));
    if (s.index + 1 >= s.steps.length) {
      say('Well done');
      finish(null);
      return;
    }
    s.index++;
    moved = true;
  }
  if (moved) {
    enterStep(); // after a long throttled gap, only the step now showing is announced
  } else {
    const left = Math.ceil((stepMs(s.index) - into()) / 1000);
    if (left !== lastLeft) secondCue(s.steps[s.index], left);
    lastLeft = left;
    renderClock();
  }
  const remaining = stepMs(s.index) - (Date.now() - stepStart);
  timer = setTimeout(tick, remaining % 1000 || 1000);
}

/** A new step shows: counted as reached, announced, cued, drawn and saved. */
function enterStep() {
  const step = s.steps[s.index];
  add(s.reached, exerciseAt(s.index));
  lastLeft = step.seconds;
  if (running) stepCue(step, exerciseFor(s.index));
  renderStep();
  announceStep();
  save();
}

function goTo(i) {
  if (i >= s.steps.length) {
    finish(null);
    return;
  }
  s.index = Math.max(0, i);
  s.into = 0;
  stepStart = Date.now();
  enterStep();
  tick();
}

function pause() {
  if (!running) return;
  s.into = into();
  running = false;
  clearTimeout(timer);
  keepAwake(false);
  renderControls();
  announce('Paused.');
  save();
}

function resume() {
  if (running || s?.phase !== 'playing') return;
  ensureAudio();
  stepStart = Date.now() - s.into;
  running = true;
  keepAwake(true);
  renderControls();
  announce('Carrying on.');
  status('');
  if (s.into === 0) stepCue(s.steps[s.index], exerciseFor(s.index)); // a step begun while paused (after Skip, say)
  tick();
}

const toggle = () => (running ? pause() : resume());

function start() {
  s.phase = 'playing';
  s.key = newKey(); // once per session, never made again: sending twice stores once
  s.startedAt = new Date(Date.now()).toISOString();
  s.painBefore = chosenScore('painBefore');
  ensureAudio();
  running = true;
  keepAwake(true);
  render();
  goTo(0);
  // The player fills the screen from its top (the site's header scrolls away), for a phone on the floor.
  $('player-play').scrollIntoView({ block: 'start' });
  $('play-toggle').focus({ preventScroll: true });
}

/** Skip this exercise (on a transition: the coming one). */
function skip() {
  const i = focusOf(s.index);
  const id = exerciseAt(i);
  if (id && !s.finished.includes(id)) add(s.skipped, id);
  goTo(id ? lastOfExercise(i) + 1 : s.index + 1);
}

/** The rest of this exercise becomes its easier version, from the easier one's own "get ready". */
function swapEasier() {
  const i = focusOf(s.index);
  const id = exerciseAt(i);
  const easier = exercises.get(id)?.easier;
  if (!easier || s.swaps[id]) return;
  s.steps.splice(i, lastOfExercise(i) - i + 1, ...easier.steps);
  s.swaps[id] = easier.id;
  const before = s.steps[i - 1];
  if (before?.kind === 'transition') {
    s.steps[i - 1] = { ...before, exerciseId: easier.id, text: `Next: ${easier.name}`, cue: easier.doseText };
  }
  goTo(i); // from a transition too: straight to getting ready for the easier one
}

/** The clock stops for good: the session is over, with the message of the stop rule that ended it, if any. */
function stopClock(message) {
  if (running) s.into = into();
  running = false;
  clearTimeout(timer);
  keepAwake(false);
  s.finishedAt = new Date(Date.now()).toISOString();
  s.message = message;
}

/** To the feedback: the end of the steps, End, or a stop rule that ends the session. */
function finish(message) {
  stopClock(message);
  s.phase = 'feedback';
  // An exercise with a pain report starts as "it hurt" with its worst score; the session's worst pain likewise.
  for (const stop of s.stops.filter((x) => x.symptom === PAIN && x.exerciseId)) {
    const said = (s.feedback[stop.exerciseId] ??= { feedback: 'hurt', pain: null });
    if (said.feedback === 'hurt') said.pain = Math.max(said.pain ?? 0, stop.painScore);
    s.worstPain = Math.max(s.worstPain ?? 0, stop.painScore);
  }
  save();
  render();
  $(FOCUS.feedback).focus();
}

/** Exercise ids for the log, in the routine's order, each once: a swapped exercise then its easier version. */
function logIds() {
  const ids = [];
  for (const e of s.timeline.exercises) {
    add(ids, e.id);
    add(ids, s.swaps[e.id]);
  }
  return ids;
}

function sessionBody() {
  return {
    date: s.date,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    painBefore: s.painBefore,
    worstPain: s.worstPain,
    exercises: logIds().map((id) => ({
      exerciseId: id,
      completed: s.finished.includes(id),
      feedback: s.feedback[id]?.feedback ?? null,
      worstPain: s.feedback[id]?.pain ?? null,
    })),
    stops: s.stops,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Drawing

/** Where the focus goes when a phase begins (or the dialog closes on it). */
const FOCUS = { playing: 'play-hurt', feedback: 'feedback-heading', saved: 'done-heading', stopped: 'stopped-heading' };

const SECTIONS = {
  problem: 'player-problem',
  start: 'player-start',
  playing: 'player-play',
  feedback: 'player-feedback',
  saved: 'player-done',
  stopped: 'player-stopped',
};

function show(phase) {
  for (const [name, id] of Object.entries(SECTIONS)) $(id).hidden = name !== phase;
  root.dataset.phase = phase;
}

function render() {
  show(s.phase);
  ({ start: renderStart, playing: renderStep, feedback: renderFeedback, saved: renderSent, stopped: renderStopped })[s.phase]();
}

const status = (text) => ($('player-status').textContent = text);
const announce = (text) => ($('play-announce').textContent = text);

function problem(text, { signIn = false, log = false } = {}) {
  status('');
  show('problem');
  $('problem-text').textContent = text;
  $('problem-sign-in').hidden = !signIn;
  $('problem-log').hidden = !log;
}

function renderStart() {
  const list = s.timeline.exercises;
  $('start-summary').textContent =
    `${list.length} ${list.length === 1 ? 'exercise' : 'exercises'}, about ${aboutTime(totalSeconds())} in all.`;
  // In coaching mode: whose program this is, and each exercise's note from the coach.
  const coach = s.timeline.coach;
  $('start-coach').hidden = !coach;
  $('start-coach').textContent = coach ? `Your program from your coach, ${coach.coachName}: ${coach.name}.` : '';
  $('start-list').replaceChildren(
    ...list.map((e) => el('li', {}, el('strong', { textContent: e.name }), ` · ${e.doseText}`,
      e.coachNote ? el('span', { className: 'start-note', textContent: `Note from your coach: ${e.coachNote}` }) : null)),
  );
}

function counterText(step, exercise) {
  const parts = [];
  if (step.set != null && exercise?.sets > 1) parts.push(`Set ${step.set} of ${exercise.sets}`);
  if (step.rep != null) parts.push(`Rep ${step.rep} of ${exercise?.reps ?? step.rep}`);
  if (step.side) parts.push(step.side === 'left' ? 'Left side' : 'Right side');
  return parts.join(' · ');
}

function nextText(i) {
  const next = s.steps[i + 1];
  if (!next) return 'Next: say how it felt';
  const coming = exerciseFor(i + 1);
  if (coming !== exerciseFor(i)) return `Next: ${coming?.name ?? next.text}`;
  return `Next: ${[next.text, counterText(next, coming)].filter(Boolean).join(' · ')}`;
}

function renderStep() {
  const step = s.steps[s.index];
  const exercise = exerciseFor(s.index);
  $('play-exercise').textContent = step.kind === 'transition' ? `Next: ${exercise?.name ?? ''}` : exercise?.name ?? '';
  $('play-step').textContent = step.text;
  $('play-counter').textContent = counterText(step, exercise);
  $('play-cue').textContent = step.cue ?? '';
  // The coach's note stays on screen for the whole exercise (an easier version swapped in has none of its own).
  const note = step.kind === 'transition' ? null : exercise?.coachNote;
  $('play-note').hidden = !note;
  $('play-note').textContent = note ? `Your coach: ${note}` : '';
  $('play-next').textContent = nextText(s.index);
  const figure = $('play-figure');
  const left = step.side === 'left';
  const src = (left && exercise?.figureLeft) || exercise?.figure;
  if (src && figure.getAttribute('src') !== src) figure.src = src;
  figure.hidden = !src;
  figure.alt = exercise ? `Figure: ${exercise.name}${step.side ? `, ${step.side} side` : ''}` : '';
  renderClock();
  renderControls();
}

function renderClock() {
  const total = totalSeconds();
  const done = Math.min(doneSeconds(), total);
  $('play-count').textContent = String(Math.max(0, Math.ceil((stepMs(s.index) - into()) / 1000)));
  const bar = $('play-progress');
  bar.max = total;
  bar.value = done;
  $('play-left').textContent = `${clockText(total - done)} left`;
}

function renderControls() {
  $('play-toggle').textContent = running ? 'Pause' : 'Resume';
  $('play-easier').hidden = !hasEasier(s.index);
  $('play-mute').setAttribute('aria-pressed', String(muted));
}

/**
 * Step changes in words, for screen readers. A run of short steps (repetitions, 2-second holds and the pauses between
 * them) is announced once, at its first step, so the live region speaks every few seconds at most, never each second.
 */
const SHORT_STEP = 5;

function announceStep() {
  const step = s.steps[s.index];
  const exercise = exerciseFor(s.index);
  const short = step.seconds < SHORT_STEP && ['hold', 'reps', 'rest'].includes(step.kind);
  const key = [step.exerciseId, step.set, step.side, short ? 'short' : s.index].join('|');
  if (key === lastAnnounced) return;
  lastAnnounced = key;
  const counter = counterText(step, exercise);
  announce([`${exercise?.name ?? ''}: ${step.text}.`, counter && `${counter}.`, short ? '' : `${step.seconds} seconds.`].filter(Boolean).join(' '));
}

const FEEDBACK = [
  ['tooEasy', 'Too easy'],
  ['aboutRight', 'About right'],
  ['tooHard', 'Too hard'],
  ['hurt', 'It hurt'],
];

function progressWords(id) {
  if (s.swaps[id]) return 'Changed to the easier version.';
  if (s.finished.includes(id)) return 'Done.';
  if (s.skipped.includes(id)) return 'Skipped.';
  return s.reached.includes(id) ? 'Stopped before the end.' : 'Not reached.';
}

/** Each exercise reached gets the four answers and an "it hurt" score; those never reached are only listed. */
function renderFeedback() {
  $('feedback-message').hidden = !s.message;
  $('feedback-message').textContent = s.message ?? '';
  $('feedback-errors').hidden = true;
  $('feedback-items').replaceChildren(
    ...logIds().map((id, i) => {
      const name = exercises.get(id)?.name ?? id;
      const reached = s.reached.includes(id);
      const item = el(
        'fieldset',
        { id: `item-${i}`, 'aria-describedby': `item-${i}-state` },
        el('legend', {}, el('span', { className: 'item-name', textContent: name })),
        el('p', { className: 'hint', id: `item-${i}-state`, textContent: progressWords(id) }),
      );
      if (reached) {
        item.append(
          el(
            'fieldset',
            { className: 'feedback' },
            el('legend', { textContent: 'How did it feel?' }),
            ...FEEDBACK.map(([value, label]) =>
              el(
                'div',
                { className: 'choice' },
                el('input', { type: 'radio', id: `fb-${i}-${value}`, name: `fb-${i}`, value, checked: s.feedback[id]?.feedback === value }),
                el('label', { htmlFor: `fb-${i}-${value}`, textContent: label }),
              ),
            ),
          ),
          painScale(`pain-${i}`, 'If it hurt: how much, 0 to 10'),
        );
      }
      return el('li', { className: 'session-item', 'data-exercise': id }, item);
    }),
  );
  logIds().forEach((id, i) => chooseScore(`pain-${i}`, s.feedback[id]?.pain ?? null));
  chooseScore('worstPain', s.worstPain);
}

function readFeedback() {
  logIds().forEach((id, i) => {
    if (!s.reached.includes(id)) return;
    const feedback = root.querySelector(`input[name="fb-${i}"]:checked`)?.value ?? null;
    s.feedback[id] = { feedback, pain: chosenScore(`pain-${i}`) };
  });
  s.worstPain = chosenScore('worstPain');
}

function feedbackErrors() {
  const errors = [];
  logIds().forEach((id, i) => {
    const bad = s.feedback[id]?.feedback === 'hurt' && s.feedback[id]?.pain == null;
    if (bad) errors.push(`${exercises.get(id)?.name ?? id}: you said it hurt; how much, from 0 to 10?`);
    $(`pain-${i}`)?.classList.toggle('has-error', bad);
  });
  if (s.worstPain == null) errors.push('Choose the worst pain during the session, from 0 (none) to 10.');
  $('worstPain').classList.toggle('has-error', s.worstPain == null);
  return errors;
}

const SEND_WORDS = {
  waiting: 'Sending your session…',
  offline: 'Saved on this phone; it will be sent when you are back online.',
  signedOut: 'Saved on this phone. You are signed out: sign in to send it.',
  sent: 'Your session is saved. Well done.',
};

/** How sending the current session stands: waiting, offline, signedOut, problem (with words) or sent. */
let sending = { state: 'waiting', detail: null };

function sendWords() {
  return sending.state === 'problem'
    ? `Saved on this phone, but Limber could not store it: ${sending.detail} It stays on this phone.`
    : SEND_WORDS[sending.state];
}

function renderSent() {
  $('done-status').textContent = sendWords();
  $('done-sign-in').hidden = sending.state !== 'signedOut';
  const doses = s.sent?.doses ?? [];
  $('done-doses').hidden = doses.length === 0;
  $('done-dose-list').replaceChildren(
    ...doses.map((d) =>
      el('li', {}, el('strong', { textContent: exercises.get(d.exerciseId)?.name ?? d.exerciseId }), `: ${d.doseText}. ${d.reason ?? ''}`),
    ),
  );
}

function renderStopped() {
  $('stopped-recheck').href = s.timeline.recheckUrl ?? '/screen/recheck';
  // Filled in after the section shows, so the alert is heard; only once, so it is not heard again at each send.
  const alert = $('stopped-alert');
  if (alert.textContent !== s.message) alert.replaceChildren(el('p', { className: 'outcome-lead', textContent: s.message }));
  $('stopped-status').textContent = sendWords();
}

// ---------------------------------------------------------------------------------------------------------------
// "This hurts": the stop choices of safety.md section 4, from the timeline, each applied at once.

const dialog = $('hurt-dialog');
let wasRunning = false;
let onDismiss = null; // what closing the dialog by Escape does in its current view

function buildHurtDialog() {
  $('hurt-choices').replaceChildren(
    ...s.timeline.stopChoices.map((choice) =>
      el('button', { type: 'button', className: 'stop-choice secondary', textContent: choice.label, onclick: () => report(choice.symptom, null) }),
    ),
  );
  $('hurt-pain-slot').replaceChildren(painScale('painDuring', 'Pain during this exercise, 0 to 10'));
}

function openHurt() {
  if (s?.phase !== 'playing' || dialog.open) return;
  wasRunning = running;
  pause();
  chooseScore('painDuring', null);
  $('hurt-pain-error').hidden = true;
  $('hurt-choose').hidden = false;
  $('hurt-outcome').hidden = true;
  onDismiss = () => wasRunning && resume();
  dialog.showModal();
}

function closeHurt(then) {
  onDismiss = then;
  dialog.close();
}

function report(symptom, painScore) {
  const timeline = s.timeline;
  const rule =
    symptom === PAIN ? timeline.painDuring.find((p) => p.score === painScore) : timeline.stopChoices.find((c) => c.symptom === symptom);
  // Between exercises the report names none (the choices it offers are about the coming one).
  s.stops.push({ exerciseId: exerciseAt(s.index), symptom, painScore, at: new Date(Date.now()).toISOString() });
  const message = rule?.message ?? 'Stop the session for today.';
  switch (rule?.action) {
    case 'continue':
    case 'continueAskAtCheckIn':
      outcome(message, { carryOn: true }, () => wasRunning && resume());
      break;
    case 'stopSetRegressNextSession':
      goTo(nextSetStart(focusOf(s.index)));
      outcome(message, { carryOn: true }, null);
      break;
    case 'stopExerciseOfferEasierOrSkip':
      // The exercise stops whatever happens next: closing the dialog skips it.
      outcome(message, { easier: hasEasier(s.index), skip: true }, skip);
      break;
    case 'stopSessionAndRunEmergencyItems':
      closeHurt(null);
      emergencyStop(message);
      break;
    default:
      // stopSessionRegressNextTime, and any action this player does not know yet: the cautious choice.
      closeHurt(null);
      finish(message);
  }
  save();
}

function outcome(message, buttons, dismiss) {
  $('hurt-choose').hidden = true;
  $('hurt-outcome').hidden = false;
  $('hurt-message').textContent = message;
  $('hurt-easier').hidden = !buttons.easier;
  $('hurt-skip').hidden = !buttons.skip;
  $('hurt-continue').hidden = !buttons.carryOn;
  onDismiss = dismiss;
  $('hurt-outcome').querySelector('button:not([hidden])').focus();
}

/** Stop at once, say so, and queue the log with the stop; no feedback is asked for. */
async function emergencyStop(message) {
  if ('speechSynthesis' in window) speechSynthesis.cancel();
  stopClock(message);
  s.phase = 'stopped';
  render();
  $(FOCUS.stopped).focus();
  await forgetTimelines();
  await queue();
}

/** No session may start offline before the emergency questions are answered: drop the sessions kept for the next days. */
async function forgetTimelines() {
  if (!('caches' in window)) return;
  for (const name of await caches.keys()) {
    if (name.startsWith('limber-data-')) await caches.delete(name);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sending: the outbox first, then the server; the outbox is tried on load, when back online and after saving.

async function queue() {
  sending = { state: 'waiting', detail: null };
  await store.put('outbox', s.key, { key: s.key, account, body: sessionBody() });
  save();
  render();
  flush();
}

let flushing = false;
let flushAgain = false;

async function flush() {
  if (flushing) {
    flushAgain = true;
    return;
  }
  flushing = true;
  try {
    do {
      flushAgain = false;
      await sendAll();
    } while (flushAgain);
  } finally {
    flushing = false;
  }
}

async function sendAll() {
  // Only the signed-in person's sessions: another person's wait on this phone until they sign in again.
  const entries = (await store.all('outbox').catch(() => [])).filter((e) => e.account === account);
  for (const entry of entries) {
    const result = await send(entry);
    if (result.state === 'sent') await store.delete('outbox', entry.key);
    if (s?.key === entry.key) {
      sending = result;
      if (result.state === 'sent') {
        s.sent = result.session;
        await store.delete('progress', account).catch(() => {});
      }
      if (s.phase === 'saved' || s.phase === 'stopped') render();
    }
  }
  const waiting = (await store.all('outbox').catch(() => [])).filter((e) => e.account === account && e.key !== s?.key).length;
  $('start-waiting').hidden = waiting === 0;
  $('start-waiting').textContent =
    waiting === 1 ? 'A session saved on this phone is waiting to be sent.' : `${waiting} sessions saved on this phone are waiting to be sent.`;
}

async function send(entry) {
  let response;
  try {
    response = await api('/api/v1/me/sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': entry.key },
      body: JSON.stringify(entry.body),
    });
  } catch {
    return { state: 'offline' };
  }
  if (response.status === 200 || response.status === 201) {
    return { state: 'sent', session: await response.json().catch(() => ({})) };
  }
  if (response.status === 401) return { state: 'signedOut' };
  const problemJson = await response.json().catch(() => null);
  const named = Object.values(problemJson?.errors ?? {}).flat().join(' ');
  return { state: 'problem', detail: named || problemJson?.detail || problemJson?.title || `the server answered ${response.status}.` };
}

// ---------------------------------------------------------------------------------------------------------------
// Offline: the service worker keeps this page, its files, the timelines of today and the next 6 days and their
// figures. The page names what to keep (its file names carry a fingerprint only the page knows).

async function prepareOffline() {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return;
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.onLine) return;
    const files = [...document.querySelectorAll('link[rel~="stylesheet"], link[rel~="icon"], script[src]')].map((e) => e.href || e.src);
    const timelines = Array.from({ length: 7 }, (_, day) => timelineUrl(localDay(day)));
    await new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      registration.active.postMessage({ type: 'warm', files, timelines }, [channel.port2]);
    });
    root.dataset.offline = 'ready';
    $('offline-ready').hidden = false;
  } catch {
    // No service worker (private mode, plain http): the player still works while online.
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Start-up

async function loadToday() {
  status("Getting today's routine…");
  let response;
  try {
    response = await api(timelineUrl(localDay()));
  } catch {
    problem("You seem to be offline, and today's routine is not saved on this phone yet. Connect and reload, or log a session on your own.", {
      log: true,
    });
    return;
  }
  if (response.status === 401) {
    problem('You are signed out. Sign in to play your session.', { signIn: true });
    return;
  }
  const body = await response.json().catch(() => null);
  if (!response.ok || !body) {
    problem(body?.detail ?? body?.title ?? "Today's routine could not be loaded. Please try again later.");
    return;
  }
  if (!body.steps?.length) {
    problem('There is no routine to play today.');
    return;
  }
  s = newSession(body);
  indexExercises();
  buildHurtDialog();
  status('');
  render();
}

async function resumeSaved(saved) {
  s = saved;
  indexExercises();
  buildHurtDialog();
  if (s.phase === 'playing') status('Your session is paused where you left it. Press Resume to carry on.');
  render();
}

function listen() {
  $('start-button').addEventListener('click', start);
  $('play-toggle').addEventListener('click', toggle);
  $('play-back').addEventListener('click', () => goTo(s.index - 1));
  $('play-skip').addEventListener('click', skip);
  $('play-easier').addEventListener('click', swapEasier);
  $('play-end').addEventListener('click', () => finish(null));
  $('play-mute').addEventListener('click', () => setMuted(!muted));
  $('play-hurt').addEventListener('click', openHurt);

  $('hurt-cancel').addEventListener('click', () => closeHurt(() => wasRunning && resume()));
  $('hurt-pain-send').addEventListener('click', () => {
    const score = chosenScore('painDuring');
    $('hurt-pain-error').hidden = score != null;
    if (score == null) $('painDuring').querySelector('input').focus();
    else report(PAIN, score);
  });
  $('hurt-continue').addEventListener('click', () => closeHurt(resume));
  $('hurt-skip').addEventListener('click', () => closeHurt(() => (skip(), resume())));
  $('hurt-easier').addEventListener('click', () => closeHurt(() => (swapEasier(), resume())));
  dialog.addEventListener('close', () => {
    const then = onDismiss;
    onDismiss = null;
    then?.();
    if (FOCUS[s?.phase]) $(FOCUS[s.phase]).focus();
  });

  const form = $('feedback-form');
  form.addEventListener('change', () => {
    readFeedback();
    save();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    readFeedback();
    const errors = feedbackErrors();
    const box = $('feedback-errors');
    box.hidden = errors.length === 0;
    if (errors.length > 0) {
      box.replaceChildren(el('p', { textContent: 'Please check these answers:' }), el('ul', {}, ...errors.map((e) => el('li', { textContent: e }))));
      box.focus();
      return;
    }
    s.phase = 'saved';
    await queue();
    $(FOCUS.saved).focus();
  });

  // Space pauses and carries on, unless a control has the focus (a button's own Space presses it); arrows step.
  document.addEventListener('keydown', (event) => {
    if (s?.phase !== 'playing' || dialog.open || event.altKey || event.ctrlKey || event.metaKey) return;
    const inField = event.target.closest?.('input, select, textarea, [contenteditable]');
    const onControl = inField || event.target.closest?.('button, a, summary');
    if (event.key === ' ' && !onControl) toggle();
    else if (event.key === 'ArrowLeft' && !inField) goTo(s.index - 1);
    else if (event.key === 'ArrowRight' && !inField) skip();
    else if ((event.key === 'm' || event.key === 'M') && !inField) setMuted(!muted);
    else return;
    event.preventDefault();
  });

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') save();
    else if (running) keepAwake(true); // the browser lets the lock go while hidden
  });
  window.addEventListener('pagehide', save);
  window.addEventListener('online', flush);
}

/**
 * Whose sessions these are: the account id from GET /api/v1/me, remembered for when there is no connection; empty
 * when signed out.
 */
async function signedInAccount() {
  const remembered = 'limber.player.account';
  let id = null;
  try {
    const response = await api('/api/v1/me');
    if (response.ok) id = (await response.json()).id;
    else if (response.status === 401) id = '';
  } catch {
    // Offline: the last account seen on this phone.
  }
  try {
    if (id == null) return localStorage.getItem(remembered) ?? '';
    localStorage.setItem(remembered, id);
  } catch {
    // No storage: known while online only.
  }
  return id ?? '';
}

listen();
const account = await signedInAccount();
const saved = await store.get('progress', account).catch(() => null);
const queued = saved ? await store.get('outbox', saved.key).catch(() => null) : null;
if (saved && (saved.phase === 'playing' || saved.phase === 'feedback' || queued)) {
  await resumeSaved(saved);
} else {
  // Nothing under way (or it was sent from another tab): a fresh start.
  if (saved) await store.delete('progress', account).catch(() => {});
  await loadToday();
}
flush();
prepareOffline();
