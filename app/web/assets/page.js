// The page's own behaviour, beyond one panel (this runs once, with the header):
// - a [n] link in a reply shows that reply's sources (the chat's select event does) and brings card n into view;
// - an input Gradio names only generically gets its own name (the upload's file input: "File upload");
// - on a phone, the filters fold away, so that the question box is on the first screen.
function showCard(answer, n, tries) {
  const card = document.querySelector(`#pod-sources .pod-sources[data-answer="${answer}"] .pod-source[data-n="${n}"]`);
  if (!card || card.offsetParent === null) {
    if (tries > 0) setTimeout(() => showCard(answer, n, tries - 1), 100);
    return;
  }
  card.scrollIntoView({block: 'start', behavior: 'auto'});
  card.classList.add('pod-flash');
  card.focus({preventScroll: true});
  setTimeout(() => card.classList.remove('pod-flash'), 1500);
}
document.addEventListener('click', (event) => {
  const link = event.target.closest('#pod-chat a[href^="#pod-source-"]');
  if (!link) return;
  event.preventDefault();
  const [answer, n] = link.getAttribute('href').slice('#pod-source-'.length).split('-');
  showCard(answer, n, 50);
});
function nameInputs() {
  const file = document.querySelector('#pod-files input[type=file]');
  if (file && file.getAttribute('aria-label') !== 'Transcript files') file.setAttribute('aria-label', 'Transcript files');
}
new MutationObserver(nameInputs).observe(document.body, {childList: true, subtree: true});
nameInputs();
function foldFilters(tries) {
  if (!window.matchMedia('(max-width: 640px)').matches) return;
  const toggle = document.querySelector('#pod-filters > button.label-wrap');
  if (!toggle) { if (tries > 0) setTimeout(() => foldFilters(tries - 1), 100); return; }
  if (toggle.classList.contains('open')) toggle.click();
}
foldFilters(50);
