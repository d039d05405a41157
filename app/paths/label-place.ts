/**
 * Where a packet's label goes: beside the dot, in the first place (nearest the dot first) where its box
 * is clear of every actor box, of the dot itself and of any other text given, and inside the drawing.
 * Pure geometry in the diagram's viewBox units, so a test can check every phase of every event; the
 * label's width is estimated from its characters with a margin over the fonts the CSS names.
 */
import { ACTOR_POS, BOX_H, BOX_W, VIEW_H, VIEW_W } from './layout';

export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface LabelFont {
  /** Advance of an ASCII character, rounded up over the fonts the CSS may pick. */
  readonly ascii: number;
  /** Arrows, ✕, · and other non-ASCII characters (a fallback font may draw them a full em wide). */
  readonly wide: number;
  /** Above and below the baseline: the font's ascent and descent, as getBoundingClientRect reports them. */
  readonly ascent: number;
  readonly descent: number;
}

/** `.packet-label`: 13-unit monospace (DejaVu Sans Mono / Menlo / Consolas advance 0.55–0.6 em). */
export const PACKET_FONT: LabelFont = { ascii: 8.2, wide: 13, ascent: 13, descent: 4 };
/** `.stop`: the diagram's 13-unit sans-serif, bold. */
export const STOP_FONT: LabelFont = { ascii: 9, wide: 14, ascent: 13, descent: 4 };

/** Gap kept between a label and anything it must not touch. */
const GAP = 3;
/** How far above or below its dot a label may move to find room (the bands are 130–190 units tall). */
const REACH = 160;

export function textWidth(text: string, font: LabelFont): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x80 ? font.ascii : font.wide;
  return w;
}

export type Anchor = 'start' | 'end';

export function textRect(x: number, y: number, width: number, anchor: Anchor, font: LabelFont): Rect {
  const x0 = anchor === 'start' ? x : x - width;
  return { x0, y0: y - font.ascent, x1: x0 + width, y1: y + font.descent };
}

/** Every actor's box (with its name inside). */
export const ACTOR_BOXES: readonly Rect[] = Object.values(ACTOR_POS).map((a) => ({
  x0: a.x - BOX_W / 2,
  y0: a.y - BOX_H / 2,
  x1: a.x + BOX_W / 2,
  y1: a.y + BOX_H / 2,
}));

/** Whether two rects come within `gap` of each other. */
export const near = (a: Rect, b: Rect, gap = GAP) =>
  a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;

const inside = (r: Rect) => r.x0 >= GAP && r.x1 <= VIEW_W - GAP && r.y0 >= GAP && r.y1 <= VIEW_H - GAP;

export interface Placement {
  readonly x: number;
  readonly y: number;
  readonly anchor: Anchor;
}

/**
 * The label of a dot at (x, y) with radius r: first tried just above the dot (below it, right of the
 * diagram's centre, where the text reads leftwards), then further up and down a step at a time; left of
 * centre the text reads rightwards from the dot and the other way when that does not fit. Falls back to
 * the first candidate inside the drawing if nothing is clear (no scenario needs that).
 */
export function placeLabel(
  dot: { readonly x: number; readonly y: number },
  r: number,
  text: string,
  font: LabelFont,
  avoid: readonly Rect[] = [],
): Placement {
  const width = textWidth(text, font);
  const obstacles = [
    ...ACTOR_BOXES,
    ...avoid,
    { x0: dot.x - r, y0: dot.y - r, x1: dot.x + r, y1: dot.y + r },
  ];
  const right = dot.x > VIEW_W / 2;
  const anchors: Anchor[] = right ? ['end', 'start'] : ['start', 'end'];
  const above = dot.y - r - 3;
  const below = dot.y + r + 3 + font.ascent;
  const baselines = right ? [below, above] : [above, below];
  for (let d = 4; d <= REACH; d += 4) baselines.push(above - d, below + d);
  let fallback: Placement | null = null;
  for (const y of baselines)
    for (const anchor of anchors) {
      const x = anchor === 'start' ? dot.x + r + 3 : dot.x - r - 3;
      const rect = textRect(x, y, width, anchor, font);
      if (!inside(rect)) continue;
      fallback ??= { x, y, anchor };
      if (!obstacles.some((o) => near(rect, o))) return { x, y, anchor };
    }
  return fallback ?? { x: dot.x + r + 3, y: above, anchor: 'start' };
}
