/** One line that says what a link shows, for "Copy as Markdown" (mail, chat, patch reviews). */
import { DEFAULT_KERNEL, DEFAULT_QEMU_VERSION, KERNELS } from '../../src/index';
import type { ExplorerState } from '../store/explorer';
import { stepsOf } from '../walkthroughs/navigate';
import { builtinById } from '../walkthroughs/catalog';

/** `novirt`: the engine's word on whether PCI_MSI_NOVIRT is in effect (the ioctl fails on other kernels). */
export function describeState(s: ExplorerState, register: string | null, novirt: boolean): string {
  // lspci's title without the bus address and class: "02:00.0 Network controller: X" → "X".
  const device = s.title
    .replace(/^[0-9a-f]+:[0-9a-f]+\.[0-7] /i, '')
    .replace(/^[^:]*controller: |^Class [0-9a-f]+: /i, '');
  const parts = [device || (s.source.kind === 'preset' ? s.source.id : s.source.name)];
  if (register) parts.push(register);
  if (novirt) parts.push('PCI_MSI_NOVIRT set');
  if (s.kernel !== DEFAULT_KERNEL) parts.push(`kernel ${KERNELS[s.kernel].label}`);
  if (s.qemu !== DEFAULT_QEMU_VERSION) parts.push(`QEMU ${s.qemu}`);
  parts.push(`${s.scenarioId} step ${s.step}${s.compareId ? ` vs ${s.compareId}` : ''}`);
  if (s.walk) {
    const title = s.walk.kind === 'custom' ? s.walk.walkthrough.title : builtinById(s.walk.id)?.title;
    parts.push(`walkthrough “${title ?? s.walk.kind}” ${s.walkStep + 1}/${stepsOf(s).length}`);
  }
  return `vfio-explorer: ${parts.join(' · ')}`;
}
