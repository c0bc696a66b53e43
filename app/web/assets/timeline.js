element.addEventListener('click', (event) => {
  const bar = event.target.closest('.tl-bar[data-turn]');
  if (!bar) return;
  const turn = document.getElementById('podium-turn-' + bar.dataset.turn);
  if (!turn) return;
  turn.scrollIntoView({block: 'start', behavior: 'smooth'});
  turn.classList.add('pod-flash');
  setTimeout(() => turn.classList.remove('pod-flash'), 1500);
});
