/**
 * Row 5 of the table: start to the first /healthz answer, and resident memory once idle, of the
 * built server (`chatshare serve`, SQLite already migrated by a warm-up start that is not
 * counted) against the smallest Fastify app (bench/startup/bare-fastify.mjs), measured by
 * bench/startup/measure.ts as bench/startup does: spawn
 * node, poll /healthz every 5 ms, VmRSS after 2 s idle; the two alternate run by run so a
 * change in the machine's load falls on both, and the medians are compared.
 */
import { BARE_FASTIFY, startOnce } from '../startup/measure.js';
import { median, progress, ROOT, serverCommand } from './http.js';

const VARIANTS = {
  chatshare: serverCommand,
  bare: () => [BARE_FASTIFY],
};
type Variant = keyof typeof VARIANTS;

export interface Startup {
  runs: number;
  ms: Record<Variant, number>;
  rssMb: Record<Variant, number>;
}

const startVariant = (variant: Variant, dataDir: string) =>
  startOnce(variant, VARIANTS[variant](), { cwd: ROOT, dataDir });

export async function measureStartup(dataDir: string, runs: number): Promise<Startup> {
  await startVariant('chatshare', dataDir); // migrates the database; not counted
  await startVariant('bare', dataDir); // loads fastify into the file cache, as the other warm-up does
  const samples = {
    chatshare: { ms: [] as number[], rssMb: [] as number[] },
    bare: { ms: [] as number[], rssMb: [] as number[] },
  };
  for (let run = 0; run < runs; run++) {
    // Alternate which goes first, too.
    const order: Variant[] = run % 2 === 0 ? ['chatshare', 'bare'] : ['bare', 'chatshare'];
    for (const variant of order) {
      const { ms, rssMb } = await startVariant(variant, dataDir);
      samples[variant].ms.push(ms);
      samples[variant].rssMb.push(rssMb);
      progress(`start-up ${run + 1}/${runs} ${variant}: ${ms.toFixed(0)} ms, ${rssMb.toFixed(0)} MB`);
    }
  }
  return {
    runs,
    ms: { chatshare: median(samples.chatshare.ms), bare: median(samples.bare.ms) },
    rssMb: { chatshare: median(samples.chatshare.rssMb), bare: median(samples.bare.rssMb) },
  };
}
