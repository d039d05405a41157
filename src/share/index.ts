/** The share-link and file codecs as one module, so the app can load them (and fflate) on demand. */
export { decodeLink, encodeLink, shareLink, LINK_VERSION } from './link';
export type { OpenResult, ShareResult } from './link';
export { readExplorerFile, stateToFile, walkthroughToFile } from './file';
