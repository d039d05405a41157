/**
 * The colour theme: light, dark, or following the system's `prefers-color-scheme` (the default).
 *
 * A viewer preference, kept in localStorage and deliberately NOT in the explorer store or the share link:
 * a link says what to look at, not how the reader's screen should look. A reader who likes dark pages
 * should not get a glaring white page because the author liked light ones (and vice versa), and
 * changing the theme must not push a history entry or alter a link someone is about to share.
 *
 * The stylesheet defines every colour once as `light-dark(light, dark)`; this module only sets the root's
 * `data-theme` when the viewer overrides the system, which pins `color-scheme` (see styles.css). The canvas
 * palettes (bitmap/palette.ts) need the resolved theme in script, hence `useResolvedTheme`.
 */
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_CHOICES: readonly [ThemeChoice, string][] = [
  ['system', 'follow system'],
  ['light', 'light'],
  ['dark', 'dark'],
];

const KEY = 'vfio-explorer.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

interface ThemeState {
  choice: ThemeChoice;
  /** What the system asks for, kept current by a media-query listener. */
  system: Theme;
}

const isChoice = (v: unknown): v is ThemeChoice => v === 'system' || v === 'light' || v === 'dark';

function storedChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return isChoice(v) ? v : 'system';
  } catch {
    // Storage can be disabled (privacy settings, sandboxed embeds): the system's scheme still applies.
    return 'system';
  }
}

const systemTheme = (): Theme =>
  typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light';

export const useTheme = create<ThemeState>(() => ({ choice: 'system', system: 'light' }));

export const resolveTheme = (s: ThemeState): Theme => (s.choice === 'system' ? s.system : s.choice);
export const useResolvedTheme = (): Theme => useTheme(resolveTheme);

function apply(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

export function setTheme(choice: ThemeChoice): void {
  useTheme.setState({ choice });
  apply(choice);
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Not remembered where storage is off; the choice still holds for this page.
  }
}

/** Reads the remembered choice and follows the system's scheme from now on. Call once, before rendering. */
export function startTheme(): void {
  const choice = storedChoice();
  useTheme.setState({ choice, system: systemTheme() });
  apply(choice);
  if (typeof matchMedia === 'function')
    matchMedia(DARK_QUERY).addEventListener('change', (e) =>
      useTheme.setState({ system: e.matches ? 'dark' : 'light' }),
    );
  // Another tab changed the theme: follow it, so the viewer's preference is one thing.
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    const next = isChoice(e.newValue) ? e.newValue : 'system';
    useTheme.setState({ choice: next });
    apply(next);
  });
}
