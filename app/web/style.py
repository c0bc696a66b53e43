"""The newsroom UI's stylesheet and the small scripts of its HTML panels. Nothing here loads from outside."""

CSS = """
.pod-header h1 { margin: 0; font-size: 1.45rem; }
.pod-header p { margin: 2px 0 0; color: var(--body-text-color-subdued); }
.pod-empty { color: var(--body-text-color-subdued); padding: 12px 4px; }
.pod-meta { color: var(--body-text-color-subdued); font-size: 0.85rem; }
.pod-banner { border-radius: 6px; padding: 8px 12px; margin: 0 0 10px; font-size: 0.92rem; }
.pod-answered { background: var(--background-fill-secondary); }
.pod-refused { background: rgba(198, 40, 40, 0.12); border-left: 4px solid #c62828; }
.pod-unsupported { background: rgba(224, 138, 0, 0.14); border-left: 4px solid #e08a00; }
.pod-unsupported ul { margin: 4px 0 0 18px; }
.pod-unsupported li { text-decoration: line-through; }
.pod-source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 10px 12px; margin: 0 0 10px; }
.pod-source-other { border-style: dashed; }
.pod-source header { font-size: 0.98rem; }
.pod-n { font-weight: 700; color: var(--color-accent); margin-right: 2px; }
.pod-kind { font-size: 0.72rem; text-transform: uppercase; letter-spacing: .04em; padding: 1px 6px;
  border-radius: 9px; color: #fff; vertical-align: 1px; margin-left: 4px; }
.pod-kind.kind-question { background: #c2410c; }
.pod-kind.kind-answer { background: #1d4ed8; }
.pod-kind.kind-remark { background: #0f766e; }
.pod-kind.kind-moderator { background: #6b7280; }
.pod-context { margin: 8px 0; padding: 6px 10px; border-left: 3px solid var(--border-color-primary);
  white-space: pre-line; font-size: 0.93rem; line-height: 1.45; }
.pod-sources mark, .pod-transcript mark, .pod-check mark { background: #fde68a; color: #1f2937; padding: 0 1px;
  border-radius: 2px; }
.pod-transcript mark sup { font-weight: 700; color: #92400e; margin-left: 1px; }
.pod-actions { display: flex; gap: 8px; }
.pod-actions button { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 3px 10px;
  background: var(--background-fill-secondary); cursor: pointer; font-size: 0.85rem; font-weight: 400;
  color: var(--body-text-color); }
.pod-actions button:hover { border-color: var(--color-accent); }
.pod-tr-head h3 { margin: 0 0 2px; font-size: 1.05rem; }
.pod-tr-head { margin-bottom: 8px; }
.pod-turn { padding: 6px 10px; margin: 0 0 6px; border-left: 4px solid transparent; border-radius: 4px;
  scroll-margin-top: 12px; }
.pod-turn.kind-question { border-left-color: #c2410c; background: var(--background-fill-secondary); }
.pod-turn.kind-answer { border-left-color: #1d4ed8; }
.pod-turn.kind-remark { border-left-color: #0f766e; }
.pod-turn.kind-moderator { border-left-color: #9ca3af; }
.pod-turn.pod-focus { outline: 2px solid #f59e0b; background: #fffbeb; }
.dark .pod-turn.pod-focus { background: #3b2f12; }
.pod-turn.pod-flash { outline: 2px solid #f59e0b; }
.pod-turn-head { font-size: 0.88rem; margin-bottom: 2px; }
.pod-turn-n { display: inline-block; min-width: 1.8em; color: var(--body-text-color-subdued); }
.pod-time { font-variant-numeric: tabular-nums; color: var(--body-text-color-subdued); margin-right: 6px; }
.pod-reply { color: var(--body-text-color-subdued); font-size: 0.8rem; }
.pod-turn-text { white-space: pre-line; font-size: 0.93rem; line-height: 1.45; }
.pod-uploads ul { list-style: none; padding: 0; margin: 6px 0; }
.pod-uploads li { padding: 6px 8px; border-radius: 6px; margin-bottom: 6px; }
.pod-up-ok { background: rgba(22, 163, 74, 0.12); }
.pod-up-error { background: rgba(198, 40, 40, 0.12); }
.pod-up-mark { font-weight: 700; }
.pod-warning { font-size: 0.85rem; color: #b45309; margin-top: 2px; }
.pod-timeline svg { display: block; font-family: var(--font); }
.tl-band { fill: transparent; }
.tl-band.tl-odd { fill: var(--background-fill-secondary); }
.tl-label, .tl-total, .tl-legend, .tl-tick-label, .tl-axis-title { fill: var(--body-text-color); font-size: 11px; }
.tl-total, .tl-tick-label, .tl-axis-title { fill: var(--body-text-color-subdued); }
.tl-tick { stroke: var(--border-color-primary); stroke-dasharray: 2 3; }
.tl-bar { cursor: pointer; }
.tl-bar.kind-question { fill: #ea580c; }
.tl-bar.kind-answer { fill: #2563eb; }
.tl-bar.kind-remark { fill: #0d9488; }
.tl-bar.kind-moderator { fill: #9ca3af; }
.tl-bar.tl-cited { stroke: #f59e0b; stroke-width: 3; }
.tl-bar:hover { opacity: 0.75; }
#pod-chat .placeholder-content { padding: 24px 32px; color: var(--body-text-color-subdued); text-align: center; }
.pod-label { display: inline-block; font-size: 0.85rem; font-weight: 700; padding: 1px 8px; border-radius: 4px;
  color: #fff; margin-bottom: 2px; }
.pod-label-refused, .pod-label-error { background: #c62828; }
.pod-label-unsupported { background: #b45309; }
#pod-chat .bot.message:has(.pod-label-refused), #pod-chat .bot.message:has(.pod-label-error) {
  background: rgba(198, 40, 40, 0.12) !important; border: 1px solid rgba(198, 40, 40, 0.6) !important; }
#pod-chat .bot.message:has(.pod-label-unsupported) {
  background: rgba(224, 138, 0, 0.14) !important; border: 1px solid rgba(224, 138, 0, 0.6) !important; }
#pod-filter-note p { font-size: 0.85rem; margin: 0; }
.pod-verdict { --verdict: #4b5563; border-left: 6px solid var(--verdict); border-radius: 8px; padding: 10px 14px;
  margin: 0 0 12px; background: color-mix(in srgb, var(--verdict) 10%, transparent); }
.pod-verdict-verbatim { --verdict: #15803d; }
.pod-verdict-close { --verdict: #b45309; }
.pod-verdict-misattributed { --verdict: #7e22ce; }
.pod-verdict-not_found { --verdict: #b91c1c; }
.pod-verdict-label { display: inline-block; background: var(--verdict); color: #fff; font-size: 1.15rem;
  font-weight: 700; padding: 1px 10px; border-radius: 5px; }
.pod-verdict-meaning { color: var(--body-text-color-subdued); margin-left: 6px; }
.pod-verdict-message { font-size: 1.05rem; font-weight: 600; margin-top: 6px; }
.pod-said, .pod-checked { font-size: 0.9rem; margin-top: 3px; }
.pod-checked { color: var(--body-text-color-subdued); }
.pod-check-h { font-weight: 700; font-size: 0.9rem; margin: 4px 0 6px; }
.pod-diff { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 12px; margin: 0 0 10px; }
.pod-diff-text { margin: 0 0 4px; font-size: 0.98rem; line-height: 1.6; }
.pod-check del { color: #b91c1c; background: rgba(185, 28, 28, 0.1); text-decoration: line-through 2px; }
.pod-check ins { color: #14532d; background: #bbf7d0; text-decoration: none; font-weight: 600; padding: 0 2px;
  border-radius: 2px; }
.pod-overview h4 { margin: 14px 0 6px; font-size: 0.95rem; }
#pod-overview .pod-ov-speakers { width: 100%; border-collapse: collapse; border: none; margin: 0; }
#pod-overview .pod-ov-speakers tr { border: none; }
#pod-check-run { align-self: center; }
#pod-overview .pod-ov-speakers th, #pod-overview .pod-ov-speakers td { border: none; padding: 4px 10px 4px 0;
  font-size: 0.88rem; line-height: 1.3; border-bottom: 1px solid var(--border-color-primary); }
#pod-overview .pod-ov-speakers th { font-weight: 400; color: var(--body-text-color-subdued); }
#pod-overview .pod-ov-speakers .pod-num { text-align: right; font-variant-numeric: tabular-nums; }
#pod-overview .pod-ov-name { font-weight: 700; }
.pod-share { width: 28%; white-space: nowrap; font-variant-numeric: tabular-nums; }
.pod-bar { display: inline-block; height: 0.7em; background: #2563eb; border-radius: 2px; margin-right: 6px;
  max-width: calc(100% - 3.5em); }
.pod-ov-questions { margin: 0; padding-left: 1.6em; }
.pod-ov-q { margin: 0 0 10px; padding-left: 4px; }
.pod-ov-asker { font-size: 0.88rem; }
.pod-ov-question { display: block; text-align: left; background: none; border: none; padding: 1px 0; font: inherit;
  font-size: 0.95rem; font-weight: 400; color: var(--body-text-color); cursor: pointer; margin: 0 !important; }
.pod-ov-question:hover { color: var(--color-accent); text-decoration: underline; }
.pod-ov-answer { font-size: 0.86rem; color: var(--body-text-color-subdued); }
.pod-ov-by { color: var(--body-text-color); }
.pod-ov-at { background: none; border: 1px solid var(--border-color-primary); border-radius: 9px; padding: 0 7px;
  font-size: 0.82rem; font-weight: 400; color: var(--body-text-color); cursor: pointer; margin: 0 !important;
  font-variant-numeric: tabular-nums; }
.pod-ov-at:hover { border-color: var(--color-accent); }
"""

# The sources panel, the quote check's cards and the overview's questions: "Open in transcript" asks the server
# for the turn; "Copy quote" copies in the page (the Clipboard API where the page is a secure context,
# a hidden textarea elsewhere, e.g. on a LAN address).
SOURCES_JS = """
async function copyText(text) {
  try { await navigator.clipboard.writeText(text); return true; } catch (e) {}
  const area = document.createElement('textarea');
  area.value = text; area.style.position = 'fixed'; area.style.opacity = '0';
  document.body.appendChild(area); area.select();
  let ok = false; try { ok = document.execCommand('copy'); } catch (e) {}
  area.remove(); return ok;
}
element.addEventListener('click', async (event) => {
  const open = event.target.closest('button.pod-open');
  if (open) {
    trigger('cite', {transcript: open.dataset.transcript, turn: Number(open.dataset.turn), n: Number(open.dataset.n)});
    return;
  }
  const copy = event.target.closest('button.pod-copy');
  if (copy) {
    const ok = await copyText(copy.dataset.copy);
    copy.textContent = ok ? 'Copied ✓' : 'Copy failed: select the quote';
    setTimeout(() => { copy.textContent = 'Copy quote'; }, 1800);
  }
});
"""

# The transcript viewer: bring the focused turn into view whenever a citation opens it.
VIEWER_JS = """
function focusTurn(tries) {
  const turn = element.querySelector('.pod-turn.pod-focus');
  if (!turn) return;
  if (turn.offsetParent === null && tries > 0) { setTimeout(() => focusTurn(tries - 1), 100); return; }
  turn.scrollIntoView({block: 'start', behavior: 'auto'});
}
focusTurn(20);
watch('value', () => focusTurn(20));
"""

# The timeline: clicking a bar scrolls the viewer to that turn and flashes it.
TIMELINE_JS = """
element.addEventListener('click', (event) => {
  const bar = event.target.closest('.tl-bar[data-turn]');
  if (!bar) return;
  const turn = document.getElementById('podium-turn-' + bar.dataset.turn);
  if (!turn) return;
  turn.scrollIntoView({block: 'start', behavior: 'smooth'});
  turn.classList.add('pod-flash');
  setTimeout(() => turn.classList.remove('pod-flash'), 1500);
});
"""
