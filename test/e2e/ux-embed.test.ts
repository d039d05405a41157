/** Issue #16, embeds: embed=1 shows one view without chrome, links back, and the Share dialog offers the iframe. */
import { expect, inject, it } from 'vitest';
import { screenshot, useBrowser } from './browser';
import { at, openAt, seriousViolations } from './ux-helpers';

const browser = useBrowser();

it('embed=1 shows the explorer alone: no toolbar, no Share, a link back to the full state', async () => {
  const { page, errors } = await openAt(
    browser,
    at(inject('baseUrl'), 'device=8086-095a-wireless-7265-wifi&select=CAP_MSI+4.L&embed=1'),
  );
  await page.getByRole('region', { name: 'Register inspector' }).waitFor();
  await expect.poll(() => page.getByRole('toolbar').count()).toBe(0);
  await expect.poll(() => page.getByRole('button', { name: /Share/ }).count()).toBe(0);
  await expect.poll(() => page.getByRole('region', { name: 'Interrupt path' }).count()).toBe(0);
  const back = page.getByRole('link', { name: 'open in vfio-explorer' });
  await back.waitFor();
  const href = new URL((await back.getAttribute('href'))!);
  expect(href.hash).toMatch(/device=8086-095a-wireless-7265-wifi/);
  expect(href.hash).toMatch(/select=0xd4\.L/);
  expect(href.hash).not.toMatch(/embed/);
  // The page keeps its embed key as the state changes, and stays usable by keyboard alone.
  await expect.poll(() => new URL(page.url()).hash).toMatch(/&embed=1$/);
  await page.getByRole('grid', { name: 'Config space' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect
    .poll(() =>
      page.getByRole('region', { name: 'Register inspector' }).getByRole('heading').first().textContent(),
    )
    .toMatch(/@0xe4/);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'embed-config');
  // The full explorer opens from the link.
  await page.goto(href.toString());
  await page.getByRole('toolbar').waitFor();
  expect(errors).toEqual([]);
});

it('an embed of the interrupt path shows only the path, and the Share dialog offers its iframe', async () => {
  const { page } = await openAt(browser, at(inject('baseUrl'), 'scenario=S3&step=20&embed=1'));
  await page.getByRole('slider', { name: 'Timeline' }).waitFor();
  await expect.poll(() => page.getByRole('region', { name: 'Register inspector' }).count()).toBe(0);
  await expect.poll(() => page.getByRole('toolbar').count()).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'embed-paths');

  const full = await openAt(browser, at(inject('baseUrl'), 'scenario=S3&step=20'));
  await full.page.getByRole('slider', { name: 'Timeline' }).waitFor();
  await full.page.getByRole('button', { name: 'Share…' }).click();
  const dialog = full.page.getByRole('dialog', { name: 'Share this view' });
  await dialog.getByRole('combobox', { name: 'Embed view' }).selectOption('paths');
  const snippet = await dialog.getByRole('textbox', { name: 'Embed (<iframe>)' }).inputValue();
  expect(snippet).toMatch(
    /^<iframe src="http[^"]+#v=\d+&[^"]*scenario=S3&step=20&embed=paths" title="vfio-explorer: [^"]+"/,
  );
  expect(await seriousViolations(full.page, '[role=dialog]')).toEqual([]);
  // The snippet's address opens the embed.
  const src = /src="([^"]+)"/.exec(snippet)![1];
  await page.goto(src);
  await page.getByRole('slider', { name: 'Timeline' }).waitFor();
  await expect.poll(() => page.getByRole('toolbar').count()).toBe(0);
});
