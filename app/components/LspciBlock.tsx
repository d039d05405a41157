/**
 * What `lspci -vvv` prints for the structure holding the selected register, in the shown view (the guest's
 * lspci reads QEMU's view): its composite decodes — link status, VC arbitration, a DVSEC — as lspci words them.
 */
import { lspciInView, type DecodedCapability, type Session } from '../../src/index';
import { useShownValueView } from '../store/session';

const VIEW_NAMES = { guest: 'guest view', vmm: 'VMM view', physical: 'physical' } as const;

export function LspciBlock({
  session,
  capability,
}: {
  session: Session;
  capability: DecodedCapability | null;
}) {
  const view = useShownValueView(session);
  const blocks = lspciInView(session.views, view);
  const lines = capability ? blocks.capabilities.get(capability.offset) : blocks.header;
  return (
    <details className="lspci-block">
      <summary>
        lspci -vvv of {capability ? capability.name : 'the header'}{' '}
        <span className="muted">({VIEW_NAMES[view]})</span>
      </summary>
      {lines ? (
        <pre className="mono">{lines.join('\n')}</pre>
      ) : (
        <p className="muted">lspci shows no such capability in this view: its chain does not reach it.</p>
      )}
    </details>
  );
}
