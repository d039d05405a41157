/** lspci's words per register: every name is one the decoder produces, every word one lspci -vvv prints. */
import { describe, expect, it } from 'vitest';
import { decodeConfig, LSPCI_WORDS, lspciWordsOf } from '../../src/index';
import { fixtureBytes, fixtureNames, oracleText } from '../helpers/fixtures';

const decoded = fixtureNames().map((n) => decodeConfig(fixtureBytes(n)));
const names = new Set<string>();
for (const d of decoded)
  for (const f of [
    ...d.header.fields,
    ...[...d.capabilities, ...d.extendedCapabilities].flatMap((c) => c.fields),
  ]) {
    names.add(f.name);
    for (const b of f.bits ?? []) names.add(b.name);
  }
const oracles = fixtureNames().map(oracleText).join('\n');

describe('LSPCI_WORDS', () => {
  it.each(Object.keys(LSPCI_WORDS))('%s is a register or bit the decoder names in a real dump', (name) => {
    expect(names.has(name)).toBe(true);
  });
  it.each(Object.entries(LSPCI_WORDS))('%s: lspci -vvv of the real dumps prints %j', (_name, words) => {
    for (const w of words) expect(oracles).toContain(w);
  });
  it('answers an empty list for a name it does not know', () => {
    expect(lspciWordsOf('PCI_MSI_DATA_32')).toEqual(['Data']);
    expect(lspciWordsOf('PCI_NO_SUCH')).toEqual([]);
  });
});
