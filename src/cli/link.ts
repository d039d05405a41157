/**
 * `vfio-explorer link`: a share link that opens the explorer on a real dump, as a reviewer would paste
 * it into a patch reply. Everything is checked here, so a printed link always opens.
 */
import { basename } from 'node:path';
import { EngineError } from '../errors';
import { decodeConfig } from '../pci/decode';
import { padToConfigSpace, type LspciDevice } from '../pci/lspci';
import { resolveSetpciAddress } from '../pci/setpci';
import { SCENARIO_IDS } from '../scenario/catalog';
import { shareLink } from '../share/link';
import { presetMatching } from './preset-match';
import { formatSelect, NOVIRT_OP } from '../share/readable';
import { DEFAULT_LINK, DEFAULT_VIEW, LIMITS } from '../share/state';

/** Where `npm start` serves the explorer. */
export const DEFAULT_BASE = 'http://127.0.0.1:5173/';

export interface LinkOptions {
  readonly novirt: boolean;
  readonly select?: string;
  readonly scenario?: string;
  readonly base?: string;
}

/** A built-in preset by its id when the bytes are exactly that preset's, so the link stays short. */
function deviceOf(file: string, device: LspciDevice) {
  const preset = presetMatching(device.bytes);
  if (preset) return { kind: 'preset' as const, id: preset };
  // A dump that stops short opens as the whole config space it is part of; a name as long as a link keeps.
  return {
    kind: 'custom' as const,
    name: basename(file).slice(0, LIMITS.titleChars),
    bytes: padToConfigSpace(device.bytes),
  };
}

export function linkFor(file: string, device: LspciDevice, o: LinkOptions): string {
  let select: string | null = null;
  if (o.select !== undefined) {
    // Resolved against this dump so a name the device lacks fails here, not in the browser.
    const r = resolveSetpciAddress(o.select, decodeConfig(device.bytes));
    select = formatSelect(r.offset, r.size);
  }
  if (o.scenario !== undefined && !(SCENARIO_IDS as readonly string[]).includes(o.scenario))
    throw new EngineError('option', `--scenario ${o.scenario}: choose one of ${SCENARIO_IDS.join(', ')}`);
  let base: URL;
  try {
    base = new URL(o.base ?? DEFAULT_BASE);
  } catch {
    throw new EngineError('option', `--base ${o.base}: not a URL`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new EngineError('option', `--base ${o.base}: use an http or https URL`);
  base.hash = '';
  const r = shareLink({
    ...DEFAULT_LINK,
    view: {
      ...DEFAULT_VIEW,
      device: deviceOf(file, device),
      ops: o.novirt ? [NOVIRT_OP] : [],
      select,
      scenario: o.scenario ?? DEFAULT_VIEW.scenario,
    },
  });
  if (!r.ok) throw new EngineError('option', r.message);
  return `${base.href}#${r.fragment}`;
}
