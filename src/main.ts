import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { createApp } from './app.factory.js';

function configOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`envoy-ledger: configuration error: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const store = config.store.kind === 'sqlite' ? config.store.file : 'KurrentDB';
  process.stdout.write(
    `envoy-ledger listening on http://${config.host}:${config.port} (store: ${store})\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `envoy-ledger: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
