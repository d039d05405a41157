/**
 * npm's reading of an `engines.node` range, for the forms packages use: `||` alternatives of
 * space-separated comparators (`>=`, `>`, `<`, `<=`, `=`), caret ranges (`^20.19.0`), and partial or
 * `*` versions (`20`, `6.*`, `*`, `>= 18`). Enough to predict npm's EBADENGINE without a semver package.
 */
type Version = [number, number, number];

const parse = (v: string): { at: Version; given: number } => {
  const parts = v.replace(/^v/, '').split('.').filter((p) => p !== '*' && p !== 'x');
  const n = parts.map(Number);
  return { at: [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0], given: parts.length };
};
const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
/** The first version past a partial one: `20` → 21.0.0, `6.2` → 6.3.0. */
const after = ({ at, given }: { at: Version; given: number }): Version =>
  given === 1 ? [at[0] + 1, 0, 0] : given === 2 ? [at[0], at[1] + 1, 0] : [at[0], at[1], at[2] + 1];

function comparator(c: string, v: Version): boolean {
  const [, op, rest] = /^(>=|<=|>|<|=|\^|~)?\s*(.+)$/.exec(c)!;
  const p = parse(rest);
  if (p.given === 0) return true; // `*`, `x`
  switch (op) {
    case '>=':
      return cmp(v, p.at) >= 0;
    case '>':
      return cmp(v, after(p)) >= 0;
    case '<':
      return cmp(v, p.at) < 0;
    case '<=':
      return cmp(v, after(p)) < 0;
    case '^': {
      const top: Version = p.at[0] > 0 ? [p.at[0] + 1, 0, 0] : [0, p.at[1] + 1, 0];
      return cmp(v, p.at) >= 0 && cmp(v, top) < 0;
    }
    case '~':
      return cmp(v, p.at) >= 0 && cmp(v, after({ at: p.at, given: Math.min(p.given, 2) })) < 0;
    default:
      return cmp(v, p.at) >= 0 && cmp(v, after(p)) < 0;
  }
}

export function nodeRangeAdmits(range: string, version: string): boolean {
  const v = parse(version).at;
  return range.split('||').some((alt) =>
    alt
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .every((c) => comparator(c, v)),
  );
}
