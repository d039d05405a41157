/**
 * The explorer's state: which device, which kernel options, what is selected. Built from slices; actions
 * are module-level functions so the URL codec, keyboard handler and tests can call them without hooks.
 */
import { create } from 'zustand';
import { DEFAULT_PRESET } from '../presets';

export interface DeviceSlice {
  presetId: string;
  /** The dump text of the loaded preset (null while loading). */
  dumpText: string | null;
  loadError: string | null;
  /** VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT has been SET on the device. */
  novirt: boolean;
  /** The kernel carries the RFC. */
  rfc: boolean;
}

export interface SelectionSlice {
  /** Offset of the selected capability (0 = header). */
  selectedCap: number;
}

export type ExplorerState = DeviceSlice & SelectionSlice;

export const useExplorer = create<ExplorerState>()(() => ({
  presetId: DEFAULT_PRESET,
  dumpText: null,
  loadError: null,
  novirt: false,
  rfc: true,
  selectedCap: 0,
}));

export const selectPreset = (presetId: string): void => {
  useExplorer.setState({ presetId, dumpText: null, loadError: null, novirt: false, selectedCap: 0 });
};
export const setDump = (dumpText: string): void => useExplorer.setState({ dumpText, loadError: null });
export const setLoadError = (loadError: string): void => useExplorer.setState({ loadError });
export const setNovirt = (novirt: boolean): void => useExplorer.setState({ novirt });
export const setRfc = (rfc: boolean): void =>
  useExplorer.setState({ rfc, novirt: rfc && useExplorer.getState().novirt });
export const selectCap = (selectedCap: number): void => useExplorer.setState({ selectedCap });
