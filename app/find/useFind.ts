/**
 * What Ctrl+K and the toolbar's search box list for a query: the device's registers and fields first,
 * then the explorer's actions, each named as an action. Nothing runs until the user picks an item.
 */
import { useMemo } from 'react';
import { COMMANDS } from '../commands';
import { focusRegion } from '../navigation';
import { select, setCursor } from '../store/explorer';
import { useSession } from '../store/session';
import { search, searchEntries, type Hit } from './search';

export interface FindItem {
  readonly id: string;
  readonly group: 'match' | 'action';
  readonly label: string;
  readonly detail: string;
  readonly shortcut?: string;
  readonly run: () => void;
}

/** Selects a register (a field selects its register, the cursor on the field's lowest bit) and moves focus
 * to the Register inspector. */
export function pickHit(hit: Hit): void {
  setCursor(hit.cursor);
  select({ offset: hit.offset, size: hit.size });
  focusRegion('Register inspector');
}

export function useFind(query: string, { allActionsWhenEmpty }: { allActionsWhenEmpty: boolean }) {
  const session = useSession();
  const entries = useMemo(() => (session ? searchEntries(session) : []), [session]);
  return useMemo((): FindItem[] => {
    const q = query.trim().toLowerCase();
    const matches = session ? search(session, entries, query) : [];
    const actions = COMMANDS.filter((c) =>
      q ? q.split(/\s+/).every((t) => c.label.toLowerCase().includes(t)) : allActionsWhenEmpty,
    );
    return [
      ...matches.map((h) => ({
        id: h.key,
        group: 'match' as const,
        label: h.name,
        detail: [
          h.kind === 'field' ? 'bit field' : 'register',
          h.where,
          ...h.words.map((w) => `“${w}”`),
        ].join(' · '),
        run: () => pickHit(h),
      })),
      ...actions.map((c) => ({
        id: `cmd:${c.id}`,
        group: 'action' as const,
        label: c.label,
        detail: 'action',
        shortcut: c.shortcut,
        run: c.perform,
      })),
    ];
  }, [session, entries, query, allActionsWhenEmpty]);
}
