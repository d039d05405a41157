// Where `npm test` gets Chromium for the UI tests: the one at CHROMIUM_PATH (default Debian's
// /usr/bin/chromium); missing, Debian's `chromium` package installed through apt when this user may do
// so (root with apt-get), and otherwise the one command to run. Never `npx playwright install`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y chromium';

/** What to do, from the facts alone (types in chromium.d.mts). */
export function chromiumPlan({ path, custom, exists, root, apt }) {
  if (exists) return { kind: 'ready' };
  if (custom) return { kind: 'tell', say: `CHROMIUM_PATH names ${path}, which does not exist.` };
  if (root && apt)
    return {
      kind: 'install',
      say: `The UI tests need Chromium: installing Debian's chromium package with apt-get.`,
    };
  return {
    kind: 'tell',
    say: `The UI tests drive Debian's Chromium at ${path}, which is missing. Install it with:\n  ${INSTALL_COMMAND}`,
  };
}

const hasAptGet = () => spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;

/** Makes sure Chromium is there; returns its path, or undefined after saying what to run. */
export function ensureChromium(env = process.env) {
  const path = env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  const plan = chromiumPlan({
    path,
    custom: env.CHROMIUM_PATH !== undefined,
    exists: existsSync(path),
    root: process.getuid?.() === 0,
    apt: hasAptGet(),
  });
  if (plan.kind === 'ready') return path;
  console.error(plan.say);
  if (plan.kind === 'tell') return undefined;
  const apt = (args) =>
    spawnSync('apt-get', args, { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } })
      .status === 0;
  if (apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'chromium']) && existsSync(path)) return path;
  console.error(`Installing chromium failed; run:\n  ${INSTALL_COMMAND}`);
  return undefined;
}
