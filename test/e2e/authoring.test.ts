/**
 * Nothing a user typed is lost: the op-log's Undo/Redo/remove, the draft offered back after a link or a
 * new tab replaced the screen, the question before leaving or opening a file over unsaved work, a failed
 * file open that leaves the address bar following the screen, and inputs that say how much room is left.
 */
import type { Page } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import { openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

const at = (fragment: string) => `${inject('baseUrl')}#${fragment}`;
const opLog = (page: Page) => page.getByRole('region', { name: 'Op-log' });
const room = (page: Page) => opLog(page).getByTestId('ops-room');

async function write(page: Page, hex: string) {
  const form = page.getByRole('form', { name: 'Write a register' });
  await form.getByLabel('value 0x').fill(hex);
  await form.getByRole('button', { name: 'Write' }).click();
}

async function newWalkthrough(page: Page, title: string, note: string) {
  await page.locator('.device-title').waitFor();
  await page
    .getByRole('combobox', { name: 'Walkthrough' })
    .selectOption({ label: 'New walkthrough from this screen' });
  const panel = page.getByRole('complementary', { name: 'Walkthrough' });
  await panel.getByRole('button', { name: 'Edit' }).click();
  await panel.getByRole('textbox', { name: 'Walkthrough title' }).fill(title);
  await panel.getByRole('textbox', { name: 'Step note' }).fill(note);
  return panel;
}

it('the op-log lists every operation, undoes and redoes, and removes one entry', async () => {
  const { page, errors } = await openPage(browser, at('v=2&select=0x54.L'));
  await write(page, 'fee00000');
  await expect.poll(() => room(page).textContent()).toBe('1 of 1000 operations');
  await write(page, '12345678');
  await expect.poll(() => room(page).textContent()).toBe('2 of 1000 operations');
  await opLog(page).getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => room(page).textContent()).toBe('1 of 1000 operations');
  await expect.poll(() => new URL(page.url()).hash).toMatch(/&t=/);
  await opLog(page).getByRole('button', { name: 'Redo' }).click();
  await expect
    .poll(() => opLog(page).getByRole('listitem').allTextContents())
    .toEqual([
      expect.stringMatching(/^guest writes 0xfee00000 to 0x54\.L/) as unknown as string,
      expect.stringMatching(/^guest writes 0x12345678 to 0x54\.L/) as unknown as string,
    ]);
  await opLog(page).getByRole('button', { name: 'Remove operation 1' }).click();
  await expect
    .poll(() => opLog(page).getByRole('listitem').allTextContents())
    .toEqual([expect.stringMatching(/^guest writes 0x12345678/) as unknown as string]);
  await screenshot(page, 'op-log');
  expect(errors).toEqual([]);
});

it('an authored walkthrough is offered back after a hostile link and in a new tab', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  const panel = await newWalkthrough(page, 'Keep me', 'Typed with care.');
  await expect
    .poll(() => panel.getByRole('textbox', { name: 'Walkthrough title' }).getAttribute('maxlength'))
    .toBe('200');
  await expect.poll(() => panel.locator('#walk-title-room').textContent()).toBe('193 of 200 characters left');
  await expect
    .poll(() => panel.locator('#step-note-room').textContent())
    .toBe('3984 of 4000 characters left');
  // A hostile link replaces the screen: the work is offered back, and comes back whole.
  await page.goto(at('v=2&evil=%3Cscript%3E'));
  await page.getByRole('alert').filter({ hasText: 'unknown key' }).waitFor();
  const offer = page.getByRole('status').filter({ hasText: 'kept as a draft' });
  await expect.poll(() => offer.textContent()).toMatch(/the walkthrough “Keep me” \(1 steps\)/);
  await offer.getByRole('button', { name: 'Restore the draft' }).click();
  await expect
    .poll(() => page.getByRole('complementary', { name: 'Walkthrough' }).getByRole('heading').textContent())
    .toBe('Keep me');
  // A crash or a closed tab: a new page of the same browser profile offers it too.
  const again = await page.context().newPage();
  await again.goto(inject('baseUrl'));
  await again.getByRole('button', { name: 'Restore the draft' }).click();
  await expect.poll(() => again.getByTestId('walk-note').textContent()).toBe('Typed with care.');
  await page.context().close();
});

it('leaving or opening a file over unsaved work asks first', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  await newWalkthrough(page, 'Unsaved', 'Not shared yet.');
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.type());
    void d.dismiss();
  });
  const dir = mkdtempSync(join(tmpdir(), 'vfio-open-'));
  const file = join(dir, 'other.json');
  writeFileSync(
    file,
    JSON.stringify({ format: 'vfio-explorer-state', version: 2, link: '#v=2&overlay=values' }),
  );
  await page.getByLabel('Explorer file').setInputFiles(file);
  await expect.poll(() => asked).toEqual(['confirm']);
  // Declined: the walkthrough is still there.
  await expect
    .poll(() =>
      page
        .getByRole('complementary', { name: 'Walkthrough' })
        .getByRole('textbox', { name: 'Walkthrough title' })
        .inputValue(),
    )
    .toBe('Unsaved');
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toEqual(['confirm', 'beforeunload']);
});

it('a file that fails to open leaves the address bar following the screen', async () => {
  const { page, errors } = await openPage(browser, at('v=2&select=0x54.L'));
  await page.locator('.device-title').waitFor();
  const dir = mkdtempSync(join(tmpdir(), 'vfio-bad-'));
  const file = join(dir, 'bad.json');
  writeFileSync(file, '{ not json');
  await page.getByLabel('Explorer file').setInputFiles(file);
  await expect
    .poll(() => page.getByRole('alert').filter({ hasText: 'This file cannot be opened' }).textContent())
    .toMatch(/^This file cannot be opened: it is not JSON\./);
  await page.keyboard.press('2');
  await expect.poll(() => new URL(page.url()).hash).toMatch(/overlay=values/);
  expect(errors).toEqual([]);
});
