/**
 * Runs the service: read the configuration, build the app, listen, and shut down cleanly on
 * signals. `npm start`, `chatshare serve` and the installed command all come through here.
 * A configuration problem is printed as the readable list ConfigError carries, exit code 1.
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './env.js';

export async function startServer(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await buildApp({ config });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal}: closing`);
      app
        .close()
        .then(() => process.exit(0))
        .catch(() => process.exit(1));
    });
  }
  if (config.metricsPort !== null) {
    // Before the app listens: a taken METRICS_PORT stops the start instead of going unnoticed.
    const metrics = await app.listenMetrics(config.metricsPort).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    app.log.info(`metrics on http://${metrics.address}:${metrics.port}/metrics`);
  }
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`chatshare is serving ${config.publicUrl} (database: ${app.dialect})`);
}
