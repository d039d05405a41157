/**
 * The interrupt-path diagram's text never touches an actor box (app/paths/label-place.ts): every packet
 * label at every phase of every event of every scenario (default options and an all-pairs cover of each
 * scenario's option space), the "✕ outcome" mark of a failed event, and the flight view's "✕ source"
 * marks. Geometry in viewBox units with the estimated text widths; test/e2e/ux-paths.test.ts measures the
 * rendered text against the rendered boxes.
 */
import { describe, expect, it } from 'vitest';
import {
  EngineError,
  runScenario,
  scenarioOptionSets,
  SCENARIO_IDS,
  type RunOptions,
  type TimelineEvent,
} from '../../src/index';
import {
  ACTOR_BOXES,
  near,
  PACKET_FONT,
  placeLabel,
  STOP_FONT,
  textRect,
  textWidth,
  type LabelFont,
  type Placement,
  type Rect,
} from '../../app/paths/label-place';
import { VIEW_H, VIEW_W, packetPoint } from '../../app/paths/layout';
import { packetLayout } from '../../app/paths/packet-layout';
import { sourcePaths } from '../../app/paths/FlightPackets';

const PHASES = Array.from({ length: 49 }, (_, i) => i / 48);

const rectOf = (p: Placement, text: string, font: LabelFont): Rect =>
  textRect(p.x, p.y, textWidth(text, font), p.anchor, font);

/** What is wrong with a piece of text at `r`: a box it touches, or leaving the drawing; null when fine. */
function problem(r: Rect): string | null {
  const box = ACTOR_BOXES.findIndex((b) => near(r, b, 1));
  if (box >= 0) return `touches actor box ${box}`;
  if (r.x0 < 0 || r.y0 < 0 || r.x1 > VIEW_W || r.y1 > VIEW_H) return 'leaves the drawing';
  return null;
}

function runs(id: string): (readonly TimelineEvent[])[] {
  const out: (readonly TimelineEvent[])[] = [];
  for (const o of [{}, ...scenarioOptionSets(id, 1)] as RunOptions[]) {
    try {
      out.push(runScenario(id, o).events);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
    }
  }
  return out;
}

describe('diagram text keeps clear of the actor boxes', () => {
  for (const id of SCENARIO_IDS)
    it(`${id}: every label at every phase, every ✕ mark`, { timeout: 300_000 }, () => {
      const failures = new Set<string>();
      const seen = new Set<string>();
      let checked = 0;
      for (const events of runs(id)) {
        for (const e of events) {
          const key = `${e.from}>${e.to}|${e.kind}|${e.outcome}|${JSON.stringify(e.payload)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          for (const phase of PHASES) {
            const { text, stop, label } = packetLayout(e, phase);
            const bad = problem(rectOf(label, text, PACKET_FONT));
            if (bad) failures.add(`${e.kind} ${e.from}→${e.to} "${text}" at ${phase.toFixed(3)}: ${bad}`);
            if (stop) {
              const s = textRect(stop.x, stop.y, textWidth(stop.text, STOP_FONT), 'start', STOP_FONT);
              const sb = problem(s);
              if (sb) failures.add(`${stop.text} by ${e.from}: ${sb}`);
              if (near(s, rectOf(label, text, PACKET_FONT), 1)) failures.add(`${text} touches ${stop.text}`);
            }
            checked++;
          }
        }
        for (const { source, hops } of sourcePaths(events)) {
          const last = hops[hops.length - 1];
          const dot = packetPoint(last.from, last.to, 1);
          const text = `✕ ${source}`;
          const bad = problem(rectOf(placeLabel(dot, 5, text, STOP_FONT), text, STOP_FONT));
          if (bad) failures.add(`flight ${text} at ${last.to}: ${bad}`);
        }
      }
      expect([...failures]).toEqual([]);
      expect(checked).toBeGreaterThan(PHASES.length * 10);
    });

  it("S2's fault: the label sits right of the dot, clear of the IOMMU box and of the ✕ blocked mark", () => {
    const fault = runScenario('S2').events.find((e) => e.kind === 'fault')!;
    const { dot, text, stop, label } = packetLayout(fault, 1);
    expect(stop?.text).toBe('✕ blocked');
    const r = rectOf(label, text, PACKET_FONT);
    expect(problem(r)).toBeNull();
    expect(Math.hypot(label.x - dot.x, label.y - dot.y)).toBeLessThan(120);
  });
});
