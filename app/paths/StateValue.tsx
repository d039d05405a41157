/**
 * An actor's state value as something to read: a list of records as a table (one row per IRTE, route or
 * ring), a record as a two-column table, a number in hex from 10 up. Nothing is shown as JSON.
 */
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A scalar as text: numbers ≥ 10 in hex, booleans as yes/no, null as —. */
export function scalar(v: unknown): string {
  if (typeof v === 'number') return v > 9 ? `0x${v.toString(16)}` : String(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(scalar).join(', ');
  if (isRecord(v))
    return Object.entries(v)
      .map(([k, x]) => `${k} ${scalar(x)}`)
      .join(', ');
  return String(v);
}

export function StateValue({ name, value }: { name: string; value: unknown }) {
  if (Array.isArray(value) && value.length && value.every(isRecord)) {
    const columns = [...new Set(value.flatMap((r) => Object.keys(r)))];
    return (
      <table className="state-table" aria-label={name}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {value.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} className="mono">
                  {scalar(r[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (!entries.length) return <span className="muted">none</span>;
    return (
      <table className="state-table" aria-label={name}>
        <tbody>
          {entries.map(([k, x]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="mono">{scalar(x)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (Array.isArray(value) && !value.length) return <span className="muted">none</span>;
  return <span className="mono">{scalar(value)}</span>;
}
