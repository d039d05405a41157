/** The current event's MSI message, field by field: shown in the detail pane, not only on hover. */
import type { DecodedMsi } from '../../src/index';
import { msiSummary } from './msi-decode';

const hex = (v: number) => `0x${(v >>> 0).toString(16)}`;

export function MsiDetail({ d }: { d: DecodedMsi }) {
  return (
    <table className="msi-detail" aria-label="MSI message decoded">
      <caption>
        MSI message <span className="mono">{hex(d.address)}</span> ←{' '}
        <span className="mono">{hex(d.data)}</span>: {msiSummary(d)}
      </caption>
      <thead>
        <tr>
          <th scope="col">Bits</th>
          <th scope="col">Field</th>
          <th scope="col">Value</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {d.fields.map((f) => (
          <tr key={f.name}>
            <td className="mono">{f.bits}</td>
            <th scope="row" className="mono">
              {f.name}
            </th>
            <td className="mono">{hex(f.value)}</td>
            <td>{f.meaning}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
