/**
 * AER's root error registers (RootCmd, RootSta, ErrorSrc) read as lspci 3.9.0's cap_aer prints them on a
 * root port, and have no meaning on an endpoint, where lspci prints none of them.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { decodeConfig, parseLspciDump } from '../../src/index';

const fixture = (name: string) =>
  decodeConfig(parseLspciDump(readFileSync(`test/fixtures/lspci/${name}.txt`, 'utf8'))[0].bytes);

/** Every root-register meaning of the function's AER capability, by bit name. */
function rootMeanings(name: string): Record<string, string | undefined> {
  const aer = fixture(name).extendedCapabilities.find((c) => c.name === 'Advanced Error Reporting')!;
  const roots = aer.fields.filter((f) => f.name.startsWith('PCI_ERR_ROOT_'));
  expect(roots.map((f) => f.name)).toEqual([
    'PCI_ERR_ROOT_COMMAND',
    'PCI_ERR_ROOT_STATUS',
    'PCI_ERR_ROOT_ERR_SRC',
  ]);
  return Object.fromEntries(roots.flatMap((f) => (f.bits ?? []).map((b) => [b.name, b.meaning])));
}

it('on the X58 root port: the words of its RootCmd, RootSta and ErrorSrc lines', () => {
  expect(rootMeanings('8086-3408-x58-root-port')).toEqual({
    PCI_ERR_ROOT_CMD_COR_EN: 'CERptEn-',
    PCI_ERR_ROOT_CMD_NONFATAL_EN: 'NFERptEn-',
    PCI_ERR_ROOT_CMD_FATAL_EN: 'FERptEn-',
    PCI_ERR_ROOT_COR_RCV: 'CERcvd-',
    PCI_ERR_ROOT_MULTI_COR_RCV: 'MultCERcvd-',
    PCI_ERR_ROOT_UNCOR_RCV: 'UERcvd-',
    PCI_ERR_ROOT_MULTI_UNCOR_RCV: 'MultUERcvd-',
    PCI_ERR_ROOT_FIRST_FATAL: 'FirstFatal-',
    PCI_ERR_ROOT_NONFATAL_RCV: 'NonFatalMsg-',
    PCI_ERR_ROOT_FATAL_RCV: 'FatalMsg-',
    PCI_ERR_ROOT_AER_IRQ: 'IntMsg 0',
    PCI_ERR_ROOT_COR_SRC: 'ERR_COR: 0000',
    PCI_ERR_ROOT_SRC: 'ERR_FATAL/NONFATAL: 0000',
  });
});

it('on an endpoint (the Intel 7265): none, as lspci prints no root lines there', () => {
  const meanings = rootMeanings('8086-095a-wireless-7265-wifi');
  expect(Object.keys(meanings)).toHaveLength(13);
  expect(Object.values(meanings).filter((m) => m !== undefined)).toEqual([]);
});
