/** The hovered (or cursor) bit: its field path, its value in each view, where each came from, its permission. */
import type { Session } from '../../src/index';
import { useExplorer } from '../store/explorer';
import { bitMeaning, MeaningByView, registerMeaning } from '../components/MeaningByView';
import { bitFacts } from './bit-facts';

export function BitTooltip({ session }: { session: Session }) {
  const hover = useExplorer((s) => s.hover);
  const cursor = useExplorer((s) => s.cursor);
  const overlay = useExplorer((s) => s.overlay);
  const f = bitFacts(session, hover ?? cursor, overlay);
  const loc = session.fields.at(f.offset, f.bit);
  return (
    <div className="bit-tooltip" role="status" aria-live="polite" data-testid="bit-tooltip">
      <div className="path">{f.path}</div>
      {loc && (
        <div className="meaning-line">
          <MeaningByView
            session={session}
            field={loc.field}
            pick={loc.bitField ? bitMeaning(loc.bitField.name) : registerMeaning}
          />
        </div>
      )}
      <div className="mono">
        0x{f.offset.toString(16).padStart(2, '0')} bit {f.bit}
      </div>
      <dl>
        <dt>guest</dt>
        <dd>
          {f.guest ?? '—'} {f.guest !== null && <span className="src">from {f.guestSource}</span>}
        </dd>
        <dt>VMM</dt>
        <dd>
          {f.vmm ?? '—'} {f.vmm !== null && <span className="src">from {f.vmmSource}</span>}
        </dd>
        <dt>physical</dt>
        <dd>{f.physical}</dd>
      </dl>
      <div className="perm">{f.permission}</div>
      {f.change && (
        <div className="perm-change" data-testid="bit-change">
          changes: {f.change}
        </div>
      )}
    </div>
  );
}
