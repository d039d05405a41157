/**
 * createVfioDevice's options checked before use, as data: each option's kind. An option object from JSON
 * or a link can hold anything — a string where a number belongs, `__proto__` or `constructor` as own
 * keys — and each is refused with an EngineError naming it rather than coerced, inherited or crashed on.
 */
import { EngineError } from '../errors';
import type { VfioDeviceOptions } from './create-device';
import { KERNEL_IDS } from './kernel';

type Kind = 'boolean' | 'bytes' | 'resources' | 'ids' | 'patch' | readonly (string | number)[];

const OPTION_KINDS: { readonly [K in keyof Required<VfioDeviceOptions>]: Kind } = {
  cfgSize: [256, 4096],
  kernel: KERNEL_IDS,
  hardware: ['memory', 'realistic'],
  hwWritable: 'bytes',
  hwRw1c: 'bytes',
  resources: 'resources',
  nointx: 'boolean',
  rfc: 'boolean',
  pci23: 'boolean',
  virtfn: 'ids',
  intxConfigured: 'boolean',
  irqConnected: 'boolean',
  vpd: 'bytes',
  enable: 'boolean',
  patch: 'patch',
};

const RESOURCE_TYPES = ['mem32', 'mem64', 'io', 'rom', 'romShadow'];
const u16 = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffff;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function resourceProblem(r: unknown, i: number): string | null {
  if (!isObject(r)) return `resources[${i}] is not an object`;
  if (!Number.isInteger(r.index) || (r.index as number) < 0 || (r.index as number) > 6)
    return `resources[${i}].index must be 0 to 6 (BAR0–5, ROM)`;
  if (!Number.isSafeInteger(r.start) || (r.start as number) < 0)
    return `resources[${i}].start must be an address`;
  if (!Number.isSafeInteger(r.size) || (r.size as number) < 0)
    return `resources[${i}].size must be a byte count`;
  if (!RESOURCE_TYPES.includes(r.type as string))
    return `resources[${i}].type must be one of ${RESOURCE_TYPES.join(', ')}`;
  if (r.prefetch !== undefined && typeof r.prefetch !== 'boolean')
    return `resources[${i}].prefetch must be true or false`;
  return null;
}

function problem(kind: Kind, v: unknown): string | null {
  if (Array.isArray(kind)) return kind.includes(v as never) ? null : `must be one of ${kind.join(', ')}`;
  switch (kind) {
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be true or false';
    case 'bytes':
      return v instanceof Uint8Array ? null : 'must be a Uint8Array';
    case 'ids':
      return isObject(v) && u16(v.vendor) && u16(v.device)
        ? null
        : 'must be { vendor, device } of 16-bit IDs';
    case 'patch':
      return isObject(v) && Array.isArray(v.edits) && Array.isArray(v.lengths) && Array.isArray(v.sizeofs)
        ? null
        : 'must be a parsed permission patch (parsePermPatch)';
    case 'resources': {
      if (!Array.isArray(v)) return 'must be a list of BAR resources';
      return v.map(resourceProblem).find((p) => p !== null) ?? null;
    }
  }
  return null;
}

/** The options, checked: unknown and prototype keys, and values of the wrong kind, are EngineErrors. */
export function checkDeviceOptions(options: unknown): VfioDeviceOptions {
  if (!isObject(options) || Array.isArray(options))
    throw new EngineError('option', 'options must be an object');
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(OPTION_KINDS, key))
      throw new EngineError('option', `unknown option "${key.slice(0, 40)}"`);
    const value = options[key];
    if (value === undefined) continue;
    const why = problem(OPTION_KINDS[key as keyof VfioDeviceOptions], value);
    if (why) throw new EngineError('option', `option "${key}" ${why}`);
  }
  return options as VfioDeviceOptions;
}
