/** vfio-explorer engine: the public API. Pure TypeScript; no DOM, no React, no UI state. */
export { EngineError, errnoName, EFAULT, EINVAL, ENOTTY, EIO, ENODEV } from './errors';
export type { EngineErrorCode } from './errors';

export {
  parseLspciDump,
  formatLspciDump,
  padToConfigSpace,
  slotOfAddress,
  CONFIG_SPACE_SIZES,
} from './pci/lspci';
export { dumpText } from './pci/dump-text';
export type { LspciDevice, FormattableDevice, PciSlot } from './pci/lspci';
export { decodeConfig } from './pci/decode';
export type {
  DecodedConfig,
  DecodedCapability,
  DecodedField,
  DecodedBits,
  ConfigDecodeOptions,
} from './pci/decode';
export { parseSetpciAddress, formatSetpciAddress, resolveSetpciAddress, setpciCapName } from './pci/setpci';
export type { SetpciAddress, ResolvedAddress, Width } from './pci/setpci';
export { STANDARD_CAPS, EXTENDED_CAPS, capabilityShortName } from './pci/registry';

export { createVfioDevice } from './vfio/create-device';
export {
  KERNELS,
  KERNEL_IDS,
  DEFAULT_KERNEL,
  COMMITS,
  kernelById,
  isKernelId,
  citeCommit,
  describeFeature11,
} from './vfio/kernel';
export type { KernelId, KernelVersion, KernelCommit, Feature11 } from './vfio/kernel';
export type { VfioDevice, ReadDetail, WriteDetail, DeviceStateView, HostFacet } from './vfio/device';
export type { VfioDeviceOptions } from './vfio/create-device';
export type { BlockRead } from './vfio/access';
export type { HostResource } from './vfio/hardware';
export { realisticMasks } from './vfio/hardware';
export type { Effect, EffectKind } from './vfio/state';
export type { ByteDescription } from './vfio/perm/effective';
export type { PermEntry, ReadHandler, WriteHandler } from './vfio/perm/types';
export {
  VFIO_DEVICE_FEATURE_GET,
  VFIO_DEVICE_FEATURE_SET,
  VFIO_DEVICE_FEATURE_PROBE,
  VFIO_DEVICE_FEATURE_MASK,
  VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT,
  VFIO_DEVICE_FEATURE_DMA_BUF,
  VFIO_DEVICE_FEATURE_PCI_VF_TOKEN,
  VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY,
  VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY_WITH_WAKEUP,
  VFIO_DEVICE_FEATURE_LOW_POWER_EXIT,
  VFIO_DEVICE_FEATURE_MIGRATION,
  VFIO_DEVICE_FEATURE_BUS_MASTER,
  PCI_CAP_ID_INVALID,
  PCI_CAP_ID_INVALID_VIRT,
} from './vfio/constants';
export type { IrqType } from './vfio/constants';

export {
  decodeMsi,
  composeCompat,
  composeRemappable,
  swizzleExtDestId,
  DELIVERY_MODES,
} from './irq/msi-format';
export type {
  DecodedMsi,
  MsiField,
  MsiFormat,
  RemapFlavour,
  CompatMessage,
  DecodeOptions,
} from './irq/msi-format';

export { QemuVfioPci, QEMU_COMMAND_WMASK } from './qemu/config';
export { QEMU_VERSIONS, QEMU_VERSION_IDS, DEFAULT_QEMU_VERSION, qemuRules } from './qemu/version';
export type { QemuVersion, QemuRules } from './qemu/version';
export type { DroppedCap } from './qemu/chain';
export type { QemuOptions, QemuTopology, GuestRead, GuestWrite, IrqTransition } from './qemu/config';

export {
  checkSetIrqs,
  validateSetIrqs,
  irqCount,
  msiQmax,
  VFIO_PCI_INTX_IRQ_INDEX,
  VFIO_PCI_MSI_IRQ_INDEX,
  VFIO_PCI_MSIX_IRQ_INDEX,
  VFIO_PCI_ERR_IRQ_INDEX,
  VFIO_PCI_REQ_IRQ_INDEX,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_IRQ_SET_DATA_BOOL,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_ACTION_MASK,
  VFIO_IRQ_SET_ACTION_UNMASK,
  VFIO_IRQ_SET_ACTION_TRIGGER,
} from './vfio/irqs';
export type { IrqSetHeader } from './vfio/irqs';

export { runScenario, SCENARIO_CHOICES } from './scenario/run';
export { SCENARIO_IDS } from './scenario/catalog';
export type { RunOptions, ScenarioResult } from './scenario/run';
export { scenarioConfigAt, scenarioConfigRefusal } from './scenario/config-at';
export type { ChoiceNote, ConfigChoices } from './scenario/config-choices';
export type { ScenarioConfig } from './scenario/config-at';
export { SCENARIOS } from './scenario/scenarios/index';
export { ACTORS } from './scenario/timeline';
export type { ActorId, LaneId, EventKind, Outcome, TimelineEvent, Snapshot, Verdict } from './scenario/timeline';
export type { ScenarioOptions } from './scenario/world';
export { ath11kConfig, ATH11K_RECONSTRUCTION_NOTE, RING_ASSIGNMENT } from './devices/ath11k';

export { buildFieldIndex } from './pci/field-index';
export type { FieldIndex, FieldLocation } from './pci/field-index';
export { createSession, permClass, sessionOfDevice } from './session/session';
export { fieldInView, lspciInView } from './session/meanings';
export type { LspciBlocks } from './pci/lspci-vvv/blocks';
export type { ViewName } from './session/meanings';
export type { Session, SessionInput, SessionOp, OpResult, Views, PermClass } from './session/session';
export { patchReplay, routeOf } from './session/patch-replay';
export type { ReplayRow, OpOutcome, BitRoute } from './session/patch-replay';
export { dottedMask, hexValue, hexOffset } from './pci/format';
export { fieldValue, readLE } from './util/bytes';
export { encodeLink, decodeLink, shareLink, LINK_VERSION } from './share/link';
export type { ShareResult, OpenResult } from './share/link';
// Without a token codec: what a page uses to open and write token-less links before loading fflate.
export { decodeFragment, encodeFragment } from './share/fragment';
export type { TokenCodec } from './share/fragment';
export {
  DEFAULT_LINK,
  DEFAULT_VIEW,
  DEFAULT_PRESET,
  LIMITS,
  OVERLAYS,
  VALUE_VIEWS,
  SPEEDS,
  REGIONS,
  defaultCompareKernel,
} from './share/state';
export type {
  LinkState,
  ViewState,
  FollowSide,
  ViewPatch,
  WalkStep,
  Walkthrough,
  WalkRef,
  DeviceRef,
  Region,
  ScenarioOptionValue,
} from './share/state';
export { NOVIRT_OP, formatSelect, parseSizedSelect } from './share/readable';
export { stateToFile, walkthroughToFile, readExplorerFile } from './share/file';
export { parsePermPatch, formatPatchError } from './vfio/patch/parse';
export { BUILTIN_PATCHES, builtinPatch, permPatchOrThrow } from './vfio/patch/builtins';
export type { BuiltinPatch } from './vfio/patch/builtins';
export { patchKernel } from './vfio/patch/apply';
export { diffPatch, diffPermBits, describeRegisterChange, patchReach, unchangedSummary } from './vfio/patch/diff';
export type { PermDiff, RegisterChange, BitChange, PermBits, PatchReach } from './vfio/patch/diff';
export type { PermPatch, PermEdit, PatchSyntaxError, PatchParse } from './vfio/patch/types';
export { scenarioOptionSets, scenarioOptionSpace } from './scenario/option-space';
export { describeEvent, DESCRIBERS } from './scenario/describe/index';
