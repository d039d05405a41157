/**
 * A walkthrough note: plain text where `**bold**` and `` `code` `` are the only formatting. Everything is
 * rendered as React text nodes — a note from a link can never become markup or script.
 */
import { Fragment } from 'react';

const TOKEN = /(\*\*[^*]+\*\*|`[^`]+`)/g;

export function NoteText({ text }: { text: string }) {
  const parts = text.split(TOKEN);
  return (
    <p className="note-text">
      {parts.map((part, i) =>
        part.startsWith('**') && part.endsWith('**') && part.length > 4 ? (
          <strong key={i}>{part.slice(2, -2)}</strong>
        ) : part.startsWith('`') && part.endsWith('`') && part.length > 2 ? (
          <code key={i}>{part.slice(1, -1)}</code>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </p>
  );
}
