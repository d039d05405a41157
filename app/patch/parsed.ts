/**
 * The store keeps the patch as the user typed it; its parse is derived, once per text (the editor's errors,
 * the session's patched replay and the overlay all read the same result, so the session's memo holds).
 */
import { BUILTIN_PATCHES, parsePermPatch, type PatchParse, type ViewPatch } from '../../src/index';

/** A few recent texts: the editor reads the newest while the session still renders the one before. */
const recent = new Map<string, PatchParse>();
const KEEP = 8;

export function parsedPatch(patch: ViewPatch): PatchParse {
  const key = `${patch.name}\n${patch.text}`;
  let parse = recent.get(key);
  if (!parse) {
    parse = parsePermPatch(patch.text, patch.name);
    recent.set(key, parse);
    if (recent.size > KEEP) recent.delete(recent.keys().next().value!);
  }
  return parse;
}

/** What to call a text the user typed: the built-in it still is, else a custom patch. */
export const patchNamed = (text: string): ViewPatch => ({
  name: BUILTIN_PATCHES.find((b) => b.text === text)?.name ?? 'custom',
  text,
});
