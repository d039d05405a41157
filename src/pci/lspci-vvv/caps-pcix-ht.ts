/** PCI-X (cap_pcix_nobridge / cap_pcix_bridge) and HyperTransport (cap_ht*) from pciutils 3.9.0 ls-caps.c. */
import {
  HT_ERROR_WORDS,
  HT_FEATURE_WORDS,
  HT_FREQUENCIES,
  HT_INTERFACES,
  HT_WIDTHS,
  htKind,
  htRevision,
} from '../caps/ht';
import { flags, hx, sign, type Ctx, type FlagList } from './reader';

const MAX_OUTSTANDING = [1, 2, 3, 4, 8, 12, 16, 32];
const SEC_CLOCK = ['conv', '66MHz', '100MHz', '133MHz', '?4', '?5', '?6', '?7'];

const devfn = (s: number) => `Dev=${hx((s >> 8) & 0xff, 2)}:${hx((s >> 3) & 0x1f, 2)}.${s & 7}`;

function pcixDevice({ cfg, out }: Ctx, where: number): void {
  out.line('PCI-X non-bridge device');
  if (!cfg.has(where + 4, 4)) return;
  const cmd = cfg.u16(where + 2);
  const s = cfg.u32(where + 4);
  out.line(
    `\t\tCommand: DPERE${sign(cmd, 1)} ERO${sign(cmd, 2)} RBC=${1 << (9 + ((cmd >> 2) & 3))} OST=${MAX_OUTSTANDING[(cmd >> 4) & 7]}`,
  );
  out.line(
    `\t\tStatus: ${devfn(s)} 64bit${sign(s, 0x10000)} 133MHz${sign(s, 0x20000)} SCD${sign(s, 0x40000)} USC${sign(s, 0x80000)} DC=${s & 0x100000 ? 'bridge' : 'simple'} DMMRBC=${1 << (9 + ((s >>> 21) & 3))} DMOST=${MAX_OUTSTANDING[(s >>> 23) & 7]} DMCRS=${1 << (3 + ((s >>> 26) & 7))} RSCEM${sign(s, 0x20000000)} 266MHz${sign(s, 0x40000000)} 533MHz${sign(s, 0x80000000)}`,
  );
}

function pcixBridge({ cfg, out }: Ctx, where: number): void {
  out.line('PCI-X bridge device');
  if (!cfg.has(where + 4, 12)) return;
  const sec = cfg.u16(where + 2);
  const common: FlagList = [
    ['64bit', 0x1],
    ['133MHz', 0x2],
    ['SCD', 0x4],
    ['USC', 0x8],
    ['SCO', 0x10],
    ['SRD', 0x20],
  ];
  out.line(`\t\tSecondary Status: ${flags(sec, common)} Freq=${SEC_CLOCK[(sec >> 6) & 7]}`);
  const s = cfg.u32(where + 4);
  out.line(`\t\tStatus: ${devfn(s)} ${flags(s >>> 16, common)}`);
  for (const [label, at] of [
    ['Upstream', 8],
    ['Downstream', 12],
  ] as const) {
    const v = cfg.u32(where + at);
    out.line(`\t\t${label}: Capacity=${v & 0xffff} CommitmentLimit=${v >>> 16}`);
  }
}

export function capPcix(ctx: Ctx, where: number): void {
  const type = ctx.cfg.u8(0x0e) & 0x7f;
  if (type === 0) pcixDevice(ctx, where);
  else if (type === 1) pcixBridge(ctx, where);
}

const WIDTHS = HT_WIDTHS;
const FREQS = HT_FREQUENCIES;
const freq = (v: number) => FREQS[v & 0xf];

const LINK_CONTROL: FlagList = [
  ['CFlE', 0x2],
  ['CST', 0x4],
  ['CFE', 0x8],
  ['<LkFail', 0x10],
  ['Init', 0x20],
  ['EOC', 0x40],
  ['TXO', 0x80],
];
const LINK_CONTROL_22: FlagList = [
  ['IsocEn', 0x1000],
  ['LSEn', 0x2000],
  ['ExtCTL', 0x4000],
  ['64b', 0x8000],
];
const FREQ_CAP: FlagList = [...FREQS.slice(0, 10).map((n, i) => [n, 1 << i] as const), ['Vend', 0x8000]];
const FEATURES: FlagList = HT_FEATURE_WORDS.map((n, i) => [n, 1 << i] as const);
const ERROR_HANDLING: FlagList = HT_ERROR_WORDS.map((n, i) => [n, 1 << i] as const);

const linkControl = (v: number, rev22: boolean) =>
  `${flags(v, LINK_CONTROL)} <CRCErr=${hx((v >> 8) & 0xf)}${rev22 ? ` ${flags(v, LINK_CONTROL_22)}` : ''}`;

function linkConfig(v: number, rev22: boolean): string {
  const w = (shift: number) => WIDTHS[(v >> shift) & 7];
  if (!rev22) return `MLWI=${w(0)} MLWO=${w(4)} LWI=${w(8)} LWO=${w(12)}`;
  return `MLWI=${w(0)} DwFcIn${sign(v, 0x8)} MLWO=${w(4)} DwFcOut${sign(v, 0x80)} LWI=${w(8)} DwFcInEn${sign(v, 0x800)} LWO=${w(12)} DwFcOutEn${sign(v, 0x8000)}`;
}

const revision = htRevision;

function linkError(out: Ctx['out'], suffix: string, v: number): void {
  out.line(`\t\tLink Frequency${suffix}: ${freq(v)}`);
  out.line(
    `\t\tLink Error${suffix}: ${flags(v, [
      ['<Prot', 0x10],
      ['<Ovfl', 0x20],
      ['<EOC', 0x40],
      ['CTLTm', 0x80],
    ])}`,
  );
}

function htPrimary({ cfg, out }: Ctx, where: number, cmd: number): void {
  out.line(`HyperTransport: ${HT_INTERFACES[0]}`);
  if (!cfg.has(where + 4, 28 - 4)) return;
  const rid = cfg.u8(where + 12);
  const rev22 = rid >= 0x22;
  if (rid < 0x22 && rid > 0x11) out.line('\t\t!!! Possibly incomplete decoding');
  out.line(
    `\t\tCommand: BaseUnitID=${cmd & 0x1f} UnitCnt=${(cmd >> 5) & 0x1f} MastHost${sign(cmd, 0x400)} DefDir${sign(cmd, 0x800)}${rev22 ? ` DUL${sign(cmd, 0x1000)}` : ''}`,
  );
  out.line(`\t\tLink Control 0: ${linkControl(cfg.u16(where + 4), rev22)}`);
  out.line(`\t\tLink Config 0: ${linkConfig(cfg.u16(where + 6), rev22)}`);
  out.line(`\t\tLink Control 1: ${linkControl(cfg.u16(where + 8), rev22)}`);
  out.line(`\t\tLink Config 1: ${linkConfig(cfg.u16(where + 10), rev22)}`);
  out.line(`\t\tRevision ID: ${revision(rid)}`);
  if (!rev22) return;
  linkError(out, ' 0', cfg.u8(where + 13));
  out.line(`\t\tLink Frequency Capability 0: ${flags(cfg.u8(where + 14), FREQ_CAP)}`);
  out.line(`\t\tFeature Capability: ${flags(cfg.u8(where + 16), FEATURES)}`);
  linkError(out, ' 1', cfg.u8(where + 17));
  out.line(`\t\tLink Frequency Capability 1: ${flags(cfg.u8(where + 18), FREQ_CAP)}`);
  out.line(`\t\tError Handling: ${flags(cfg.u16(where + 22), ERROR_HANDLING)}`);
  out.line(
    `\t\tPrefetchable memory behind bridge Upper: ${hx(cfg.u8(where + 24), 2)}-${hx(cfg.u8(where + 25), 2)}`,
  );
  out.line(`\t\tBus Number: ${hx(cfg.u8(where + 26), 2)}`);
}

function htSecondary({ cfg, out }: Ctx, where: number, cmd: number): void {
  out.line(`HyperTransport: ${HT_INTERFACES[1]}`);
  if (!cfg.has(where + 4, 24 - 4)) return;
  const rid = cfg.u8(where + 8);
  const rev22 = rid >= 0x22;
  if (rid < 0x22 && rid > 0x11) out.line('\t\t!!! Possibly incomplete decoding');
  let line = `\t\tCommand: WarmRst${sign(cmd, 1)} DblEnd${sign(cmd, 2)}`;
  if (rev22) {
    line += ` DevNum=${(cmd >> 2) & 0x1f} ChainSide${sign(cmd, 0x80)} HostHide${sign(cmd, 0x100)} Slave${sign(cmd, 0x400)} <EOCErr${sign(cmd, 0x800)} DUL${sign(cmd, 0x1000)}`;
  }
  out.line(line);
  out.line(`\t\tLink Control: ${linkControl(cfg.u16(where + 4), rev22)}`);
  out.line(`\t\tLink Config: ${linkConfig(cfg.u16(where + 6), rev22)}`);
  out.line(`\t\tRevision ID: ${revision(rid)}`);
  if (!rev22) return;
  linkError(out, '', cfg.u8(where + 9));
  out.line(`\t\tLink Frequency Capability: ${flags(cfg.u8(where + 10), FREQ_CAP)}`);
  const ftr = cfg.u16(where + 12);
  out.line(`\t\tFeature Capability: ${flags(ftr, [...FEATURES, ['ExtRS', 0x100], ['UCnfE', 0x200]])}`);
  if (!(ftr & 0x100)) return;
  out.line(`\t\tError Handling: ${flags(cfg.u16(where + 18), ERROR_HANDLING)}`);
  out.line(
    `\t\tPrefetchable memory behind bridge Upper: ${hx(cfg.u8(where + 20), 2)}-${hx(cfg.u8(where + 21), 2)}`,
  );
}

export function capHt(ctx: Ctx, where: number, cmd: number): void {
  const { cfg, out } = ctx;
  if ((cmd & 0xe000) === 0) return htPrimary(ctx, where, cmd);
  if ((cmd & 0xe000) === 0x2000) return htSecondary(ctx, where, cmd);
  const type = cmd & 0xf800;
  if (type === 0x8800) {
    out.line(`HyperTransport: Revision ID: ${revision(cmd & 0xff)}`);
  } else if (type === 0xa800) {
    out.line(`HyperTransport: MSI Mapping Enable${sign(cmd, 1)} Fixed${sign(cmd, 2)}`);
    if (!(cmd & 2) && cfg.has(where + 4, 8)) {
      const base = (BigInt(cfg.u32(where + 8)) << 32n) | BigInt((cfg.u32(where + 4) & ~0xfffff) >>> 0);
      out.line(`\t\tMapping Address Base: ${hx(base, 16)}`);
    }
  } else {
    out.line(`HyperTransport: ${htKind(type >> 11)}`);
  }
}
