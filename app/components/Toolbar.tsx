/** Device picker, kernel, QEMU release and view controls. Every button runs a command from the registry. */
import {
  defaultCompareKernel,
  KERNEL_IDS,
  KERNELS,
  QEMU_VERSION_IDS,
  QEMU_VERSIONS,
  type KernelId,
  type QemuVersion,
} from '../../src/index';
import { COMMANDS } from '../commands';
import { PRESETS } from '../presets';
import { FindBox } from '../find/FindBox';
import { WalkthroughMenu } from './WalkthroughMenu';
import { ThemeSelect } from './ThemeSelect';
import {
  setCompareKernel,
  setKernel,
  setOverlay,
  setQemu,
  setValueView,
  useExplorer,
  type Overlay,
  type ValueView,
} from '../store/explorer';
import { selectPreset } from '../store/open-device';
import { shownValueView } from '../store/session';

const run = (id: string) => COMMANDS.find((c) => c.id === id)!.perform();

/** A kernel picker: every modelled kernel by its label (src/vfio/kernel.ts). */
function KernelSelect(p: { label: string; value: KernelId; onChange: (k: KernelId) => void }) {
  return (
    <label>
      {p.label}{' '}
      <select value={p.value} onChange={(e) => p.onChange(e.target.value as KernelId)}>
        {KERNEL_IDS.map((k) => (
          <option key={k} value={k}>
            {KERNELS[k].label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** `refusal`: why vfio-pci does not bind the device shown (null when it does): its views are physical only. */
export function Toolbar({ refusal }: { refusal: string | null }) {
  const source = useExplorer((s) => s.source);
  const kernel = useExplorer((s) => s.kernel);
  const qemu = useExplorer((s) => s.qemu);
  const compareKernel = useExplorer((s) => s.compareKernel ?? defaultCompareKernel(s.kernel));
  const overlay = useExplorer((s) => s.overlay);
  const view = useExplorer((s) => s.valueView);
  const compact = useExplorer((s) => s.compact);
  const patchOpen = useExplorer((s) => s.patchOpen);
  return (
    <div className="toolbar" role="toolbar" aria-label="Device, kernel and view">
      <label>
        Device{' '}
        <select
          value={source.kind === 'preset' ? source.id : 'custom'}
          onChange={(e) => selectPreset(e.target.value)}
        >
          {source.kind === 'custom' && <option value="custom">Imported: {source.name}</option>}
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <button onClick={() => run('import')}>Import…</button>
      <KernelSelect label="Kernel" value={kernel} onChange={setKernel} />
      <label>
        QEMU{' '}
        <select
          aria-label="QEMU release"
          value={qemu}
          onChange={(e) => setQemu(e.target.value as QemuVersion)}
        >
          {QEMU_VERSION_IDS.map((v) => (
            <option key={v} value={v}>
              {QEMU_VERSIONS[v].label}
            </option>
          ))}
        </select>
      </label>
      <button onClick={() => run('novirt')} title="VFIO_DEVICE_FEATURE SET, feature 11, argsz 8">
        SET PCI_MSI_NOVIRT (feature 11)
      </button>
      <button onClick={() => run('reset')}>Reset device</button>
      <button
        onClick={() => run('patch')}
        aria-keyshortcuts="Shift+W"
        aria-expanded={patchOpen}
        aria-controls={patchOpen ? 'permission-patch' : undefined}
      >
        Permission patch…
      </button>
      <label>
        Overlay{' '}
        <select value={overlay} onChange={(e) => setOverlay(e.target.value as Overlay)}>
          <option value="perm">permission classes</option>
          <option value="values">bit values</option>
          <option value="diff-views">guest / VMM / physical differences</option>
          <option value="diff-novirt">before vs after PCI_MSI_NOVIRT</option>
          <option value="diff-kernel">another kernel vs this one</option>
          <option value="diff-patch">this kernel vs the permission patch</option>
        </select>
      </label>
      {overlay === 'diff-kernel' && (
        <KernelSelect label="Compared with" value={compareKernel} onChange={setCompareKernel} />
      )}
      <label>
        Values{' '}
        <select
          value={shownValueView(refusal, view)}
          disabled={refusal !== null}
          title={refusal ? `Physical only: ${refusal}, so there is no guest or VMM view` : undefined}
          onChange={(e) => setValueView(e.target.value as ValueView)}
        >
          <option value="guest">guest (QEMU)</option>
          <option value="vmm">VMM (vfio region)</option>
          <option value="physical">physical</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={compact} onChange={() => run('compact')} /> 256-byte map
      </label>
      <WalkthroughMenu />
      <button onClick={() => run('export')} aria-keyshortcuts="Shift+E">
        Export figure…
      </button>
      <button onClick={() => run('share')} aria-keyshortcuts="Shift+S">
        Share…
      </button>
      <FindBox />
      <ThemeSelect />
      <button onClick={() => run('palette')} aria-keyshortcuts="Control+K">
        Commands <kbd>Ctrl K</kbd>
      </button>
    </div>
  );
}
