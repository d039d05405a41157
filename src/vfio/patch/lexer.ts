/** One line of a permission patch as tokens, each with its 1-based column, so errors can point at it. */

export type TokenKind = 'word' | 'number' | 'punct' | 'end';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 1-based column of the token's first character (for `end`: one past the line's last token). */
  readonly column: number;
  /** Numbers only. */
  readonly value?: number;
}

export interface LexError {
  readonly column: number;
  readonly message: string;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+/y;
const PUNCT = '|~()!';

/** Tokens of a line up to a `#` comment; a character no token starts with is an error at its column. */
export function lexLine(line: string): Token[] | LexError {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') break;
    if (PUNCT.includes(c)) {
      tokens.push({ kind: 'punct', text: c, column: i + 1 });
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    WORD.lastIndex = i;
    const n = NUMBER.exec(line);
    if (n) {
      const text = n[0];
      const value = Number(text.toLowerCase().startsWith('0b') ? `0b${text.slice(2)}` : text);
      WORD.lastIndex = i + text.length;
      if (WORD.exec(line)?.index === i + text.length)
        return { column: i + 1, message: `"${line.slice(i).split(/\s/)[0]}" is not a number` };
      tokens.push({ kind: 'number', text, column: i + 1, value });
      i += text.length;
      continue;
    }
    WORD.lastIndex = i;
    const w = WORD.exec(line);
    if (w) {
      tokens.push({ kind: 'word', text: w[0], column: i + 1 });
      i += w[0].length;
      continue;
    }
    return { column: i + 1, message: `unexpected character "${c}"` };
  }
  const last = tokens.at(-1);
  tokens.push({ kind: 'end', text: 'end of line', column: last ? last.column + last.text.length : 1 });
  return tokens;
}
