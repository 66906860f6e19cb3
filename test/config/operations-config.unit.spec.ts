import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('Operations configuration', () => {
  it('has safe defaults: info logs, CORS closed, 1200 requests a minute per token, 30 s to send a request', () => {
    expect(loadConfig({}).operations).toEqual({
      logLevel: 'info',
      corsOrigins: [],
      rateLimitRequests: 1200,
      rateLimitWindowSeconds: 60,
      liveMaxFeedsPerToken: 10,
      liveStallSeconds: 30,
      readyMaxLagEvents: 1000,
      readyMaxLagSeconds: 30,
      shutdownTimeoutSeconds: 20,
      requestTimeoutSeconds: 30,
    });
  });

  it('reads every variable', () => {
    const operations = loadConfig({
      LOG_LEVEL: 'WARN',
      CORS_ORIGINS: 'https://dash.example.org, http://localhost:5173',
      RATE_LIMIT_REQUESTS: '0',
      RATE_LIMIT_WINDOW_SECONDS: '10',
      LIVE_MAX_FEEDS_PER_TOKEN: '3',
      LIVE_STALL_SECONDS: '5',
      READY_MAX_LAG_EVENTS: '50',
      READY_MAX_LAG_SECONDS: '5',
      SHUTDOWN_TIMEOUT_SECONDS: '30',
      REQUEST_TIMEOUT_SECONDS: '10',
    }).operations;
    expect(operations).toEqual({
      logLevel: 'warn',
      corsOrigins: ['https://dash.example.org', 'http://localhost:5173'],
      rateLimitRequests: 0,
      rateLimitWindowSeconds: 10,
      liveMaxFeedsPerToken: 3,
      liveStallSeconds: 5,
      readyMaxLagEvents: 50,
      readyMaxLagSeconds: 5,
      shutdownTimeoutSeconds: 30,
      requestTimeoutSeconds: 10,
    });
  });

  it.each([
    ['LOG_LEVEL', 'loud'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'https://ok.example, evil'],
    ['CORS_ORIGINS', 'https://x.example/path'],
    ['RATE_LIMIT_REQUESTS', '-1'],
    ['RATE_LIMIT_REQUESTS', 'lots'],
    ['RATE_LIMIT_WINDOW_SECONDS', '0'],
    ['LIVE_MAX_FEEDS_PER_TOKEN', '0'],
    ['LIVE_STALL_SECONDS', '0'],
    ['READY_MAX_LAG_SECONDS', '1.5'],
    ['SHUTDOWN_TIMEOUT_SECONDS', '99999'],
    ['REQUEST_TIMEOUT_SECONDS', '0'],
  ])('refuses %s=%s naming the variable', (variable, value) => {
    const attempt = () => loadConfig({ [variable]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^${variable}: `));
  });
});
