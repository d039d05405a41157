/**
 * Embed mode: `embed=1` in the link shows one view without the app's chrome, for an <iframe> in a blog
 * or slides. The key is the page's, not the state's: it is taken off the fragment before the link is
 * decoded and put back on every fragment the page writes, so the frame stays an embed.
 * Which view: the interrupt path when the link names a scenario or says `embed=paths`, else the explorer.
 */
export type EmbedView = 'config' | 'paths';

let embed: EmbedView | null = null;
/** The key's value as the link had it (`1`, `config`, `paths`), written back unchanged. */
let raw = '1';

const EMBED_KEY = /(^|&)embed=(1|config|paths)(?=&|$)/;

/** The fragment without its embed key; remembers whether (and which view) the page embeds. */
export function takeEmbed(fragment: string): string {
  const m = EMBED_KEY.exec(fragment);
  if (!m) {
    embed = null;
    return fragment;
  }
  const rest = fragment.replace(EMBED_KEY, '').replace(/^&/, '');
  raw = m[2];
  embed = m[2] === 'paths' || (m[2] === '1' && /(^|&)scenario=/.test(rest)) ? 'paths' : 'config';
  return rest;
}

export const embedView = (): EmbedView | null => embed;

/** A fragment the page writes, carrying the embed key while embedded. */
export const withEmbed = (fragment: string): string => (embed ? `${fragment}&embed=${raw}` : fragment);

/** The full explorer's URL for this state (the embed's "open in vfio-explorer" link). */
export const fullUrl = (fragment: string): string =>
  `${location.origin}${location.pathname}#${fragment.replace(EMBED_KEY, '').replace(/^&/, '')}`;

/** The embed's URL for a state (the Share dialog's <iframe> snippet). */
export const embedUrl = (fragment: string, view: EmbedView): string =>
  `${location.origin}${location.pathname}#${fragment}&embed=${view === 'paths' ? 'paths' : '1'}`;
