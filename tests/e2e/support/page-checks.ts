/**
 * What the screen checks look for, measured in the browser on the page as it is shown:
 * - overflow: the document, or any element that scrolls sideways, holds content wider than itself;
 * - clipped: a visible control (button, link, tab, field) or text reaches past the viewport or past an
 *   ancestor that clips it sideways (a scroll container it has to be scrolled into, a hidden overflow)
 *   — except inside an ellipsis, which is the truncated check's;
 * - truncated: text cut short (an ellipsis, a button narrower than its label) with no tooltip: no
 *   `title`, and no `data-tooltip` from the app's Truncate component (which shows a Mantine tooltip);
 * - latin: (zh) Latin words left after removing URLs, time-zone names, codes (anything with a digit or
 *   an underscore, {variables}, parameter names, file extensions), the provider's own words in
 *   “quotes” and the values the test seeded; what is left must be on the allow-list;
 * - dates: every date or time in the text must be in the language's one format.
 *
 * `inspectPage` runs inside the page (`page.evaluate`), so it is one self-contained function.
 */
import type { Page } from 'playwright-core';

export interface InspectOptions {
  lang: 'en' | 'zh';
  /** Latin words allowed on zh screens (product names, codes), compared case-sensitively. */
  allowedWords: string[];
  /** User data the test seeded (names, message texts): removed as whole phrases before the word check. */
  seeded: string[];
}

export interface Findings {
  overflow: string[];
  clipped: string[];
  truncated: string[];
  latin: string[];
  dates: string[];
}

/** The date formats of format/date-time.ts as patterns (Chromium writes a narrow no-break space before AM/PM). */
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
export const DATE_PATTERNS = {
  en: {
    /** Dec 6, 2026, 3:11 PM · Dec 6, 2026, 3:11:03 PM · Dec 6, 2026 · Dec 6 · 3:11 PM · 3:11:03 PM */
    good: [`${MONTH} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2}(?::\\d{2})?[\\s\\u202f][AP]M`, `${MONTH} \\d{1,2}, \\d{4}`, `${MONTH} \\d{1,2}(?![\\d,])`, `(?<![\\d:])\\d{1,2}:\\d{2}(?::\\d{2})?[\\s\\u202f][AP]M`],
  },
  zh: {
    /** 2026年12月6日 15:11 · 2026年12月6日 15:11:03 · 2026年12月6日 · 12月6日 · 15:11 · 15:11:03 */
    good: ['\\d{4}年\\d{1,2}月\\d{1,2}日(?: \\d{2}:\\d{2}(?::\\d{2})?)?', '\\d{1,2}月\\d{1,2}日', '(?<![\\d:.])\\d{2}:\\d{2}(?::\\d{2})?(?![\\d:])'],
  },
  /** Anything that looks like a date or a time: what is left of it after the good ones is in another format. */
  any: [
    '(?<!\\d)\\d{14}(?!\\d)',
    '\\d{4}-\\d{1,2}-\\d{1,2}(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2})?)?',
    '(?<![\\d/])\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?(?![\\d/])',
    '\\d{4}/\\d{1,2}/\\d{1,2}',
    `${MONTH}[a-z]* \\d{1,2}(?:, \\d{4})?`,
    '\\d{1,2}月\\d{1,2}日',
    '(?<![\\d:.])\\d{1,2}:\\d{2}(?::\\d{2})?(?:[\\s\\u202f]?[AaPp]\\.?[Mm]\\.?)?(?![\\d:])',
  ],
};

export async function inspectPage(page: Page, options: InspectOptions): Promise<Findings> {
  return page.evaluate(
    ({ options, patterns }) => {
      const found = { overflow: [] as string[], clipped: [] as string[], truncated: [] as string[], latin: [] as string[], dates: [] as string[] };
      const W = window.innerWidth;
      const SLACK = 1;

      const label = (el: Element): string => {
        const parts: string[] = [];
        for (let e: Element | null = el; e && parts.length < 3; e = e.parentElement) {
          const id = e.getAttribute('data-testid');
          if (id) parts.unshift(id);
        }
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
        const cls = (el.getAttribute('class') ?? '').split(' ').find((c) => c.startsWith('mantine-')) ?? '';
        return `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}${parts.length ? ' [' + parts.join(' > ') + ']' : ''}${text ? ` “${text}”` : ''}`;
      };
      const shown = (el: Element) => {
        if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
        const r = el.getBoundingClientRect();
        return r.width > 1 && r.height > 1;
      };
      const hasTooltip = (el: Element) => {
        for (let e: Element | null = el, depth = 0; e && depth < 4; e = e.parentElement, depth++) {
          if ((e.getAttribute('title') ?? '') !== '' || e.hasAttribute('data-tooltip')) return true;
        }
        return false;
      };

      // Overflow: the document and every element that scrolls sideways.
      const doc = document.scrollingElement ?? document.documentElement;
      if (doc.scrollWidth > W + SLACK) found.overflow.push(`the page is ${doc.scrollWidth} px wide in a ${W} px window`);
      const all = [...document.body.querySelectorAll('*')];
      for (const el of all) {
        const cs = getComputedStyle(el);
        if (cs.overflowX !== 'auto' && cs.overflowX !== 'scroll') continue;
        if (el.matches('input, textarea, select') || !shown(el)) continue;
        if (el.scrollWidth > el.clientWidth + SLACK) found.overflow.push(`${label(el)} scrolls sideways: ${el.scrollWidth} px of content in ${el.clientWidth} px`);
      }
      // Content spilling out of a card, a dialog or the main area (drawn over its neighbour, or cut by the window).
      for (const el of document.body.querySelectorAll('main, .mantine-Paper-root, .mantine-Modal-content, .mantine-Drawer-content')) {
        if (!shown(el) || getComputedStyle(el).overflowX !== 'visible') continue;
        if (el.scrollWidth > el.clientWidth + SLACK) found.overflow.push(`${label(el).slice(0, 80)} spills out sideways: ${el.scrollWidth} px of content in ${el.clientWidth} px`);
      }

      // Clipped controls, and controls whose label is cut.
      const controls = document.body.querySelectorAll('button, a[href], [role="button"], [role="tab"], input:not([type="hidden"]), select, textarea');
      for (const el of controls) {
        if (!shown(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.right > W + SLACK || r.left < -SLACK) {
          found.clipped.push(`${label(el)} reaches past the window (${Math.round(r.left)}–${Math.round(r.right)} of ${W} px)`);
          continue;
        }
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          const cs = getComputedStyle(a);
          if (cs.overflowX === 'visible') continue;
          const ar = a.getBoundingClientRect();
          const left = ar.left + a.clientLeft;
          const right = left + a.clientWidth;
          if (r.right > right + SLACK || r.left < left - SLACK) {
            found.clipped.push(`${label(el)} is cut off by ${label(a).slice(0, 60)} (${Math.round(r.left)}–${Math.round(r.right)}, visible ${Math.round(left)}–${Math.round(right)})`);
            break;
          }
        }
        if (!el.matches('input, textarea, select') && el.scrollWidth > el.clientWidth + SLACK && getComputedStyle(el).overflowX !== 'visible' && !hasTooltip(el)) {
          found.truncated.push(`${label(el)}: its label is cut (${el.scrollWidth} px in ${el.clientWidth} px) and it has no tooltip`);
        }
      }

      // Text cut with an ellipsis (or hidden overflow on one line) and no tooltip.
      for (const el of all) {
        if (el.matches('input, textarea, select, button')) continue;
        const cs = getComputedStyle(el);
        const cuts = cs.textOverflow === 'ellipsis' || (cs.overflowX === 'hidden' && cs.whiteSpace === 'nowrap');
        if (!cuts || (el.textContent ?? '').trim() === '' || !shown(el)) continue;
        if (el.scrollWidth > el.clientWidth + SLACK && !hasTooltip(el) && !el.closest('button')) found.truncated.push(`${label(el)} is cut with no tooltip`);
      }

      // The words and dates of every visible text, placeholders, and the chosen value of each select.
      const texts: Array<{ text: string; el: Element; node?: Text }> = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        const text = n.textContent ?? '';
        if (!parent || text.trim() === '' || parent.closest('script, style, title, textarea, [aria-hidden="true"]')) continue;
        if (!shown(parent)) continue;
        texts.push({ text, el: parent, node: n as Text });
      }
      for (const input of document.body.querySelectorAll('input, textarea')) {
        if (!shown(input)) continue;
        const ph = input.getAttribute('placeholder');
        if (ph) texts.push({ text: ph, el: input });
        if (input.matches('.mantine-Select-input, .mantine-Autocomplete-input') && (input as HTMLInputElement).value) texts.push({ text: (input as HTMLInputElement).value, el: input });
      }

      // Text cut off by a box that hides its overflow (a table wider than its card), outside an ellipsis.
      const cuts = (el: Element) => {
        const cs = getComputedStyle(el);
        return cs.textOverflow === 'ellipsis' || (cs.overflowX === 'hidden' && cs.whiteSpace === 'nowrap');
      };
      const range = document.createRange();
      for (const { el, node } of texts) {
        if (!node || el.closest('button, [role="tooltip"]')) continue;
        // Where the text itself is drawn (not its element's box, which may be wider than the text).
        range.selectNodeContents(node);
        const r = range.getBoundingClientRect();
        if (r.width === 0) continue;
        let inEllipsis = false;
        for (let a: Element | null = el; a && a !== document.body && !inEllipsis; a = a.parentElement) inEllipsis = cuts(a);
        if (inEllipsis) continue;
        if (r.right > W + SLACK) {
          found.clipped.push(`text ${label(el)} reaches past the window (to ${Math.round(r.right)} of ${W} px)`);
          continue;
        }
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflowX === 'visible') continue;
          const ar = a.getBoundingClientRect();
          const left = ar.left + a.clientLeft;
          if (r.right > left + a.clientWidth + SLACK || r.left < left - SLACK) {
            found.clipped.push(`text ${label(el)} is cut off by ${label(a).slice(0, 60)}`);
            break;
          }
        }
      }

      const seeded = [...options.seeded].sort((a, b) => b.length - a.length);
      const allowed = new Set(options.allowedWords);
      const good = patterns[options.lang].good.map((p) => new RegExp(p, 'g'));
      const any = patterns.any.map((p) => new RegExp(p, 'g'));
      for (const { text, el } of texts) {
        let rest = text;
        for (const s of seeded) rest = rest.split(s).join(' ');
        // Not words of the UI: URLs, time zones (Asia/Shanghai), the provider's own text in quotes, {variables}, name= of a parameter, .xlsx.
        rest = rest
          .replace(/\b(?:https?|file):\/\/\S+/g, ' ')
          .replace(/\b[A-Z][a-z]+(?:\/[A-Za-z_+-]+)+\b/g, ' ')
          .replace(/“[^”]*”/g, ' ')
          .replace(/\{[^{}\s]+\}/g, ' ')
          .replace(/\b[A-Za-z_]\w*=/g, ' ')
          .replace(/\.[a-z]{2,4}\b/g, ' ');
        if (options.lang === 'zh') {
          const words = (rest.match(/[A-Za-z][A-Za-z0-9_'.-]*[A-Za-z0-9]|[A-Za-z]/g) ?? []).filter((w) => !/[\d_]/.test(w) && w.length > 1 && !allowed.has(w));
          if (words.length > 0) found.latin.push(`${words.join(', ')} ⟵ ${label(el)}`);
        }
        let dates = rest;
        for (const g of good) dates = dates.replace(g, ' ');
        const bad = any.flatMap((re) => dates.match(re) ?? []);
        if (bad.length > 0) found.dates.push(`${bad.join(' | ')} ⟵ ${label(el)}`);
      }
      for (const key of Object.keys(found) as Array<keyof typeof found>) found[key] = [...new Set(found[key])];
      return found;
    },
    { options, patterns: DATE_PATTERNS },
  );
}
