/**
 * How to read a field's value, in the words `lspci -vvv` uses: declarative data that sits beside each bit
 * field (`BitDef.meaning`) or register (`RegDef.meaning`) in the layouts, interpreted by `decodeRegisters`.
 * A meaning is the phrase lspci would print for that value ("MaxPayload 256 bytes", "FLReset+",
 * "Speed 2.5GT/s"); its `word` is lspci's name for the field, so a search can find the field by it.
 */

/** What a composite meaning may look at besides its own value: the other registers of its structure. */
export interface MeaningContext {
  /** Reads `size` bytes at `offset` relative to the structure's start (0 past the dump). */
  at(offset: number, size: 1 | 2 | 4): number;
  /** The whole register the field belongs to. */
  readonly register: number;
  /** Where the structure starts in config space (lspci prints some positions absolute). */
  readonly base: number;
  /** Reads `size` bytes at an absolute config-space `offset` (0 past the dump): the header type, say. */
  config(offset: number, size: 1 | 2 | 4): number;
  /** The function's device and function numbers from its address (0 and 0 where the dump names none). */
  readonly slot: DeviceSlot;
}

/** Where a function sits on its bus: lspci leaves some registers out on non-zero device or function numbers. */
export interface DeviceSlot {
  readonly dev: number;
  readonly fn: number;
}

export interface Meaning {
  /** lspci's name for the field ("MaxPayload", "FLReset"); absent where lspci prints the value alone. */
  readonly word?: string;
  /** The word in this context, where lspci names the same bits differently by device (see `chosen`). */
  wordIn?(ctx: MeaningContext): string | undefined;
  /**
   * The phrase for a value (already shifted down to the field's own bits); `undefined` where lspci prints
   * nothing for this value (a reserved arbitration scheme that is clear, a table offset of 0).
   */
  read(value: number, ctx: MeaningContext): string | undefined;
}

/** A flag as lspci prints it: `FLReset+` when set, `FLReset-` when clear. */
export const flag = (word: string): Meaning => ({ word, read: (v) => `${word}${v ? '+' : '-'}` });

/** An enumeration: one name per value; values without a name print as `fallback(value)`. */
export const named = (
  word: string | undefined,
  names: readonly string[] | Readonly<Record<number, string>>,
  fallback: (value: number) => string = (v) => `[${v}]`,
): Meaning => ({
  word,
  read: (v) => {
    const name = (names as Readonly<Record<number, string>>)[v];
    return join(word, name ?? fallback(v));
  },
});

/** A quantity: the value turned into a number with its unit by `show` ("256 bytes", "x4", "25W"). */
export const measured = (word: string | undefined, show: (value: number, ctx: MeaningContext) => string) =>
  ({ word, read: (v, ctx) => join(word, show(v, ctx)) }) satisfies Meaning;

/** A plain number: decimal, or hex with a fixed number of digits (lspci's `%04x` style, no 0x). */
export const counted = (word: string, radix: 10 | 16 = 10, digits = 0): Meaning =>
  measured(word, (v) => (v >>> 0).toString(radix).padStart(digits, '0'));

/** A meaning whose phrase `say` words itself ("DEVSEL=fast", "Latency: 32"), found by `word`. */
export const says = (
  word: string,
  say: (value: number, ctx: MeaningContext) => string | undefined,
): Meaning => ({
  word,
  read: say,
});

/** lspci's `Word=value` style ("LPEVC=1", "ArbSelect=WRR32"); `show` turns the value into its text. */
export const equals = (
  word: string,
  show: (value: number, ctx: MeaningContext) => string = String,
): Meaning => says(word, (v, ctx) => `${word}=${show(v, ctx)}`);

/** A flag lspci prints only when it is set (a reserved scheme, `??4+`). */
export const flagWhenSet = (word: string): Meaning => says(word, (v) => (v ? `${word}+` : undefined));

/**
 * A field lspci prints only on some devices, or under another word on some (DEVCTL bit 15 is `BrConfRtry` on
 * a PCIe-to-PCI bridge, `FLReset` on an FLR-capable endpoint): `choose` picks the meaning for the context, or
 * none where lspci prints nothing. `word` is the one a search finds it by.
 */
export const chosen = (
  word: string | undefined,
  choose: (ctx: MeaningContext) => Meaning | undefined,
): Meaning => ({
  word,
  wordIn: (ctx) => {
    const m = choose(ctx);
    return m && wordIn(m, ctx);
  },
  read: (v, ctx) => choose(ctx)?.read(v, ctx),
});

/** The word `meaning` goes by in this context. */
export const wordIn = (meaning: Meaning, ctx: MeaningContext): string | undefined =>
  meaning.wordIn ? meaning.wordIn(ctx) : meaning.word;

/** `meaning` where lspci prints it (`shown` says when), nothing elsewhere. */
export const shownWhen = (shown: (ctx: MeaningContext) => boolean, meaning: Meaning): Meaning =>
  chosen(meaning.word, (ctx) => (shown(ctx) ? meaning : undefined));

const join = (word: string | undefined, text: string) => (word ? `${word} ${text}` : text);
