/**
 * The op-log replayed on both kernels side by side (`patchReplay`): per op, where each written bit went or
 * where each read bit came from and what was read, without and with the patch, the differing bits ringed
 * and the engine's sentence of what changed. Runs of ops the patch does not change fold into one row.
 */
import { Fragment, useMemo, useState } from 'react';
import { patchReplay, type ReplayRow, type Session, type SessionOp } from '../../src/index';
import { opText } from '../components/OpLog';
import { ReplayBits, ROUTE_LEGEND, RouteSwatch, useChangedColour } from './ReplayBits';

/** Consecutive rows, either one that differs or a run of rows that do not. */
type Group = { kind: 'differs'; row: ReplayRow } | { kind: 'same'; rows: ReplayRow[] };

function groupRows(rows: readonly ReplayRow[]): Group[] {
  const groups: Group[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (row.differs) groups.push({ kind: 'differs', row });
    else if (last?.kind === 'same') last.rows.push(row);
    else groups.push({ kind: 'same', rows: [row] });
  }
  return groups;
}

function Side({ row, side }: { row: ReplayRow; side: 'before' | 'after' }) {
  const outcome = row[side];
  const op = row.op;
  const strip =
    (op.kind === 'write' && outcome.kind === 'write') || (op.kind === 'read' && outcome.kind === 'read') ? (
      <ReplayBits
        outcome={outcome}
        value={outcome.kind === 'read' ? outcome.value : (op as { value: number }).value}
        size={op.size}
        changed={(row.moved | row.valueChanged) >>> 0}
      />
    ) : null;
  return (
    <td className={outcome.kind === 'error' ? 'replay-side error' : 'replay-side'}>
      {strip}
      <span className="replay-line">{side === 'before' ? row.beforeLine : row.afterLine}</span>
    </td>
  );
}

function Row({ row }: { row: ReplayRow }) {
  return (
    <tr className={row.differs ? 'replay-row differs' : 'replay-row same'}>
      <th scope="row" className="mono">
        {row.index + 1}
      </th>
      <td className="mono">{opText(row.op)}</td>
      <Side row={row} side="before" />
      <Side row={row} side="after" />
      <td className="replay-sentence">
        {!row.differs && <span className="replay-same-tag">same · </span>}
        {row.sentence}
      </td>
    </tr>
  );
}

const range = (rows: readonly ReplayRow[]) =>
  rows.length === 1 ? `#${rows[0].index + 1}` : `#${rows[0].index + 1}–${rows.at(-1)!.index + 1}`;

export function ReplayTable({
  session,
  ops,
  patchName,
}: {
  session: Session;
  ops: readonly SessionOp[];
  patchName: string;
}) {
  const rows = useMemo(() => patchReplay(session, ops), [session, ops]);
  const mark = useChangedColour();
  const [showAll, setShowAll] = useState(false);
  /** Folded runs the user opened, by their first op's index. */
  const [opened, setOpened] = useState<ReadonlySet<number>>(new Set());
  if (!rows) return null;
  if (!rows.length)
    return (
      <p className="muted">
        The op-log is empty. Write or read a register (the inspector’s Write and Read) to see what each access
        does on both kernels.
      </p>
    );
  const differing = rows.filter((r) => r.differs).length;
  const open = (first: number) => setOpened(new Set([...opened, first]));
  return (
    <>
      <p data-testid="replay-summary">
        {differing
          ? `${differing} of ${rows.length} operation${rows.length === 1 ? '' : 's'} ${differing === 1 ? 'behaves' : 'behave'} differently with ${patchName}.`
          : `${patchName} changes none of the ${rows.length} operation${rows.length === 1 ? '' : 's'}.`}{' '}
        <label>
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> show
          unchanged operations
        </label>
      </p>
      <p className="replay-legend muted">
        Bits on the colour of where they went or came from:{' '}
        {ROUTE_LEGEND.map(([route, label]) => (
          <span key={route} className="replay-legend-item">
            <RouteSwatch route={route} /> {label}
          </span>
        ))}
        <span className="replay-legend-item">
          <span
            className="replay-bit changed legend"
            style={{ boxShadow: `0 3px 0 0 ${mark}` }}
            aria-hidden="true"
          >
            1
          </span>{' '}
          differs with the patch
        </span>
      </p>
      <div className="replay-scroll">
        <table className="replay-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Operation</th>
              <th scope="col">Without the patch ({session.kernel.id})</th>
              <th scope="col">With {patchName}</th>
              <th scope="col">What changes</th>
            </tr>
          </thead>
          <tbody>
            {groupRows(rows).map((g) => {
              if (g.kind === 'differs') return <Row key={g.row.index} row={g.row} />;
              const first = g.rows[0].index;
              if (showAll || opened.has(first))
                return (
                  <Fragment key={first}>
                    {g.rows.map((r) => (
                      <Row key={r.index} row={r} />
                    ))}
                  </Fragment>
                );
              return (
                <tr key={first} className="replay-fold">
                  <td colSpan={5}>
                    <button className="link" onClick={() => open(first)}>
                      {g.rows.length} unchanged operation{g.rows.length === 1 ? '' : 's'} ({range(g.rows)})
                    </button>{' '}
                    <span className="muted">do the same on both kernels.</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
