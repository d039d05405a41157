/**
 * What a link can carry never takes the config view down, a presentation shows what went wrong with its
 * link, and the import dialog quotes the failing line of the file that was chosen.
 */
import type { Page } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import {
  DEFAULT_LINK,
  DEFAULT_VIEW,
  encodeLink,
  runScenario,
  type SessionOp,
  type ViewState,
} from '../../src/index';
import { fixtureBytes, fixtureText } from '../helpers/fixtures';
import { openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

const at = (fragment: string) => `${inject('baseUrl')}#${fragment}`;
const link = (view: Partial<ViewState>) =>
  encodeLink({ ...DEFAULT_LINK, view: { ...DEFAULT_VIEW, ...view } });
const custom = (bytes: Uint8Array) => ({ kind: 'custom' as const, name: 'hostile <b>dump</b>', bytes });

/** The config view rendered, or the page said in words why it could not. */
async function configOrReason(page: Page) {
  await expect
    .poll(
      async () =>
        (await page.getByRole('grid', { name: 'Config space' }).count()) ||
        (await page.getByRole('alert').count()),
    )
    .toBeGreaterThan(0);
}

const ath = fixtureBytes('168c-003c-qca988x-ath10k-wifi');
const header64 = ath.slice(0, 64);
const bridge = ath.slice();
bridge[0x0e] = 0x01;
const writes: SessionOp[] = [
  { kind: 'write', as: 'guest', offset: 0xffc, size: 4, value: 0xffffffff },
  { kind: 'write', as: 'vmm', offset: 0x3f, size: 1, value: 0xff },
  { kind: 'feature', flags: 0xffffffff, argsz: 0 },
  { kind: 'reset' },
];

it.each([
  [
    'a 64-byte device with a selection and cursor beyond it',
    link({ device: custom(header64), select: '0xffc.L', cursor: 0xfff * 8 + 7 }),
  ],
  ['a bridge header', link({ device: custom(bridge), select: '0x54.L' })],
  ['4096 bytes of 0xff', link({ device: custom(new Uint8Array(4096).fill(0xff)), overlay: 'diff-novirt' })],
  ['4096 zero bytes', link({ device: custom(new Uint8Array(4096)), select: 'CAP_MSI+4.L' })],
  [
    'writes past a 256-byte device and odd feature calls',
    link({ device: custom(ath), ops: writes, overlay: 'values' }),
  ],
  ['a selection by a name the device lacks', link({ select: 'ECAP_SRIOV+8.L', cursor: 0 })],
])('the config view survives %s', async (_, fragment) => {
  const { page, errors } = await openPage(browser, at(fragment));
  await configOrReason(page);
  await expect.poll(() => page.locator('.view-error').count()).toBe(0);
  expect(errors).toEqual([]);
  await page.context().close();
});

it('presentation mode shows the link error too', async () => {
  const { page } = await openPage(browser, at('v=2&walk=config-space&wstep=99&present=1'));
  await page.getByRole('main', { name: 'Presentation' }).waitFor();
  await expect
    .poll(() => page.getByRole('main', { name: 'Presentation' }).getByRole('alert').textContent())
    .toMatch(/^This link asks for step 99 of "How vfio-pci virtualizes config space"/);
  await screenshot(page, 'presentation-link-error');
  await page.context().close();
});

it('a step past the timeline opens its last step, says so, then the address bar shows that step', async () => {
  const s3 = runScenario('S3');
  const last = s3.events.length - 1;
  const { page, errors } = await openPage(browser, at('scenario=S3&step=9999'));
  const alert = page.getByRole('alert');
  await expect
    .poll(() => alert.textContent())
    .toBe(
      `This link asks for step 9999 of S3 "${s3.title}", whose last step is ${last}: showing step ${last}.Dismiss`,
    );
  await expect.poll(() => page.getByRole('slider', { name: 'Timeline' }).inputValue()).toBe(String(last));
  // The address bar keeps the link while its notice is shown, so it can be read; then follows the screen.
  expect(page.url()).toMatch(/step=9999/);
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect.poll(() => page.url()).toMatch(new RegExp(`[#&]step=${last}(&|$)`));
  expect(errors).toEqual([]);
  await page.context().close();
});

it('the import dialog quotes the failing line of the chosen file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vfio-import-'));
  const text = fixtureText('168c-003c-qca988x-ath10k-wifi').replace(/\n20: /, '\nnot a dump line\n20: ');
  const file = join(dir, 'broken.txt');
  // UTF-16 with a BOM, as PowerShell writes it: still text, and its line 3 is the one quoted.
  writeFileSync(file, Buffer.from(`\uFEFF${text}`, 'utf16le'));
  const { page } = await openPage(browser, inject('baseUrl'));
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a dump' });
  await dialog.getByLabel('Config file').setInputFiles(file);
  const line = text.split('\n').indexOf('not a dump line') + 1;
  await expect
    .poll(() => dialog.getByTestId('import-error').textContent())
    .toContain(`${line}: not a dump line`);
  await page.context().close();
});
