/** VFIO_DEVICE_FEATURE as the ioctl: flags, feature number, argsz; shows the return value. */
import { useState } from 'react';
import {
  describeFeature11,
  errnoName,
  LIMITS,
  VFIO_DEVICE_FEATURE_GET,
  VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT,
  VFIO_DEVICE_FEATURE_PROBE,
  VFIO_DEVICE_FEATURE_SET,
  type Session,
} from '../../src/index';
import { useExplorer } from '../store/explorer';
import { addOp } from '../store/op-log';

export function FeaturePanel({ session }: { session: Session }) {
  const ops = useExplorer((s) => s.ops);
  const [get, setGet] = useState(false);
  const [set, setSet] = useState(true);
  const [probe, setProbe] = useState(false);
  const [feature, setFeature] = useState(String(VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT));
  const [argsz, setArgsz] = useState('8');
  const [full, setFull] = useState(false);
  const lastIndex = ops.map((o) => o.kind).lastIndexOf('feature');
  const last = lastIndex >= 0 ? session.results[lastIndex] : null;
  const flags =
    (get ? VFIO_DEVICE_FEATURE_GET : 0) |
    (set ? VFIO_DEVICE_FEATURE_SET : 0) |
    (probe ? VFIO_DEVICE_FEATURE_PROBE : 0) |
    (Number(feature) & 0xffff);
  return (
    <form
      className="feature-panel"
      aria-label="VFIO_DEVICE_FEATURE"
      onSubmit={(e) => {
        e.preventDefault();
        setFull(!addOp({ kind: 'feature', flags, argsz: Number(argsz) }));
      }}
    >
      <fieldset>
        <legend>VFIO_DEVICE_FEATURE</legend>
        <label>
          <input type="checkbox" checked={get} onChange={(e) => setGet(e.target.checked)} /> GET
        </label>
        <label>
          <input type="checkbox" checked={set} onChange={(e) => setSet(e.target.checked)} /> SET
        </label>
        <label>
          <input type="checkbox" checked={probe} onChange={(e) => setProbe(e.target.checked)} /> PROBE
        </label>
        <DigitsField label="feature" value={feature} onChange={setFeature} />
        <DigitsField label="argsz" value={argsz} onChange={setArgsz} />
        <button type="submit">ioctl</button>
      </fieldset>
      <p className="muted">
        flags 0x{flags.toString(16)} · {describeFeature11(session.kernel)}
        {session.device?.state.novirt ? ' PCI_MSI_NOVIRT is set: MSI address/data read the hardware.' : ''}
      </p>
      {full && (
        <p className="error" role="alert">
          The op-log is full ({LIMITS.ops} operations, what a link carries): remove or undo some first
        </p>
      )}
      {last && last.kind === 'feature' && (
        <output className={last.ret === 0 ? 'ok' : 'err'} data-testid="feature-ret">
          ioctl returned {errnoName(last.ret)}
        </output>
      )}
    </form>
  );
}

/** A labelled decimal field that keeps only digits as you type (the ioctl's u32 arguments). */
function DigitsField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (digits: string) => void;
}) {
  return (
    <label>
      {label}{' '}
      <input
        className="mono"
        size={3}
        inputMode="numeric"
        value={value}
        maxLength={10}
        onChange={(e) => {
          // struct vfio_device_feature's fields are __u32: more is not an ioctl (nor a link that opens).
          const digits = e.target.value.replace(/\D/g, '');
          onChange(Number(digits) > 0xffffffff ? String(0xffffffff) : digits);
        }}
      />
    </label>
  );
}
