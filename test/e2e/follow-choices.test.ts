/**
 * Following a scenario keeps the explorer's own choices where they make sense (the engine decides which,
 * config-choices.ts): the kernel and permission patch a reviewer picked stay on the scenario's device, or
 * the banner says why not; side by side, the compared timeline's config link follows that scenario, and
 * the banner, link and Back name it.
 */
import { expect, inject, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './browser';
import { followBanner, inspector, viewValue } from './follow-helpers';

const browser = useBrowser();

it("S2 followed under the user's v6.11 and the novirt patch; S3 keeps its kernel and says why", async () => {
  const { page, errors } = await openPage(
    browser,
    `${inject('baseUrl')}#kernel=v6.11&patch=novirt&overlay=diff-patch`,
  );
  const p = page.getByRole('region', { name: 'Interrupt path' });
  await p.getByRole('slider', { name: 'Timeline' }).fill('7');
  await p.getByRole('button', { name: 'Show 0x58/2 in config space at step 7' }).click();
  await expect
    .poll(() => followBanner(page).textContent())
    .toMatch(/^S2’s device \[17cb:1103\] as event 7 left it/);
  const text = await followBanner(page).textContent();
  expect(text).toMatch(
    /Kernel v6\.11 \(yours\): S2's timeline runs on v6\.11-rfc, and its events up to 7 are the same on v6\.11/,
  );
  expect(text).toMatch(
    /Your permission patch "novirt" on v6\.11: 48 bits of this step's tables change class/,
  );
  expect(text).toMatch(/on the patched kernel, S2 takes another path at event 6/);
  // The views are S2's step 7 on v6.11: the guest's data write is in vconfig.
  await expect
    .poll(() => inspector(page).getByRole('heading').first().textContent())
    .toMatch(/PCI_MSI_DATA_32 @0x58/);
  expect(await viewValue(page, 'VMM (vfio region)')).toBe('0x0021');
  await screenshot(page, 'follow-choices-s2-v611-patch');

  // S3 needs PCI_MSI_NOVIRT, which v6.11 lacks: the views stay on S3's own kernel, and the banner says so.
  await page.getByRole('combobox', { name: /^Scenario/ }).selectOption('S3');
  await p.getByRole('slider', { name: 'Timeline' }).fill('9');
  await expect
    .poll(() => followBanner(page).textContent())
    .toMatch(/^S3’s device \[17cb:1103\] as event 9 left it/);
  const s3 = followBanner(page).locator('li.follow-not-honoured');
  await expect
    .poll(() => s3.first().textContent())
    .toMatch(
      /^Kernel v6\.11-rfc, not yours \(v6\.11\): on v6\.11, S3 takes another path at event 0 .*-ENOTTY/,
    );
  expect(await followBanner(page).textContent()).toMatch(/PCI_MSI_NOVIRT set by event 0/);
  expect(errors).toEqual([]);
});

it('side by side: the compared timeline has its own config link; it follows S3, and the banner, link and Back say so', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#scenario=S2&vs=S3&step=7`);
  const p = page.getByRole('region', { name: 'Interrupt path' });
  // The first timeline's link names its scenario too.
  await p.getByRole('button', { name: 'Show 0x58/2 in config space at step 7 of S2' }).waitFor();
  const compared = p.getByTestId('compared-explanation');
  const link = compared.getByRole('button', { name: /^Show 0x58\/2 in config space at step \d+ of S3$/ });
  const seq = Number((await link.textContent())!.match(/step (\d+) of S3/)![1]);
  // S3 opens with two events S2 lacks (the NOVIRT feature call among them): its data write is event 9.
  expect(seq).toBe(9);
  await link.click();
  await expect
    .poll(() => followBanner(page).textContent())
    .toMatch(
      /^S3’s device \[17cb:1103\] as event 9 left it — the compared scenario \(the timeline below\), at its event beside S2's step 7 — not your device/,
    );
  expect(await followBanner(page).textContent()).toMatch(/PCI_MSI_NOVIRT set by event 0/);
  // NOVIRT: the guest's data lives only in QEMU's copy; the VMM view reads the hardware's (not yet written).
  await expect.poll(() => viewValue(page, 'Guest (QEMU)')).toBe('0x0021');
  expect(await viewValue(page, 'VMM (vfio region)')).toBe('0x0000');
  // The dashed marks are S3's access, whose bits went nowhere (not S2's, which went to vconfig).
  await expect
    .poll(async () => (await page.getByTestId('timeline-access').textContent())?.trim())
    .toBe('Interrupt-path cursor: config-write 0x58/2');
  await expect.poll(() => page.url()).toMatch(/step=7&vs=S3&follow=vs/);
  await screenshot(page, 'follow-compared-s3');

  // The shared cursor moves: the compared side follows at its paired event.
  await p.getByRole('slider', { name: 'Timeline' }).fill('6');
  await expect
    .poll(() => followBanner(page).textContent())
    .toMatch(/^S3’s device \[17cb:1103\] as event 8 left it/);

  // The first timeline's link switches the views to S2; Back names what it leaves.
  await p.getByRole('button', { name: 'Show 0x54/4 in config space at step 6 of S2' }).click();
  await expect
    .poll(() => followBanner(page).textContent())
    .toMatch(/^S2’s device \[17cb:1103\] as event 6 left it — not your device/);
  await expect.poll(() => page.url()).toMatch(/step=6&vs=S3&follow=1/);
  await followBanner(page)
    .getByRole('button', { name: /^Back to your device \(Qualcomm QCA6390.*, 0 operations\) from S2$/ })
    .click();
  await expect.poll(() => followBanner(page).count()).toBe(0);
  expect(errors).toEqual([]);
});

it('a follow=vs link opens the compared scenario; without vs= it is refused with a message', async () => {
  const { page, errors } = await openPage(
    browser,
    `${inject('baseUrl')}#v=2&select=0x54.L&scenario=S2&step=7&vs=S3&follow=vs`,
  );
  await expect
    .poll(() => followBanner(page).textContent())
    .toMatch(/^S3’s device \[17cb:1103\] as event 9 left it — the compared scenario/);
  await expect
    .poll(() =>
      followBanner(page)
        .getByRole('button', { name: /^Back to your device/ })
        .textContent(),
    )
    .toMatch(/ from S3$/);
  expect(errors).toEqual([]);
  const bad = await openPage(browser, `${inject('baseUrl')}#v=2&step=7&follow=vs`);
  await expect
    .poll(() => bad.page.getByRole('alert').first().textContent())
    .toMatch(/follow=vs: the link compares no scenario \(no vs=\) to follow/);
});
