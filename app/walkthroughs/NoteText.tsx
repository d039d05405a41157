/**
 * A walkthrough note: plain text where `**bold**`, `` `code` `` and glossary links (`[[key]]`,
 * `[[key|shown text]]`) are the only formatting. Everything is rendered as React text nodes — a note from
 * a link can never become markup or script; a glossary key that does not exist stays plain text.
 */
import { Fragment } from 'react';
import { GLOSSARY } from './glossary';
import { GlossaryTerm } from './GlossaryTerm';
import './review.css';

const TOKEN = /(\*\*[^*]+\*\*|`[^`]+`|\[\[[^\]|]+(?:\|[^\]]+)?\]\])/g;
const TERM = /^\[\[([^\]|]+)(?:\|([^\]]+))?\]\]$/;

/** A note as plain text (for lists and titles): markers dropped, glossary links shown as their text. */
export function plainNote(text: string): string {
  return text
    .replace(
      /\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g,
      (_, key: string, shown?: string) => shown ?? GLOSSARY[key]?.term ?? key,
    )
    .replace(/\*\*|`/g, '');
}

export function NoteText({ text }: { text: string }) {
  const parts = text.split(TOKEN);
  return (
    <p className="note-text">
      {parts.map((part, i) => {
        if (part.startsWith('**') && part.endsWith('**') && part.length > 4)
          return <strong key={i}>{part.slice(2, -2)}</strong>;
        if (part.startsWith('`') && part.endsWith('`') && part.length > 2)
          return <code key={i}>{part.slice(1, -1)}</code>;
        const term = TERM.exec(part);
        if (term) {
          const entry = Object.hasOwn(GLOSSARY, term[1]) ? GLOSSARY[term[1]] : undefined;
          const shown = term[2] ?? entry?.term ?? term[1];
          return entry ? (
            <GlossaryTerm key={i} entry={entry} text={shown} />
          ) : (
            <Fragment key={i}>{shown}</Fragment>
          );
        }
        return <Fragment key={i}>{part}</Fragment>;
      })}
    </p>
  );
}
