/**
 * Keeps the address bar's fragment a projection of the store, and opens whatever fragment arrives (page
 * load, Back/Forward, an edited address). A link that cannot be opened shows its reason and the default
 * screen; it never blanks the page or runs anything it carries.
 */
import {
  DEFAULT_LINK,
  DEFAULT_VIEW,
  EngineError,
  LIMITS,
  runScenario,
  type LinkState,
} from '../../src/index';
import { PRESETS } from '../presets';
import { setLinkError, useExplorer, type ExplorerState } from '../store/explorer';
import { offerDraft } from '../store/draft';
import { applyLink, applyView, linkOf } from '../store/link';
import { stepsOf } from '../walkthroughs/navigate';
import { builtinById, loadBuiltins } from '../walkthroughs/catalog';
import { deliberatePending, landmarkOf, takeDeliberate } from './history';
import { fragmentOf, openLink } from './share-engine';
import { takeEmbed, withEmbed } from './embed';

function unknownPreset(state: LinkState): string | null {
  const views = [
    state.view,
    ...(state.walk?.kind === 'custom' ? state.walk.walkthrough.steps.map((s) => s.state) : []),
  ];
  for (const v of views)
    if (v.device.kind === 'preset' && !PRESETS.some((p) => p.id === (v.device as { id: string }).id))
      return v.device.id;
  return null;
}

/**
 * Once a walkthrough's steps are known: a link that names a walkthrough but no screen of its own (a
 * hand-written `#walk=novirt-review&wstep=3`) opens that step's screen; a step beyond the walkthrough or
 * an unknown built-in is reported and dropped.
 */
async function settleWalk(state: LinkState, hasOwnView: boolean): Promise<void> {
  if (!state.walk) return;
  if (state.walk.kind === 'builtin') {
    const { id } = state.walk;
    await loadBuiltins();
    const w = builtinById(id);
    if (!w) {
      // Presentation mode, if asked for, stays: it shows the error and the current screen.
      useExplorer.setState({ walk: null, walkStep: 0 });
      setLinkError(`This link cannot be opened as it was: walk=${id}: there is no such walkthrough.`);
      return;
    }
    if (state.walkStep >= w.steps.length) {
      useExplorer.setState({ walkStep: w.steps.length - 1 });
      setLinkError(
        `This link asks for step ${state.walkStep + 1} of "${w.title}", which has ${w.steps.length}.`,
      );
      return;
    }
  }
  if (!hasOwnView) applyView(stepsOf()[state.walkStep].state);
}

/**
 * A `step` past the scenario's last event opens on that last event and says so, as a `wstep` past a
 * walkthrough does; once the notice is dismissed the address bar shows the step actually shown.
 */
function settleStep(): void {
  const { scenarioId, scenarioOptions, step } = useExplorer.getState();
  if (step === 0) return;
  let result;
  try {
    result = runScenario(scenarioId, scenarioOptions);
  } catch (e) {
    // The timeline panel reports a scenario that cannot run.
    if (e instanceof EngineError) return;
    throw e;
  }
  const last = Math.max(0, result.events.length - 1);
  if (step <= last) return;
  const notice = `This link asks for step ${step} of ${result.id} "${result.title}", whose last step is ${last}: showing step ${last}.`;
  const earlier = useExplorer.getState().linkError;
  useExplorer.setState({ step: last });
  setLinkError(earlier ? `${earlier} ${notice}` : notice);
}

let written = '';
/** landmarkOf the state in the current history entry. */
let landmark = '';
/** The page just opened a link (load, Back/Forward): its first write settles that entry, never pushes. */
let settling = true;

/**
 * A link that cannot be opened shows the default screen and why. One that asked for presentation mode
 * (its own `present=1`, whatever else is wrong with it) says so in presentation mode: a talk opened from a
 * broken link shows the audience what went wrong instead of dropping the speaker into the explorer.
 */
function refuse(fragment: string, message: string): void {
  applyLink({ ...DEFAULT_LINK, present: fragment.split('&').includes('present=1') });
  setLinkError(message);
}

export async function openFragment(hash: string): Promise<void> {
  written = hash.replace(/^#/, '');
  const fragment = takeEmbed(written);
  settling = true;
  // The decoder of a token-carrying link is a chunk of its own; if it cannot be fetched the page still
  // opens, on the default screen, saying so.
  const r = await openLink(fragment).catch((e: unknown) => ({
    ok: false as const,
    message: `This link could not be opened: its decoder did not load (${String(e)}). Reload to try again.`,
  }));
  setLinkError(null);
  if (!r.ok) {
    refuse(fragment, r.message);
    return;
  }
  const unknown = unknownPreset(r.state);
  if (unknown) {
    refuse(fragment, `This link cannot be opened: device=${unknown}: no such device preset.`);
    return;
  }
  applyLink(r.state);
  // Key order is the decoder's, not DEFAULT_VIEW's: compare the view laid over the default's keys.
  const ownView = JSON.stringify({ ...DEFAULT_VIEW, ...r.state.view }) !== JSON.stringify(DEFAULT_VIEW);
  await settleWalk(r.state, ownView);
  settleStep();
}

/** The fragment the store projects to, or null while it is too long for a link. */
async function projected(s: ExplorerState): Promise<string | null> {
  const fragment = await fragmentOf(linkOf(s));
  return fragment.length <= LIMITS.linkChars ? fragment : null;
}

async function write(): Promise<void> {
  const s = useExplorer.getState();
  // A preset still loading has no selection yet: wait, so the link keeps the one it asked for.
  if (s.playing || (!s.bytes && !s.loadError)) return;
  // While a link's error is shown the address bar keeps that link, so it can be read, fixed or reloaded;
  // dismissing the error hands the address bar back to the screen.
  if (s.linkError) return;
  const fragment = await projected(s);
  // The store may have moved on while the codec loaded: write what it holds now. (Leaving it to a later
  // write lost the entry when the move was only the pointer's hover, which schedules no write: on a slow
  // machine, a click and the next mouse move fell inside one codec load and the address bar kept the old link.)
  if (useExplorer.getState() !== s) return write();
  if (s.urlStale !== (fragment === null)) useExplorer.setState({ urlStale: fragment === null });
  if (fragment === null || withEmbed(fragment) === written) {
    takeDeliberate();
    if (fragment !== null && settling) {
      landmark = landmarkOf(linkOf(s));
      settling = false;
    }
    return;
  }
  written = withEmbed(fragment);
  const url = `${location.pathname}${location.search}#${written}`;
  const mark = landmarkOf(linkOf(s));
  const push = takeDeliberate() || (!settling && mark !== landmark);
  landmark = mark;
  settling = false;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/**
 * Opens the address bar's link and keeps it in step with the store from then on. Resolves once the
 * first screen is decided, so the page never renders the default screen on its way to a link's.
 */
export async function startUrlSync(): Promise<void> {
  if (location.hash.length > 1) await openFragment(location.hash);
  let timer: ReturnType<typeof setTimeout> | undefined;
  useExplorer.subscribe((s, prev) => {
    if (s === prev || s.hover !== prev.hover) return;
    clearTimeout(timer);
    // A walkthrough step gets its entry as soon as its state is in (after the step's own updates, in the
    // same task): debounced, a quick next step would land in the same write and Back would skip a step.
    if (deliberatePending()) queueMicrotask(() => void write());
    else timer = setTimeout(() => void write(), 120);
  });
  const onNavigate = () => {
    // A link that replaces authored work leaves it in the draft, offered back (and one Back away).
    if (location.hash.replace(/^#/, '') !== written) void openFragment(location.hash).then(offerDraft);
  };
  addEventListener('popstate', onNavigate);
  addEventListener('hashchange', onNavigate);
}
