/**
 * Hostile and broken input: random and mutated dumps, looping chains, pointers into the header or past
 * the data. The engine answers with a value or an EngineError — never another exception, never a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVfioDevice, decodeConfig, formatLspciDump, parseLspciDump } from '../../src/index';
import { fixtureBytes, fixtureNames, fixtureText } from '../helpers/fixtures';
import { engineErrorsOnly, fcParams } from '../helpers/fuzz';

const NAMES = fixtureNames();

describe('decodeConfig on broken chains', () => {
  const igb = () => fixtureBytes('8086-10c9-82576-igb-sriov').slice();
  it('a pointer into the header', () => {
    const b = igb();
    b[0x41] = 0x10;
    expect(decodeConfig(b).warnings).toContain(
      'capability pointer 0x10 points into the header; chain not followed',
    );
  });
  it('an extended loop', () => {
    const b = igb();
    b[0x143] = 0x10; // DSN's next → 0x100
    b[0x142] = b[0x142] & 0x0f;
    expect(decodeConfig(b).warnings).toContain('extended capability chain loops back to 0x100');
  });
  it('an extended pointer below 0x100', () => {
    const b = igb();
    b[0x103] = 0x00;
    b[0x102] = (b[0x102] & 0x0f) | 0x40;
    expect(decodeConfig(b).warnings.join()).toMatch(/points below 0x100/);
  });
  it('a capability ID 0xff ends the chain as broken', () => {
    const b = igb();
    b[0x50] = 0xff;
    expect(decodeConfig(b).warnings).toContain('capability chain broken at 0x50 (ID 0xff)');
  });
  it('a capability that runs past the data is clipped and said so', () => {
    const b = fixtureBytes('15b3-1019-connectx5-ex-nic').slice();
    b[0xc1] = 0xf8;
    b[0xf8] = 0x10; // PCIe cap at 0xf8 needs 60 bytes
    b[0xf9] = 0x00;
    const d = decodeConfig(b);
    expect(d.warnings.join()).toMatch(/Express at 0xf8 needs 60 bytes but only 8 are present/);
  });
  it('empty and tiny inputs', () => {
    expect(decodeConfig(new Uint8Array(0)).warnings).toContain(
      'only 0 bytes: a configuration header needs 64',
    );
    expect(() => createVfioDevice(new Uint8Array(10))).toThrow(/at least the 64-byte header/);
  });
});

describe('fuzz: the engine never crashes or hangs', () => {
  it('random bytes through decode and the vfio device', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 4096 }), (bytes) => {
        decodeConfig(bytes);
        engineErrorsOnly(() => {
          const d = createVfioDevice(bytes);
          d.read(0, 4);
          d.read(d.cfgSize - 4, 4);
        });
      }),
      fcParams,
    );
  });

  it('real dumps with random bytes flipped', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4095 }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 24,
        }),
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 4095 }),
            fc.constantFrom(1, 2, 4),
            fc.integer({ min: 0, max: 255 }),
          ),
          { maxLength: 8 },
        ),
        (name, flips, accesses) => {
          const b = fixtureBytes(name).slice();
          for (const [off, v] of flips) if (off < b.length) b[off] = v;
          const dec = decodeConfig(b);
          expect(dec.capabilities.length).toBeLessThanOrEqual(64);
          engineErrorsOnly(() => {
            const d = createVfioDevice(b);
            for (const [off, size, v] of accesses) {
              engineErrorsOnly(() => d.write(off, size, v));
              engineErrorsOnly(() => d.read(off, size));
            }
          });
        },
      ),
      fcParams,
    );
  });

  it('mutated and truncated dump text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.integer({ min: 0, max: 20000 }),
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 0, max: 20000 }),
        (name, at, junk, cut) => {
          const t = fixtureText(name);
          const mutated = (t.slice(0, at % (t.length + 1)) + junk + t.slice(at % (t.length + 1))).slice(
            0,
            cut,
          );
          engineErrorsOnly(() => {
            const devs = parseLspciDump(mutated);
            for (const d of devs) {
              decodeConfig(d.bytes);
              expect(parseLspciDump(formatLspciDump(d))[0].bytes).toEqual(d.bytes);
            }
          });
        },
      ),
      fcParams,
    );
  });

  it('arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => engineErrorsOnly(() => parseLspciDump(s))),
      fcParams,
    );
  });
});
