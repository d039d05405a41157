/**
 * Which keys move through a talk, and when they are left to what has focus. A presenter's clicker sends
 * PageDown/PageUp (some send arrows); a keyboard user reading a long inspector or event log scrolls it with
 * the same keys, and a menu, a text field or the timeline slider needs its arrows. So a key moves the talk
 * only when nothing under focus would use it.
 */

export type SlideKey = 'next' | 'previous' | 'first' | 'last' | 'leave' | 'controls';

const ACTIONS: Record<string, SlideKey> = {
  ArrowRight: 'next',
  PageDown: 'next',
  ' ': 'next',
  ArrowLeft: 'previous',
  PageUp: 'previous',
  Home: 'first',
  End: 'last',
  Escape: 'leave',
  c: 'controls',
  C: 'controls',
  '?': 'controls',
};

/** Widgets that take arrows, Home/End and letters themselves. */
const OWNS_KEYS =
  'input, select, textarea, [contenteditable=""], [contenteditable="true"], [role="grid"], [role="slider"], [role="tree"], [role="listbox"], [role="tablist"], [role="menu"], [role="radiogroup"], [role="combobox"]';
/** What Space and Enter activate. */
const ACTIVATES = 'button, a[href], summary, [role="button"], [role="link"], label';

/** The axis a key scrolls a region along, if it scrolls at all. */
function axisOf(key: string): 'x' | 'y' | null {
  if (key === 'ArrowLeft' || key === 'ArrowRight') return 'x';
  if (key === 'PageDown' || key === 'PageUp' || key === ' ' || key === 'Home' || key === 'End') return 'y';
  return null;
}

/** The nearest region from `from` up to (not including) `stop` that overflows along `axis` and scrolls. */
function scrollerOf(from: Element, stop: Element, axis: 'x' | 'y'): Element | null {
  for (let el: Element | null = from; el && el !== stop; el = el.parentElement) {
    const style = getComputedStyle(el);
    const overflow = axis === 'x' ? style.overflowX : style.overflowY;
    if (overflow !== 'auto' && overflow !== 'scroll') continue;
    if (axis === 'x' ? el.scrollWidth > el.clientWidth + 1 : el.scrollHeight > el.clientHeight + 1) return el;
  }
  return null;
}

/** Whether `el` is described by a tooltip that is showing. */
function tooltipOpen(el: Element | null): boolean {
  const id = el?.getAttribute('aria-describedby');
  const tip = id ? document.getElementById(id) : null;
  return !!tip && tip.getAttribute('role') === 'tooltip' && !tip.hidden;
}

/**
 * The talk's action for a key pressed with focus on `target` inside the presentation `root`, or null when
 * the key belongs to what has focus (a field, a menu, a slider, a button's Space, a region it scrolls).
 */
export function slideKey(e: KeyboardEvent, root: Element): SlideKey | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const action = ACTIONS[e.key];
  if (!action) return null;
  const target = e.target instanceof Element ? e.target : null;
  // Esc first closes the tooltip of the glossary term that has focus (GlossaryTerm), then leaves.
  if (action === 'leave') return tooltipOpen(target) ? null : action;
  if (!target || !root.contains(target) || target === root) return action;
  if (target.closest(OWNS_KEYS)) return null;
  if (e.key === ' ' && target.closest(ACTIVATES)) return null;
  const axis = axisOf(e.key);
  if (axis && scrollerOf(target, root, axis)) return null;
  return action;
}
