# The test files of the PostgreSQL + Redis pass (.ci/run, scripts/test-pg.sh). Source this
# file, then `pg_test_files` prints them, one a line.
#
# The rule: a test file of packages/server, packages/client or packages/cli runs on PostgreSQL
# when it, or a test file it imports (following relative imports, not `import type`), reads
# TEST_DATABASE_URL or TEST_REDIS_URL. Those two variables are all that differs between the two
# passes (the SQLite pass unsets them), so a file that never reads them runs the same code
# twice. That keeps every test that builds an app (buildTestApp, signedUpApp: test/helpers/app.ts),
# opens the database itself (the repository and migration tests) or starts a server for the SDK
# or the CLI (their test/helpers/server.ts); it leaves out pure code, the CLI's own commands on
# SQLite files (admin, backup, help) and the servers that tests start with an environment of
# their own (main, readme). Processes that tests start get an explicit environment, never these
# two variables. The fault, durability and cluster tests are left out too: they start
# PostgreSQL, Redis and nginx of their own, once.
pg_test_files() {
  node --input-type=module -e '
    import { existsSync, readFileSync, readdirSync } from "node:fs";
    import path from "node:path";
    const READS = /\bTEST_(DATABASE|REDIS)_URL\b/;
    const OWN_SERVICES = /^packages\/server\/test\/(faults|durability|cluster)\//;
    const IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?["\x27](\.{1,2}\/[^"\x27]+)["\x27]/gm;
    const DYNAMIC = /\bimport\(\s*["\x27](\.{1,2}\/[^"\x27]+)["\x27]/g;
    function reads(file, visited = new Set()) {
      if (visited.has(file)) return false;
      visited.add(file);
      const text = readFileSync(file, "utf8");
      if (READS.test(text)) return true;
      return [...text.matchAll(IMPORT), ...text.matchAll(DYNAMIC)].some(([, spec]) => {
        const target = path.join(path.dirname(file), spec).replace(/\.js$/, ".ts");
        // Only test files are followed: the sources read DATABASE_URL and REDIS_URL from the
        // configuration they are given, never these two.
        return /^packages\/[^/]+\/test\//.test(target) && existsSync(target) && reads(target, visited);
      });
    }
    const files = ["server", "client", "cli"].flatMap((name) =>
      ["src", "test"].flatMap((folder) =>
        readdirSync(`packages/${name}/${folder}`, { recursive: true })
          .map((entry) => `packages/${name}/${folder}/${entry}`)
          .filter((file) => file.endsWith(".test.ts") && !OWN_SERVICES.test(file)),
      ),
    );
    for (const file of files.sort()) if (reads(file)) console.log(file);
  '
}
