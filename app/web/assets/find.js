// "Find in this transcript": a hit's button brings its mention into view in the viewer and flashes it.
element.addEventListener('click', (event) => {
  const hit = event.target.closest('button.pod-find-hit');
  if (!hit) return;
  const mark = document.querySelector(`#pod-viewer mark.pod-hit[data-hit="${hit.dataset.hit}"]`);
  if (!mark) return;
  document.querySelectorAll('#pod-viewer mark.pod-hit.pod-here').forEach((m) => m.classList.remove('pod-here'));
  mark.classList.add('pod-here');
  mark.scrollIntoView({block: 'center', behavior: 'auto'});
});
