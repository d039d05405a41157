/** Skip links: the first stops of the tab order, one per main region, shown when focused. */
import { focusLater, TARGETS } from '../navigation';
import { useExplorer } from '../store/explorer';

const LINKS: [keyof typeof TARGETS, string][] = [
  ['bitmap', 'Skip to the config space bitmap'],
  ['inspector', 'Skip to the Register inspector'],
  ['tree', 'Skip to the field tree'],
  ['scenario', 'Skip to the interrupt path'],
  ['timeline', 'Skip to the timeline'],
];

export function SkipLinks() {
  const walk = useExplorer((s) => s.walk);
  const links = walk ? [...LINKS, ['walkthrough', 'Skip to the walkthrough'] as const] : LINKS;
  return (
    <nav className="skip-links" aria-label="Skip links">
      {links.map(([target, label]) => (
        <button key={target} className="link" onClick={() => focusLater(TARGETS[target])}>
          {label}
        </button>
      ))}
    </nav>
  );
}
