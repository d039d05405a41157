/**
 * Reads what `lspci -vvv` printed (the .vvv.txt oracles) into plain facts, so decode tests compare with
 * lspci's own output rather than with values this project computed.
 */
export interface OracleCap {
  offset: number;
  extended: boolean;
  version?: number;
  /** The text after the offset, e.g. "MSI: Enable+ Count=1/1 Maskable- 64bit+". */
  text: string;
  /** The indented lines that follow, trimmed. */
  body: string[];
}

export interface Oracle {
  caps: OracleCap[];
  accessDenied: boolean;
}

export function readOracle(vvv: string): Oracle {
  const caps: OracleCap[] = [];
  let accessDenied = false;
  let current: OracleCap | null = null;
  for (const line of vvv.split('\n')) {
    const m = /^\tCapabilities: \[([0-9a-f]+)(?: v(\d+))?\] (.*)$/.exec(line);
    if (m) {
      const offset = parseInt(m[1], 16);
      current = { offset, extended: offset >= 0x100, text: m[3], body: [] };
      if (m[2] !== undefined) current.version = Number(m[2]);
      caps.push(current);
    } else if (/^\tCapabilities: <access denied>/.test(line)) {
      accessDenied = true;
      current = null;
    } else if (/^\t\t/.test(line) && current) {
      current.body.push(line.trim());
    } else if (/^\t[A-Z]/.test(line)) {
      current = null;
    }
  }
  return { caps, accessDenied };
}

/** "+"/"-" flags lspci prints: flag(text, 'Enable') → true for "Enable+". */
export function flag(text: string, name: string): boolean | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(/[()]/g, '\\$&')}([+-])`).exec(text);
  return m ? m[1] === '+' : undefined;
}
