/**
 * Links, walkthroughs and presentation mode in headless Chromium: a link opens to the exact screen,
 * Back/Forward walk a walkthrough, an authored walkthrough survives its own link and file, and hostile
 * links are explained without anything they carry running.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { DEFAULT_VIEW, encodeLink, LINK_VERSION, readExplorerFile, stateToFile } from '../../src/index';
import { FIXTURE_DIR } from '../helpers/fixtures';
import { REVIEW_LINK_FIXTURE, REVIEW_LINK_OPTIONS } from '../helpers/link-command';
import { newPage, openPage, screenshot, useBrowser } from './browser';

const browser = useBrowser();

const at = (fragment: string) => `${inject('baseUrl')}#${fragment}`;
const overlay = (page: Page) => page.getByRole('combobox', { name: 'Overlay' });
const inspectorHeading = (page: Page) =>
  page.getByRole('region', { name: 'Register inspector' }).getByRole('heading').first();
const walkPosition = (page: Page) => page.getByTestId('walk-position');
const stepCount = (page: Page) => page.locator('.paths .step-count').first();
const seriousAxe = async (page: Page, selector: string) => {
  const axe = await new AxeBuilder({ page }).include(selector).analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes[0]?.target}`);
};

it('a link opens to the exact screen, and the address bar follows what you change', async () => {
  const { page, errors } = await openPage(
    browser,
    at(
      'device=8086-095a-wireless-7265-wifi&novirt=1&select=CAP_MSI+4.L&overlay=diff-novirt&view=physical&scenario=S3&step=16',
    ),
  );
  await expect.poll(() => page.locator('.device-title').textContent()).toMatch(/8086:095a/);
  await expect.poll(() => inspectorHeading(page).textContent()).toMatch(/^MSI › PCI_MSI_ADDRESS_LO @0xd4/);
  await expect
    .poll(() => page.getByRole('region', { name: 'Register inspector' }).textContent())
    .toContain('virt 0x00000000 · write 0x00000000');
  await expect.poll(() => overlay(page).inputValue()).toBe('diff-novirt');
  await expect.poll(() => page.getByRole('combobox', { name: 'Values' }).inputValue()).toBe('physical');
  await expect.poll(() => stepCount(page).textContent()).toBe('16/210');
  // The link is rewritten in its canonical form: the register as setpci would name it.
  await expect
    .poll(() => new URL(page.url()).hash)
    .toBe(
      '#v=2&device=8086-095a-wireless-7265-wifi&novirt=1&select=0xd4.L&overlay=diff-novirt&view=physical&scenario=S3&step=16',
    );
  const entries = await page.evaluate(() => history.length);
  await overlay(page).selectOption('values');
  await expect.poll(() => new URL(page.url()).hash).toContain('&overlay=values&');
  await expect.poll(() => page.evaluate(() => history.length)).toBe(entries);
  expect(errors).toEqual([]);
});

it('a walkthrough by keyboard: ] and [ step, Back and Forward walk the steps, presentation mode too', async () => {
  const { page, errors } = await openPage(browser, at('walk=novirt-review'));
  await expect.poll(() => walkPosition(page).textContent()).toBe('1 / 27');
  // A link naming only the walkthrough opens its first step's screen: S2 at the VT-d fault.
  await expect.poll(() => stepCount(page).textContent()).toBe('67/92');
  await page.keyboard.press(']');
  await expect.poll(() => walkPosition(page).textContent()).toBe('2 / 27');
  await expect.poll(() => overlay(page).inputValue()).toBe('diff-novirt');
  await page.keyboard.press(']');
  await expect.poll(() => walkPosition(page).textContent()).toBe('3 / 27');
  await expect
    .poll(() => new URL(page.url()).hash)
    .toMatch(/^#v=2&walk=novirt-review&wstep=3&device=8086-095a-wireless-7265-wifi&/);
  await page.goBack();
  await expect.poll(() => walkPosition(page).textContent()).toBe('2 / 27');
  await expect.poll(() => overlay(page).inputValue()).toBe('diff-novirt');
  await page.goBack();
  await expect.poll(() => walkPosition(page).textContent()).toBe('1 / 27');
  await expect.poll(() => overlay(page).inputValue()).toBe('perm');
  await page.goForward();
  await expect.poll(() => walkPosition(page).textContent()).toBe('2 / 27');
  await expect
    .poll(() => page.getByRole('link', { name: /Alex, 12 Aug: the RFC patch/ }).getAttribute('href'))
    .toBe('https://lore.kernel.org/all/20240812170014.1583783-1-alex.williamson@redhat.com/');
  expect(await seriousAxe(page, '[aria-label="Walkthrough"]')).toEqual([]);

  await page.keyboard.press('Shift+P');
  const talk = page.getByRole('main', { name: 'Presentation' });
  await talk.waitFor();
  await expect.poll(() => page.getByRole('toolbar').count()).toBe(0);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.getByTestId('present-position').textContent()).toBe('3 / 27');
  await page.keyboard.press('End');
  await expect.poll(() => page.getByTestId('present-position').textContent()).toBe('27 / 27');
  await expect.poll(() => talk.textContent()).toContain('review the table change yourself');
  expect(
    await seriousAxe(
      page,
      '.presentation > header, .presentation > .slide-note, .presentation > .present-controls',
    ),
  ).toEqual([]);
  await expect.poll(() => new URL(page.url()).hash).toContain('&present=1&');
  await screenshot(page, 'walkthrough-present');
  await page.keyboard.press('Escape');
  await expect.poll(() => walkPosition(page).textContent()).toBe('27 / 27');
  await expect.poll(() => page.getByRole('toolbar').count()).toBe(1);
  expect(errors).toEqual([]);
});

it('steps taken in quick succession each get their own history entry', async () => {
  const { page, errors } = await openPage(browser, at('walk=novirt-review'));
  await expect.poll(() => walkPosition(page).textContent()).toBe('1 / 27');
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await expect.poll(() => walkPosition(page).textContent()).toBe('3 / 27');
  await expect.poll(() => new URL(page.url()).hash).toMatch(/wstep=3&/);
  await page.goBack();
  await expect.poll(() => walkPosition(page).textContent()).toBe('2 / 27');
  await page.goBack();
  await expect.poll(() => walkPosition(page).textContent()).toBe('1 / 27');
  expect(errors).toEqual([]);
});

it('author a walkthrough, share it as a link and a file, and open both elsewhere', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(inject('baseUrl')).origin,
  });
  await page.locator('.device-title').waitFor();
  await page
    .getByRole('combobox', { name: 'Walkthrough' })
    .selectOption({ label: 'New walkthrough from this screen' });
  const panel = page.getByRole('complementary', { name: 'Walkthrough' });
  await expect.poll(() => walkPosition(page).textContent()).toBe('1 / 1');
  await panel.getByRole('button', { name: 'Edit' }).click();
  await panel.getByRole('textbox', { name: 'Walkthrough title' }).fill('My review');
  await panel
    .getByRole('textbox', { name: 'Step note' })
    .fill('**MSI** lives at `0x54` <img src=x onerror="window.__pwned=1">');
  await overlay(page).selectOption('values');
  await panel.getByRole('button', { name: 'Add current state as step' }).click();
  await expect.poll(() => walkPosition(page).textContent()).toBe('2 / 2');
  await panel.getByRole('textbox', { name: 'Step note' }).fill('Now the bit values.');
  await panel.getByLabel('Highlight').selectOption('config');

  await panel.getByRole('button', { name: 'Share as link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this view' });
  const link = await dialog.getByRole('textbox', { name: /^Link/ }).inputValue();
  expect(link).toMatch(/#v=2&walk=custom&wstep=2&select=0x54\.L&overlay=values&t=[\w-]+$/);
  expect(await seriousAxe(page, '[role=dialog]')).toEqual([]);
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Copied the link.');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await dialog.getByRole('button', { name: 'Copy as Markdown' }).click();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toBe(
    `[vfio-explorer: Qualcomm QCA6390 \\[17cb:1101\\] (reconstructed) · PCI_MSI_ADDRESS_LO · S2 step 0 · walkthrough “My review” 2/2](<${link}>)`,
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export JSON' }).click();
  const file = await (await download).path();
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
    format: 'vfio-explorer-walkthrough',
    version: LINK_VERSION,
    title: 'My review',
    steps: [{ highlight: null }, { note: 'Now the bit values.', highlight: 'config' }],
  });
  // Reorder and delete: the list, the position and the step's own state follow.
  const items = panel.getByRole('listitem');
  await panel.getByRole('button', { name: 'Move step 2 up' }).click();
  await expect.poll(() => items.first().textContent()).toMatch(/^1\. Now the bit values\./);
  await expect.poll(() => walkPosition(page).textContent()).toBe('1 / 2');
  await panel.getByRole('button', { name: 'Add current state as step' }).click();
  await expect.poll(() => walkPosition(page).textContent()).toBe('2 / 3');
  await panel.getByRole('button', { name: 'Delete step 2' }).click();
  await expect.poll(() => items.count()).toBe(2);
  await expect.poll(() => items.nth(1).textContent()).toMatch(/^2\. MSI lives at 0x54/);

  // Someone else opens the link: same walkthrough, same step, the note still only text.
  const other = await openPage(browser, link);
  await expect.poll(() => walkPosition(other.page).textContent()).toBe('2 / 2');
  await expect.poll(() => overlay(other.page).inputValue()).toBe('values');
  await other.page.keyboard.press('[');
  await expect.poll(() => walkPosition(other.page).textContent()).toBe('1 / 2');
  const note = other.page.getByTestId('walk-note');
  await expect
    .poll(() => note.textContent())
    .toBe('MSI lives at 0x54 <img src=x onerror="window.__pwned=1">');
  await expect.poll(() => note.locator('strong').textContent()).toBe('MSI');
  await expect.poll(() => note.locator('img').count()).toBe(0);
  await expect
    .poll(() => other.page.evaluate(() => (window as { __pwned?: number }).__pwned))
    .toBeUndefined();

  // … and the file opens the same walkthrough from a blank explorer.
  const third = await openPage(browser, inject('baseUrl'));
  await third.page.locator('.device-title').waitFor();
  await third.page.getByLabel('Explorer file').setInputFiles(file);
  await expect.poll(() => walkPosition(third.page).textContent()).toBe('1 / 2');
  await expect
    .poll(() =>
      third.page.getByRole('complementary', { name: 'Walkthrough' }).getByRole('heading').textContent(),
    )
    .toBe('My review');
  await screenshot(other.page, 'walkthrough-authored');
  expect([...errors, ...other.errors, ...third.errors]).toEqual([]);
});

it('hostile and broken links are explained, show the default screen, and run nothing', async () => {
  const hostile = encodeLink({
    view: DEFAULT_VIEW,
    walk: {
      kind: 'custom',
      walkthrough: {
        title: '<img src=x onerror="window.__pwned=1">',
        steps: [
          {
            state: DEFAULT_VIEW,
            note: '<script>window.__pwned=2</script> javascript:window.__pwned=3',
            highlight: null,
          },
          {
            state: DEFAULT_VIEW,
            note: '<a href="javascript:window.__pwned=4">click</a>',
            highlight: 'paths',
          },
        ],
      },
    },
    walkStep: 0,
    present: false,
  });
  const { page, errors } = await openPage(browser, at(hostile));
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await expect.poll(() => walkPosition(page).textContent()).toBe('1 / 2');
  const panel = page.getByRole('complementary', { name: 'Walkthrough' });
  await expect
    .poll(() => panel.getByRole('heading').textContent())
    .toBe('<img src=x onerror="window.__pwned=1">');
  await expect
    .poll(() => page.getByTestId('walk-note').textContent())
    .toContain('<script>window.__pwned=2</script>');
  await page.keyboard.press(']');
  await expect
    .poll(() => page.getByTestId('walk-note').textContent())
    .toBe('<a href="javascript:window.__pwned=4">click</a>');
  await expect.poll(() => panel.locator('img, script, a[href^="javascript"]').count()).toBe(0);
  await expect.poll(() => page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  const cases: [string, RegExp][] = [
    ['v=1&device=custom&t=AAAA!', /token is damaged: it has characters outside base64url/],
    [`t=${'A'.repeat(5000)}`, /This link is 5002 characters long; the explorer opens links of up to 2000/],
    ['v=9&whatever=1', /made by a newer vfio-explorer \(link format 9\)/],
    ['device=no-such-card', /device=no-such-card: no such device preset/],
    ['device=<script>alert(1)</script>', /not a preset id/],
    ['walk=no-such-walk', /walk=no-such-walk: there is no such walkthrough/],
    [
      'device=8086-2829-ich8m-ahci-sata&select=CAP_MSIX+2.W',
      /select=CAP_MSIX\+2\.W does not fit this device/,
    ],
  ];
  for (const [fragment, message] of cases) {
    await page.goto(at(fragment));
    await page.reload();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(message);
    await expect
      .poll(() => page.locator('.device-title').textContent())
      .toMatch(fragment.includes('ahci') ? /ICH8M/ : /QCA6390/);
  }
  await screenshot(page, 'link-error');
  // The broken link stays in the address bar while its error is shown; Dismiss hands the bar back (the
  // AHCI controller opens on its MSI address, 0x84).
  expect(new URL(page.url()).hash).toBe('#device=8086-2829-ich8m-ahci-sata&select=CAP_MSIX+2.W');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect
    .poll(() => new URL(page.url()).hash)
    .toBe('#v=2&device=8086-2829-ich8m-ahci-sata&select=0x84.L');
  expect(dialogs).toEqual([]);
  await expect.poll(() => page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});

it('the built page enforces its Content-Security-Policy: no inline script, handler, eval or remote origin', async () => {
  const { page } = await openPage(browser, inject('baseUrl'));
  // A same-origin script stands in for the app's own code: eval is judged by the policy of the code that
  // calls it, and code the test runs through the DevTools protocol is exempt.
  await page.route('**/csp-probe.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `try { (0, eval)('1'); window.__evalOutcome = 'ran'; } catch (e) { window.__evalOutcome = e.name; }`,
    }),
  );
  await expect.poll(() => page.locator('.device-title').textContent()).toMatch(/QCA6390/);
  const outcome = await page.evaluate(async () => {
    const w = window as { __ran?: string[]; __evalOutcome?: string; __blocked?: string[] };
    const blocked: string[] = (w.__blocked = []);
    document.addEventListener('securitypolicyviolation', (e) => blocked.push(e.effectiveDirective));
    w.__ran = [];
    const inline = document.createElement('script');
    inline.textContent = 'window.__ran.push("inline script")';
    document.body.append(inline);
    const button = document.createElement('button');
    button.setAttribute('onclick', 'window.__ran.push("handler attribute")');
    document.body.append(button);
    button.click();
    button.remove();
    const probe = document.createElement('script');
    await new Promise((loaded) => {
      probe.onload = loaded;
      probe.src = '/csp-probe.js';
      document.body.append(probe);
    });
    const remote = await fetch('https://example.com/').then(
      () => 'fetched',
      (e: Error) => e.name,
    );
    return { ran: w.__ran, evalOutcome: w.__evalOutcome, remote };
  });
  expect(outcome).toEqual({ ran: [], evalOutcome: 'EvalError', remote: 'TypeError' });
  // Violation events are queued as tasks: wait for them to arrive, however long a busy machine takes.
  await expect
    .poll(() => page.evaluate(() => [...new Set((window as { __blocked?: string[] }).__blocked)].sort()))
    .toEqual(['connect-src', 'script-src', 'script-src-attr', 'script-src-elem']);
});

it('a token link whose decoder cannot be fetched opens the default screen and says so', async () => {
  const page = await newPage(browser);
  await page.route('**/assets/share-*.js', (route) => route.abort());
  await page.goto(at('v=1&device=custom&t=AAAA'));
  await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/its decoder did not load/);
  await expect.poll(() => page.locator('.device-title').textContent()).toMatch(/QCA6390/);
  await page.context().close();
});

it('vfio-explorer link prints a link that opens the explorer on that dump (a built-in preset, by its id)', async () => {
  // The command as a user runs it: the installed bin, a real dump, the preview server as base.
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'vfio-explorer.mjs');
  const dump = join(FIXTURE_DIR, `${REVIEW_LINK_FIXTURE}.txt`);
  const out = execFileSync(
    process.execPath,
    [bin, 'link', dump, ...REVIEW_LINK_OPTIONS, '--base', inject('baseUrl')],
    { encoding: 'utf8' },
  );
  const { page, errors } = await openPage(browser, out.trim());
  await expect
    .poll(() => page.locator('.device-title').textContent())
    .toBe('01:00.0 Class 0280: Device 8086:095a (rev 61)');
  await expect.poll(() => inspectorHeading(page).textContent()).toMatch(/^MSI › PCI_MSI_ADDRESS_LO @0xd4/);
  await expect
    .poll(() => page.getByRole('region', { name: 'Register inspector' }).textContent())
    .toContain('virt 0x00000000 · write 0x00000000');
  await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe('S3');
  expect(errors).toEqual([]);
});

/** Presses Tab until `name` has focus (keyboard-only navigation; fails if it is never reached). */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return `${el?.getAttribute('aria-label') ?? ''} ${el?.closest('label')?.textContent ?? ''} ${el?.textContent ?? ''}`;
    });
    if (name.test(label)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

it('keyboard only: select a register, set NOVIRT, run S3, step to a delivery, share the link', async () => {
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(inject('baseUrl')).origin,
  });
  await page.locator('.device-title').waitFor();
  await tabTo(page, /^Config space/);
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => inspectorHeading(page).textContent())
    .toMatch(/^MSI › PCI_MSI_DATA_32 @0x58, 2 bytes/);
  await page.keyboard.press('Shift+N');
  await expect
    .poll(() => page.getByRole('region', { name: 'Register inspector' }).textContent())
    .toContain('virt 0x0000 · write 0x0000');
  await tabTo(page, /^\s*Scenario/);
  await page.keyboard.type('S3');
  await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe('S3');
  await tabTo(page, /Next delivery/);
  await page.keyboard.press('Enter');
  await expect.poll(() => stepCount(page).textContent()).toBe('132/210');
  await page.keyboard.press('Shift+S');
  const dialog = page.getByRole('dialog', { name: 'Share this view' });
  await dialog.waitFor();
  await tabTo(page, /Copy link/);
  await page.keyboard.press('Enter');
  await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Copied the link.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).hash).toBe('#v=2&novirt=1&select=0x58.W&scenario=S3&step=132');
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.count()).toBe(0);
  expect(errors).toEqual([]);
});

it('a state too long for a link is refused with the file alternative, and the file opens it again', async () => {
  // 400 guest writes: an op-log no link should carry. It arrives the way such a state travels, as a file.
  const ops = Array.from({ length: 400 }, (_, i) => ({
    kind: 'write' as const,
    as: 'guest' as const,
    offset: 0x40 + ((i * 4) % 0x40),
    size: 4 as const,
    value: (i * 2654435761) >>> 0,
  }));
  const dir = mkdtempSync(join(tmpdir(), 'vfio-explorer-'));
  const big = join(dir, 'big.state.json');
  writeFileSync(
    big,
    stateToFile({ view: { ...DEFAULT_VIEW, ops }, walk: null, walkStep: 0, present: false }),
  );
  const { page, errors } = await openPage(browser, inject('baseUrl'));
  await expect.poll(() => new URL(page.url()).hash).toBe('#v=2&select=0x54.L');
  await page.getByLabel('Explorer file').setInputFiles(big);
  const stale = page.getByRole('status').filter({ hasText: 'too large for a link' });
  await stale.waitFor();
  // The address bar keeps the last state that fit, rather than a link that would not open.
  expect(new URL(page.url()).hash).toBe('#v=2&select=0x54.L');
  await stale.getByRole('button', { name: 'Export it to a file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this view' });
  await expect
    .poll(() => dialog.getByRole('alert').textContent())
    .toMatch(
      /^This state needs a \d{4,}-character link, and links over 2000 characters break in chat and mail: export it to a file instead\.$/,
    );
  await expect.poll(() => dialog.getByRole('button', { name: 'Copy link' }).isDisabled()).toBe(true);
  await screenshot(page, 'share-too-long');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export to file' }).click();
  const saved = readFileSync(await (await download).path(), 'utf8');
  expect(JSON.parse(saved)).toMatchObject({ format: 'vfio-explorer-state', version: 2 });
  const reopened = readExplorerFile(saved);
  expect(reopened.ok && reopened.state.view.ops).toEqual(ops);
  expect(errors).toEqual([]);
});
