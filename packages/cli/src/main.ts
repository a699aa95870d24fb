/** Entry point of the `chatshare` binary (bin/chatshare.js loads its build, dist/main.js). */
import { processIo } from './io.js';
import { run } from './program.js';

// Whoever reads our output may stop early (`chatshare list | head -1`): that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// exitCode rather than process.exit(): output written to a pipe is flushed before Node exits,
// and `serve` keeps running after run() returns.
process.exitCode = await run(process.argv.slice(2), processIo());
