/**
 * Issue #17's consequence views: with a permission patch set (here by a link's `patch=novirt`), the op-log
 * replayed on both kernels side by side (`Patch replay`) and the devices the patch touches (`Patch reach`),
 * each checked against the engine run here in the test.
 */
import type { Locator } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import {
  ath11kConfig,
  builtinPatch,
  createSession,
  patchReach,
  patchReplay,
  permPatchOrThrow,
  type PatchReach,
  type SessionOp,
} from '../../src/index';
import { fixtureBytes, fixtureNames } from '../helpers/fixtures';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, useBrowser } from './browser';
import { openAt, seriousViolations } from './ux-helpers';

const browser = useBrowser();

const novirt = permPatchOrThrow(builtinPatch('novirt')!.text, 'novirt');
const qca6390 = () => ath11kConfig({ deviceId: 0x1101, msi: 'host' });
/** The region alone, as it looks at 1280 px (the page's full screenshot is mostly other views). */
async function shoot(region: Locator, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await region.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}
const text = (l: Locator) => l.textContent().then((t) => t ?? '');

it("replays a guest MSI address write and a VMM read: vconfig's value without novirt, the device's with it", async () => {
  const { page, errors } = await openAt(browser, `${inject('baseUrl')}#patch=novirt&select=0x54.L`, {
    width: 1280,
    height: 900,
  });
  const form = page.getByRole('form', { name: 'Write a register' });
  await form.getByRole('radio', { name: 'as the guest' }).check();
  await form.getByRole('textbox').fill('fee00000');
  await form.getByRole('button', { name: 'Write' }).click();
  await form.getByRole('radio', { name: 'as the VMM' }).check();
  await form.getByRole('button', { name: 'Read' }).click();
  await form.getByRole('radio', { name: 'as the guest' }).check();
  await form.getByRole('button', { name: 'Read' }).click();

  // What the engine says for the same op-log on the same device and kernel.
  const ops: SessionOp[] = [
    { kind: 'write', as: 'guest', offset: 0x54, size: 4, value: 0xfee00000 },
    { kind: 'read', as: 'vmm', offset: 0x54, size: 4 },
    { kind: 'read', as: 'guest', offset: 0x54, size: 4 },
  ];
  const rows = patchReplay(createSession({ bytes: qca6390(), ops, patch: novirt }), ops)!;
  // The host's MSI message stays in the device; without the patch the VMM reads back the guest's write.
  expect(rows[1].before).toMatchObject({ kind: 'read', value: 0xfee00000 });
  expect(rows[1].after).toMatchObject({ kind: 'read', value: 0xfee00578 });

  const replay = page.getByRole('region', { name: 'Patch replay' });
  const table = replay.getByRole('table');
  await expect.poll(() => table.getByRole('row').count(), { timeout: 120_000 }).toBe(1 + 2 + 1);
  const cells = (n: number) => table.getByRole('row').nth(n).getByRole('cell');
  for (const n of [0, 1]) {
    await expect
      .poll(() =>
        text(
          cells(n + 1)
            .nth(1)
            .locator('.replay-line'),
        ),
      )
      .toBe(rows[n].beforeLine);
    await expect
      .poll(() =>
        text(
          cells(n + 1)
            .nth(2)
            .locator('.replay-line'),
        ),
      )
      .toBe(rows[n].afterLine);
    await expect.poll(() => text(cells(n + 1).nth(3))).toBe(rows[n].sentence);
  }
  await expect
    .poll(() => text(cells(2).nth(1).locator('.replay-line')))
    .toBe('0xfee00000: 32 bits from vconfig');
  await expect
    .poll(() => text(cells(2).nth(2).locator('.replay-line')))
    .toBe('0xfee00578: 32 bits from the hardware');
  // Every bit of the read changes route on both sides' strips.
  for (const side of [0, 1])
    await expect
      .poll(() =>
        replay
          .locator('.replay-row.differs')
          .nth(1)
          .locator('.replay-side')
          .nth(side)
          .locator('.changed')
          .count(),
      )
      .toBe(32);
  await expect
    .poll(() => text(replay.getByTestId('replay-summary')))
    .toMatch(/^2 of 3 operations behave differently with novirt\./);

  // The guest's read of QEMU's copy is the same on both kernels: folded, and opened on demand.
  const fold = table.getByRole('button', { name: '1 unchanged operation (#3)' });
  await fold.click();
  await expect.poll(() => table.getByRole('row').count()).toBe(1 + 3);
  await expect
    .poll(() => text(table.getByRole('row').nth(3).getByRole('cell').nth(3)))
    .toBe(`same · ${rows[2].sentence}`);
  await shoot(replay, 'patch-replay-1280');
  expect(await seriousViolations(page, '.patch-replay')).toEqual([]);
  expect(errors).toEqual([]);
});

it('lists every preset with the bits and registers patchReach gives, and opens one with the patch kept', async () => {
  const { page, errors } = await openAt(browser, `${inject('baseUrl')}#patch=novirt`, {
    width: 1280,
    height: 900,
  });
  const devices = [
    { id: 'qca6390', bytes: qca6390() },
    { id: 'wcn6855', bytes: ath11kConfig({ deviceId: 0x1103, msi: 'host' }) },
    ...fixtureNames().map((id) => ({ id, bytes: fixtureBytes(id) })),
  ];
  const expected = patchReach(devices, novirt);
  const reach = page.getByRole('region', { name: 'Patch reach' });
  await expect
    .poll(() => text(reach.getByTestId('reach-summary')), { timeout: 120_000 })
    .toMatch(/^novirt touches/);
  const touched = expected.filter((r) => r.bits > 0).length;
  const refused = expected.filter((r) => r.refusal).length;
  await expect
    .poll(() => text(reach.getByTestId('reach-summary')))
    .toBe(
      `novirt touches ${touched} of ${devices.length} devices on v6.11-rfc; vfio-pci refuses ${refused} of them.`,
    );
  const what = (r: PatchReach) =>
    r.refusal
      ? `refused: ${r.refusal}`
      : r.bits
        ? `${r.bits} bits in ${r.registers.length} register${r.registers.length === 1 ? '' : 's'}: ${r.registers.join(', ')}`
        : 'untouched';
  await expect.poll(() => reach.getByRole('listitem').count()).toBe(devices.length);
  for (const r of expected) {
    const row = reach.locator(`button[data-device="${r.id}"]`);
    await expect
      .poll(() => text(row.locator('.reach-what')))
      .toBe(what(r) + (r.id === 'qca6390' ? ' · open now' : ''));
  }
  // One exact count: the 82576's 64-bit MSI loses 32 + 32 + 16 virtualized bits.
  await expect
    .poll(() => text(reach.locator('button[data-device="8086-10c9-82576-igb-sriov"] .reach-what')))
    .toBe('80 bits in 3 registers: PCI_MSI_ADDRESS_LO, PCI_MSI_ADDRESS_HI, PCI_MSI_DATA_64');
  await shoot(reach, 'patch-reach-1280');
  expect(await seriousViolations(page, '.patch-reach')).toEqual([]);

  await reach.getByRole('button', { name: /Intel 82576 Gigabit/ }).click();
  await expect
    .poll(() => new URL(page.url()).hash, { timeout: 120_000 })
    .toMatch(/device=8086-10c9-82576-igb-sriov.*patch=novirt|patch=novirt.*device=8086-10c9-82576-igb-sriov/);
  await expect
    .poll(() => reach.locator('button[data-device="8086-10c9-82576-igb-sriov"]').getAttribute('aria-current'))
    .toBe('true');
  await expect.poll(() => page.getByRole('region', { name: 'Patch replay' }).count()).toBe(1);
  expect(errors).toEqual([]);
});
