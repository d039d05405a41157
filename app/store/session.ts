/**
 * The engine session for the current state, memoised on its inputs (bytes, kernel, op-log, the kernel the
 * diff-kernel overlay compares with — replayed only while that overlay is shown — and the permission patch,
 * whose replay is `session.patchDiff`, whenever its text parses).
 */
import { useDeferredValue, useMemo } from 'react';
import { createSession, defaultCompareKernel, type PatchParse, type Session } from '../../src/index';
import { parsedPatch } from '../patch/parsed';
import { decodedOf } from './decoded';
import { useExplorer } from './explorer';

/** The store's patch text parsed (null: no patch); a patch that does not parse carries its errors. */
export function usePermPatch(): PatchParse | null {
  const patch = useExplorer((s) => s.patch);
  return patch ? parsedPatch(patch) : null;
}

export function useSession(): Session | null {
  const bytes = useExplorer((s) => s.bytes);
  const kernel = useExplorer((s) => s.kernel);
  const ops = useExplorer((s) => s.ops);
  const qemu = useExplorer((s) => s.qemu);
  const compareKernel = useExplorer((s) =>
    s.overlay === 'diff-kernel' ? (s.compareKernel ?? defaultCompareKernel(s.kernel)) : undefined,
  );
  // Typing in the patch editor stays responsive: the patched replay follows the text a render behind.
  const viewPatch = useDeferredValue(useExplorer((s) => s.patch));
  const parse = viewPatch ? parsedPatch(viewPatch) : null;
  const patch = parse?.ok ? parse.patch : undefined;
  return useMemo(
    () =>
      bytes
        ? createSession({ bytes, kernel, compareKernel, ops, qemu, patch, decoded: decodedOf(bytes) })
        : null,
    [bytes, kernel, compareKernel, ops, qemu, patch],
  );
}
