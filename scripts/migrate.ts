/** `npm run migrate -- --from <store> --to <store>`: copies a store's every stream, resumably. */
import { runMigrateCli } from '../src/audit/cli/migrate-cli.js';

// Every file it writes (stores, exports, digests) is owner-only, as the service's are.
process.umask(0o077);
process.exitCode = await runMigrateCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
