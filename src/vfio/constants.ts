/** uapi and vfio_pci_priv.h constants the engine shares with its callers. */

/** pci_config_map value of a byte no capability owns: raw access to hardware. */
export const PCI_CAP_ID_INVALID = 0xff;
/** pci_config_map value of a fully virtual byte (only vfio_pci_igd.c uses it). */
export const PCI_CAP_ID_INVALID_VIRT = 0xfe;
/** Standard IDs up to here have a length entry (pci_cap_length[]). */
export const PCI_CAP_ID_MAX = 0x14;
/** Extended IDs above this take the v6.13 direct_ro_perms path when first in the list. */
export const PCI_EXT_CAP_ID_MAX = 0x31;

export const VFIO_DEVICE_FEATURE_MASK = 0xffff;
export const VFIO_DEVICE_FEATURE_GET = 1 << 16;
export const VFIO_DEVICE_FEATURE_SET = 1 << 17;
export const VFIO_DEVICE_FEATURE_PROBE = 1 << 18;

export const VFIO_DEVICE_FEATURE_PCI_VF_TOKEN = 0;
export const VFIO_DEVICE_FEATURE_MIGRATION = 1;
export const VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE = 2;
export const VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY = 3;
export const VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY_WITH_WAKEUP = 4;
export const VFIO_DEVICE_FEATURE_LOW_POWER_EXIT = 5;
export const VFIO_DEVICE_FEATURE_DMA_LOGGING_START = 6;
export const VFIO_DEVICE_FEATURE_DMA_LOGGING_STOP = 7;
export const VFIO_DEVICE_FEATURE_DMA_LOGGING_REPORT = 8;
export const VFIO_DEVICE_FEATURE_MIG_DATA_SIZE = 9;
export const VFIO_DEVICE_FEATURE_BUS_MASTER = 10;
/** RFC only (Aug 2024). Upstream later gave 11 to VFIO_DEVICE_FEATURE_DMA_BUF; KernelVersion.feature11 says which. */
export const VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT = 11;
/** 5d74781ebc86 (v6.19): the same number, upstream. */
export const VFIO_DEVICE_FEATURE_DMA_BUF = 11;

/** The IRQ type VFIO_DEVICE_SET_IRQS leaves the device in (vdev->irq_type). */
export type IrqType = 'none' | 'intx' | 'msi' | 'msix';
export const IRQ_TYPES: readonly IrqType[] = ['none', 'intx', 'msi', 'msix'];
