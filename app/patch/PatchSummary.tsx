/**
 * What the patch changes on this device, in the engine's sentences (diffPermBits over the session's
 * before/after tables, so the op-log counts), and what the patched open logged that does not apply here.
 */
import { useMemo } from 'react';
import { diffPermBits, unchangedSummary, type PermDiff, type Session } from '../../src/index';
import { useExplorer } from '../store/explorer';

/** The engine's diff of the session's patched replay, or null when there is none (no parse, no binding). */
export function usePatchDiff(session: Session | null): PermDiff | null {
  const bytes = useExplorer((s) => s.bytes);
  const d = session?.patchDiff;
  const size = session?.size ?? 0;
  return useMemo(() => (d && bytes ? diffPermBits(bytes, size, d.before, d.after) : null), [d, bytes, size]);
}

export function PatchSummary({ session, diff }: { session: Session; diff: PermDiff | null }) {
  const known = useExplorer((s) => s.bytes?.length ?? 0);
  if (session.refusal)
    return (
      <p className="warning" data-testid="patch-summary">
        vfio-pci does not bind this device ({session.refusal}), so no permission table applies to it.
      </p>
    );
  const warnings = session.patchDiff?.warnings ?? [];
  if (!diff) return null;
  // A patch that changes nothing here says why (lines that do not apply, a dump that ends early).
  const summary = diff.bits.length ? diff.summary : unchangedSummary(known, session.size, warnings);
  return (
    <div data-testid="patch-summary">
      <ul className="patch-summary" aria-label="What the patch changes">
        {summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {warnings.length > 0 && (
        <ul className="patch-warnings" aria-label="Lines that do not apply to this device">
          {warnings.map((w) => (
            <li key={w} className="warning">
              {w}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
