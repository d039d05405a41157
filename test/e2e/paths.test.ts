/** The interrupt-path panel in headless Chromium: S2's fault, S3's delivery, scrubbing = stepping, keyboard. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

async function panel(page: Page) {
  const p = page.getByRole('region', { name: 'Interrupt path' });
  await p.getByRole('slider', { name: 'Timeline' }).waitFor();
  return p;
}
const current = (p: ReturnType<Page['getByRole']>) =>
  p.getByRole('list', { name: 'Event log', exact: true }).locator('[aria-current="step"]');

it('S2 stops at the DMAR fault with reason 0x25, and the summary says every ring was blocked', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  const p = await panel(page);
  await p.getByRole('button', { name: 'Next fault' }).click();
  await expect
    .poll(() => current(p).textContent())
    .toMatch(/fault iommu → host-irq · reason 0x25 index 0x0 · blocked/);
  await expect.poll(() => p.getByTestId('explanation').textContent()).toMatch(/compatibility-format message/);
  await expect
    .poll(() =>
      p
        .getByRole('table', { name: 'All hops at once' })
        .getByRole('row', { name: /\bCE1\b/ })
        .textContent(),
    )
    .toMatch(/blocked.*fault reason 0x25/);
  await expect
    .poll(() => p.locator('.diagram-wrap').getAttribute('aria-label'))
    .toMatch(/^Step \d+: CE0: VT-d blocks the write .*fault reason 0x25.*compatibility-format message/);
  await screenshot(page, 'paths-s2-fault');
  const axe = await new AxeBuilder({ page }).include('[aria-label="Interrupt path"]').analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(' | ')}`),
  ).toEqual([]);
  expect(errors).toEqual([]);
});

it('S3 delivers CE1 as guest vector 0x21 on vCPU 0 through host message 0xFEE00578', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  const p = await panel(page);
  await p.getByRole('combobox', { name: /^Scenario/ }).selectOption('S3');
  const ce1 = p.getByRole('table', { name: 'All hops at once' }).getByRole('row', { name: /\bCE1\b/ });
  await expect.poll(() => ce1.textContent()).toMatch(/delivered → vector 0x21, CPU 0/);
  await ce1.getByRole('button', { name: 'CE1' }).click();
  await expect
    .poll(() => current(p).textContent())
    .toMatch(/injection kvm → vcpu · vector 0x21 → vCPU 0 · delivered/);
  const log = await p.getByRole('list', { name: 'Event log', exact: true }).textContent();
  expect(log).toMatch(/msi-write device → iommu · 0xfee00578 ← 0x0000/);
  await screenshot(page, 'paths-s3-delivered');
});

it('scrubbing to a step shows the same state as stepping to it', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  const p = await panel(page);
  for (let i = 0; i < 8; i++) await p.getByRole('button', { name: 'Step forward' }).click();
  const stepped = {
    log: await current(p).textContent(),
    why: await p.getByTestId('explanation').textContent(),
    state: await p.locator('.actor-state').textContent(),
  };
  await p.getByRole('slider', { name: 'Timeline' }).fill('0');
  await expect.poll(() => current(p).textContent()).toMatch(/^0 /);
  await p.getByRole('slider', { name: 'Timeline' }).fill('8');
  await expect.poll(() => current(p).textContent()).toBe(stepped.log);
  await expect.poll(() => p.getByTestId('explanation').textContent()).toBe(stepped.why);
  await expect.poll(() => p.locator('.actor-state').textContent()).toBe(stepped.state);
});

it('keyboard: arrows on the timeline step, Space plays and pauses; options re-run and keep the step', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  const p = await panel(page);
  const slider = p.getByRole('slider', { name: 'Timeline' });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => current(p).textContent()).toMatch(/^2 /);
  await page.keyboard.press('Space');
  await expect.poll(() => p.getByRole('button', { name: 'Pause' }).count()).toBe(1);
  await page.keyboard.press('Space');
  await expect.poll(() => p.getByRole('button', { name: 'Play' }).count()).toBe(1);
  const at = Number(await slider.inputValue());
  await p.getByRole('checkbox', { name: 'QEMU ath quirk' }).check();
  await expect.poll(async () => Number(await slider.inputValue())).toBe(at);
  await p.getByRole('button', { name: 'Device (MSI cap, rings): show state' }).click();
  await expect
    .poll(() => p.getByRole('region', { name: 'State of Device (MSI cap, rings)' }).textContent())
    .toMatch(/msi/);
});

it('an impossible option combination is explained, not crashed on', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  const p = await panel(page);
  await p.getByRole('combobox', { name: /^Scenario/ }).selectOption('S1');
  await p.getByRole('combobox', { name: /^Interrupt remapping/ }).selectOption('none');
  await expect
    .poll(() => p.getByRole('alert').textContent())
    .toMatch(/"vectors": 32 and "ir": "none" are impossible together/);
  await p.getByRole('combobox', { name: /^Vectors/ }).selectOption('1');
  await expect.poll(() => p.getByRole('slider', { name: 'Timeline' }).count()).toBe(1);
});

it("side by side: S2 against S3 are aligned by event identity, so the first difference is S3's feature call, not every step", async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  const p = await panel(page);
  await p.getByRole('combobox', { name: /^Compare with/ }).selectOption('S3');
  const marker = p.getByTestId('divergence');
  await expect.poll(() => marker.textContent()).toBe('First difference: S3 event 0 (S2 has no counterpart)');
  await expect
    .poll(() => p.getByRole('list', { name: 'Compared event log' }).locator('li.diverges').textContent())
    .toMatch(/^0 ioctl qemu → vfio · VFIO_DEVICE_FEATURE = 0/);
  // Aligned: S2's first event sits beside S3's third (after S3's two extra opening events).
  await expect
    .poll(() => p.getByRole('list', { name: 'Event log', exact: true }).locator('li.diverges').count())
    .toBe(0);
  await p.getByRole('combobox', { name: /^Compare with/ }).selectOption('S7');
  await p.getByRole('combobox', { name: /^Scenario/ }).selectOption('S3');
  await expect
    .poll(() => marker.textContent())
    .toMatch(/^First difference: S7 event \d+ \(S3 has no counterpart\)$/);
  await marker.click();
  // S7 = S3 + posting: the first real difference is S7's posted IRTE write, which S3 does not have.
  await expect
    .poll(() => p.getByRole('list', { name: 'Compared event log' }).locator('li.diverges').textContent())
    .toMatch(/irte-write kvm → iommu/);
  await screenshot(page, 'paths-compare');
});

it('a config access in the timeline opens its register in the config explorer, and back', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  const p = await panel(page);
  // S2 opens with QEMU's INTx setup (five events) and the guest's vector allocation; the guest's MSI
  // address write is event 6.
  await p.getByRole('slider', { name: 'Timeline' }).fill('6');
  await p.getByRole('button', { name: 'Show 0x54/4 in config space at step 6' }).click();
  // The config views now show S2's own device as event 6 left it (test/e2e/follow.test.ts has the values).
  await expect
    .poll(() => page.getByRole('region', { name: 'Config views follow the scenario' }).textContent())
    .toMatch(/^S2’s device \[17cb:1103\] as event 6 left it/);
  await expect
    .poll(() =>
      page.getByRole('region', { name: 'Register inspector' }).getByRole('heading').first().textContent(),
    )
    .toMatch(/^MSI › PCI_MSI_ADDRESS_LO @0x54/);
  const marked = p.getByRole('list', { name: 'Event log', exact: true }).locator('li.touches');
  await expect.poll(() => marked.count()).toBeGreaterThan(0);
  await expect
    .poll(() => marked.first().textContent())
    .toMatch(/config-write guest-kernel → qemu · 0x54\/4 ← 0xfee00000.*selected register/);
  // On the scenario's own device the explorer marks the bytes the cursor's event touches, by itself.
  const note = page.getByTestId('timeline-access');
  await expect.poll(() => note.textContent()).toMatch(/config-write 0x54\/4 · bits: → vconfig/);
  await expect.poll(() => page.locator('.hex-byte.tl').count()).toBe(4);
  await expect.poll(() => page.locator('.tree-field.tl').textContent()).toMatch(/^PCI_MSI_ADDRESS_LO/);
  await screenshot(page, 'paths-config-access');
  await p.getByRole('button', { name: 'Step forward' }).click();
  await expect.poll(() => note.textContent()).toMatch(/config-write 0x58\/2/);
  await expect.poll(() => page.locator('.hex-byte.tl').count()).toBe(2);
  await p.getByRole('slider', { name: 'Timeline' }).fill('0');
  await expect.poll(() => note.count()).toBe(0);
  await expect.poll(() => page.locator('.hex-byte.tl').count()).toBe(0);
});

it('all sources at once: every source of S2 flies together; the rings stop blocked, MHI lands', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  const p = await panel(page);
  await p.getByRole('checkbox', { name: 'All sources at once' }).check();
  const flight = p.getByTestId('flight');
  await expect.poll(() => flight.getAttribute('data-packets')).toBe('14');
  await p.getByRole('combobox', { name: /^speed/ }).selectOption('0.5');
  // Playing moves every packet along its path (how far depends on the machine's frame rate, so only
  // movement is asserted) …
  const firstPacket = flight.locator('.packet circle').first();
  const before = await firstPacket.getAttribute('cx');
  await p.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => firstPacket.getAttribute('cx')).not.toBe(before);
  await p.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => flight.locator('.stop').count()).toBe(0);
  // … and with reduced motion the flight lands at once, showing where every source ended.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await p.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => p.getByRole('button', { name: 'Play' }).count()).toBe(1);
  await expect.poll(() => flight.locator('.stop').count()).toBe(13);
  await expect.poll(() => flight.locator('.packet.good').count()).toBe(1);
  expect(errors).toEqual([]);
  await screenshot(page, 'paths-flight');
});

it('S9 is cast as Xen: the diagram, the state panel and the event log name Xen and xen_pt in the KVM and QEMU slots', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#scenario=S9&step=9`);
  const p = await panel(page);
  await expect.poll(() => current(p).textContent()).toMatch(/^9 irte-write/);
  await p.getByRole('button', { name: 'Xen hypervisor: show state' }).click();
  await expect
    .poll(() => p.getByRole('region', { name: 'State of Xen hypervisor' }).textContent())
    .toMatch(/pirqs/);
  await expect.poll(() => p.getByRole('button', { name: 'QEMU xen_pt: show state' }).count()).toBe(1);
  await expect
    .poll(() => p.getByRole('list', { name: 'Event log', exact: true }).locator('li').nth(4).textContent())
    .toMatch(/^4 ioctl QEMU xen_pt → Xen hypervisor · PHYSDEVOP_map_pirq = 0/);
  await expect.poll(() => p.getByRole('button', { name: 'KVM: show state' }).count()).toBe(0);
  await screenshot(page, 'paths-s9-xen');
  expect(errors).toEqual([]);
});

it('bare metal names no guest: S1 beside S10, both diagrams and both event logs call the driver the host ath11k', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#scenario=S1&vs=S10`);
  const p = await panel(page);
  await expect
    .poll(() => p.locator('.band-name').allTextContents())
    .toEqual([
      'Host driver (no VM)',
      'Host kernel',
      'Hardware',
      'Host driver (no VM)',
      'Host kernel',
      'Hardware',
    ]);
  await expect
    .poll(() => p.getByRole('button', { name: 'ath11k (host driver): show state' }).count())
    .toBe(2);
  await expect.poll(() => p.getByRole('button', { name: 'No VMM: show state' }).count()).toBe(2);
  for (const log of ['Event log', 'Compared event log'])
    await expect
      .poll(() => p.getByRole('list', { name: log, exact: true }).locator('li').nth(1).textContent())
      .toMatch(/^1 irq-alloc ath11k \(host driver\) → host-irq$/);
  expect(await p.locator('.diagram, .event-log').getByText(/Guest/).count()).toBe(0);
  // The outcome table names where each source ended as the diagrams do, on both sides.
  const table = p.getByRole('table', { name: 'All hops at once' });
  await expect
    .poll(() => table.getByRole('row').nth(1).locator('td').allTextContents())
    .toEqual([
      expect.stringMatching(/^delivered/),
      expect.stringMatching(/^ath11k \(host driver\): handled on CPU/),
      expect.stringMatching(/^delivered/),
      expect.stringMatching(/^ath11k \(host driver\): handled on CPU/),
    ]);
  expect(await table.textContent()).not.toMatch(/guest-driver/);
  await screenshot(page, 'paths-bare-metal');
  expect(errors).toEqual([]);
});
