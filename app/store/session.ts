/**
 * The engine session for the current state, memoised on its inputs (bytes, kernel, op-log, and the
 * kernel the diff-kernel overlay compares with — replayed only while that overlay is shown).
 */
import { useMemo } from 'react';
import { createSession, defaultCompareKernel, type Session } from '../../src/index';
import { decodedOf } from './decoded';
import { useExplorer } from './explorer';

export function useSession(): Session | null {
  const bytes = useExplorer((s) => s.bytes);
  const kernel = useExplorer((s) => s.kernel);
  const ops = useExplorer((s) => s.ops);
  const qemu = useExplorer((s) => s.qemu);
  const compareKernel = useExplorer((s) =>
    s.overlay === 'diff-kernel' ? (s.compareKernel ?? defaultCompareKernel(s.kernel)) : undefined,
  );
  return useMemo(
    () =>
      bytes ? createSession({ bytes, kernel, compareKernel, ops, qemu, decoded: decodedOf(bytes) }) : null,
    [bytes, kernel, compareKernel, ops, qemu],
  );
}
