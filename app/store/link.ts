/**
 * The URL is a projection of the store: `linkOf` reads the state a link carries, `applyLink` makes the
 * store show a link's state. Nothing here computes virtualization; the engine replays the op-log.
 */
import {
  formatSelect,
  type DeviceRef,
  type LinkState,
  type ScenarioOptionValue,
  type ViewState,
} from '../../src/index';
import { useExplorer, type ExplorerState } from './explorer';
import { showDevice } from './open-device';

export function viewOf(s: ExplorerState): ViewState {
  const device: DeviceRef =
    s.source.kind === 'preset'
      ? { kind: 'preset', id: s.source.id }
      : { kind: 'custom', name: s.source.name, bytes: s.source.bytes };
  return {
    device,
    kernel: s.kernel,
    compareKernel: s.compareKernel,
    qemu: s.qemu,
    ops: s.ops,
    select: s.selected ? formatSelect(s.selected.offset, s.selected.size) : null,
    cursor: s.selected && s.cursor === s.selected.offset * 8 + 7 ? null : s.cursor,
    overlay: s.overlay,
    valueView: s.valueView,
    compact: s.compact,
    scenario: s.scenarioId,
    options: s.scenarioOptions as Record<string, ScenarioOptionValue>,
    step: s.step,
    speed: s.speed,
    compare: s.compareId,
    flight: s.flight,
    patch: s.patch,
    follow: s.follow,
  };
}

export function linkOf(s: ExplorerState): LinkState {
  return { view: viewOf(s), walk: s.walk, walkStep: s.walk ? s.walkStep : 0, present: s.presenting };
}

export function applyView(v: ViewState): void {
  const source =
    v.device.kind === 'preset'
      ? ({ kind: 'preset', id: v.device.id } as const)
      : ({ kind: 'custom', name: v.device.name, bytes: v.device.bytes } as const);
  showDevice(source, source.kind === 'custom' ? source.name : '', [...v.ops], {
    select: v.select,
    cursor: v.cursor,
  });
  useExplorer.setState({
    kernel: v.kernel,
    compareKernel: v.compareKernel,
    qemu: v.qemu,
    overlay: v.overlay,
    valueView: v.valueView,
    compact: v.compact,
    scenarioId: v.scenario,
    scenarioOptions: { ...v.options },
    step: v.step,
    playing: false,
    speed: v.speed,
    compareId: v.compare,
    flight: v.flight,
    patch: v.patch,
    // A link or step that carries a patch shows it in its editor; one without closes the empty editor.
    patchOpen: v.patch !== null,
    follow: v.follow,
  });
}

export function applyLink(l: LinkState): void {
  applyView(l.view);
  useExplorer.setState({ walk: l.walk, walkStep: l.walkStep, presenting: l.present });
}
