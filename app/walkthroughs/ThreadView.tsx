/**
 * "Who said what, when": the review thread beside the review, one row per mail — date, author, a one-line
 * paraphrase, its Message-ID on lore — with the mail(s) the current step cites marked, and buttons that
 * open the steps citing each mail.
 */
import { goToStep } from './navigate';
import type { ShownWalkthrough } from './useWalkthrough';
import type { Mail } from './content/refs';

const messageIdOf = (href: string) =>
  decodeURIComponent(href.replace(/^https:\/\/lore\.kernel\.org\/all\//, '').replace(/\/$/, ''));
const day = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

export function ThreadView({
  thread,
  steps,
  at,
}: {
  thread: readonly Mail[];
  steps: ShownWalkthrough['steps'];
  at: number;
}) {
  const current = new Set(steps[at]?.refs?.map((r) => r.href));
  return (
    <section className="thread-view" aria-label="Who said what, when">
      <h3>Who said what, when</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who and what</th>
            <th scope="col">Steps</th>
          </tr>
        </thead>
        <tbody>
          {thread.map((m) => {
            const citing = steps.flatMap((s, i) => (s.refs?.some((r) => r.href === m.ref.href) ? [i] : []));
            const here = current.has(m.ref.href);
            return (
              <tr
                key={m.ref.href}
                aria-current={here ? 'true' : undefined}
                className={here ? 'current' : undefined}
              >
                <td className="mono">{day(m.date)}</td>
                <td>
                  <strong>{m.author}</strong>: {m.gist}{' '}
                  <a href={m.ref.href} target="_blank" rel="noreferrer noopener" className="mono message-id">
                    {messageIdOf(m.ref.href)}
                  </a>
                </td>
                <td>
                  {citing.map((i) => (
                    <button
                      key={i}
                      className="link"
                      onClick={() => goToStep(i)}
                      aria-label={`Step ${i + 1}, citing ${m.author} of ${day(m.date)}`}
                      aria-current={i === at ? 'step' : undefined}
                    >
                      {i + 1}
                    </button>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
