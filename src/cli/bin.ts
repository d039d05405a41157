/**
 * The process around `main`: arguments, the two streams, and a reader closing stdout early (`| head`),
 * which ends the command quietly instead of with an EPIPE stack trace.
 */
import { main } from './main';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit();
  throw e;
});
process.exitCode = main(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
