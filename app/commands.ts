/**
 * Every action of the explorer in one registry: buttons, keyboard shortcuts and the command palette
 * all run these. Each perform is a store transition.
 */
import {
  KERNEL_IDS,
  KERNELS,
  NOVIRT_OP,
  QEMU_VERSION_IDS,
  QEMU_VERSIONS,
  type KernelId,
  type QemuVersion,
} from '../src/index';
import {
  setImport,
  setOverlay,
  setPalette,
  setPatchOpen,
  setPresenting,
  setShare,
  setExport,
  setKernel,
  setQemu,
  setValueView,
  toggleCompact,
  useExplorer,
  type Overlay,
  type ValueView,
} from './store/explorer';
import { addOp, resetDevice } from './store/op-log';
import { focusLater, pressCommand, selectMsiAddress, TARGETS } from './navigation';
import { setTheme, THEME_CHOICES } from './theme';
import { goToStep } from './walkthroughs/navigate';

export interface Command {
  readonly id: string;
  readonly label: string;
  /** Shown in the palette; matched by the keyboard handler (`Shift+N`, `Ctrl+K`, `1`). */
  readonly shortcut?: string;
  perform(): void;
}

const overlay = (id: Overlay, label: string, key: string): Command => ({
  id: `overlay-${id}`,
  label: `Overlay: ${label}`,
  shortcut: key,
  perform: () => setOverlay(id),
});
const kernel = (id: KernelId): Command => ({
  id: `kernel-${id}`,
  label: `Kernel: ${KERNELS[id].label}`,
  perform: () => setKernel(id),
});
const qemu = (id: QemuVersion): Command => ({
  id: `qemu-${id}`,
  label: `QEMU: ${QEMU_VERSIONS[id].label}`,
  perform: () => setQemu(id),
});
const nextKernel = (k: KernelId): KernelId => KERNEL_IDS[(KERNEL_IDS.indexOf(k) + 1) % KERNEL_IDS.length];
const view = (id: ValueView, label: string): Command => ({
  id: `view-${id}`,
  label: `Values from the ${label}`,
  perform: () => setValueView(id),
});

export const COMMANDS: readonly Command[] = [
  {
    id: 'novirt',
    label: 'VFIO_DEVICE_FEATURE: SET feature 11 (the RFC’s PCI_MSI_NOVIRT)',
    shortcut: 'Shift+N',
    perform: () => addOp(NOVIRT_OP),
  },
  {
    id: 'kernel-next',
    label: 'Next kernel (v6.11 + the RFC → v6.11 → v7.0)',
    shortcut: 'Shift+K',
    perform: () => setKernel(nextKernel(useExplorer.getState().kernel)),
  },
  ...KERNEL_IDS.map(kernel),
  ...QEMU_VERSION_IDS.map(qemu),
  {
    id: 'reset',
    label: 'Reset the device (re-open vfio, fresh QEMU)',
    shortcut: 'Shift+R',
    perform: resetDevice,
  },
  { id: 'import', label: 'Import a dump…', shortcut: 'Shift+I', perform: () => setImport(true) },
  {
    id: 'patch',
    label: 'Permission patch: edit a what-if change to vfio-pci’s permission tables',
    shortcut: 'Shift+W',
    perform: () => setPatchOpen(!useExplorer.getState().patchOpen),
  },
  overlay('perm', 'permission classes', '1'),
  overlay('values', 'bit values', '2'),
  overlay('diff-views', 'differences guest / VMM / physical', '3'),
  overlay('diff-novirt', 'what PCI_MSI_NOVIRT changes', '4'),
  overlay('diff-kernel', 'what changes between two kernels', '5'),
  overlay('diff-patch', 'what the permission patch changes', '6'),
  view('guest', 'guest (QEMU)'),
  view('vmm', 'VMM (vfio region)'),
  view('physical', 'physical device'),
  ...THEME_CHOICES.map(
    ([id, label]): Command => ({ id: `theme-${id}`, label: `Theme: ${label}`, perform: () => setTheme(id) }),
  ),
  { id: 'compact', label: 'Toggle compact 256-byte map', shortcut: 'C', perform: toggleCompact },
  { id: 'select-msi', label: 'Select the MSI address register', shortcut: 'M', perform: selectMsiAddress },
  { id: 'focus-find', label: 'Go to the search box', shortcut: '/', perform: () => focusLater(TARGETS.find) },
  {
    id: 'focus-inspector',
    label: 'Go to the Register inspector',
    shortcut: 'I',
    perform: () => focusLater(TARGETS.inspector),
  },
  {
    id: 'focus-scenario',
    label: 'Go to the scenario menu',
    shortcut: 'S',
    perform: () => focusLater(TARGETS.scenario),
  },
  {
    id: 'focus-timeline',
    label: 'Go to the timeline',
    shortcut: 'T',
    perform: () => focusLater(TARGETS.timeline),
  },
  {
    id: 'next-delivery',
    label: 'Interrupt path: next delivery',
    shortcut: 'D',
    perform: () => pressCommand('next-delivery'),
  },
  {
    id: 'next-fault',
    label: 'Interrupt path: next fault',
    shortcut: 'F',
    perform: () => pressCommand('next-fault'),
  },
  { id: 'palette', label: 'Command palette', shortcut: 'Ctrl+K', perform: () => setPalette(true) },
  { id: 'export', label: 'Export figure… (SVG or PNG)', shortcut: 'Shift+E', perform: () => setExport(true) },
  {
    id: 'share',
    label: 'Share this view (link, Markdown, file)…',
    shortcut: 'Shift+S',
    perform: () => setShare(true),
  },
  {
    id: 'walk-next',
    label: 'Walkthrough: next step',
    shortcut: ']',
    perform: () => goToStep(useExplorer.getState().walkStep + 1),
  },
  {
    id: 'walk-prev',
    label: 'Walkthrough: previous step',
    shortcut: '[',
    perform: () => goToStep(useExplorer.getState().walkStep - 1),
  },
  {
    id: 'present',
    label: 'Presentation mode (Esc leaves)',
    shortcut: 'Shift+P',
    perform: () => setPresenting(true),
  },
];

export function matchShortcut(e: KeyboardEvent): Command | undefined {
  const key = `${e.ctrlKey || e.metaKey ? 'Ctrl+' : ''}${e.shiftKey ? 'Shift+' : ''}${e.key.length === 1 ? e.key.toUpperCase() : e.key}`;
  return COMMANDS.find((c) => c.shortcut && c.shortcut.toUpperCase() === key.toUpperCase());
}
