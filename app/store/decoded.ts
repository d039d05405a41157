/**
 * A device's decoded config, once per loaded byte array: the store resolves the link's selection with it
 * and the session builds on it. Loaded bytes are never changed in place, so their identity is the key.
 */
import { decodeConfig, type DecodedConfig } from '../../src/index';

const decodedByBytes = new WeakMap<Uint8Array, DecodedConfig>();

export function decodedOf(bytes: Uint8Array): DecodedConfig {
  let decoded = decodedByBytes.get(bytes);
  if (!decoded) {
    decoded = decodeConfig(bytes);
    decodedByBytes.set(bytes, decoded);
  }
  return decoded;
}
