import { withoutCredentials } from '../../config/config.js';

/**
 * Why the KurrentDB client cannot read a connection string (`?tls=maybe`), in its own words
 * without the password it may quote, or undefined when it can. Nothing is connected.
 */
export async function unreadableConnectionString(url: string): Promise<string | undefined> {
  const { KurrentDBClient } = await import('@kurrent/kurrentdb-client');
  try {
    KurrentDBClient.connectionString(url);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return reason.replaceAll(url, withoutCredentials(url));
  }
}
