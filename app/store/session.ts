/** The engine session for the current state, memoised on its inputs (bytes, kernel, op-log). */
import { useMemo } from 'react';
import { createSession, type Session } from '../../src/index';
import { decodedOf } from './decoded';
import { useExplorer } from './explorer';

export function useSession(): Session | null {
  const bytes = useExplorer((s) => s.bytes);
  const rfc = useExplorer((s) => s.rfc);
  const ops = useExplorer((s) => s.ops);
  return useMemo(
    () => (bytes ? createSession({ bytes, rfc, ops, decoded: decodedOf(bytes) }) : null),
    [bytes, rfc, ops],
  );
}
