// The result panels (sources, search results, quote check, overview, uploads): "Open in transcript" asks the
// server for the turn; "Copy" copies in the page (the Clipboard API where the page is a secure context, a
// hidden textarea elsewhere, e.g. on a LAN address); the export buttons save a file made in the page;
// "Delete" asks first.
async function copyText(text) {
  try { await navigator.clipboard.writeText(text); return true; } catch (e) {}
  const area = document.createElement('textarea');
  area.value = text; area.style.position = 'fixed'; area.style.opacity = '0';
  document.body.appendChild(area); area.select();
  let ok = false; try { ok = document.execCommand('copy'); } catch (e) {}
  area.remove(); return ok;
}
function save(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], {type: type}));
  const link = document.createElement('a');
  link.href = url; link.download = name; document.body.appendChild(link); link.click(); link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
element.addEventListener('click', async (event) => {
  const open = event.target.closest('button.pod-open');
  if (open) {
    trigger('cite', {transcript: open.dataset.transcript, turn: Number(open.dataset.turn), n: Number(open.dataset.n || 0)});
    return;
  }
  const copy = event.target.closest('button.pod-copy');
  if (copy) {
    const label = copy.dataset.label || copy.textContent;
    copy.dataset.label = label;
    const ok = await copyText(copy.dataset.copy);
    copy.textContent = ok ? 'Copied ✓' : 'Copy failed: select the text';
    setTimeout(() => { copy.textContent = label; }, 1800);
    return;
  }
  const download = event.target.closest('button.pod-download');
  if (download) { save(download.dataset.file, download.dataset.type, download.dataset.text); return; }
  const remove = event.target.closest('button.pod-delete');
  if (remove && window.confirm(`Delete “${remove.dataset.title}” from the archive? Its quotes will no longer be searched or cited.`)) {
    trigger('remove', {transcript: remove.dataset.transcript, title: remove.dataset.title});
  }
});
