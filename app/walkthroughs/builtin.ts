/**
 * Built-in walkthroughs are written as links: each step is a fragment the engine decodes, so a step that
 * stops being a valid state fails the build's tests rather than a talk. `refs` point at the list mail.
 */
import type { Region, SessionOp, WalkStep } from '../../src/index';
import { decodeLink } from '../../src/share/index';
import type { Mail } from './content/refs';

export interface Ref {
  readonly label: string;
  readonly href: string;
}

export interface BuiltinStep extends WalkStep {
  readonly refs: readonly Ref[];
}

export interface BuiltinWalkthrough {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly steps: readonly BuiltinStep[];
  /** A review walkthrough: the mails of its thread, shown beside it with the steps citing each. */
  readonly thread?: readonly Mail[];
  /** Show the RFC's hunks and their engine effects beside the steps. */
  readonly patch?: boolean;
}

/** A step from its readable link keys; `ops` adds config writes a link would carry in its token. */
export function step(
  fragment: string,
  highlight: Region,
  note: string,
  refs: readonly Ref[] = [],
  ops: readonly SessionOp[] = [],
): BuiltinStep {
  const r = decodeLink(fragment);
  if (!r.ok) throw new Error(`built-in walkthrough step "${fragment}": ${r.message}`);
  return { state: { ...r.state.view, ops: [...r.state.view.ops, ...ops] }, note, highlight, refs };
}

/** A message on lore.kernel.org by its Message-ID. */
export const lore = (messageId: string, label: string): Ref => ({
  label,
  href: `https://lore.kernel.org/all/${messageId}/`,
});
