/**
 * The link codecs (and the compressor behind them) load on demand: a page opened without a link, or a
 * link without a token, never waits for them. The promise is shared, so the chunk loads once.
 */
type ShareEngine = typeof import('../../src/share/index');

let loading: Promise<ShareEngine> | null = null;

export const loadShareEngine = (): Promise<ShareEngine> => (loading ??= import('../../src/share/index'));
