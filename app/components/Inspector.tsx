/**
 * The register inspector: the selected register in the guest, VMM and physical views with differing bits
 * marked, each bit field's values and vfio permissions, the reason with its kernel function, and the
 * actions (write as guest or VMM, VFIO_DEVICE_FEATURE).
 */
import { dottedMask, errnoName, fieldValue, readLE, type Session, type VfioDevice } from '../../src/index';
import { fieldChange, fieldClass, permDiffOf, registerChange } from '../bitmap/perm-diff';
import { useExplorer } from '../store/explorer';
import { FeaturePanel } from './FeaturePanel';
import { LspciBlock } from './LspciBlock';
import { bitMeaning, MeaningByView, registerMeaning } from './MeaningByView';
import { OpLog } from './OpLog';
import { WritePanel } from './WritePanel';
import { FollowedFooter } from '../follow/FollowedFooter';
import { useFollowed } from '../follow/useFollowed';

const hx = (v: number, n: number) => `0x${(v >>> 0).toString(16).padStart(n * 2, '0')}`;
/** A dotted mask that may wrap between bytes but never inside one (nibbles joined by a no-break space). */
const byteWrapped = (mask: string) =>
  mask
    .split(' ')
    .map((nibble, i) => (i % 2 ? `\u00a0${nibble}` : i ? ` ${nibble}` : nibble))
    .join('');
export const elixir = (fn: string) =>
  `https://elixir.bootlin.com/linux/latest/A/ident/${encodeURIComponent(fn)}`;

/**
 * A value's bits, MSB first with a space between bytes, as text: only runs of bits that differ from
 * another view are elements (marked), so three 32-bit rows stay a handful of nodes, not a hundred.
 */
function BitString({ value, size, other }: { value: number; size: number; other: number[] }) {
  const parts: React.ReactNode[] = [];
  let text = '';
  let marked = '';
  let markedTop = 0;
  const closeMark = (b: number) => {
    if (!marked) return;
    parts.push(
      text,
      <span
        key={b}
        className="diff"
        title={markedTop === b + 1 ? `bit ${b + 1}` : `bits ${markedTop}–${b + 1}`}
      >
        {marked}
      </span>,
    );
    text = marked = '';
  };
  for (let b = size * 8 - 1; b >= 0; b--) {
    if (b % 8 === 7 && b !== size * 8 - 1) {
      closeMark(b);
      text += ' ';
    }
    const bit = Math.floor(value / 2 ** b) % 2;
    if (other.some((o) => Math.floor(o / 2 ** b) % 2 !== bit)) {
      if (!marked) markedTop = b;
      marked += String(bit);
    } else {
      closeMark(b);
      text += String(bit);
    }
  }
  closeMark(-1);
  parts.push(text);
  return <>{parts}</>;
}

function BitRow({
  label,
  value,
  size,
  other,
}: {
  label: string;
  value: number;
  size: number;
  other: number[];
}) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="mono">{hx(value, size)}</td>
      <td className="mono bits-cell">
        <BitString value={value} size={size} other={other} />
      </td>
    </tr>
  );
}

const PCI_CAP_ID_PM = 0x01;

/** The PCI core's power state and the last power request's outcome (a refusal keeps its errno). */
function PowerState({ device }: { device: VfioDevice }) {
  const last = device.effects.findLast((e) => e.kind === 'set_power_state');
  return (
    <p className="why" data-testid="power-state">
      PCI core power state (pdev-&gt;current_state): <strong>{device.state.powerState}</strong>
      {last && (
        <>
          {' '}
          · last request: <span className="mono">{last.fn}</span>
          {last.errno !== undefined && <span className="mono"> {errnoName(last.errno)}</span>}: {last.detail}
        </>
      )}
    </p>
  );
}

export function Inspector({ session }: { session: Session }) {
  const selected = useExplorer((s) => s.selected);
  const cursor = useExplorer((s) => s.cursor);
  const sel = selected ?? { offset: cursor >> 3, size: 1 };
  const loc = session.fields.at(sel.offset);
  const v = session.views;
  const guest = readLE(v.guest, sel.offset, sel.size);
  const vmm = readLE(v.vmm, sel.offset, sel.size);
  const phys = readLE(v.physical, sel.offset, sel.size);
  const how = session.device && sel.offset < session.size ? session.device.describe(sel.offset) : null;
  const virt = readLE(session.perm.virt, sel.offset, sel.size);
  const write = readLE(session.perm.write, sel.offset, sel.size);
  // Under a diff overlay, the register's masks before and after (the engine's tables, read as numbers).
  const overlay = useExplorer((s) => s.overlay);
  const change = registerChange(permDiffOf(session, overlay), sel.offset, sel.size);
  const bitFields = loc && loc.field.offset === sel.offset ? (loc.field.bits ?? []) : [];
  // Which QEMU rule (and release) puts the guest's bits here, when any come from QEMU's copy.
  const qemuWhy = session.qemu?.whyEmulated(sel.offset, sel.size) ?? [];
  const followed = useFollowed();
  return (
    <section className="inspector" aria-label="Register inspector" tabIndex={-1}>
      <h2>
        {loc ? `${loc.structure} › ${loc.field.name}` : `byte 0x${sel.offset.toString(16)}`}{' '}
        <span className="muted mono">
          @0x{sel.offset.toString(16).padStart(2, '0')}, {sel.size} byte{sel.size > 1 ? 's' : ''}
        </span>
      </h2>
      {session.refusal ? (
        <p className="error" role="alert">
          {session.refusal}. Only the physical bytes exist; there is no vfio or guest view.
        </p>
      ) : (
        <>
          <table className="views" aria-label="Three views">
            <tbody>
              <BitRow label="Guest (QEMU)" value={guest} size={sel.size} other={[vmm, phys]} />
              <BitRow label="VMM (vfio region)" value={vmm} size={sel.size} other={[guest, phys]} />
              <BitRow label="Physical" value={phys} size={sel.size} other={[guest, vmm]} />
              <tr>
                <th scope="row">virt / write</th>
                <td className="mono" colSpan={2}>
                  virt {hx(virt, sel.size)} · write {hx(write, sel.size)}
                </td>
              </tr>
              {change && (
                <tr className="perm-change" data-testid="perm-change">
                  <th scope="row">before → after</th>
                  <td className="mono" colSpan={2}>
                    virt {hx(change.virt[0], sel.size)} → {hx(change.virt[1], sel.size)} · write{' '}
                    {hx(change.write[0], sel.size)} → {hx(change.write[1], sel.size)}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          {loc && loc.field.offset === sel.offset && loc.field.meaning !== undefined && (
            <p className="reads-as" data-testid="reads-as">
              <span className="muted">lspci reads it as </span>
              <MeaningByView session={session} field={loc.field} pick={registerMeaning} />
            </p>
          )}
          {how && (
            <p className="why" data-testid="why">
              {how.why}{' '}
              <a href={elixir(how.source)} target="_blank" rel="noreferrer noopener">
                {how.source}
              </a>
              {how.read !== 'default' && <span className="muted"> · read: {how.read}</span>}
              <span className="muted"> · write: {how.write ?? 'none (dropped)'}</span>
            </p>
          )}
          {qemuWhy.length > 0 && (
            <p className="why" data-testid="qemu-why">
              <strong>From QEMU’s copy:</strong> {qemuWhy.join(' ')}
            </p>
          )}
          {how?.kernel && (
            <p className="why kernel-note" data-testid="kernel-note">
              {how.kernel}
            </p>
          )}
          {how?.capId === PCI_CAP_ID_PM && session.device && <PowerState device={session.device} />}
          {bitFields.length > 0 && (
            <table className="fields" aria-label="Bit fields">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Mask</th>
                  <th scope="col">Guest</th>
                  <th scope="col">VMM</th>
                  <th scope="col">Physical</th>
                  <th scope="col">virt/write</th>
                </tr>
              </thead>
              <tbody>
                {bitFields.map((b) => (
                  <tr key={b.name}>
                    <th scope="row">
                      <span className="mono">{b.name}</span>
                      {loc && (
                        <span className="field-meaning">
                          <MeaningByView session={session} field={loc.field} pick={bitMeaning(b.name)} />
                        </span>
                      )}
                    </th>
                    <td className="mono">{byteWrapped(dottedMask(b.mask, vmm, sel.size as 1 | 2 | 4))}</td>
                    <td className="mono">{fieldValue(b.mask, guest)}</td>
                    <td className="mono">{fieldValue(b.mask, vmm)}</td>
                    <td className="mono">{fieldValue(b.mask, phys)}</td>
                    <td className="mono">
                      {fieldChange(change, b.mask) ? (
                        <span className="diff">{fieldChange(change, b.mask)}</span>
                      ) : (
                        fieldClass(b.mask, virt, write)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {loc && <LspciBlock session={session} capability={loc.capability} />}
          {followed?.state === 'shown' ? (
            <FollowedFooter config={followed.config} />
          ) : (
            <>
              <WritePanel
                key={`${sel.offset}/${sel.size}`}
                session={session}
                offset={sel.offset}
                size={sel.size}
              />
              <FeaturePanel session={session} />
              <OpLog session={session} />
            </>
          )}
        </>
      )}
    </section>
  );
}
