/**
 * The reviewer's command line: decode a dump, or print vfio-pci's permission masks for it (optionally
 * after VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT). Every failure is one line on stderr and exit status 1, and
 * nothing from a dump reaches the terminal as a control character (a title could carry an escape
 * sequence that rewrites the screen).
 */
import { EngineError } from '../errors';
import { parseLspciDump, slotOfAddress, type LspciDevice } from '../pci/lspci';
import { formatDecoded } from './decode-text';
import { permRows, formatPermRows } from './perm-text';
import { decodeConfig } from '../pci/decode';
import { DEFAULT_BASE, linkFor } from './link';
import { formatLspciVvv } from '../pci/lspci-vvv';
import { readCapped } from './read-capped';
import { printable } from '../util/printable';
import { formatPatchDiff, loadPatch } from './patch-text';
import { diffPatch } from '../vfio/patch/diff';
import { BUILTIN_PATCHES } from '../vfio/patch/builtins';

const USAGE = `usage: vfio-explorer <command> FILE [options]

commands:
  decode FILE [--all-bits] [--vfio] [--novirt] [--json]
                                 decode an lspci -x/-xxx/-xxxx dump or a binary sysfs config file:
                                 each register with its value and meaning (clear flags folded unless
                                 --all-bits); --vfio adds vfio-pci's virt/write masks and the reason,
                                 --novirt as they are after VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT
  decode FILE --format lspci     what \`lspci -F FILE -vvv\` (pciutils 3.9.0) prints for it; the title
                                 line is the dump's own, subsystems are shown as IDs
  perm FILE [--novirt] [--json]  vfio-pci's virt/write masks for each register of the dump;
                                 --novirt: after VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT (RFC) was set
  perm FILE --patch PATCH [--json]
                                 every bit whose virt or write class a permission patch changes,
                                 before → after, with a summary; PATCH is a file in the patch
                                 notation (README) or a built-in: ${BUILTIN_PATCHES.map((p) => p.name).join(', ')}
  link FILE [--novirt] [--select REG] [--scenario S] [--base URL]
                                 a share link that opens the explorer on this dump; REG is a setpci
                                 address (0x54.L, CAP_MSI+4.L) or a pci_regs.h name; default base:
                                 the dev server of \`npm start\`, ${DEFAULT_BASE}
`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

function load(file: string): LspciDevice[] {
  let data: Uint8Array;
  try {
    data = readCapped(file);
  } catch (e) {
    if (e instanceof EngineError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new EngineError('option', `cannot read: ${code === 'ENOENT' ? 'no such file' : code}`);
  }
  return parseLspciDump(data);
}

const title = (d: LspciDevice) => [d.address, d.title].filter(Boolean).join(' ') || '(no device line)';

/** Options that take a value (the next argument). */
const VALUED = new Set(['--select', '--scenario', '--base', '--format', '--patch']);
const DECODE_FORMATS = ['text', 'json', 'lspci'];

function parseArgs(args: readonly string[]) {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) files.push(a);
    else if (!VALUED.has(a)) flags.add(a);
    else if (i + 1 < args.length) values.set(a, args[++i]);
    else throw new EngineError('option', `${a} needs a value`);
  }
  return { flags, values, files };
}

/** The CLI's streams with every control character but newline and tab escaped (util/printable.ts). */
const sanitized = (io: Io): Io => ({
  out: (t) => io.out(printable(t, false)),
  err: (t) => io.err(printable(t, false)),
});

export function main(argv: readonly string[], rawIo: Io): number {
  const io = sanitized(rawIo);
  try {
    return run(argv, io);
  } catch (e) {
    // Not an EngineError: an explorer bug, still one line and a non-zero exit rather than a stack trace.
    io.err(`vfio-explorer: internal error: ${printable(String(e))}\n`);
    return 2;
  }
}

function run(argv: readonly string[], io: Io): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 1;
  }
  const known: Record<string, string[]> = {
    decode: ['--json', '--format', '--all-bits', '--vfio', '--novirt'],
    perm: ['--json', '--novirt', '--patch'],
    link: ['--novirt', '--select', '--scenario', '--base'],
  };
  if (!Object.hasOwn(known, command)) {
    io.err(`vfio-explorer: unknown command "${printable(command.slice(0, 40))}"; see vfio-explorer --help\n`);
    return 1;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(rest);
  } catch (e) {
    io.err(`vfio-explorer: ${command}: ${printable((e as Error).message)}\n`);
    return 1;
  }
  const { flags, values, files } = parsed;
  const unknownFlag = [...flags, ...values.keys()].find((f) => !known[command].includes(f));
  if (unknownFlag) {
    io.err(`vfio-explorer: ${command} does not take ${printable(unknownFlag.slice(0, 40))}\n`);
    return 1;
  }
  if (files.length !== 1) {
    io.err(`vfio-explorer: ${command} needs exactly one FILE\n`);
    return 1;
  }
  const patchArg = values.get('--patch');
  if (patchArg !== undefined && flags.has('--novirt')) {
    io.err(
      'vfio-explorer: perm: --novirt and --patch do not go together (--patch novirt is the RFC as a patch)\n',
    );
    return 1;
  }
  let patch;
  try {
    patch = patchArg === undefined ? undefined : loadPatch(patchArg);
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    io.err(`vfio-explorer: perm: ${printable(e.message)}\n`);
    return 1;
  }
  try {
    const devices = load(files[0]);
    const json = flags.has('--json');
    if (command === 'link') {
      if (devices.length > 1)
        io.err(`vfio-explorer: ${printable(files[0])} holds ${devices.length} devices; linking the first\n`);
      io.out(
        `${linkFor(files[0], devices[0], { novirt: flags.has('--novirt'), select: values.get('--select'), scenario: values.get('--scenario'), base: values.get('--base') })}\n`,
      );
      return 0;
    }
    if (command === 'decode') {
      const format = values.get('--format') ?? (json ? 'json' : 'text');
      if (!DECODE_FORMATS.includes(format) || (json && format !== 'json')) {
        io.err(
          `vfio-explorer: decode: --format is one of ${DECODE_FORMATS.join(', ')} (and --json means json)\n`,
        );
        return 1;
      }
      if (format === 'lspci') {
        io.out(formatLspciVvv(devices));
        return 0;
      }
      const decoded = devices.map((d) => {
        const config = decodeConfig(d.bytes, { slot: slotOfAddress(d.address) });
        return {
          address: d.address,
          title: d.title,
          ...config,
          warnings: [...d.warnings, ...config.warnings],
        };
      });
      if (flags.has('--novirt') && !flags.has('--vfio')) {
        io.err('vfio-explorer: decode: --novirt goes with --vfio\n');
        return 1;
      }
      const options = (i: number) => ({
        allBits: flags.has('--all-bits'),
        vfio: flags.has('--vfio')
          ? new Map(permRows(devices[i].bytes, flags.has('--novirt')).map((r) => [r.offset, r]))
          : undefined,
      });
      io.out(
        format === 'json'
          ? `${JSON.stringify(decoded, null, 2)}\n`
          : decoded.map((d, i) => formatDecoded(title(devices[i]), d, options(i))).join('\n'),
      );
      return 0;
    }
    if (patch) {
      const diffs = devices.map((d) => diffPatch(d.bytes, patch));
      io.out(
        json
          ? `${JSON.stringify(
              devices.map((d, i) => ({ address: d.address, title: d.title, patch: patch.name, ...diffs[i] })),
              null,
              2,
            )}\n`
          : diffs.map((d, i) => formatPatchDiff(title(devices[i]), patch, d)).join('\n'),
      );
      return 0;
    }
    const tables = devices.map((d) => ({
      address: d.address,
      title: d.title,
      registers: permRows(d.bytes, flags.has('--novirt')),
    }));
    io.out(
      json
        ? `${JSON.stringify(tables, null, 2)}\n`
        : tables.map((t, i) => formatPermRows(title(devices[i]), t.registers)).join('\n'),
    );
    return 0;
  } catch (e) {
    if (e instanceof EngineError) {
      io.err(`vfio-explorer: ${printable(files[0])}: ${printable(e.message)}\n`);
      return 1;
    }
    throw e;
  }
}
