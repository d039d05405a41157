/** What a share-link state opens, rebuilt with the engine: its device's bytes and its session. */
import {
  ath11kConfig,
  createSession,
  permPatchOrThrow,
  type Session,
  type SessionOp,
  type ViewState,
} from '../../src/index';
import { fixtureBytes } from './fixtures';

/** The bytes of a state's device: a pasted dump, an ath11k reconstruction, or a fixture preset. */
export function deviceBytes(v: ViewState): Uint8Array {
  if (v.device.kind === 'custom') return v.device.bytes;
  if (v.device.id === 'qca6390') return ath11kConfig({ deviceId: 0x1101, msi: 'host' });
  if (v.device.id === 'wcn6855') return ath11kConfig({ deviceId: 0x1103, msi: 'host' });
  return fixtureBytes(v.device.id);
}

/** The session the explorer builds for a state, its permission patch too (optionally another op-log). */
export const sessionOf = (v: ViewState, ops: readonly SessionOp[] = v.ops): Session =>
  createSession({
    bytes: deviceBytes(v),
    kernel: v.kernel,
    ops,
    ...(v.patch ? { patch: permPatchOrThrow(v.patch.text, v.patch.name) } : {}),
  });
