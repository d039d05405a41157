/**
 * AMD posted interrupts are AVIC + the IOMMU's guest virtual APIC mode (Linux v6.11: avic_pi_update_irte →
 * amd_ir_set_vcpu_affinity → amd_iommu_activate_guest_mode; IsRun/Destination via amd_iommu_update_ga),
 * not VT-d posted descriptors with notification vector 0xf2.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type ScenarioResult } from '../../src/index';
import { verdict } from '../helpers/scenario-run';

const ce1 = (r: ScenarioResult, kind: string) => r.events.find((e) => e.source === 'CE1' && e.kind === kind)!;

describe('S7 on an AMD host', () => {
  it('the device IRTE 0 becomes a guest-mode IRTE: vector 0x21, backing page 0x12345000, GATag VM 1 / vCPU 0', () => {
    const r = runScenario('S7', { ir: 'amd' });
    const pair = r.events.find((e) => e.kind === 'irte-write' && e.payload.guestMode === true)!;
    expect(pair.payload).toMatchObject({
      irte: 0,
      sid: 0x200,
      guestMode: true,
      vector: 0x21,
      gaTagVm: 1,
      gaTagVcpu: 0,
      gaRootPtr: 0x12345,
      isRun: true,
      destination: 6,
      gaLogIntr: true,
      backingPage: 0x12345000,
    });
    expect(pair.refs).toContain('avic_pi_update_irte');
    expect(pair.refs).toContain('amd_ir_set_vcpu_affinity');
    expect(r.snapshots.at(-1)!.kvm.pi).toEqual([]);
  });
  it('running vCPU: IRR bit in the backing page and a doorbell to APIC 6 — no 0xf2 notification, no host handler', () => {
    const r = runScenario('S7', { ir: 'amd' });
    expect(ce1(r, 'posted').payload).toMatchObject({
      irte: 0,
      guestMode: true,
      vector: 0x21,
      backingPage: 0x12345000,
      isRun: true,
      doorbell: 6,
      gaLog: false,
    });
    expect(r.events.some((e) => e.kind === 'posted' && e.payload.nv !== undefined)).toBe(false);
    expect(r.events.some((e) => e.kind === 'isr' && e.to === 'vfio')).toBe(false);
    expect(verdict(r, 'CE1')).toEqual({
      source: 'CE1',
      outcome: 'delivered',
      guestVector: 0x21,
      vcpu: 0,
      at: 'vcpu',
      why: 'AVIC: guest vector 0x21 on vCPU 0',
    });
  });
  it('blocked vCPU: IsRun 0 → GA log entry and IOMMU interrupt; avic_ga_log_notifier wakes it', () => {
    const r = runScenario('S7', { ir: 'amd', vcpuState: 'blocked' });
    expect(ce1(r, 'posted').payload).toMatchObject({ isRun: false, doorbell: null, gaLog: true });
    const log = r.events.find((e) => e.source === 'CE1' && e.kind === 'log' && e.from === 'iommu')!;
    expect(log.payload).toMatchObject({ gaLogTagVm: 1, gaLogTagVcpu: 0 });
    expect(log.refs).toContain('avic_ga_log_notifier');
    expect(verdict(r, 'CE1')).toMatchObject({ outcome: 'delivered', guestVector: 0x21, vcpu: 0 });
  });
  it('Intel keeps VT-d posting: PI descriptor, NV 0xf2', () => {
    const r = runScenario('S7');
    expect(ce1(r, 'posted').payload).toMatchObject({ nv: 0xf2, pir: 0x21 });
    expect(r.snapshots.at(-1)!.kvm.avic).toBeUndefined();
  });
});
