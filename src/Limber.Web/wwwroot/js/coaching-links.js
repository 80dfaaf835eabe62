// Coaching links: the "copy" button beside an invitation's link. Without JavaScript the button stays hidden and the
// link sits in a read-only field to select and copy by hand.
for (const button of document.querySelectorAll('[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.status);
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = button.dataset.copied || 'Copied.';
    } catch {
      field.focus();
      field.select();
      if (status) status.textContent = 'This browser did not let Limber copy. The link is selected: copy it yourself.';
    }
  });
}
