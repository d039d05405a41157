/**
 * Explorer files: where a state too long for a link goes, and how walkthroughs are exported. A
 * walkthrough file is readable JSON — title, and per step its note, highlight and state as a link
 * fragment — so it can be edited by hand and reviewed in a diff. Reading one never trusts it.
 */
import { clause, sentence } from './fragment';
import { decodeLink, encodeLink, LINK_VERSION, type OpenResult } from './link';
import { LIMITS, REGIONS, type LinkState, type Region, type Walkthrough } from './state';

const STATE_FORMAT = 'vfio-explorer-state';
const WALKTHROUGH_FORMAT = 'vfio-explorer-walkthrough';
/** A file may hold what a link may not, but not without bound. */
const MAX_FILE_CHARS = 4 * 1024 * 1024;

export function stateToFile(state: LinkState): string {
  return `${JSON.stringify({ format: STATE_FORMAT, version: LINK_VERSION, link: `#${encodeLink(state)}` }, null, 2)}\n`;
}

export function walkthroughToFile(w: Walkthrough): string {
  const steps = w.steps.map((s) => ({
    note: s.note,
    highlight: s.highlight,
    state: `#${encodeLink({ view: s.state, walk: null, walkStep: 0, present: false })}`,
  }));
  return `${JSON.stringify({ format: WALKTHROUGH_FORMAT, version: LINK_VERSION, title: w.title, steps }, null, 2)}\n`;
}

const refuse = (why: string): OpenResult => ({
  ok: false,
  newer: false,
  reason: clause(why),
  message: sentence('This file cannot be opened', why),
});

function readWalkthrough(doc: Record<string, unknown>): OpenResult {
  if (typeof doc.title !== 'string' || doc.title.length > LIMITS.titleChars)
    return refuse('the title is missing or too long');
  if (!Array.isArray(doc.steps) || doc.steps.length === 0 || doc.steps.length > LIMITS.steps)
    return refuse(`a walkthrough needs 1 to ${LIMITS.steps} steps`);
  const steps = [];
  for (const [i, raw] of (doc.steps as unknown[]).entries()) {
    const s = raw as Record<string, unknown> | null;
    if (typeof s !== 'object' || s === null) return refuse(`step ${i + 1} is not an object`);
    if (typeof s.note !== 'string' || s.note.length > LIMITS.noteChars)
      return refuse(`step ${i + 1} has no readable note`);
    const highlight = s.highlight ?? null;
    if (highlight !== null && !REGIONS.includes(highlight as Region))
      return refuse(`step ${i + 1} highlights "${String(highlight)}"`);
    if (typeof s.state !== 'string') return refuse(`step ${i + 1} has no state`);
    const opened = decodeLink(s.state, MAX_FILE_CHARS);
    if (!opened.ok) return opened.newer ? opened : refuse(`step ${i + 1}: ${opened.reason}`);
    steps.push({ state: opened.state.view, note: s.note, highlight: highlight as Region | null });
  }
  const walkthrough: Walkthrough = { title: doc.title, steps };
  return {
    ok: true,
    state: { view: steps[0].state, walk: { kind: 'custom', walkthrough }, walkStep: 0, present: false },
  };
}

/** Reads either kind of explorer file. */
export function readExplorerFile(text: string): OpenResult {
  if (text.length > MAX_FILE_CHARS) return refuse(`it is larger than ${MAX_FILE_CHARS} characters`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return refuse('it is not JSON');
  }
  if (typeof doc !== 'object' || doc === null) return refuse('it is not an explorer file');
  const d = doc as Record<string, unknown>;
  if (typeof d.version === 'number' && d.version > LINK_VERSION) {
    const reason = `this one reads formats up to ${LINK_VERSION}, so open it with the newer explorer`;
    return {
      ok: false,
      newer: true,
      reason,
      message: sentence(`This file was made by a newer vfio-explorer (format ${d.version})`, reason),
    };
  }
  if (d.format === WALKTHROUGH_FORMAT) return readWalkthrough(d);
  if (d.format === STATE_FORMAT && typeof d.link === 'string') {
    const r = decodeLink(d.link, MAX_FILE_CHARS);
    return r.ok || r.newer ? r : refuse(r.reason);
  }
  return refuse('it is neither a vfio-explorer state nor a walkthrough');
}
