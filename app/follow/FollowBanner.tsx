/**
 * Says plainly what the config views show while they follow a scenario: which scenario (the first or the
 * compared one), whose device, after which event, with PCI_MSI_NOVIRT and QEMU's ath quirk as that step
 * has them, and what became of the user's kernel, QEMU, compared kernel and patch (the engine's notes) —
 * and leads back to the user's own device and op-log, which following never changes.
 */
import { PRESETS } from '../presets';
import { stopFollowing, useExplorer } from '../store/explorer';
import type { Followed } from './useFollowed';

const hex4 = (v: number) => v.toString(16).padStart(4, '0');

/** "QCA6390, 3 operations": the user's device and op-log, as the way back names them. */
function useOwnDeviceName(): string {
  const source = useExplorer((s) => s.source);
  const ops = useExplorer((s) => s.ops.length);
  const name =
    source.kind === 'preset' ? (PRESETS.find((p) => p.id === source.id)?.label ?? source.id) : source.name;
  return `${name}, ${ops} operation${ops === 1 ? '' : 's'}`;
}

/** Which timeline is followed, in words: the compared one names the first's step it stands beside. */
function useSideWords(followed: Followed): { back: string; which: string } {
  const first = useExplorer((s) => s.scenarioId);
  const step = useExplorer((s) => s.step);
  const compared = useExplorer((s) => s.compareId);
  const id = followed.state === 'shown' ? followed.config.id : followed.side === 'vs' ? compared : first;
  if (followed.side === 'scenario') return { back: compared ? ` from ${id}` : '', which: '' };
  return {
    back: ` from ${id ?? 'the compared scenario'}`,
    which: ` — the compared scenario (the timeline below), at its event beside ${first}'s step ${step}`,
  };
}

export function FollowBanner({ followed }: { followed: Followed }) {
  const own = useOwnDeviceName();
  const side = useSideWords(followed);
  if (followed.state === 'loading') return null;
  const back = (
    <button onClick={stopFollowing}>
      Back to your device ({own}){side.back}
    </button>
  );
  if (followed.state === 'refused')
    return (
      <div className="warning follow-banner" role="alert">
        <p>The config views cannot follow the scenario: {followed.message}. They show your device.</p>
        {back}
      </div>
    );
  const c = followed.config;
  const phys = c.session.views.physical;
  const ids = `${hex4(phys[0] | (phys[1] << 8))}:${hex4(phys[2] | (phys[3] << 8))}`;
  return (
    <section
      className="follow-banner"
      aria-label="Config views follow the scenario"
      data-testid="follow-banner"
    >
      <p>
        <strong>
          {c.id}&rsquo;s device [{ids}] as event {c.step} left it
        </strong>
        {side.which} — not your device. These views follow the timeline&rsquo;s cursor: event {c.step} is{' '}
        <span className="mono">{c.event.kind}</span> ({c.event.explanation})
      </p>
      <ul>
        <li>
          Kernel <span className="mono">{c.session.kernel.id}</span>:{' '}
          {c.novirtAt !== null
            ? `PCI_MSI_NOVIRT set by event ${c.novirtAt}: vfio passes the MSI address and data through, so the VMM view reads the hardware and the guest's writes live only in QEMU's copy.`
            : 'PCI_MSI_NOVIRT not set: vfio keeps the MSI address and data the guest writes in vconfig, and the VMM view reads them there.'}
        </li>
        <li>
          {c.quirk
            ? "QEMU carries the ath quirk: it learns the host's message by reading the MSI address and data through vfio — the VMM view."
            : 'QEMU carries no ath quirk.'}
        </li>
        {c.choices.map((n) => (
          <li key={n.choice} className={n.honoured ? undefined : 'follow-not-honoured'}>
            {n.text}
          </li>
        ))}
      </ul>
      {back}
    </section>
  );
}
