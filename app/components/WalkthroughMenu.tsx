/** Start a walkthrough: a built-in one, a new one from the current screen, or one from a file. */
import { newWalkthrough, openBuiltin } from '../walkthroughs/navigate';
import { BUILTIN_INDEX } from '../walkthroughs/catalog';
import { useExplorer } from '../store/explorer';
import { OpenFileButton } from './OpenFileButton';

export function WalkthroughMenu() {
  const walk = useExplorer((s) => s.walk);
  const current = walk?.kind === 'builtin' ? walk.id : walk ? 'custom' : '';
  return (
    <>
      <label>
        Walkthrough{' '}
        <select
          value={current}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'new') newWalkthrough();
            else if (v && v !== 'custom') void openBuiltin(v);
          }}
        >
          <option value="" disabled={!walk}>
            choose…
          </option>
          {BUILTIN_INDEX.map((w) => (
            <option key={w.id} value={w.id}>
              {w.title}
            </option>
          ))}
          {walk?.kind === 'custom' && <option value="custom">{walk.walkthrough.title}</option>}
          <option value="new">New walkthrough from this screen</option>
        </select>
      </label>
      <OpenFileButton />
    </>
  );
}
