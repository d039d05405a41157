/**
 * The patch notation, one change per line (the README documents it):
 *
 *   TABLE REGISTER p_setb|p_setw|p_setd VIRT WRITE    a p_set* call on a permission table
 *   TABLE length N                                   the capability's length (cap/ecap only)
 *   sizeof PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 N          a pci_regs.h size the kernel model holds as data
 *
 * TABLE is `basic` (the header, init_pci_cap_basic_perm), `msi` (the per-device table of
 * init_pci_cap_msi_perm), `cap PCI_CAP_ID_*` (cap_perms[]) or `ecap PCI_EXT_CAP_ID_*` (ecap_perms[]).
 * `#` starts a comment. Every mistake is an error with its line and column; nothing is skipped quietly.
 */
import { capPerms, ecapPerms } from '../perm/tables';
import { lexLine, type Token } from './lexer';
import { Cursor, expected, mask, LineError } from './masks';
import type { LengthEdit, MsiCondition, PatchParse, PatchSyntaxError, PermEdit, SizeofEdit } from './types';
import { capabilityIds, tableRegisters, type PatchTable } from './vocabulary';

const WIDTHS: Record<string, 1 | 2 | 4> = { p_setb: 1, p_setw: 2, p_setd: 4 };
/** MSI's table is as long as the capability: at most 24 bytes (64-bit with per-vector masking). */
const MSI_MAX = 24;
const hex = (v: number) => `0x${v.toString(16)}`;

function table(c: Cursor): PatchTable {
  const t = c.next();
  if (t.text === 'basic' || t.text === 'msi') return { kind: t.text };
  if (t.text !== 'cap' && t.text !== 'ecap')
    throw expected(t, 'a table: basic, msi, cap PCI_CAP_ID_… or ecap PCI_EXT_CAP_ID_…');
  const kind = t.text;
  const idTok = c.next();
  const ids = capabilityIds(kind);
  const id = idTok.kind === 'number' ? idTok.value! : ids.get(idTok.text);
  if (id === undefined)
    throw expected(idTok, `a ${kind === 'cap' ? 'PCI_CAP_ID_…' : 'PCI_EXT_CAP_ID_…'} name or number`);
  const macro = [...ids].find(([, v]) => v === id)?.[0] ?? hex(id);
  if (id === 0x05 && kind === 'cap')
    throw new LineError(idTok.column, 'MSI has a per-device table: write "msi", not "cap PCI_CAP_ID_MSI"');
  return { kind, id, macro };
}

/** Bytes the table holds, or null for MSI (per device) — a line past it would change nothing. */
function tableSize(t: PatchTable): number | null {
  if (t.kind === 'msi') return MSI_MAX;
  const p = t.kind === 'basic' ? capPerms(0) : t.kind === 'cap' ? capPerms(t.id) : ecapPerms(t.id);
  return p.read === 'direct' ? 0 : p.size;
}

const tableName = (t: PatchTable) =>
  t.kind === 'cap' || t.kind === 'ecap' ? `${t.kind} ${t.macro}` : t.kind;

function register(c: Cursor, t: PatchTable) {
  const r = c.next();
  if (r.kind === 'number') return { tok: r, name: hex(r.value!), named: false, offset: r.value!, size: null };
  if (r.kind !== 'word') throw expected(r, 'a register (a pci_regs.h name or an offset)');
  const regs = tableRegisters(t).filter((x) => x.name === r.text);
  if (!regs.length) {
    const known = tableRegisters(t).map((x) => x.name);
    throw new LineError(
      r.column,
      `unknown register "${r.text}" in ${tableName(t)}; its registers: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}`,
    );
  }
  // MSI's registers move with the layout; the one whose offset fits this name is picked when applied.
  return { tok: r, name: r.text, named: true, offset: regs[0].offset, size: regs[0].size };
}

function setLine(c: Cursor, line: number, t: PatchTable, first: Token): PermEdit {
  const reg = register(c, t);
  const w = c.next();
  const size = WIDTHS[w.text];
  if (!size) throw expected(w, 'p_setb, p_setw or p_setd (or "length" for the capability length)');
  // Narrower is fine: the kernel's own p_setb(perm, PCI_MSI_FLAGS, …) sets the low byte of a word.
  if (reg.size !== null && size > reg.size)
    throw new LineError(w.column, `${reg.name} is ${reg.size} byte(s) wide; ${w.text} writes ${size}`);
  const limit = tableSize(t);
  if (limit === 0)
    throw new LineError(
      first.column,
      `${tableName(t)} has no permission table in vfio_pci_config.c (read directly, writes ${t.kind === 'ecap' || t.kind === 'cap' ? 'dropped or raw' : 'dropped'}); a patch can change only existing tables`,
    );
  if (limit !== null && reg.offset + size > limit)
    throw new LineError(
      reg.tok.column,
      `${hex(reg.offset)}+${size} is past the ${limit}-byte table of ${tableName(t)}`,
    );
  const virt = mask(c, size, 'virt');
  const write = mask(c, size, 'write');
  const when = condition(c, t);
  const edit = {
    line,
    table: t,
    register: reg.name,
    named: reg.named,
    offset: reg.offset,
    size,
    virt,
    write,
  };
  return when ? { ...edit, when } : edit;
}

const CONDITION_FLAGS = ['PCI_MSI_FLAGS_64BIT', 'PCI_MSI_FLAGS_MASKBIT'] as const;

/** `if PCI_MSI_FLAGS_64BIT` / `if !PCI_MSI_FLAGS_64BIT` after an msi line's masks. */
function condition(c: Cursor, t: PatchTable): MsiCondition | undefined {
  const kw = c.peek();
  if (kw.text !== 'if') return undefined;
  if (t.kind !== 'msi')
    throw new LineError(kw.column, 'only msi lines take a condition (the MSI table is built per device)');
  c.next();
  const set = c.peek().text !== '!';
  if (!set) c.next();
  const flag = c.next();
  const name = CONDITION_FLAGS.find((f) => f === flag.text);
  if (!name) throw expected(flag, `${CONDITION_FLAGS.join(' or ')} (optionally after "!")`);
  return { flag: name, set };
}

function number(c: Cursor, what: string, max: number): number {
  const t = c.next();
  if (t.kind !== 'number') throw expected(t, what);
  if (t.value! > max) throw new LineError(t.column, `${t.text} is more than ${max}`);
  return t.value!;
}

type Parsed = { edit: PermEdit } | { length: LengthEdit } | { sizeof: SizeofEdit };

function statement(c: Cursor, line: number): Parsed {
  const first = c.peek();
  if (first.text === 'sizeof') {
    c.next();
    const n = c.next();
    if (n.text !== 'PCI_CAP_EXP_ENDPOINT_SIZEOF_V2')
      throw expected(n, 'PCI_CAP_EXP_ENDPOINT_SIZEOF_V2 (the size constant the kernels differ in)');
    return { sizeof: { line, name: n.text, value: number(c, 'a byte count', 0x3c) } };
  }
  const t = table(c);
  if (c.peek().text === 'length') {
    c.next();
    if (t.kind !== 'cap' && t.kind !== 'ecap')
      throw expected(c.peek(), `a register: only cap and ecap tables have a length to override`);
    const max = t.kind === 'cap' ? 0xc0 : 0xf00;
    return { length: { line, table: t, length: number(c, 'a byte count', max) } };
  }
  return { edit: setLine(c, line, t, first) };
}

/** Parse a patch; every line is checked and every bad line reported. */
export function parsePermPatch(text: string, name = 'patch'): PatchParse {
  const edits: PermEdit[] = [];
  const lengths: LengthEdit[] = [];
  const sizeofs: SizeofEdit[] = [];
  const errors: PatchSyntaxError[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const tokens = lexLine(raw);
    if (!Array.isArray(tokens)) {
      errors.push({ line, ...tokens });
      return;
    }
    if (tokens[0].kind === 'end') return;
    const c = new Cursor(tokens);
    try {
      const p = statement(c, line);
      const rest = c.peek();
      if (rest.kind !== 'end') throw expected(rest, 'the end of the line (one change per line)');
      if ('edit' in p) edits.push(p.edit);
      else if ('length' in p) lengths.push(p.length);
      else sizeofs.push(p.sizeof);
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      errors.push({ line, column: e.column, message: e.message });
    }
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, patch: { name, text, edits, lengths, sizeofs } };
}

/** `line 3, column 12: …` — how an error reads in the CLI and in the editor's list. */
export const formatPatchError = (e: PatchSyntaxError) => `line ${e.line}, column ${e.column}: ${e.message}`;
