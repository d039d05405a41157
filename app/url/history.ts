/**
 * Which kind of history entry the next URL write makes. Exploring replaces the entry; a deliberate step
 * (the next walkthrough step) pushes one, so Back and Forward walk through the steps.
 */
let deliberate = false;

export function markDeliberate(): void {
  deliberate = true;
}

/** Whether a deliberate step is waiting for its history entry. */
export function deliberatePending(): boolean {
  return deliberate;
}

/** True once after markDeliberate. */
export function takeDeliberate(): boolean {
  const was = deliberate;
  deliberate = false;
  return was;
}
