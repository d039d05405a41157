/** `vfio-explorer perm FILE --patch PATCH`: what a permission patch changes on each device of a dump. */
import { EngineError } from '../errors';
import { hexOffset, hexValue } from '../pci/format';
import { builtinPatch, BUILTIN_PATCHES, permPatchOrThrow } from '../vfio/patch/builtins';
import type { PermDiff } from '../vfio/patch/diff';
import type { PermPatch } from '../vfio/patch/types';
import { readCapped } from './read-capped';

/** A built-in by name (`novirt`, `exp-length`), else a file holding a patch in the notation. */
export function loadPatch(arg: string): PermPatch {
  const b = builtinPatch(arg);
  if (b) return permPatchOrThrow(b.text, b.name);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readCapped(arg, 1024 * 1024));
  } catch (e) {
    if (e instanceof EngineError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new EngineError(
      'option',
      code === 'ENOENT'
        ? `--patch ${arg}: no such file and no built-in of that name (built-ins: ${BUILTIN_PATCHES.map((p) => p.name).join(', ')})`
        : `--patch ${arg}: cannot read it as UTF-8 text (${code ?? 'bad bytes'})`,
    );
  }
  return permPatchOrThrow(text, arg);
}

export type DevicePatchDiff = PermDiff & { readonly warnings: readonly string[] };

const arrow = (before: number, after: number, size: number) =>
  `${hexValue(before, size)} → ${hexValue(after, size)}`;

export function formatPatchDiff(title: string, patch: PermPatch, d: DevicePatchDiff): string {
  const lines = [title, `patch "${patch.name}":`, ...d.summary.map((s) => `  ${s}`)];
  if (d.registers.length) {
    lines.push(
      `${'register'.padEnd(30)} ${'offset'.padEnd(6)} ${'virt before → after'.padEnd(25)} write before → after`,
    );
    for (const r of d.registers)
      lines.push(
        `${r.register.padEnd(30)} ${hexOffset(r.offset).padEnd(6)} ${arrow(r.virtBefore, r.virtAfter, r.size).padEnd(25)} ${arrow(r.writeBefore, r.writeAfter, r.size)}`,
      );
  }
  for (const w of d.warnings) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n`;
}
