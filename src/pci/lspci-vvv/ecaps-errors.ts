/** Advanced Error Reporting and Downstream Port Containment (cap_aer, cap_dpc in pciutils 3.9.0 ls-ecaps.c). */
import { hasRoot } from '../caps/pcie-ports';
import { bits, flags, hx, sign, type Ctx, type FlagList } from './reader';

const UNCORRECTABLE: FlagList = [
  ['DLP', 0x10],
  ['SDES', 0x20],
  ['TLP', 0x1000],
  ['FCP', 0x2000],
  ['CmpltTO', 0x4000],
  ['CmpltAbrt', 0x8000],
  ['UnxCmplt', 0x10000],
  ['RxOF', 0x20000],
  ['MalfTLP', 0x40000],
  ['ECRC', 0x80000],
  ['UnsupReq', 0x100000],
  ['ACSViol', 0x200000],
];
const CORRECTABLE: FlagList = [
  ['RxErr', 0x1],
  ['BadTLP', 0x40],
  ['BadDLLP', 0x80],
  ['Rollover', 0x100],
  ['Timeout', 0x1000],
  ['AdvNonFatalErr', 0x2000],
];

export function capAer({ cfg, out, expType }: Ctx, where: number): void {
  out.line('Advanced Error Reporting');
  if (!cfg.has(where + 4, 40)) return;
  const rows: [string, number, FlagList][] = [
    ['UESta', 4, UNCORRECTABLE],
    ['UEMsk', 8, UNCORRECTABLE],
    ['UESvrt', 12, UNCORRECTABLE],
    ['CESta', 16, CORRECTABLE],
    ['CEMsk', 20, CORRECTABLE],
  ];
  for (const [label, at, list] of rows) out.line(`\t\t${label}:\t${flags(cfg.u32(where + at), list)}`);
  const c = cfg.u32(where + 24);
  out.line(
    `\t\tAERCap:\tFirst Error Pointer: ${hx(c & 0x1f, 2)}, ${flags(c, [
      ['ECRCGenCap', 0x20],
      ['ECRCGenEn', 0x40],
      ['ECRCChkCap', 0x80],
      ['ECRCChkEn', 0x100],
    ])}`,
  );
  out.line(
    `\t\t\t${flags(c, [
      ['MultHdrRecCap', 0x200],
      ['MultHdrRecEn', 0x400],
      ['TLPPfxPres', 0x800],
      ['HdrLogCap', 0x1000],
    ])}`,
  );
  const log = [0, 4, 8, 12].map((i) => hx(cfg.u32(where + 28 + i), 8));
  out.line(`\t\tHeaderLog: ${log.join(' ')}`);
  if (!hasRoot(expType) || !cfg.has(where + 0x2c, 12)) return;
  const cmd = cfg.u32(where + 0x2c);
  out.line(
    `\t\tRootCmd: ${flags(cmd, [
      ['CERptEn', 1],
      ['NFERptEn', 2],
      ['FERptEn', 4],
    ])}`,
  );
  const s = cfg.u32(where + 0x30);
  out.line(
    `\t\tRootSta: ${flags(s, [
      ['CERcvd', 1],
      ['MultCERcvd', 2],
      ['UERcvd', 4],
      ['MultUERcvd', 8],
    ])}`,
  );
  out.line(
    `\t\t\t ${flags(s, [
      ['FirstFatal', 0x10],
      ['NonFatalMsg', 0x20],
      ['FatalMsg', 0x40],
    ])} IntMsg ${bits(s, 27, 5)}`,
  );
  out.line(
    `\t\tErrorSrc: ERR_COR: ${hx(cfg.u16(where + 0x34), 4)} ERR_FATAL/NONFATAL: ${hx(cfg.u16(where + 0x36), 4)}`,
  );
}

export function capDpc({ cfg, out }: Ctx, where: number): void {
  out.line('Downstream Port Containment');
  if (!cfg.has(where + 4, 8)) return;
  let w = cfg.u16(where + 4);
  out.line(
    `\t\tDpcCap:\tINT Msg #${w & 0x1f}, RPExt${sign(w, 0x20)} PoisonedTLP${sign(w, 0x40)} SwTrigger${sign(w, 0x80)} RP PIO Log ${(w >> 8) & 0xf}, DL_ActiveErr${sign(w, 0x1000)}`,
  );
  w = cfg.u16(where + 6);
  out.line(
    `\t\tDpcCtl:\tTrigger:${hx(w & 3)} ${flags(w, [
      ['Cmpl', 0x4],
      ['INT', 0x8],
      ['ErrCor', 0x10],
      ['PoisonedTLP', 0x20],
      ['SwTrigger', 0x40],
      ['DL_ActiveErr', 0x80],
    ])}`,
  );
  w = cfg.u16(where + 8);
  out.line(
    `\t\tDpcSta:\tTrigger${sign(w, 1)} Reason:${hx((w >> 1) & 3, 2)} INT${sign(w, 8)} RPBusy${sign(w, 0x10)} TriggerExt:${hx((w >> 5) & 3, 2)} RP PIO ErrPtr:${hx((w >> 8) & 0x1f, 2)}`,
  );
  out.line(`\t\tSource:\t${hx(cfg.u16(where + 10), 4)}`);
}
