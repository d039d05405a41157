/**
 * Presentation mode (issue #16): every slide of every built-in walkthrough fits a 1280×720 window with
 * text at 12 px or more, the controls stay out of sight until asked for, the keys that move the talk never
 * take what a focused menu, slider or scrolling pane needs, and leaving is a button as well as Esc.
 */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { DEFAULT_LINK, DEFAULT_VIEW, encodeLink, LIMITS } from '../../src/index';
import { openPage, screenshot, useBrowser } from './browser';
import { at, seriousViolations } from './ux-helpers';

const browser = useBrowser();

const WALKTHROUGHS = ['config-space', 'msi-msix-ims', 'remapping', 'novirt-review'];

/** A 1280×720 page without transitions (the controls' fade would otherwise be caught half way). */
async function slides(fragment: string, viewport = { width: 1280, height: 720 }) {
  const { page, errors } = await openPage(browser, at(inject('baseUrl'), fragment), {
    ...viewport,
    reducedMotion: 'reduce',
  });
  await talk(page).waitFor();
  return { page, errors };
}

const talk = (page: Page) => page.getByRole('main', { name: 'Presentation' });
const position = (page: Page) => page.getByTestId('present-position');
const controls = (page: Page) => page.getByRole('group', { name: 'Presentation controls' });

/** The slide's view is on screen: the inspector of its register, or the diagram of its scenario. */
async function settled(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const stage = document.querySelector<HTMLElement>('.slide-stage');
        if (stage?.dataset.slide === 'config')
          return !!stage.querySelector('[aria-label="Register inspector"] table');
        return !!stage?.querySelector('svg.diagram') && !!stage.querySelector('[data-testid="explanation"]');
      }),
    )
    .toBe(true);
}

/**
 * What does not fit, in words: the page or the slide scrolling, an element outside the window that no pane
 * of its own can scroll to, a pane scrolling sideways, the slide's view (inspector values or diagram) not
 * wholly on screen (unless `wholeView` is false), and text under 12 px (SVG text at its drawing's scale).
 */
function misfits(wholeView = true): string[] {
  const out: string[] = [];
  const W = innerWidth;
  const H = innerHeight;
  const doc = document.documentElement;
  if (doc.scrollWidth > W || doc.scrollHeight > H) out.push(`page ${doc.scrollWidth}×${doc.scrollHeight}`);
  const main = document.querySelector<HTMLElement>('main.presentation')!;
  if (main.scrollHeight > main.clientHeight || main.scrollWidth > main.clientWidth)
    out.push(`slide ${main.scrollWidth}×${main.scrollHeight}`);
  const name = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
  const scrolls = (el: Element) => /auto|scroll/.test(getComputedStyle(el).overflow);
  const inPane = (el: Element) => {
    for (let p = el.parentElement; p && p !== main; p = p.parentElement) if (scrolls(p)) return true;
    return false;
  };
  const within = (r: DOMRect) => r.left >= -1 && r.top >= -1 && r.right <= W + 1 && r.bottom <= H + 1;
  for (const el of main.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (!within(r) && !inPane(el)) out.push(`${name(el)} outside the window`);
    if (scrolls(el) && el.scrollWidth > el.clientWidth + 1) out.push(`${name(el)} scrolls sideways`);
  }
  const stage = main.querySelector<HTMLElement>('.slide-stage')!;
  const view =
    stage.dataset.slide === 'config'
      ? stage.querySelector('[aria-label="Register inspector"] table')
      : stage.querySelector('svg.diagram');
  if (!view) out.push(`no ${stage.dataset.slide} view`);
  else if (wholeView && !within(view.getBoundingClientRect()))
    out.push(`the ${stage.dataset.slide} view is cut`);
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const el = t.parentElement!;
    if (!t.textContent?.trim() || el.closest('.visually-hidden, .paths > h2')) continue;
    if (el.getBoundingClientRect().width === 0) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    const svg = el.closest('svg') as SVGSVGElement | null;
    const px = svg ? size * (svg.getScreenCTM()?.a ?? 1) : size;
    if (px < 11.95) out.push(`${px.toFixed(1)} px: ${t.textContent.trim().slice(0, 30)}`);
  }
  return [...new Set(out)];
}

it('every slide of every built-in walkthrough fits 1280×720 with text at 12 px or more', async () => {
  for (const walk of WALKTHROUGHS) {
    const { page, errors } = await slides(`walk=${walk}&present=1`);
    const count = Number((await position(page).textContent())!.split('/')[1]);
    expect(count).toBeGreaterThan(1);
    for (let i = 1; i <= count; i++) {
      if (i > 1) await page.keyboard.press('PageDown');
      await expect.poll(() => position(page).textContent()).toBe(`${i} / ${count}`);
      await settled(page);
      expect({ slide: `${walk} ${i}`, misfits: await page.evaluate(misfits, true) }).toEqual({
        slide: `${walk} ${i}`,
        misfits: [],
      });
    }
    expect(errors).toEqual([]);
    await page.context().close();
  }
});

it('at 1024×768 too: a config slide, MSI decodes with their diagrams and comparisons fit whole at 12 px', async () => {
  for (const [walk, step] of [
    ['config-space', 1],
    ['msi-msix-ims', 5],
    ['novirt-review', 13],
    ['novirt-review', 24],
    ['novirt-review', 26],
  ] as const) {
    const { page, errors } = await slides(`walk=${walk}&wstep=${step}&present=1`, {
      width: 1024,
      height: 768,
    });
    await expect.poll(() => position(page).textContent()).toMatch(new RegExp(`^${step} / `));
    await settled(page);
    // The slide's view is whole on screen here too: the diagram right under the explanation, the MSI
    // decode and the event log after it down the path pane (they scroll; the page never does).
    expect({ slide: `${walk} ${step}`, misfits: await page.evaluate(misfits, true) }).toEqual({
      slide: `${walk} ${step}`,
      misfits: [],
    });
    await screenshot(page, `present-1024-${walk}-${step}`);
    expect(errors).toEqual([]);
    await page.context().close();
  }
});

it('controls hide until asked, keys leave fields, sliders and panes alone, and leaving is a button too', async () => {
  const { page, errors } = await slides('walk=novirt-review&wstep=7&present=1');
  await expect.poll(() => position(page).textContent()).toBe('7 / 27');
  await settled(page);
  // Out of sight at first: no toolbar, no timeline, the talk's own controls transparent.
  await expect.poll(() => page.getByRole('toolbar').count()).toBe(0);
  await expect.poll(() => page.getByRole('slider', { name: 'Timeline' }).count()).toBe(0);
  await expect.poll(() => controls(page).evaluate((el) => getComputedStyle(el).opacity)).toBe('0');
  await screenshot(page, 'present-paths-slide');

  // Tab reaches the controls first and shows them; Space on a button presses it once, not the talk too.
  await page.keyboard.press('Tab');
  await expect.poll(() => controls(page).evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Previous slide');
  await page.keyboard.press('Space');
  await expect.poll(() => position(page).textContent()).toBe('6 / 27');
  await page.getByRole('button', { name: 'Next slide' }).click();
  await expect.poll(() => position(page).textContent()).toBe('7 / 27');

  // A focused scrolling pane keeps PageDown: the event log scrolls, the slide stays.
  const log = page.getByRole('list', { name: 'Event log' });
  await log.evaluate((el) => {
    el.scrollTop = 0;
  });
  await log.focus();
  await page.keyboard.press('PageDown');
  await expect.poll(() => log.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await expect.poll(() => position(page).textContent()).toBe('7 / 27');

  // C shows the explorer's controls; the timeline then takes its arrows, and the slide stays.
  await talk(page).focus();
  await page.keyboard.press('c');
  await expect
    .poll(() =>
      controls(page).getByRole('button', { name: 'Explorer controls' }).getAttribute('aria-pressed'),
    )
    .toBe('true');
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.waitFor();
  const stepCount = page.locator('.paths .step-count').first();
  const before = await stepCount.textContent();
  await timeline.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => stepCount.textContent()).not.toBe(before);
  await expect.poll(() => position(page).textContent()).toBe('7 / 27');
  // A menu keeps its keys too.
  const scenario = page.locator('#scenario-menu');
  await scenario.focus();
  await page.keyboard.press('End');
  await expect.poll(() => position(page).textContent()).toBe('7 / 27');
  expect(await seriousViolations(page, 'main.presentation')).toEqual([]);
  await screenshot(page, 'present-controls-shown');
  await talk(page).focus();
  await page.keyboard.press('?');
  await expect.poll(() => page.getByRole('slider', { name: 'Timeline' }).count()).toBe(0);

  // The mouse wakes the controls; Leave presentation leaves, with focus back on Present.
  // Moved on every look: the controls linger 2.5 s after the mouse stops, which a busy machine can spend
  // between one move and the next read.
  let x = 640;
  await expect
    .poll(async () => {
      await page.mouse.move((x += 10), 360);
      return controls(page).getAttribute('data-shown');
    })
    .toBe('true');
  await page.getByRole('button', { name: 'Leave presentation' }).click();
  await expect.poll(() => talk(page).count()).toBe(0);
  await expect.poll(() => page.getByTestId('walk-position').textContent()).toBe('7 / 27');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Present');
  expect(errors).toEqual([]);
});

it('a config slide: the register inspector beside the bitmap, axe-clean, Esc leaves', async () => {
  const { page, errors } = await slides('walk=config-space&wstep=4&present=1');
  await expect.poll(() => position(page).textContent()).toBe('4 / 8');
  await settled(page);
  const inspector = page.getByRole('region', { name: 'Register inspector' });
  await expect.poll(() => inspector.getByRole('heading').first().textContent()).toMatch(/PCI_MSI_ADDRESS_LO/);
  // The write panel is a control: hidden on the slide.
  await expect.poll(() => page.getByRole('form', { name: 'Write a register' }).count()).toBe(0);
  expect(await seriousViolations(page, 'main.presentation')).toEqual([]);
  await screenshot(page, 'present-config-slide');
  await page.keyboard.press('Escape');
  await expect.poll(() => talk(page).count()).toBe(0);
  await expect.poll(() => new URL(page.url()).hash).not.toContain('present=1');
  expect(errors).toEqual([]);
});

it.each([
  ['a newer link format', 'v=99&present=1', /^This link was made by a newer vfio-explorer/],
  ['an unknown walkthrough', 'v=2&walk=nope&present=1', /walk=nope: there is no such walkthrough/],
  ['an unknown device', 'v=2&device=bogus&present=1', /device=bogus: no such device preset/],
  ['a damaged token', 'v=2&walk=config-space&present=1&t=AAAA', /token is damaged/],
])(
  'a broken link that asks for presentation mode (%s) says what went wrong there',
  async (_, fragment, why) => {
    const { page, errors } = await slides(fragment);
    await expect.poll(() => talk(page).getByRole('alert').first().textContent()).toMatch(why);
    await expect.poll(() => page.evaluate(misfits, true)).toEqual([]);
    // Esc still leaves: the explorer, with the same explanation.
    await talk(page).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => talk(page).count()).toBe(0);
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(why);
    expect(errors).toEqual([]);
    await page.context().close();
  },
);

it('an authored slide at the editor limits (4000-character note, 200-character title) still fits', async () => {
  const note = 'The guest writes its MSI address and `vfio-pci` keeps it in vconfig. '.repeat(60);
  const fragment = encodeLink({
    ...DEFAULT_LINK,
    walk: {
      kind: 'custom',
      walkthrough: {
        title: 'T'.repeat(LIMITS.titleChars),
        steps: [{ state: DEFAULT_VIEW, note: note.slice(0, LIMITS.noteChars), highlight: 'config' }],
      },
    },
    present: true,
  });
  const { page, errors } = await slides(fragment);
  await settled(page);
  await expect.poll(() => page.evaluate(misfits, true)).toEqual([]);
  // The note scrolls in its own box, reachable by keyboard, and its keys are its own.
  const box = page.getByRole('region', { name: 'Slide note' });
  await box.focus();
  await page.keyboard.press('PageDown');
  await expect.poll(() => box.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await screenshot(page, 'present-authored-limits');
  expect(errors).toEqual([]);
  await page.context().close();
});

it('Esc on a glossary term closes its definition first, then leaves', async () => {
  const { page, errors } = await slides('walk=config-space&present=1');
  await settled(page);
  const term = talk(page).locator('.slide-note button.term').first();
  await term.focus();
  const tip = page.getByRole('tooltip');
  await expect.poll(() => tip.count()).toBe(1);
  await page.keyboard.press('Escape');
  await expect.poll(() => tip.count()).toBe(0);
  await expect.poll(() => talk(page).count()).toBe(1);
  await page.keyboard.press('Escape');
  await expect.poll(() => talk(page).count()).toBe(0);
  expect(errors).toEqual([]);
  await page.context().close();
});
