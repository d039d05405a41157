/** A permission patch in the share link: `patch=NAME` for a built-in, the token for any other text. */
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PATCHES,
  decodeLink,
  DEFAULT_LINK,
  DEFAULT_VIEW,
  encodeLink,
  LIMITS,
  shareLink,
  type LinkState,
} from '../../src/index';

const novirt = BUILTIN_PATCHES.find((b) => b.name === 'novirt')!;
const withPatch = (name: string, text: string): LinkState => ({
  ...DEFAULT_LINK,
  view: { ...DEFAULT_VIEW, patch: { name, text } },
});

describe('patch in a link', () => {
  it('a built-in goes by name, readable and token-less', () => {
    const state = withPatch('novirt', novirt.text);
    expect(encodeLink(state)).toBe('v=2&patch=novirt');
    expect(decodeLink('#v=2&patch=novirt')).toEqual({ ok: true, state });
  });

  it("a built-in's name with edited text, and any other text, round-trip exactly through the token", () => {
    for (const state of [
      withPatch('novirt', `${novirt.text}msi PCI_MSI_FLAGS p_setb (u8)ALL_VIRT NO_WRITE\n`),
      withPatch('mine', 'cap PCI_CAP_ID_EXP PCI_EXP_DEVCTL2 p_setw NO_VIRT (u16)ALL_WRITE\r\n\t# ü\n'),
      withPatch('draft', 'basic PCI_COMMAND p_setw'), // a draft that does not parse is kept
    ]) {
      const link = encodeLink(state);
      expect(link).toMatch(/^v=2&patch=custom&t=/);
      expect(decodeLink(link)).toEqual({ ok: true, state });
    }
  });

  it('a walkthrough step carries its own patch', () => {
    const state: LinkState = {
      ...DEFAULT_LINK,
      walk: {
        kind: 'custom',
        walkthrough: {
          title: 'patch review',
          steps: [
            { state: DEFAULT_VIEW, note: 'before', highlight: null },
            {
              state: { ...DEFAULT_VIEW, patch: { name: 'novirt', text: novirt.text } },
              note: 'after',
              highlight: 'config',
            },
            {
              state: { ...DEFAULT_VIEW, patch: { name: 'x', text: 'msi 4 p_setd 0 0' } },
              note: 'mine',
              highlight: null,
            },
          ],
        },
      },
    };
    expect(decodeLink(encodeLink(state))).toEqual({ ok: true, state });
  });

  it('counts toward the limits: text past patchChars is refused, an unknown name too', () => {
    const long = withPatch('big', '#'.repeat(LIMITS.patchChars + 1));
    expect(decodeLink(encodeLink(long))).toMatchObject({
      ok: false,
      message: `This link cannot be opened: the link's token is invalid: the patch is longer than ${LIMITS.patchChars} characters.`,
    });
    expect(shareLink(long).ok).toBe(false);
    expect(decodeLink('#v=2&patch=nope')).toMatchObject({
      ok: false,
      message: 'This link cannot be opened: patch=nope: expected custom or a built-in: novirt, exp-length.',
    });
    expect(decodeLink('#v=2&patch=custom')).toMatchObject({
      ok: false,
      message: 'This link cannot be opened: patch=custom: the link carries no patch text.',
    });
  });

  it('links without the key open with no patch', () => {
    expect(decodeLink('#v=2&device=qca6390')).toMatchObject({ ok: true, state: { view: { patch: null } } });
    expect(decodeLink('#device=qca6390&kernel=mainline')).toMatchObject({
      ok: true,
      state: { view: { patch: null } },
    });
  });
});
