/**
 * The reviewer's command line: decode a dump, or print vfio-pci's permission masks for it (optionally
 * after VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT). Every failure is one line on stderr and exit status 1.
 */
import { readFileSync } from 'node:fs';
import { EngineError } from '../errors';
import { parseLspciDump, type LspciDevice } from '../pci/lspci';
import { formatDecoded } from './decode-text';
import { permRows, formatPermRows } from './perm-text';
import { decodeConfig } from '../pci/decode';

const USAGE = `usage: vfio-explorer <command> FILE [options]

commands:
  decode FILE [--json]           decode an lspci -x/-xxx/-xxxx dump or a binary sysfs config file
  perm FILE [--novirt] [--json]  vfio-pci's virt/write masks for each register of the dump;
                                 --novirt: after VFIO_DEVICE_FEATURE_PCI_MSI_NOVIRT (RFC) was set
`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

function load(file: string): LspciDevice[] {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new EngineError('option', `cannot read: ${code === 'ENOENT' ? 'no such file' : code}`);
  }
  return parseLspciDump(new Uint8Array(data));
}

const title = (d: LspciDevice) => [d.address, d.title].filter(Boolean).join(' ') || '(no device line)';

export function main(argv: readonly string[], io: Io): number {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const files = rest.filter((a) => !a.startsWith('--'));
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 1;
  }
  const known: Record<string, string[]> = { decode: ['--json'], perm: ['--json', '--novirt'] };
  if (!known[command]) {
    io.err(`vfio-explorer: unknown command "${command}"\n${USAGE}`);
    return 1;
  }
  const unknownFlag = [...flags].find((f) => !known[command].includes(f));
  if (unknownFlag) {
    io.err(`vfio-explorer: ${command} does not take ${unknownFlag}\n`);
    return 1;
  }
  if (files.length !== 1) {
    io.err(`vfio-explorer: ${command} needs exactly one FILE\n`);
    return 1;
  }
  try {
    const devices = load(files[0]);
    const json = flags.has('--json');
    if (command === 'decode') {
      const decoded = devices.map((d) => {
        const config = decodeConfig(d.bytes);
        return {
          address: d.address,
          title: d.title,
          ...config,
          warnings: [...d.warnings, ...config.warnings],
        };
      });
      io.out(
        json
          ? `${JSON.stringify(decoded, null, 2)}\n`
          : decoded.map((d, i) => formatDecoded(title(devices[i]), d)).join('\n'),
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
      io.err(`vfio-explorer: ${files[0]}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
