/** What a click on a byte selects: the register the engine's decode places there, or the byte itself. */
import { parseSizedSelect, resolveSetpciAddress, type DecodedConfig, type Session } from '../src/index';
import type { Selection } from './store/explorer';

export function selectionFor(session: Session, offset: number): Selection {
  const loc = session.fields.at(offset);
  return loc ? { offset: loc.field.offset, size: loc.field.size } : { offset, size: 1 };
}

/** Bring `el` into view inside the scrolling `container` only (scrollIntoView would move the page too). */
export function scrollWithin(container: HTMLElement | null, el: Element | null | undefined): void {
  if (!container || !(el instanceof HTMLElement)) return;
  const top = el.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop;
  if (top < container.scrollTop || top > container.scrollTop + container.clientHeight - 24)
    container.scrollTop = Math.max(0, top - 24);
}

/** The register a freshly loaded device opens on: the MSI address if there is MSI, else COMMAND. */
export function defaultSelection(decoded: DecodedConfig): Selection {
  const msi = decoded.capabilities.find((c) => c.id === 0x05);
  return msi ? { offset: msi.offset + 4, size: 4 } : { offset: 0x04, size: 2 };
}

/** A link's `select=` on this device: a Selection, or why it does not fit. */
export function resolveSelection(expr: string, decoded: DecodedConfig): Selection | string {
  const sized = parseSizedSelect(expr);
  if (sized) return sized;
  try {
    const r = resolveSetpciAddress(expr, decoded);
    return { offset: r.offset, size: r.size };
  } catch (e) {
    return (e as Error).message;
  }
}
