"""Layout rules a browser can check on any page, as one script run in the page.

- No single word or number across two lines: each word (a run of characters
  without a breakable space) of each visible text node is measured with
  `Range.getClientRects()`; fragments that do not overlap vertically are on
  different lines. Prose may break after a hyphen between lower-case letters
  ("co-/branded"), codes may not ("HELMET-/W"). Inside `.user-content` (forum
  posts and other text people write) and `.text-break` (a checksum) a word
  wider than its box may break: a pasted URL must not push the page sideways.
- No sideways scrolling: `scrollWidth` of the document within `innerWidth`,
  and no value cut off in a table stacked into label/value rows.
- One row of navigation from 1024 px: every visible link, button and field of
  the header shares one row, and the header is no taller than that row.
- Text contrast at least WCAG AA: 4.5:1, 3:1 for large text, against the first
  opaque background behind it (text over images and gradients is skipped).
"""

HEADER_ROW_MIN_WIDTH = 1024

LAYOUT_SCRIPT = r"""
({ checkHeader }) => {
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SELECT",
                        "OPTION", "TEXTAREA", "svg", "IFRAME", "OBJECT"]);
  // Breakable white space only: a no-break space joins "12 €" into one word.
  const WORD = /[^ \t\n\r\f\u200b\u2000-\u2006\u2008-\u200a\u3000]+/g;

  const styleCache = new Map();
  const style = (el) => {
    let s = styleCache.get(el);
    if (!s) { s = getComputedStyle(el); styleCache.set(el, s); }
    return s;
  };
  const lineCount = (rects) => {
    const boxes = Array.from(rects)
      .filter((r) => r.width > 0.5 && r.height > 0.5)
      .sort((a, b) => a.top - b.top);
    let lines = 0, bottom = -Infinity;
    for (const r of boxes) {
      if (r.top >= bottom - 1) { lines += 1; bottom = r.bottom; }
      else bottom = Math.max(bottom, r.bottom);
    }
    return lines;
  };
  // Prose like "co-branded" may break after its hyphen, "[text](url)" between
  // its brackets; codes such as "HELMET-W" or "PO-ACME-0004" may not.
  const BREAKABLE = /\p{Ll}-\p{Ll}|[\])][\[(]/u;
  const BREAKS = /(?<=\p{Ll}-)(?=\p{Ll})|(?<=[\])])(?=[\[(])/u;
  const brokenSegment = (node, match) => {
    const segment = document.createRange();
    let start = match.index;
    for (const part of match[0].split(BREAKS)) {
      segment.setStart(node, start);
      segment.setEnd(node, start + part.length);
      if (lineCount(segment.getClientRects()) > 1) return true;
      start += part.length;
    }
    return false;
  };
  const describe = (el) => {
    const parts = [];
    for (let node = el; node && node !== document.body && parts.length < 3;
         node = node.parentElement) {
      let part = node.tagName.toLowerCase();
      if (node.id) part += "#" + node.id;
      else if (node.classList.length) part += "." + node.classList[0];
      parts.unshift(part);
    }
    return parts.join(" > ");
  };

  // Colours and contrast (WCAG 2 relative luminance).
  const parseColour = (value) => {
    const m = value.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(parseFloat);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const luminance = (c) => {
    const ch = [c.r, c.g, c.b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const blend = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  // The colour behind an element, or null when an image or gradient is there.
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const s = style(node);
      if (s.backgroundImage && s.backgroundImage !== "none") return null;
      const c = parseColour(s.backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    let result = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = layers.length - 1; i >= 0; i--) result = blend(layers[i], result);
    return result;
  };
  const contrast = (a, b) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };

  const brokenWords = [];
  const lowContrast = [];
  const checkedContrast = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (!node.data.trim()) return NodeFilter.FILTER_REJECT;
      for (let el = node.parentElement; el; el = el.parentElement) {
        if (SKIP.has(el.tagName)) return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const s = style(el);
    if (s.visibility !== "visible" || parseFloat(s.opacity) === 0) continue;
    // The closed part of a <details> keeps boxes but is not shown.
    if (el.checkVisibility && !el.checkVisibility({ contentVisibilityAuto: true })) {
      continue;
    }
    range.selectNodeContents(node);
    const nodeRects = Array.from(range.getClientRects())
      .filter((r) => r.width > 0.5 && r.height > 0.5);
    if (!nodeRects.length) continue;
    // Visually hidden text (screen readers only) is clipped to a pixel.
    if (s.position === "absolute" && s.clip === "rect(0px, 0px, 0px, 0px)") continue;
    const userContent = el.closest(".user-content, .text-break");
    if (lineCount(nodeRects) > 1 || userContent) {
      for (const match of node.data.matchAll(WORD)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = range.getClientRects();
        if (lineCount(rects) < 2) continue;
        if (BREAKABLE.test(match[0]) && !brokenSegment(node, match)) continue;
        if (userContent) {
          const box = userContent.getBoundingClientRect();
          const width = Array.from(rects).reduce((sum, r) => sum + r.width, 0);
          if (width > box.width) continue;
        }
        brokenWords.push({ word: match[0], where: describe(el) });
      }
    }
    if (!checkedContrast.has(el)) {
      checkedContrast.add(el);
      const fg = parseColour(s.color);
      const bg = background(el);
      const disabled = el.closest(":disabled, .disabled, [aria-disabled=true]");
      if (fg && bg && !disabled) {
        const size = parseFloat(s.fontSize);
        const bold = parseInt(s.fontWeight, 10) >= 700;
        const large = size >= 24 || (size >= 18.66 && bold);
        const ratio = contrast(blend(fg, bg), bg);
        if (ratio < (large ? 3 : 4.5) - 0.005) {
          lowContrast.push({
            text: node.data.trim().slice(0, 40),
            ratio: Math.round(ratio * 100) / 100,
            where: describe(el),
          });
        }
      }
    }
  }

  // A stacked table row (phone width) shows its values whole.
  const clippedCells = [];
  for (const cell of document.querySelectorAll(".table-stack td")) {
    if (style(cell).display === "table-cell") continue;
    if (cell.scrollWidth > cell.clientWidth + 1) {
      const text = cell.textContent.trim().slice(0, 40);
      clippedCells.push({ text, where: describe(cell) });
    }
  }

  let header = null;
  const headerEl = document.querySelector("body > header, body > nav, .portal-navbar");
  if (checkHeader && headerEl) {
    const items = Array.from(headerEl.querySelectorAll(
      "a, button, select, input:not([type=hidden]), .navbar-brand"))
      .filter((el) => !el.closest(".dropdown-menu, .visually-hidden-focusable"))
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0);
    const rowTop = Math.min(...items.map((r) => r.top));
    const rowBottom = Math.max(...items.map((r) => r.bottom));
    const tallest = Math.max(...items.map((r) => r.height));
    const height = headerEl.getBoundingClientRect().height;
    // Every item on one row: none starts below the bottom of another.
    const oneRow = items.every((a) => items.every((b) => a.top < b.bottom - 1));
    header = {
      height: Math.round(height),
      rowHeight: Math.round(rowBottom - rowTop),
      oneRow,
      // The navbar's own padding (2 × 0.5rem) and a little slack around the row.
      tooTall: !oneRow || height > tallest + 32,
    };
  }

  return {
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    brokenWords,
    lowContrast,
    clippedCells,
    header,
  };
}
"""


def measure(page):
    """Run the layout checks on the page as it is now rendered."""
    width = page.viewport_size["width"]
    return page.evaluate(LAYOUT_SCRIPT, {"checkHeader": width >= HEADER_ROW_MIN_WIDTH})


def problems(result):
    """The broken layout rules in a `measure()` result, as readable lines."""
    found = []
    if result["scrollWidth"] > result["innerWidth"]:
        found.append(
            f"scrolls sideways: document {result['scrollWidth']} px wide, "
            f"window {result['innerWidth']} px"
        )
    for item in result["brokenWords"][:15]:
        found.append(f"word across lines: {item['word']!r} in {item['where']}")
    if len(result["brokenWords"]) > 15:
        found.append(f"... and {len(result['brokenWords']) - 15} more broken words")
    for item in result["lowContrast"][:10]:
        found.append(f"contrast {item['ratio']}:1: {item['text']!r} in {item['where']}")
    for item in result["clippedCells"][:10]:
        found.append(f"cut off in a stacked table: {item['text']!r} in {item['where']}")
    header = result["header"]
    if header and header["tooTall"]:
        found.append(
            f"header {header['height']} px tall, not one row of navigation "
            f"(items span {header['rowHeight']} px, one row: {header['oneRow']})"
        )
    return found
