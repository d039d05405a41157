/**
 * What lspci would print for a register or bit field in each view, as the engine decodes that view's bytes:
 * one phrase when the guest, the VMM and the device agree, each view's own where they differ.
 */
import {
  fieldInView,
  type DecodedBits,
  type DecodedField,
  type Session,
  type ViewName,
} from '../../src/index';

const VIEWS: readonly [ViewName, string][] = [
  ['guest', 'guest'],
  ['vmm', 'VMM'],
  ['physical', 'physical'],
];

type Pick = (f: DecodedField) => string | undefined;

/** The meaning of bit field `name` in a decoded register. */
export const bitMeaning =
  (name: string): Pick =>
  (f) =>
    f.bits?.find((b: DecodedBits) => b.name === name)?.meaning;

export const registerMeaning: Pick = (f) => f.meaning;

export function MeaningByView({
  session,
  field,
  pick,
}: {
  session: Session;
  field: DecodedField;
  pick: Pick;
}) {
  const said = VIEWS.map(([view, label]) => {
    const f = fieldInView(session.views, view, field.offset, field.name);
    return [label, f ? pick(f) : undefined] as const;
  });
  const known = said.filter(([, m]) => m !== undefined);
  if (known.length === 0) return null;
  if (known.length === said.length && known.every(([, m]) => m === known[0][1]))
    return <span className="meaning">{known[0][1]}</span>;
  return (
    <span className="meaning">
      {said.map(([label, m], i) => (
        <span key={label}>
          {i > 0 && ' · '}
          <span className="muted">{label}:</span> {m ?? 'not in this view'}
        </span>
      ))}
    </span>
  );
}
