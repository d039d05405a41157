/** The explorer shell: device and kernel controls, the capability chain, the register inspector. */
import { CapabilityList } from './components/CapabilityList';
import { PresetLoader } from './components/PresetLoader';
import { RegisterTable } from './components/RegisterTable';
import { Toolbar } from './components/Toolbar';
import { useDeviceModel } from './store/device';

export function App() {
  const model = useDeviceModel();
  return (
    <>
      <PresetLoader />
      <header className="top">
        <h1>vfio-explorer</h1>
        <p className="tagline">
          How Linux vfio-pci virtualizes a passed-through device's config space, bit by bit.
        </p>
        <Toolbar featureRet={model.status === 'ready' ? model.featureRet : null} />
      </header>
      <main>
        {model.status === 'loading' && <p role="status">Loading device…</p>}
        {model.status === 'error' && (
          <p role="alert" className="error">
            {model.message}
          </p>
        )}
        {model.status === 'ready' && (
          <>
            <p className="device-title">{model.title}</p>
            {model.refusal && (
              <p role="alert" className="error">
                {model.refusal}. The decode below is what lspci would show; there is no vfio view.
              </p>
            )}
            <div className="split">
              <CapabilityList decoded={model.decoded} device={model.device} />
              <RegisterTable decoded={model.decoded} device={model.device} />
            </div>
          </>
        )}
      </main>
    </>
  );
}
