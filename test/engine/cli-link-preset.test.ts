/** The CLI knows the explorer's presets by digest: every digest must be its fixture's, every fixture listed. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDigest, FIXTURE_PRESET_DIGESTS, presetMatching } from '../../src/cli/preset-match';
import { ath11kConfig, parseLspciDump } from '../../src/index';
import { FIXTURE_DIR } from '../helpers/fixtures';

/** The presets app/presets.ts builds from the fixtures: the first device of every dump but the -vvv texts. */
const fixturePresets = readdirSync(FIXTURE_DIR)
  .filter((n) => n.endsWith('.txt') && !n.endsWith('.vvv.txt'))
  .map((n) => ({
    id: n.replace(/\.txt$/, ''),
    bytes: parseLspciDump(readFileSync(join(FIXTURE_DIR, n), 'utf8'))[0].bytes,
  }));

describe('preset digests', () => {
  it('lists every fixture preset with the digest of its bytes', () => {
    expect(new Map(fixturePresets.map((p) => [p.id, configDigest(p.bytes)]))).toEqual(FIXTURE_PRESET_DIGESTS);
  });
  it.each(fixturePresets)('$id is recognised by its bytes', ({ id, bytes }) => {
    expect(presetMatching(bytes)).toBe(id);
  });
  it('recognises the reconstructed ath11k parts and nothing else', () => {
    expect(presetMatching(ath11kConfig({ deviceId: 0x1103, msi: 'host' }))).toBe('wcn6855');
    expect(presetMatching(ath11kConfig({ deviceId: 0x1101, msi: 'host' }))).toBe('qca6390');
    const changed = fixturePresets[0].bytes.slice();
    changed[0x3c] ^= 1;
    expect(presetMatching(changed)).toBeUndefined();
  });
});
