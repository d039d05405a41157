/**
 * The patch beside the state: each hunk of the RFC as the project describes it (file and function, its
 * meaning), the permission bits it changes on the current device (the engine's NOVIRT diff), and its
 * return paths — every one an engine call on the current device and kernel, shown beside what the RFC
 * kernel answers for a device with MSI.
 */
import { hexOffset, hexValue, kernelById, type KernelId, type Session } from '../../src/index';
import { PATCH_HUNKS } from './content/patch';
import { runPatchCall } from './patch-effects';

interface ChangedRegister {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
  readonly virt: readonly [number, number];
  readonly write: readonly [number, number];
}

/** The registers whose masks the NOVIRT diff changes, each with its masks before and after. */
function changedRegisters(session: Session): ChangedRegister[] {
  const d = session.novirtDiff;
  if (!d) return [];
  const out: ChangedRegister[] = [];
  const seen = new Set<number>();
  const mask = (a: Uint8Array, o: number, n: number) =>
    a.slice(o, o + n).reduceRight((v, b) => v * 256 + b, 0);
  for (let i = 0; i < session.size; i++) {
    if (d.before.virt[i] === d.after.virt[i] && d.before.write[i] === d.after.write[i]) continue;
    const f = session.fields.at(i)?.field;
    const offset = f?.offset ?? i;
    if (seen.has(offset)) continue;
    seen.add(offset);
    const size = f?.size ?? 1;
    out.push({
      name: f?.name ?? hexOffset(i),
      offset,
      size,
      virt: [mask(d.before.virt, offset, size), mask(d.after.virt, offset, size)],
      write: [mask(d.before.write, offset, size), mask(d.after.write, offset, size)],
    });
  }
  return out;
}

export function PatchPanel({
  session,
  bytes,
  kernel,
}: {
  session: Session;
  bytes: Uint8Array;
  kernel: KernelId;
}) {
  const registers = changedRegisters(session);
  return (
    <section className="patch-panel" aria-label="The patch">
      <h3>The patch, hunk by hunk</h3>
      <p className="hint">
        The RFC’s four hunks in the project’s words, each with what the engine does on this device and kernel.
      </p>
      {PATCH_HUNKS.map((h) => (
        <article key={h.where} className="hunk">
          <h4 className="mono">{h.where}</h4>
          <p>{h.meaning}</p>
          {h.showsBits &&
            (registers.length ? (
              <table className="patch-bits">
                <caption>Permission bits it changes here</caption>
                <thead>
                  <tr>
                    <th scope="col">Register</th>
                    <th scope="col">virt</th>
                    <th scope="col">write</th>
                  </tr>
                </thead>
                <tbody>
                  {registers.map((r) => (
                    <tr key={r.offset}>
                      <th scope="row" className="mono">
                        {r.name} ({hexOffset(r.offset)})
                      </th>
                      <td className="mono">
                        {hexValue(r.virt[0], r.size)} → {hexValue(r.virt[1], r.size)}
                      </td>
                      <td className="mono">
                        {hexValue(r.write[0], r.size)} → {hexValue(r.write[1], r.size)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="warning">
                On this device and kernel the engine applies no change:{' '}
                {kernelById(kernel).feature11 === 'msi-novirt'
                  ? 'the device has no MSI capability'
                  : `${kernelById(kernel).label} does not carry the RFC`}
                .
              </p>
            ))}
          {h.effects.length > 0 && (
            <ul className="patch-effects">
              {h.effects.map((e) => {
                const got = runPatchCall(e.call, bytes, session.decoded, kernel);
                const same = got.value === e.rfcAnswer;
                return (
                  <li key={e.claim} className={same ? undefined : 'differs'}>
                    {e.claim}{' '}
                    <span className="mono engine-answer">
                      engine: {got.shown}
                      {!same && ' — differs from the RFC kernel on an MSI device'}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </article>
      ))}
    </section>
  );
}
