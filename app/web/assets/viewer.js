// The transcript viewer: bring the quote the reader opened into view (marked apart, class pod-current), else
// the focused turn, whenever a citation, a search hit or a question opens it.
function focusTurn(tries) {
  const turn = element.querySelector('.pod-turn.pod-focus');
  if (!turn) return;
  if (turn.offsetParent === null && tries > 0) { setTimeout(() => focusTurn(tries - 1), 100); return; }
  const quote = turn.querySelector('mark.pod-current');
  if (quote) quote.scrollIntoView({block: 'center', behavior: 'auto'});
  else turn.scrollIntoView({block: 'start', behavior: 'auto'});
}
focusTurn(20);
watch('value', () => focusTurn(20));
