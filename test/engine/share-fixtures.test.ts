/** Every link a release ever wrote (test/fixtures/links/) still opens to the state it was made from. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { decodeLink } from '../../src/index';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'links');
const reviver = (_: string, v: unknown) =>
  v !== null && typeof v === 'object' && 'hex' in v
    ? Uint8Array.from((v as { hex: string }).hex.match(/../g) ?? [], (h) => parseInt(h, 16))
    : v;

const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

it('has fixtures of every link format so far', () => {
  expect(files.length).toBeGreaterThanOrEqual(5);
});

it.each(files)('%s opens to its recorded state', (file) => {
  const { link, state } = JSON.parse(readFileSync(join(DIR, file), 'utf8'), reviver);
  expect(decodeLink(link)).toEqual({ ok: true, state });
});
