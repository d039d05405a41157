/** Side by side, the outcome table holds both scenarios' endings per source, and marks where they differ. */
import { expect, inject, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

it('S2 beside S3: the rings blocked on one side, delivered on the other, in one row; MHI the same on both', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#vs=S3`);
  const table = page
    .getByRole('region', { name: 'Interrupt path' })
    .getByRole('table', { name: 'All hops at once' });
  await expect
    .poll(() => table.getByRole('columnheader').allTextContents())
    .toEqual(['Sources', 'S2 outcome', 'S2 where / why', 'S3 outcome', 'S3 where / why']);
  const ce1 = table.getByRole('row', { name: /\bCE1\b/ });
  const cells = await ce1.getByRole('cell').allTextContents();
  expect(cells[0]).toBe('blocked');
  expect(cells[1]).toMatch(/0x25/);
  expect(cells[2]).toBe('delivered → vector 0x21, CPU 0');
  await expect.poll(() => ce1.getAttribute('class')).toBe('differs');
  // Thirteen rings end the same way on both sides: one row; MHI0, delivered on both, is not marked.
  await expect
    .poll(() => ce1.getByRole('rowheader').textContent())
    .toBe('CE0CE1CE2CE3CE5CE7DP0DP1DP2DP3DP4DP5DP6 (13) ≠');
  const mhi = table.getByRole('row', { name: /\bMHI0\b/ });
  await expect
    .poll(() => mhi.getByRole('cell').allTextContents())
    .toEqual([
      'delivered → vector 0x21, CPU 0',
      'vcpu: guest vector 0x21 on vCPU 0',
      'delivered → vector 0x21, CPU 0',
      'vcpu: guest vector 0x21 on vCPU 0',
    ]);
  await expect.poll(() => mhi.getAttribute('class')).toBeNull();
  // A source's button still puts the timeline on its last event.
  const slider = page.getByRole('slider', { name: 'Timeline' });
  await expect.poll(() => slider.inputValue()).toBe('0');
  await ce1.getByRole('button', { name: 'CE1', exact: true }).click();
  await expect.poll(async () => Number(await slider.inputValue())).toBeGreaterThan(0);
  await ce1.scrollIntoViewIfNeeded();
  await screenshot(page, 'compare-summary-s2-s3');
  expect(errors).toEqual([]);
});

it('S3 beside S6 (MSI-X): a source only one side has says so on the other', async () => {
  const { page, errors } = await openPage(browser, `${inject('baseUrl')}#scenario=S3&vs=S6`);
  const table = page
    .getByRole('region', { name: 'Interrupt path' })
    .getByRole('table', { name: 'All hops at once' });
  const msix = table.getByRole('row', { name: /MSI-X 2/ });
  await expect
    .poll(() => msix.getByRole('cell').allTextContents())
    .toEqual([
      'not a source in S3',
      'delivered → vector 0x41, CPU 1',
      'vcpu: posted: guest vector 0x41 on vCPU 1',
    ]);
  await expect
    .poll(() =>
      table
        .getByRole('row', { name: /\bCE1\b/ })
        .getByRole('cell')
        .nth(2)
        .textContent(),
    )
    .toBe('not a source in S6');
  expect(errors).toEqual([]);
});
