/** Any op-log entry the explorer can record, for the link and state-file round-trip property tests. */
import fc from 'fast-check';
import type { SessionOp } from '../../src/index';

const access = {
  as: fc.constantFrom('guest' as const, 'vmm' as const),
  size: fc.constantFrom(1 as const, 2 as const, 4 as const),
  offset: fc.integer({ min: 0, max: 4092 }),
};

export const sessionOp: fc.Arbitrary<SessionOp> = fc.oneof(
  fc.record({
    kind: fc.constant('write' as const),
    ...access,
    value: fc.integer({ min: 0, max: 0xffffffff }),
  }),
  fc.record({ kind: fc.constant('read' as const), ...access }),
  // The feature panel's fields keep to __u32 (flags: GET/SET/PROBE bits and a 16-bit feature).
  fc.record({
    kind: fc.constant('feature' as const),
    flags: fc.integer({ min: 0, max: 0xffffffff }),
    argsz: fc.integer({ min: 0, max: 0xffffffff }),
  }),
  fc.constant({ kind: 'reset' as const }),
);
