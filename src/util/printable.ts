/**
 * Text from a dump or a link made safe to print on a terminal or in one line of a message: C0 and C1
 * control characters (ESC starts a terminal escape sequence, CSI U+009B is one by itself in some
 * terminals) and DEL are written as `\u001b`; newline and tab stay unless `oneLine` asks for them escaped
 * too. The escape form is also valid inside a JSON string, so JSON output stays JSON.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS_AND_BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function printable(text: string, oneLine = true): string {
  return text.replace(oneLine ? CONTROLS_AND_BREAKS : CONTROLS, escape);
}
