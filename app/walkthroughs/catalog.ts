/**
 * The built-in walkthroughs: a tiny index in the main bundle (for the picker), the content in its own
 * chunk, loaded the first time a walkthrough opens. Listed as a path: each one defines the terms the next needs.
 */
import { create } from 'zustand';
import type { BuiltinWalkthrough } from './builtin';

export const BUILTIN_INDEX = [
  { id: 'config-space', title: 'How vfio-pci virtualizes config space' },
  { id: 'msi-msix-ims', title: 'MSI, MSI-X and IMS' },
  { id: 'remapping', title: 'Interrupt remapping and posted interrupts' },
  { id: 'novirt-review', title: 'The MSI_NOVIRT review' },
] as const;

export const useCatalog = create<{ builtins: readonly BuiltinWalkthrough[] | null }>()(() => ({
  builtins: null,
}));

export async function loadBuiltins(): Promise<readonly BuiltinWalkthrough[]> {
  const loaded = useCatalog.getState().builtins;
  if (loaded) return loaded;
  const { BUILTINS } = await import('./content/index');
  useCatalog.setState({ builtins: BUILTINS });
  return BUILTINS;
}

export const builtinById = (id: string): BuiltinWalkthrough | undefined =>
  useCatalog.getState().builtins?.find((w) => w.id === id);
