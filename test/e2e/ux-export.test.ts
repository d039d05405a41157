/** Issue #16, figures: `Export figure…` saves the bitmap region, the inspector or the diagram as SVG and PNG. */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { useBrowser } from './browser';
import { at, openAt, seriousViolations } from './ux-helpers';

const browser = useBrowser();

async function save(page: Page, button: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('dialog', { name: 'Export figure' }).getByRole('button', { name: button }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

it('exports each figure as an SVG file with text as text and a caption, and as a PNG', async () => {
  const { page, errors } = await openAt(
    browser,
    at(inject('baseUrl'), 'select=CAP_MSI+4.L&scenario=S2&step=58'),
    {
      colorScheme: 'dark',
    },
  );
  await page.getByRole('slider', { name: 'Timeline' }).waitFor();
  await page.getByRole('button', { name: 'Export figure…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export figure' });
  await dialog.waitFor();
  expect(await seriousViolations(page, '[role=dialog]')).toEqual([]);
  for (const [figure, inside] of [
    ['Register inspector', /PCI_MSI_ADDRESS_LO/],
    ['Bitmap region', /<rect [^>]*fill="rgb\(/],
    ['Interrupt diagram', /IOMMU \(IRTE\)/],
  ] as const) {
    await dialog.getByRole('radio', { name: new RegExp(`^${figure}`) }).check();
    const svg = await save(page, 'Download SVG');
    expect(svg.name).toMatch(/\.svg$/);
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(text).toMatch(/<text /);
    expect(text).toMatch(inside);
    // Caption: device, kernel, selection, step; and the light palette although the page is dark.
    expect(text).toMatch(/QCA6390.* · kernel .+ · PCI_MSI_ADDRESS_LO @0x54 · S2 step 58/);
    expect(text).toContain('<rect width="100%" height="100%" fill="#ffffff"/>');
    // The bitmap's bits in the light palette too (hardware read-only bits are light grey there).
    if (figure === 'Bitmap region') expect(text).toContain('fill="rgb(212,212,212)"');
  }
  // Asked for, the dark palette: page, text and bits (hardware read-only is a dim grey there).
  await dialog.getByRole('radio', { name: 'dark' }).check();
  await dialog.getByRole('radio', { name: /^Bitmap region/ }).check();
  const dark = (await save(page, 'Download SVG')).bytes.toString('utf8');
  expect(dark).toContain('<rect width="100%" height="100%" fill="#14171b"/>');
  expect(dark).toContain('fill="rgb(93,95,97)"');
  expect(dark).not.toContain('fill="rgb(212,212,212)"');
  await dialog.getByRole('radio', { name: 'Interrupt diagram' }).check();
  expect((await save(page, 'Download SVG')).bytes.toString('utf8')).toMatch(/fill="#e6e9ed"/);
  const png = await save(page, 'Download PNG');
  expect(png.name).toMatch(/\.png$/);
  expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(errors).toEqual([]);
});
