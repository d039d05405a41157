/** Real lspci dumps copied from shared/fixtures (see test/fixtures/lspci/PROVENANCE.md). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLspciDump } from '../../src/index';

export const FIXTURE_DIR = join(import.meta.dirname, '..', 'fixtures', 'lspci');

export const fixtureNames = (): string[] =>
  readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.txt') && !f.endsWith('.vvv.txt'))
    .map((f) => f.replace(/\.txt$/, ''))
    .sort();

export const fixtureText = (name: string): string => readFileSync(join(FIXTURE_DIR, `${name}.txt`), 'utf8');
export const oracleText = (name: string): string =>
  readFileSync(join(FIXTURE_DIR, `${name}.vvv.txt`), 'utf8');
export const fixtureBytes = (name: string): Uint8Array => parseLspciDump(fixtureText(name))[0].bytes;
