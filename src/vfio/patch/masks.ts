/**
 * The mask expressions of a patch line, as vfio_pci_config.c writes them: ALL_VIRT / NO_VIRT /
 * ALL_WRITE / NO_WRITE, numbers, pci_regs.h bit names, `|`, `~` and the (u8)/(u16)/(u32) casts. Values
 * are C ints: `~X` sets every upper bit, so a p_setw needs `(u16)~X` exactly as the kernel writes it.
 */
import type { Token } from './lexer';
import { bitMasks } from './vocabulary';

/** vfio_pci_config.c's names for "every bit" and "no bit". */
const MASK_WORDS: Record<string, number> = {
  ALL_VIRT: 0xffffffff,
  NO_VIRT: 0,
  ALL_WRITE: 0xffffffff,
  NO_WRITE: 0,
};
const CASTS: Record<string, number> = { u8: 0xff, u16: 0xffff, u32: 0xffffffff };

export class LineError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

/** A cursor over a line's tokens. */
export class Cursor {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}
  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)];
  }
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.i++;
    return t;
  }
}

const found = (t: Token) => (t.kind === 'end' ? 'the end of the line' : `"${t.text}"`);

export function expected(t: Token, what: string): LineError {
  return new LineError(t.column, `expected ${what}, found ${found(t)}`);
}

function unary(c: Cursor): number {
  const t = c.next();
  if (t.kind === 'number') {
    if (t.value! > 0xffffffff) throw new LineError(t.column, `${t.text} does not fit in 32 bits`);
    return t.value!;
  }
  if (t.kind === 'word') {
    if (t.text in MASK_WORDS) return MASK_WORDS[t.text];
    const bit = bitMasks().get(t.text);
    if (bit === undefined)
      throw new LineError(
        t.column,
        `unknown name "${t.text}": expected ALL_VIRT, NO_VIRT, ALL_WRITE, NO_WRITE, a number or a pci_regs.h bit name`,
      );
    return bit;
  }
  if (t.text === '~') return ~unary(c) >>> 0;
  if (t.text === '(') {
    const cast = c.peek();
    if (cast.kind === 'word' && cast.text in CASTS && c.peek(1).text === ')') {
      c.next();
      c.next();
      return (unary(c) & CASTS[cast.text]) >>> 0;
    }
    const v = orExpr(c);
    const close = c.next();
    if (close.text !== ')') throw expected(close, '")"');
    return v;
  }
  throw expected(t, 'a mask (ALL_VIRT, NO_VIRT, ALL_WRITE, NO_WRITE, a number, a bit name, "~" or "(")');
}

function orExpr(c: Cursor): number {
  let v = unary(c);
  while (c.peek().text === '|') {
    c.next();
    v = (v | unary(c)) >>> 0;
  }
  return v;
}

/** One mask, checked against the width of the p_set* call it is for. */
export function mask(c: Cursor, size: 1 | 2 | 4, what: 'virt' | 'write'): number {
  const start = c.peek();
  const v = orExpr(c);
  const limit = size === 4 ? 0xffffffff : 2 ** (8 * size) - 1;
  if (v > limit) {
    const cast = size === 1 ? '(u8)' : '(u16)';
    throw new LineError(
      start.column,
      `${what} mask 0x${v.toString(16)} is wider than the ${8 * size}-bit field (p_set${size === 1 ? 'b' : 'w'}); write ${cast} before it as the kernel does`,
    );
  }
  return v;
}
