/** The capability chains as decoded, each marked with what vfio-pci does with it. */
import { PCI_CAP_ID_INVALID, type DecodedConfig, type VfioDevice } from '../../src/index';
import { selectCap, useExplorer } from '../store/explorer';

const hex = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

export function CapabilityList({ decoded, device }: { decoded: DecodedConfig; device: VfioDevice | null }) {
  const selected = useExplorer((s) => s.selectedCap);
  const caps = [...decoded.capabilities, ...decoded.extendedCapabilities];
  return (
    <nav aria-label="Capabilities" className="caps">
      <ul>
        <li>
          <button aria-current={selected === 0} onClick={() => selectCap(0)}>
            <span className="off">0x00</span> Header (type {decoded.header.type})
          </button>
        </li>
        {caps.map((c) => {
          const hidden =
            device !== null && c.offset < device.cfgSize && device.map[c.offset] === PCI_CAP_ID_INVALID;
          return (
            <li key={c.offset}>
              <button aria-current={selected === c.offset} onClick={() => selectCap(c.offset)}>
                <span className="off">{hex(c.offset)}</span> {c.name}
                {hidden && <span className="tag">hidden by vfio · raw</span>}
              </button>
            </li>
          );
        })}
      </ul>
      {decoded.warnings.map((w) => (
        <p key={w} className="warning" role="note">
          {w}
        </p>
      ))}
    </nav>
  );
}
