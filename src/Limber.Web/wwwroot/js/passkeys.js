// Passkeys: adding one on the account page and signing in with one on the sign-in page.
//
// Each `[data-passkey]` block holds a button (hidden in the HTML), a status line (aria-live) and a hidden form.
// Where the browser can parse WebAuthn options from JSON, the button is shown; on click this module fetches the
// options from the server, asks the browser for a passkey, puts the browser's answer in the form and posts it.
// Everything else (checking the answer, storing the passkey, signing in) happens on the server.
// `data-passkey` is "create" (add a passkey) or "get" (sign in).

// The JSON methods came with WebAuthn level 3, in current Chrome, Edge, Firefox and Safari; an older browser keeps
// the password form only, and the page says why.
const supported =
  typeof window.PublicKeyCredential === 'function' &&
  typeof window.PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
  typeof window.PublicKeyCredential.parseRequestOptionsFromJSON === 'function' &&
  typeof window.PublicKeyCredential.prototype.toJSON === 'function' &&
  typeof navigator.credentials?.create === 'function';

const words = {
  create: {
    waiting: 'Follow the steps your browser or device shows to make the passkey.',
    saving: 'Saving your passkey…',
    cancelled: 'No passkey was added: it was cancelled or took too long. You can try again when you are ready.',
    exists: 'This device already has a passkey for your Limber account. You can see it in the list above.',
  },
  get: {
    waiting: 'Follow the steps your browser or device shows to use your passkey.',
    saving: 'Signing you in…',
    cancelled: 'Signing in with a passkey was cancelled or took too long. Try again, or sign in with your password.',
    exists: 'Something went wrong with the passkey. Try again, or sign in with your password.',
  },
};

const messages = {
  noAuthenticator:
    'This device has no way to make or use a passkey that Limber accepts. Try another device, a security key, or your password.',
  insecure: 'Passkeys only work when Limber is opened over a secure (https) address.',
  expired: 'This page has expired. Reload the page and try again.',
  signedOut: 'You are no longer signed in. Sign in again, then add the passkey.',
  offline: 'Limber could not be reached. Check your connection and try again.',
  unknown: 'Something went wrong with the passkey. Please try again.',
};

/** A failure this module explains in its own words. */
class PasskeyProblem extends Error {}

async function fetchOptions(block, form) {
  const token = form.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
  const headers = { RequestVerificationToken: token };
  let body;
  const emailField = block.dataset.passkeyEmail ? document.querySelector(block.dataset.passkeyEmail) : null;
  const email = emailField?.value.trim();
  if (email) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify({ email });
  }
  let response;
  try {
    response = await fetch(block.dataset.passkeyOptions, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body,
    });
  } catch {
    throw new PasskeyProblem(messages.offline);
  }
  if (response.status === 400) {
    throw new PasskeyProblem(messages.expired);
  }
  if (response.status === 401) {
    throw new PasskeyProblem(messages.signedOut);
  }
  if (!response.ok) {
    throw new PasskeyProblem(messages.unknown);
  }
  return response.json();
}

function explain(error, mode) {
  if (error instanceof PasskeyProblem) {
    return error.message;
  }
  switch (error?.name) {
    case 'NotAllowedError':
    case 'AbortError':
      return words[mode].cancelled;
    case 'InvalidStateError':
      return words[mode].exists;
    case 'NotSupportedError':
      return messages.noAuthenticator;
    case 'SecurityError':
      return messages.insecure;
    default:
      return messages.unknown;
  }
}

async function run(block, mode, button, status, form) {
  button.disabled = true;
  status.classList.remove('passkey-problem');
  status.textContent = words[mode].waiting;
  try {
    const json = await fetchOptions(block, form);
    const credential =
      mode === 'create'
        ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) })
        : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) });
    if (!credential) {
      throw new DOMException('No credential', 'NotAllowedError');
    }
    form.querySelector('[data-passkey-credential]').value = JSON.stringify(credential);
    status.textContent = words[mode].saving;
    form.submit();
  } catch (error) {
    status.classList.add('passkey-problem');
    status.textContent = explain(error, mode);
    button.disabled = false;
  }
}

for (const block of document.querySelectorAll('[data-passkey]')) {
  const mode = block.dataset.passkey === 'create' ? 'create' : 'get';
  const button = block.querySelector('[data-passkey-start]');
  const status = block.querySelector('[data-passkey-status]');
  const form = block.querySelector('form');
  if (!supported || !button || !status || !form) {
    continue;
  }
  for (const note of block.querySelectorAll('[data-passkey-unsupported]')) {
    note.hidden = true;
  }
  button.hidden = false;
  button.addEventListener('click', () => run(block, mode, button, status, form));
}
