/**
 * What a register means in one of a session's views, in lspci's words: the view's own bytes decoded (so the
 * guest's view reads through QEMU's capability chain, and a capability a view hides has no meaning there).
 * Views are snapshots that never change in place, so each is decoded once.
 */
import { decodeConfig } from '../pci/decode';
import { buildFieldIndex, type FieldIndex } from '../pci/field-index';
import type { DecodedField } from '../pci/fields';
import { lspciBlocks, type LspciBlocks } from '../pci/lspci-vvv/blocks';
import type { Views } from './session';

export type ViewName = 'guest' | 'vmm' | 'physical';

const indexByBytes = new WeakMap<Uint8Array, FieldIndex>();

function indexOf(bytes: Uint8Array): FieldIndex {
  let index = indexByBytes.get(bytes);
  if (!index) {
    index = buildFieldIndex(decodeConfig(bytes));
    indexByBytes.set(bytes, index);
  }
  return index;
}

/** The register `name` at `offset` as `view` decodes it, or null where that view has no such register. */
export function fieldInView(views: Views, view: ViewName, offset: number, name: string): DecodedField | null {
  const field = indexOf(views[view]).at(offset)?.field;
  return field && field.offset === offset && field.name === name ? field : null;
}

const blocksByBytes = new WeakMap<Uint8Array, LspciBlocks>();

/** What `lspci -vvv` prints for a view's bytes, by structure (a guest's lspci reads QEMU's view). */
export function lspciInView(views: Views, view: ViewName): LspciBlocks {
  const bytes = views[view];
  let blocks = blocksByBytes.get(bytes);
  if (!blocks) {
    blocks = lspciBlocks(bytes);
    blocksByBytes.set(bytes, blocks);
  }
  return blocks;
}
