/**
 * The engine session for the current state, memoised on its inputs (bytes, kernel, op-log, the kernel the
 * diff-kernel overlay compares with — replayed only while that overlay is shown — and the permission patch,
 * whose replay is `session.patchDiff`, whenever its text parses). While the config views follow the
 * scenario, the session is the scenario's device at the timeline's step instead (null while that code
 * loads); the user's own stays one useOwnSession away.
 */
import { useDeferredValue, useMemo } from 'react';
import { createSession, defaultCompareKernel, type PatchParse, type Session } from '../../src/index';
import { useFollowed } from '../follow/useFollowed';
import { parsedPatch } from '../patch/parsed';
import { decodedOf } from './decoded';
import { useExplorer, type ValueView } from './explorer';

/** The store's patch text parsed (null: no patch); a patch that does not parse carries its errors. */
export function usePermPatch(): PatchParse | null {
  const patch = useExplorer((s) => s.patch);
  return patch ? parsedPatch(patch) : null;
}

/** The user's device replayed with the user's op-log, whatever the config views show. */
export function useOwnSession(): Session | null {
  const bytes = useExplorer((s) => s.bytes);
  const kernel = useExplorer((s) => s.kernel);
  const ops = useExplorer((s) => s.ops);
  const qemu = useExplorer((s) => s.qemu);
  const compareKernel = useExplorer((s) =>
    s.overlay === 'diff-kernel' ? (s.compareKernel ?? defaultCompareKernel(s.kernel)) : undefined,
  );
  // Typing in the patch editor stays responsive: the patched replay follows the text a render behind.
  const viewPatch = useDeferredValue(useExplorer((s) => s.patch));
  const parse = viewPatch ? parsedPatch(viewPatch) : null;
  const patch = parse?.ok ? parse.patch : undefined;
  return useMemo(
    () =>
      bytes
        ? createSession({ bytes, kernel, compareKernel, ops, qemu, patch, decoded: decodedOf(bytes) })
        : null,
    [bytes, kernel, compareKernel, ops, qemu, patch],
  );
}

/** What the config views show: the user's session, or the followed scenario's when it can be shown. */
export function useSession(): Session | null {
  const own = useOwnSession();
  const followed = useFollowed();
  if (followed?.state === 'shown') return followed.config.session;
  if (followed?.state === 'loading') return null;
  return own;
}

/**
 * The values the config views read. A device vfio-pci refuses (session.refusal: a bridge header, say) has
 * only its physical bytes, its guest and VMM views being zero-filled stand-ins, so the views show the
 * physical ones whatever view is chosen; the choice itself, and the link, stay for the next device.
 */
export function shownValueView(refusal: string | null | undefined, chosen: ValueView): ValueView {
  return refusal ? 'physical' : chosen;
}

/** `shownValueView` for the store's chosen view. */
export function useShownValueView(session: Session | null): ValueView {
  return shownValueView(
    session?.refusal,
    useExplorer((s) => s.valueView),
  );
}
