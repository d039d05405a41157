/**
 * Figures as standalone SVG (vector, text as text, the light palette) for slides and papers: the bitmap
 * rows around the selection, the register inspector's tables, or the interrupt diagram — each with a
 * caption line naming device, kernel, selection and step. Built from what is on screen, at this state.
 */
export type FigureKind = 'bitmap' | 'inspector' | 'diagram';

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"';
const MONO = 'font-family="DejaVu Sans Mono, Menlo, monospace"';

function wrap(width: number, height: number, body: string, caption: string): string {
  const h = height + 28;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}">
<rect width="100%" height="100%" fill="#ffffff"/>
${body}
<text x="8" y="${height + 19}" ${FONT} font-size="12" fill="#1b1f24">${esc(caption)}</text>
</svg>`;
}

/** Bitmap rows around the selection: one rect per bit, coloured as the canvas has it, offsets as text. */
function bitmapSvg(caption: string, selection: { offset: number; size: number }): string {
  const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=bitmap-canvas]');
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) throw new Error('The bitmap is not on screen.');
  const rows = canvas.height / 2;
  const first = Math.max(0, Math.floor(selection.offset / 16) - 2);
  const last = Math.min(rows - 1, Math.floor((selection.offset + selection.size - 1) / 16) + 2);
  const cw = 6;
  const ch = 16;
  const left = 44;
  const parts: string[] = [];
  for (let row = first; row <= last; row++) {
    const y = (row - first) * ch + 4;
    parts.push(
      `<text x="${left - 6}" y="${y + 12}" text-anchor="end" ${MONO} font-size="11" fill="#1b1f24">${(row * 16).toString(16).padStart(2, '0')}:</text>`,
    );
    const px = ctx.getImageData(0, row * 2, 256, 1).data;
    for (let col = 0; col < 128; col++) {
      const i = col * 2 * 4;
      parts.push(
        `<rect x="${left + col * cw}" y="${y}" width="${cw - 0.5}" height="${ch - 2}" fill="rgb(${px[i]},${px[i + 1]},${px[i + 2]})"/>`,
      );
    }
  }
  for (let o = selection.offset; o < selection.offset + selection.size;) {
    const row = Math.floor(o / 16);
    const end = Math.min(selection.offset + selection.size, (row + 1) * 16);
    parts.push(
      `<rect x="${left + (o % 16) * 8 * cw}" y="${(row - first) * ch + 3}" width="${(end - o) * 8 * cw}" height="${ch}" fill="none" stroke="#d55e00" stroke-width="2"/>`,
    );
    o = end;
  }
  return wrap(left + 128 * cw + 8, (last - first + 1) * ch + 8, parts.join('\n'), caption);
}

/** The inspector's heading and tables as text rows. */
function inspectorSvg(caption: string): string {
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
        `<text x="8" y="${20 + i * 17}" ${MONO} font-size="12" ${l.bold ? 'font-weight="bold" ' : ''}fill="#1b1f24" xml:space="preserve">${esc(l.text)}</text>`,
    )
    .join('\n');
  const width = Math.max(400, ...lines.map((l) => l.text.length * 7.3 + 16));
  return wrap(Math.ceil(width), lines.length * 17 + 12, body, caption);
}

/** Presentation attributes the diagram's stylesheet gives it, in the light palette. */
const DIAGRAM_LIGHT: [string, Record<string, string>][] = [
  ['.band-bg', { fill: '#fbfbfa', stroke: '#d9dde3' }],
  ['.band-name', { fill: '#5a6370', 'font-size': '13' }],
  ['.edge', { fill: 'none', stroke: '#d9dde3', 'stroke-width': '1.5' }],
  ['.edge.used', { stroke: '#a3acb9' }],
  ['.edge.current', { stroke: '#1d4e89', 'stroke-width': '3' }],
  ['.edge.current.bad', { stroke: '#a4161a' }],
  ['.edge.current.good', { stroke: '#2b6a30' }],
  ['.actor rect', { fill: '#ffffff', stroke: '#5a6370' }],
  ['.actor.active rect', { stroke: '#1d4e89', 'stroke-width': '2.5' }],
  ['.actor text', { fill: '#1b1f24', 'font-size': '13' }],
  ['.packet circle', { fill: '#1d4e89' }],
  ['.packet.bad circle', { fill: '#a4161a' }],
  ['.packet.good circle', { fill: '#2b6a30' }],
  ['.packet-label', { fill: '#1b1f24', 'font-size': '13' }],
  ['.stop', { fill: '#a4161a', 'font-weight': '700' }],
];

function diagramSvg(caption: string): string {
  const svg = document.querySelector<SVGSVGElement>('svg.diagram');
  if (!svg) throw new Error('The interrupt diagram is not on screen.');
  const copy = svg.cloneNode(true) as SVGSVGElement;
  for (const [sel, attrs] of DIAGRAM_LIGHT)
    for (const el of copy.querySelectorAll(sel))
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const t of copy.querySelectorAll('text'))
    if (!t.getAttribute('font-family'))
      t.setAttribute('font-family', 'DejaVu Sans, Helvetica, Arial, sans-serif');
  for (const t of copy.querySelectorAll('title')) t.remove();
  const { width, height } = svg.viewBox.baseVal;
  return wrap(width, height, `<g>${copy.innerHTML}</g>`, caption);
}

export function figureSvg(
  kind: FigureKind,
  caption: string,
  selection: { offset: number; size: number },
): string {
  return kind === 'bitmap'
    ? bitmapSvg(caption, selection)
    : kind === 'inspector'
      ? inspectorSvg(caption)
      : diagramSvg(caption);
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
