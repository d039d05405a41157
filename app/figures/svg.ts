/**
 * Figures as standalone SVG (vector, text as text) for slides and papers: the bitmap rows around the
 * selection, the register inspector's tables, or the interrupt diagram — each with a caption line naming
 * device, kernel, selection and step. Built from what is on screen, at this state, but in the palette the
 * figure asks for (light unless asked: the page's own theme is the viewer's, not the slide's).
 */
import type { Theme } from '../theme';

export type FigureKind = 'bitmap' | 'inspector' | 'diagram';

/** The page's theme colours (styles.css), per figure theme. */
interface FigureColours {
  bg: string;
  panel: string;
  fg: string;
  muted: string;
  line: string;
  used: string;
  accent: string;
  err: string;
  ok: string;
  sel: string;
}
const COLOURS: Record<Theme, FigureColours> = {
  light: {
    bg: '#ffffff',
    panel: '#fbfbfa',
    fg: '#1b1f24',
    muted: '#5a6370',
    line: '#d9dde3',
    used: '#a3acb9',
    accent: '#1d4e89',
    err: '#a4161a',
    ok: '#2b6a30',
    sel: '#d55e00',
  },
  dark: {
    bg: '#14171b',
    panel: '#1b1f24',
    fg: '#e6e9ed',
    muted: '#a3acb9',
    line: '#2e343c',
    used: '#5a6370',
    accent: '#8ab4f8',
    err: '#ff8a8a',
    ok: '#8fd694',
    sel: '#ff8c42',
  },
};

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"';
const MONO = 'font-family="DejaVu Sans Mono, Menlo, monospace"';

function wrap(c: FigureColours, width: number, height: number, body: string, caption: string): string {
  const h = height + 28;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}">
<rect width="100%" height="100%" fill="${c.bg}"/>
${body}
<text x="8" y="${height + 19}" ${FONT} font-size="12" fill="${c.fg}">${esc(caption)}</text>
</svg>`;
}

/**
 * Bitmap rows around the selection: one rect per bit, offsets as text. The bits' colours are read from
 * `image`, the bitmap painted in the figure's palette (one pixel per cell: the cell's base colour).
 */
function bitmapSvg(
  c: FigureColours,
  caption: string,
  selection: { offset: number; size: number },
  image: ImageData,
): string {
  const rows = image.height / 2;
  const first = Math.max(0, Math.floor(selection.offset / 16) - 2);
  const last = Math.min(rows - 1, Math.floor((selection.offset + selection.size - 1) / 16) + 2);
  const cw = 6;
  const ch = 16;
  const left = 44;
  const parts: string[] = [];
  for (let row = first; row <= last; row++) {
    const y = (row - first) * ch + 4;
    parts.push(
      `<text x="${left - 6}" y="${y + 12}" text-anchor="end" ${MONO} font-size="11" fill="${c.fg}">${(row * 16).toString(16).padStart(2, '0')}:</text>`,
    );
    const px = image.data;
    for (let col = 0; col < 128; col++) {
      const i = (row * 2 * image.width + col * 2) * 4;
      parts.push(
        `<rect x="${left + col * cw}" y="${y}" width="${cw - 0.5}" height="${ch - 2}" fill="rgb(${px[i]},${px[i + 1]},${px[i + 2]})"/>`,
      );
    }
  }
  for (let o = selection.offset; o < selection.offset + selection.size;) {
    const row = Math.floor(o / 16);
    const end = Math.min(selection.offset + selection.size, (row + 1) * 16);
    parts.push(
      `<rect x="${left + (o % 16) * 8 * cw}" y="${(row - first) * ch + 3}" width="${(end - o) * 8 * cw}" height="${ch}" fill="none" stroke="${c.sel}" stroke-width="2"/>`,
    );
    o = end;
  }
  return wrap(c, left + 128 * cw + 8, (last - first + 1) * ch + 8, parts.join('\n'), caption);
}

/** The inspector's heading and tables as text rows. */
function inspectorSvg(c: FigureColours, caption: string): string {
  const root = document.querySelector('[aria-label="Register inspector"]');
  if (!root) throw new Error('The register inspector is not on screen.');
  const lines: { text: string; bold?: boolean }[] = [
    { text: root.querySelector('h2')?.textContent ?? '', bold: true },
  ];
  for (const table of root.querySelectorAll('table')) {
    for (const tr of table.querySelectorAll('tr'))
      lines.push({ text: [...tr.children].map((c) => (c.textContent ?? '').trim()).join('   ') });
    lines.push({ text: '' });
  }
  const why = root.querySelector('[data-testid=why]')?.textContent;
  if (why) lines.push({ text: why.trim() });
  const body = lines
    .map(
      (l, i) =>
        `<text x="8" y="${20 + i * 17}" ${MONO} font-size="12" ${l.bold ? 'font-weight="bold" ' : ''}fill="${c.fg}" xml:space="preserve">${esc(l.text)}</text>`,
    )
    .join('\n');
  const width = Math.max(400, ...lines.map((l) => l.text.length * 7.3 + 16));
  return wrap(c, Math.ceil(width), lines.length * 17 + 12, body, caption);
}

/** Presentation attributes the diagram's stylesheet gives it, in the figure's palette. */
const diagramStyle = (c: FigureColours): [string, Record<string, string>][] => [
  ['.band-bg', { fill: c.panel, stroke: c.line }],
  ['.band-name', { fill: c.muted, 'font-size': '13' }],
  ['.edge', { fill: 'none', stroke: c.line, 'stroke-width': '1.5' }],
  ['.edge.used', { stroke: c.used }],
  ['.edge.current', { stroke: c.accent, 'stroke-width': '3' }],
  ['.edge.current.bad', { stroke: c.err }],
  ['.edge.current.good', { stroke: c.ok }],
  ['.actor rect', { fill: c.bg, stroke: c.muted }],
  ['.actor.active rect', { stroke: c.accent, 'stroke-width': '2.5' }],
  ['.actor text', { fill: c.fg, 'font-size': '13' }],
  ['.packet circle', { fill: c.accent }],
  ['.packet.bad circle', { fill: c.err }],
  ['.packet.good circle', { fill: c.ok }],
  ['.packet-label', { fill: c.fg, 'font-size': '13' }],
  ['.stop', { fill: c.err, 'font-weight': '700' }],
];

function diagramSvg(c: FigureColours, caption: string): string {
  const svg = document.querySelector<SVGSVGElement>('svg.diagram');
  if (!svg) throw new Error('The interrupt diagram is not on screen.');
  const copy = svg.cloneNode(true) as SVGSVGElement;
  for (const [sel, attrs] of diagramStyle(c))
    for (const el of copy.querySelectorAll(sel))
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const t of copy.querySelectorAll('text'))
    if (!t.getAttribute('font-family'))
      t.setAttribute('font-family', 'DejaVu Sans, Helvetica, Arial, sans-serif');
  for (const t of copy.querySelectorAll('title')) t.remove();
  const { width, height } = svg.viewBox.baseVal;
  return wrap(c, width, height, `<g>${copy.innerHTML}</g>`, caption);
}

/** The figure as SVG; `bitmap` is the bitmap painted in `theme`'s palette (needed for the bitmap figure). */
export function figureSvg(
  kind: FigureKind,
  caption: string,
  selection: { offset: number; size: number },
  theme: Theme,
  bitmap: () => ImageData,
): string {
  const c = COLOURS[theme];
  return kind === 'bitmap'
    ? bitmapSvg(c, caption, selection, bitmap())
    : kind === 'inspector'
      ? inspectorSvg(c, caption)
      : diagramSvg(c, caption);
}

/** The SVG rendered to a PNG at twice its size (an <img> of a data: URL, which the page's CSP allows). */
export function svgToPng(svg: string): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = img.width * 2;
      canvas.height = img.height * 2;
      const ctx = canvas.getContext('2d')!;
      ctx.scale(2, 2);
      ctx.drawImage(img, 0, 0);
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png');
    };
    img.onerror = () => reject(new Error('The figure could not be drawn.'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}
