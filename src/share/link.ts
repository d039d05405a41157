/**
 * Share links with the token codec bound: the complete encoder and decoder used by files, the CLI and
 * the share dialog. (fragment.ts has the readable format; the token's payload and compressor join here.)
 */
import { decodeFragment, encodeFragment, sentence, type OpenResult, type TokenCodec } from './fragment';
import { LIMITS, type LinkState } from './state';
import { declaredBlobSizes, frameToPayload, payloadToFrame, splitBlobs } from './payload';
import { packToken, unpackToken } from './token';

export { LINK_VERSION, type OpenResult } from './fragment';

/** The token codec with the inflate limit for where the link comes from (an address bar or a file). */
const tokensUpTo = (limit: number): TokenCodec => ({
  pack: (payload) => packToken(payloadToFrame(payload)),
  unpack: (token) => {
    const { json, rest } = unpackToken(token, limit);
    return frameToPayload(json, splitBlobs(rest, declaredBlobSizes(json)));
  },
});
const TOKENS = tokensUpTo(LIMITS.inflatedBytes);
const FILE_TOKENS = tokensUpTo(LIMITS.fileInflatedBytes);

/** The fragment (without `#`) for a state, however long. */
export const encodeLink = (state: LinkState): string => encodeFragment(state, TOKENS);

/**
 * Opens a fragment (with or without `#`). An empty one is the default screen. `maxChars` is lifted only
 * for states read from a file, which is where a state too long for a link goes.
 */
export const decodeLink = (fragment: string, maxChars: number = LIMITS.linkChars): OpenResult =>
  decodeFragment(fragment, maxChars, maxChars > LIMITS.linkChars ? FILE_TOKENS : TOKENS);

export type ShareResult =
  | { readonly ok: true; readonly fragment: string }
  | { readonly ok: false; readonly length: number; readonly message: string };

/** A link to hand to someone: refused, with the way out, when it would be too long to survive chat and mail. */
export function shareLink(state: LinkState): ShareResult {
  const fragment = encodeLink(state);
  if (fragment.length <= LIMITS.linkChars) {
    // Success only for a link that opens: whatever the encoder wrote, the decoder must take back.
    const reopened = decodeLink(fragment);
    if (reopened.ok) return { ok: true, fragment };
    return {
      ok: false,
      length: fragment.length,
      message: sentence('This state cannot be shared as a link', reopened.reason),
    };
  }
  return {
    ok: false,
    length: fragment.length,
    message: `This state needs a ${fragment.length}-character link, and links over ${LIMITS.linkChars} characters break in chat and mail: export it to a file instead.`,
  };
}
