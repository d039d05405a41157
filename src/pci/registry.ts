/** Every capability layout the decoder knows, by ID. Adding a capability = adding its file and one line here. */
import type { CapabilityDef } from './layout';
import { af } from './caps/af';
import { ea } from './caps/ea';
import {
  agp,
  agp3,
  ccrc,
  chswp,
  debugPort,
  fpb,
  hyperTransport,
  secureDevice,
  shpc,
  slotId,
  ssvid,
} from './caps/legacy';
import { msi } from './caps/msi';
import { msix } from './caps/msix';
import { pcie } from './caps/pcie';
import { pcix } from './caps/pcix';
import { pm } from './caps/pm';
import { sata } from './caps/sata';
import { vendorSpecific } from './caps/vendor';
import { vpd } from './caps/vpd';
import { rebar, vfRebar } from './ecaps/bars';
import { aer, dpc } from './ecaps/errors';
import { mriov, sriov } from './ecaps/iov';
import {
  altProtocol,
  amdReserved,
  cac,
  device3,
  doe,
  dsn,
  frs,
  hierarchyId,
  ide,
  lnr,
  mpcie,
  npem,
  pmux,
  ptm,
  rtr,
  sfi,
  shadowFunctions,
} from './ecaps/misc';
import {
  dataLinkFeature,
  laneMargining,
  pl16gt,
  pl32gt,
  pl64gt,
  secondaryPcie,
} from './ecaps/physical-layer';
import { dpa, l1ss, ltr, powerBudgeting } from './ecaps/power';
import { rcec, rcilc, rcld, rcrb } from './ecaps/root-complex';
import { acs, ari, multicast } from './ecaps/routing';
import { tph } from './ecaps/tph';
import { ats, pasid, pri } from './ecaps/translation';
import { mfvc, vc, vc9 } from './ecaps/vc';
import { dvsec, vsec } from './ecaps/vendor';

const byId = (defs: CapabilityDef[]) => new Map(defs.map((d) => [d.id, d]));

export const STANDARD_CAPS: ReadonlyMap<number, CapabilityDef> = byId([
  pm,
  agp,
  vpd,
  slotId,
  msi,
  chswp,
  pcix,
  hyperTransport,
  vendorSpecific,
  debugPort,
  ccrc,
  shpc,
  ssvid,
  agp3,
  secureDevice,
  pcie,
  msix,
  sata,
  af,
  ea,
  fpb,
]);

export const EXTENDED_CAPS: ReadonlyMap<number, CapabilityDef> = byId([
  aer,
  vc,
  dsn,
  powerBudgeting,
  rcld,
  rcilc,
  rcec,
  mfvc,
  vc9,
  rcrb,
  vsec,
  cac,
  acs,
  ari,
  ats,
  sriov,
  mriov,
  multicast,
  pri,
  amdReserved,
  rebar,
  dpa,
  tph,
  ltr,
  secondaryPcie,
  pmux,
  pasid,
  lnr,
  dpc,
  l1ss,
  ptm,
  mpcie,
  frs,
  rtr,
  dvsec,
  vfRebar,
  dataLinkFeature,
  pl16gt,
  laneMargining,
  hierarchyId,
  npem,
  pl32gt,
  altProtocol,
  sfi,
  shadowFunctions,
  doe,
  device3,
  ide,
  pl64gt,
]);

/** The capability's shorter name in words (CapabilityDef.shortName), or undefined when it has none. */
export function capabilityShortName(cap: {
  readonly id: number;
  readonly extended: boolean;
}): string | undefined {
  return (cap.extended ? EXTENDED_CAPS : STANDARD_CAPS).get(cap.id)?.shortName;
}
