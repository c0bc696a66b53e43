// A date box's calendar: the browser's date picker, opening on the archive's first (From) or last (To) date,
// or on the box's date; the date picked goes into the box as if typed, and the filter note reads it.
element.addEventListener('click', (event) => {
  const button = event.target.closest('button.pod-calendar');
  if (!button) return;
  const input = element.querySelector('input.pod-date');
  const box = document.querySelector(`#${input.dataset.for} input`);
  const typed = box && /^\d{4}-\d{2}-\d{2}$/.test(box.value) ? box.value : '';
  input.value = typed || input.dataset.opens;
  try { input.showPicker(); } catch (e) { input.focus(); }
});
element.addEventListener('change', (event) => {
  const input = event.target.closest('input.pod-date');
  if (!input || !input.value) return;
  const box = document.querySelector(`#${input.dataset.for} input`);
  box.focus();
  box.value = input.value;
  box.dispatchEvent(new Event('input', {bubbles: true}));
  setTimeout(() => box.blur(), 0);
});
