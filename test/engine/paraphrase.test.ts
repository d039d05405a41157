/**
 * The walkthroughs paraphrase the review thread; they never quote it. No run of six words from the thread
 * may appear in a note, a mail summary, a glossary entry or the patch descriptions. The thread itself is
 * not in the repository: test/fixtures/thread-shingles.json holds only the hashes of its 6-word runs, so
 * the check works on a fresh clone. Where the seed thread is present (../shared/seed/), the test also
 * checks the text directly and that the committed hashes are the seed's; with UPDATE_SHINGLES=1 it rewrites them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BUILTINS } from '../../app/walkthroughs/content/index';
import { THREAD } from '../../app/walkthroughs/content/refs';
import { GLOSSARY } from '../../app/walkthroughs/glossary';
import { PATCH_HUNKS } from '../../app/walkthroughs/content/patch';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'thread-shingles.json');
const SEED_FILE = 'rfc-msi-novirt-thread.txt';
// The seed sits beside the checkout (main) or two levels up (a worktree under wt/).
const seedPath = [
  join(ROOT, '..', 'shared', 'seed', SEED_FILE),
  join(ROOT, '..', '..', 'shared', 'seed', SEED_FILE),
].find((f) => existsSync(f));

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
/** FNV-1a, 32 bits: enough to tell a few thousand 6-word runs apart. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
function shingles(text: string): Map<number, string> {
  const w = words(text);
  const out = new Map<number, string>();
  for (let i = 0; i + 6 <= w.length; i++) {
    const run = w.slice(i, i + 6).join(' ');
    out.set(fnv1a(run), run);
  }
  return out;
}

/** Every text the project shows about the thread, with where it lives. */
const TEXTS: [string, string][] = [
  ...BUILTINS.flatMap((w) => w.steps.map((s, i): [string, string] => [`${w.id} step ${i + 1}`, s.note])),
  ...THREAD.flatMap((m): [string, string][] => [
    [`${m.ref.label} (summary)`, m.gist],
    [`${m.ref.label} (label)`, m.ref.label],
  ]),
  ...Object.entries(GLOSSARY).map(([k, g]): [string, string] => [`glossary ${k}`, g.definition]),
  ...PATCH_HUNKS.flatMap((h): [string, string][] => [
    [`patch ${h.where}`, h.meaning],
    ...h.effects.map((e): [string, string] => [`patch ${h.where} effect`, e.claim]),
  ]),
];

const committed = new Set<number>((JSON.parse(readFileSync(FIXTURE, 'utf8')) as { hashes: number[] }).hashes);

it('the committed hashes are a real list of the thread’s 6-word runs', () => {
  expect(committed.size).toBeGreaterThan(1000);
});

it.runIf(seedPath)('the committed hashes are the seed thread’s', () => {
  const fresh = [...shingles(readFileSync(seedPath!, 'utf8')).keys()].sort((a, b) => a - b);
  if (process.env.UPDATE_SHINGLES) {
    const provenance =
      `FNV-1a 32-bit hashes of every run of six words (lower case, [a-z0-9]+) in shared/seed/${SEED_FILE}, ` +
      'the MSI_NOVIRT RFC thread; regenerate with UPDATE_SHINGLES=1 npx vitest run test/engine/paraphrase.test.ts';
    writeFileSync(FIXTURE, `${JSON.stringify({ provenance, hashes: fresh })}\n`);
  }
  expect([...committed].sort((a, b) => a - b)).toEqual(fresh);
});

it.each(TEXTS)('%s shares no run of six words with the thread', (_, text) => {
  const quoted = [...shingles(text)].filter(([h]) => committed.has(h)).map(([, run]) => run);
  expect(quoted).toEqual([]);
});

it.runIf(seedPath)('no text shares a 6-word run with the seed itself (checked as text, not hashes)', () => {
  const thread = new Set(shingles(readFileSync(seedPath!, 'utf8')).values());
  const quoted = TEXTS.flatMap(([where, text]) =>
    [...shingles(text).values()].filter((run) => thread.has(run)).map((run) => `${where}: ${run}`),
  );
  expect(quoted).toEqual([]);
});
