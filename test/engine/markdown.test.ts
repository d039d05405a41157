/** "Copy as Markdown": whatever a title or file name from a link carries, the result is one inert link. */
import { describe, expect, it } from 'vitest';
import { markdownLink } from '../../app/url/markdown';

const URL = 'http://127.0.0.1:5173/#v=2&walk=custom&t=abc';

describe('markdownLink', () => {
  it.each([
    ['brackets', 'a] [b](http://evil)', 'a\\] \\[b\\](http\\://evil)'],
    ['a newline', 'title\n\n# Heading\r\n- item', 'title # Heading - item'],
    ['inline HTML', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['an angle autolink', '<https://evil.example>', '\\<https\\://evil.example\\>'],
    ['a bare URL', 'see https://evil.example/x', 'see https\\://evil.example/x'],
    ['www', 'www.evil.example', 'www\\.evil.example'],
    ['an e-mail address', 'mail a@evil.example', 'mail a\\@evil.example'],
    ['emphasis and code', '**b** _i_ `c` ~~s~~', '\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\~\\~s\\~\\~'],
    ['an entity', '&lt;script&gt;', '\\&lt;script\\&gt;'],
    ['a backslash', 'a\\]', 'a\\\\\\]'],
    ['control characters', 'a\u001b[2J\u2028b', 'a \\[2J b'],
  ])('escapes %s', (_, text, label) => {
    expect(markdownLink(text, URL)).toBe(`[${label}](<${URL}>)`);
  });
  it('keeps register names and addresses readable', () => {
    expect(markdownLink('vfio-explorer: QCA6390 · 0x54.L · S2 step 0', URL)).toBe(
      `[vfio-explorer: QCA6390 · 0x54.L · S2 step 0](<${URL}>)`,
    );
  });
  it('leaves parentheses and underscores inside names as they are', () => {
    expect(
      markdownLink('vfio-explorer: Qualcomm QCA6390 (ath11k, reconstructed) · PCI_MSI_FLAGS · !#', URL),
    ).toBe(`[vfio-explorer: Qualcomm QCA6390 (ath11k, reconstructed) · PCI_MSI_FLAGS · !#](<${URL}>)`);
    expect(markdownLink('_a_ b_ _c x__y', URL)).toBe(`[\\_a\\_ b\\_ \\_c x\\_\\_y](<${URL}>)`);
  });
  it('a URL cannot leave its angle brackets', () => {
    expect(markdownLink('x', 'http://h/#a>b c\nd')).toBe('[x](<http://h/#a%3Eb%20c%0Ad>)');
  });
});
