/**
 * The link codecs (and the compressor behind them) load on demand: a page opened without a link, or a
 * link without a token, never waits for them. The promise is shared, so the chunk loads once.
 */
import { decodeFragment, encodeFragment, LIMITS, type LinkState, type OpenResult } from '../../src/index';

type ShareEngine = typeof import('../../src/share/index');

let loading: Promise<ShareEngine> | null = null;

/** A failed fetch is not remembered, so the next use tries again. */
export const loadShareEngine = (): Promise<ShareEngine> =>
  (loading ??= import('../../src/share/index').catch((e: unknown) => {
    loading = null;
    throw e;
  }));

/** Opens a fragment; only a link that carries a token waits for the compressor. */
export async function openLink(fragment: string): Promise<OpenResult> {
  return decodeFragment(fragment, LIMITS.linkChars, null) ?? (await loadShareEngine()).decodeLink(fragment);
}

/** The fragment for a state; only a state that needs a token waits for the compressor. */
export async function fragmentOf(state: LinkState): Promise<string> {
  return encodeFragment(state, null) ?? (await loadShareEngine()).encodeLink(state);
}
