/**
 * The canvas's accessible twin: the 16 bytes of the cursor's row as grid cells, with the cursor's byte
 * selected, so a screen reader follows the keyboard cursor through config space.
 */
import type { Session } from '../../src/index';
import { useExplorer } from '../store/explorer';
import { bitFacts } from './bit-facts';

export function AccessibleRow({ session }: { session: Session }) {
  const cursor = useExplorer((s) => s.cursor);
  const offset = cursor >> 3;
  const rowStart = offset & ~15;
  const overlay = useExplorer((s) => s.overlay);
  const facts = bitFacts(session, cursor, overlay);
  return (
    <div className="visually-hidden" role="row" aria-rowindex={rowStart / 16 + 1}>
      {Array.from({ length: 16 }, (_, i) => {
        const o = rowStart + i;
        const here = o === offset;
        return (
          <div key={o} role="gridcell" aria-selected={here} aria-colindex={i + 1}>
            {here
              ? `${facts.path}: ${facts.guest === null ? '' : `guest ${facts.guest}, VMM ${facts.vmm}, `}physical ${facts.physical}; ${facts.permission}${facts.change ? `; changes: ${facts.change}` : ''}`
              : `byte 0x${o.toString(16)}: 0x${session.views.vmm[o].toString(16).padStart(2, '0')}`}
          </div>
        );
      })}
    </div>
  );
}
