/**
 * One Markdown link, `[text](<url>)`, safe for any text a link can carry (a custom device's file name, a
 * walkthrough title). Line breaks and control characters become spaces, so the link stays one line. In
 * the text, backslash escapes (CommonMark allows one before any ASCII punctuation) disarm everything that
 * could close the brackets, start inline HTML (`<img …>`), an autolink (`<https://…>`, GFM's bare
 * `https://…`, `www.…` and `a@b.example`), emphasis, code, a table cell or an entity (`&lt;`) — while
 * `0x54.L`, `vfio-explorer:`, `(reconstructed)` and `PCI_MSI_FLAGS` stay readable in a plain-text mail.
 * Parentheses, `#` and `!` need no escape: with both brackets escaped no link or image can open inside the
 * text, and the text never starts a line. An underscore between two letters or digits can neither open nor
 * close emphasis (CommonMark's flanking rules), so only the others are escaped.
 */
// eslint-disable-next-line no-control-regex -- line breaks and control characters are what it removes
const BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const SYNTAX = /[\\`*{}[\]<>|~&@]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;

export function markdownLink(text: string, url: string): string {
  const label = text
    .replace(BREAKS_AND_CONTROLS, ' ')
    .replace(SYNTAX, '\\$&')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`);
  // Inside <…> a destination may hold anything but line breaks and unescaped angle brackets.
  const destination = url.replace(/[<>\s]/g, encodeURIComponent);
  return `[${label}](<${destination}>)`;
}
