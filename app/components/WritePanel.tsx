/**
 * Write a value as the guest (through QEMU) or as the VMM (to the vfio region) and see where each bit went;
 * or read the register as either, an op-log entry like a write (what it returns can change with later ops,
 * a reset or a permission patch).
 */
import { useState } from 'react';
import { errnoName, LIMITS, type OpResult, type Session } from '../../src/index';
import { useExplorer } from '../store/explorer';
import { addOp } from '../store/op-log';

const hx = (v: number, n: number) => `0x${(v >>> 0).toString(16).padStart(n * 2, '0')}`;

function SplitRow({ label, mask, size, cls }: { label: string; mask: number; size: number; cls: string }) {
  return (
    <div className="split-row">
      <span className="split-label">{label}</span>
      <span className="mono">
        {Array.from({ length: size * 8 }, (_, i) => size * 8 - 1 - i).map((b) => (
          <span key={b} className={Math.floor(mask / 2 ** b) % 2 ? `bit on ${cls}` : 'bit'}>
            {Math.floor(mask / 2 ** b) % 2}
          </span>
        ))}
      </span>
    </div>
  );
}

function LastWrite({ r }: { r: Extract<OpResult, { kind: 'write' }> }) {
  const d = r.as === 'guest' ? r.result.vfio : r.result;
  const size = Math.max(1, ...d.chunks.map((c) => c.pos + c.count)) - Math.min(...d.chunks.map((c) => c.pos));
  return (
    <div className="write-split" data-testid="write-split" aria-live="polite">
      <p>
        Last write as {r.as === 'guest' ? 'the guest' : 'the VMM'}: {d.chunks.length} chunk
        {d.chunks.length > 1 ? 's' : ''} (
        {d.chunks.map((c) => `0x${c.pos.toString(16)}/${c.count} → ${c.write ?? 'dropped'}`).join(', ')})
        {r.as === 'guest' && r.result.transition ? ` · QEMU: ${r.result.transition}` : ''}
      </p>
      <SplitRow label="to vconfig" mask={d.toVconfig} size={size} cls="to-vconfig" />
      <SplitRow label="to hardware" mask={d.toHardware} size={size} cls="to-hardware" />
      <SplitRow label="dropped" mask={d.dropped} size={size} cls="dropped" />
      {d.ignoredByHardware !== 0 && (
        <p className="muted">The hardware kept bits {hx(d.ignoredByHardware, size)} (read-only there).</p>
      )}
      {d.effects.length > 0 && (
        <ul className="effects">
          {d.effects.map((e, i) => (
            <li key={i} className={e.errno === undefined ? undefined : 'refused'}>
              <span className="mono">{e.fn}</span>
              {e.errno !== undefined && <span className="mono"> returned {errnoName(e.errno)}</span>}:{' '}
              {e.detail}
              {e.errno !== undefined && ' — vfio ignores the result, so the write itself succeeded.'}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function WritePanel({ session, offset, size }: { session: Session; offset: number; size: number }) {
  const [as, setAs] = useState<'guest' | 'vmm'>('guest');
  const [width, setWidth] = useState<1 | 2 | 4>(size === 1 || size === 2 ? size : 4);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The last write to this register (results pair with the op-log by index): another register's
  // "Last write" would read as this one's.
  const ops = useExplorer((st) => st.ops);
  const lastIndex = session.results.findLastIndex((r, i) => {
    const op = ops[i];
    return (
      r.kind === 'write' && op?.kind === 'write' && op.offset < offset + size && offset < op.offset + op.size
    );
  });
  const last =
    lastIndex >= 0 ? (session.results[lastIndex] as Extract<OpResult, { kind: 'write' }>) : undefined;
  const lastError =
    session.results.at(-1)?.kind === 'error' ? (session.results.at(-1) as { message: string }).message : null;

  const full = `The op-log is full (${LIMITS.ops} operations, what a link carries): remove or undo some first`;
  const read = () => setError(addOp({ kind: 'read', as, offset, size: width }) ? null : full);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const t = text.trim().replace(/^0x/i, '');
    if (!/^[0-9a-f]{1,8}$/i.test(t)) return setError('Enter a hex value, e.g. fee00000');
    const value = parseInt(t, 16);
    if (value > (width === 4 ? 0xffffffff : (1 << (8 * width)) - 1))
      return setError(`${hx(value, 4)} does not fit in ${width} byte(s)`);
    setError(addOp({ kind: 'write', as, offset, size: width, value }) ? null : full);
  };

  return (
    <form className="write-panel" onSubmit={submit} aria-label="Write a register">
      <fieldset>
        <legend>Write at 0x{offset.toString(16).padStart(2, '0')}</legend>
        <label>
          <input type="radio" name="as" checked={as === 'guest'} onChange={() => setAs('guest')} /> as the
          guest
        </label>
        <label>
          <input type="radio" name="as" checked={as === 'vmm'} onChange={() => setAs('vmm')} /> as the VMM
        </label>
        <label>
          size{' '}
          <select value={width} onChange={(e) => setWidth(Number(e.target.value) as 1 | 2 | 4)}>
            <option value={1}>1</option>
            <option value={2}>2</option>
            <option value={4}>4</option>
          </select>
        </label>
        <label>
          value 0x
          <input
            className="mono"
            size={9}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={!!error}
          />
        </label>
        <button type="submit">Write</button>
        <button type="button" onClick={read}>
          Read
        </button>
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {lastError && (
        <p className="error" role="alert">
          {lastError}
        </p>
      )}
      {last && <LastWrite r={last} />}
    </form>
  );
}
