/** How much room an input has left: what a link can carry is what can be typed. */
export function Room({ id, used, max }: { id: string; used: number; max: number }) {
  return (
    <span id={id} className={used >= max ? 'room full' : 'room muted'}>
      {max - used} of {max} characters left
    </span>
  );
}
