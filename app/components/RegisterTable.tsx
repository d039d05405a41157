/**
 * The registers of the selected structure: what a read through the vfio config region returns (and
 * which bits came from vconfig), the physical value, vfio's virt/write masks and the reason.
 */
import type { DecodedConfig, DecodedField, VfioDevice } from '../../src/index';
import { useExplorer } from '../store/explorer';

const hex = (v: number, size: number) => `0x${(v >>> 0).toString(16).padStart(size * 2, '0')}`;
const le = (b: Uint8Array, off: number, size: number) => {
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + b[off + i];
  return v;
};

function Row({ f, device }: { f: DecodedField; device: VfioDevice | null }) {
  const inRange = device !== null && f.offset + f.size <= device.cfgSize;
  const read = inRange ? device.readDetailed(f.offset, f.size) : null;
  const how = inRange ? device.describe(f.offset) : null;
  const perm = inRange ? device.perm : null;
  return (
    <tr>
      <th scope="row">{f.name}</th>
      <td className="mono">{hex(f.offset, f.offset >= 0x100 ? 2 : 1)}</td>
      <td className="mono">
        {read ? hex(read.value, f.size) : '—'}
        {read && read.fromVconfig !== 0 && (
          <span className="prov"> vconfig {hex(read.fromVconfig, f.size)}</span>
        )}
      </td>
      <td className="mono">
        {device ? hex(le(device.physical, f.offset, f.size), f.size) : hex(f.value, f.size)}
      </td>
      <td className="mono">{perm ? hex(le(perm.virt, f.offset, f.size), f.size) : '—'}</td>
      <td className="mono">{perm ? hex(le(perm.write, f.offset, f.size), f.size) : '—'}</td>
      <td className="why">{how ? `${how.why} (${how.source})` : ''}</td>
    </tr>
  );
}

export function RegisterTable({ decoded, device }: { decoded: DecodedConfig; device: VfioDevice | null }) {
  const selected = useExplorer((s) => s.selectedCap);
  const cap = [...decoded.capabilities, ...decoded.extendedCapabilities].find((c) => c.offset === selected);
  const fields = cap ? cap.fields : decoded.header.fields;
  return (
    <section aria-label="Register inspector" className="registers">
      <h2>
        {cap ? `${cap.name} at 0x${cap.offset.toString(16)} (${cap.length} bytes)` : 'Configuration header'}
      </h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Register</th>
            <th scope="col">Offset</th>
            <th scope="col">VMM read (vfio)</th>
            <th scope="col">Physical</th>
            <th scope="col">virt</th>
            <th scope="col">write</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <Row key={f.offset * 8 + f.size} f={f} device={device} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
