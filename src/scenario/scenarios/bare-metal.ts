/** S1 (bare metal with IR: the copies stay valid) and S10 (bare metal without IR: a stale copy after re-targeting). */
import { deliver } from '../deliver';
import { driverReadsMessage, hostAffinityChange, hostAllocateAndProgram, programRings } from '../flows';
import { msiModeFor } from '../models/actors';
import type { World } from '../world';
import { athRingPlans, athTimeoutLog, mhiSource, ringSources } from './setup';

function hostDriverBringUp(w: World): void {
  const n = w.opts.vectors;
  w.gd.mode = msiModeFor(n);
  w.gd.log.push(`MSI vectors: ${n}`);
  w.rec.emit({
    from: 'guest-driver',
    to: 'guest-driver',
    kind: 'log',
    payload: { note: 'driver-request', requested: n },
    refs: ['ath11k_pci_alloc_msi'],
  });
  hostAllocateAndProgram(w, 'guest-driver', n);
  const { address, dataBase } = driverReadsMessage(w);
  programRings(w, athRingPlans(address, dataBase, msiModeFor(n)));
}

export function runS1(w: World): void {
  hostDriverBringUp(w);
  for (const v of [0, 1, 2]) deliver(w, mhiSource(v));
  for (const s of ringSources()) deliver(w, s);
}

export function runS10(w: World): void {
  hostDriverBringUp(w);
  if (w.opts.affinityChange) hostAffinityChange(w, 0, 0x33); // the deferred CPU0 affinity takes effect
  deliver(w, mhiSource(0));
  for (const s of ringSources().slice(0, 3)) deliver(w, s);
  if (w.rec.verdicts.some((v) => v.outcome !== 'delivered')) athTimeoutLog(w);
}
