"""Accessibility measured in the page: the contrast of every text colour against what is rendered behind it,
and the accessible name of every input and button."""

from __future__ import annotations

# For each visible element with text of its own (and each input's placeholder, and each SVG text by its
# fill): its colour, with the opacity of it and its ancestors, over the background colours of its ancestors
# composited from the page's base; WCAG's contrast ratio between the two. Text over an image or a gradient
# is not measured (none here).
CONTRAST_JS = """
() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const base = parse(getComputedStyle(document.documentElement).backgroundColor);
  const page = base && base[3] > 0 ? base : (document.documentElement.classList.contains('dark') ? [11, 15, 25, 1] : [255, 255, 255, 1]);
  const background = (el) => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg[3] > 0) { layers.push(bg); if (bg[3] >= 1) break; } }
    let colour = page; for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour); return colour; };
  const opacity = (el) => { let o = 1; for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
  const ratio = (fg, bg) => { const a = lum(fg), b = lum(bg); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
  const shown = (el) => { const s = getComputedStyle(el), r = el.getBoundingClientRect();
    return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0 && !el.closest('.sr-only, [aria-hidden=true]'); };
  const out = [], seen = new Set();
  const measure = (el, colour, text) => { const bg = background(el), fg = parse(colour);
    const o = opacity(el); if (o < 0.05) return;  // faded out entirely: not seen
    const seenFg = over([fg[0], fg[1], fg[2], fg[3] * o], bg);
    out.push({text: text.slice(0, 50), where: el.closest('[id]')?.id || '', tag: el.tagName, classes: String(el.className).slice(0, 60),
              ratio: Math.round(ratio(seenFg, bg) * 100) / 100, colour: colour, background: `rgb(${bg.slice(0, 3).map(Math.round).join(',')})`}); };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || seen.has(el) || el.closest('style, script, template, title')) continue;
    seen.add(el);  // an SVG text's colour is its fill; the bands behind it are not composited (they are faint)
    if (shown(el)) measure(el, el.closest('svg') ? getComputedStyle(el).fill : getComputedStyle(el).color, node.textContent.trim());
  }
  for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    if (input.placeholder && !input.value && shown(input)) measure(input, getComputedStyle(input, '::placeholder').color, 'placeholder: ' + input.placeholder);
  }
  return out;
}
"""

# Every form control and button the page shows (or hides visually but keeps focusable): its accessible name,
# from aria-labelledby, aria-label, its <label>s, a title, or (buttons) its text.
NAMES_JS = """
() => {
  const text = (el) => (el?.textContent || '').replace(/\\s+/g, ' ').trim();
  const name = (el) => {
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\\s+/).map(id => text(document.getElementById(id))).join(' ').trim();
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label').trim();
    if (el.labels && el.labels.length) return [...el.labels].map(text).join(' ').trim();
    if (el.title) return el.title.trim();
    return el.tagName === 'BUTTON' ? text(el) : '';
  };
  const controls = [...document.querySelectorAll('input:not([type=hidden]), textarea, select, button')];
  return controls.filter(el => el.getClientRects().length || el.type === 'file' || el.classList.contains('pod-date'))
    .map((el, i) => { el.dataset.podCheck = String(i); return {check: String(i), tag: el.tagName, type: el.type || '',
      where: el.closest('[id]')?.id || '', name: name(el)}; });
}
"""


def low_contrast(page, minimum: float = 4.5) -> list[dict]:
    """The texts of the page whose contrast is below `minimum`."""
    return [m for m in page.evaluate(CONTRAST_JS) if m["ratio"] < minimum]
