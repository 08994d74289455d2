import { describe, expect, it } from 'vitest';
import { parseRelayArgs, UsageError } from '../../../src/relay/cli/args';
import { loadRelayConfig, RelayConfigError } from '../../../src/relay/config';
import { TAIWAN_2023_PLANS } from '../../../src/shared/billing/plans';

const DEFAULT_WEBCHAT = {
  allowedOrigins: [],
  identitySecret: null,
  limits: { connectsPerIp: 60, messagesPerVisitor: 20, messagesPerIp: 120 },
  uploadLimits: { perVisitorPerHour: 20, perIpPerHour: 100 },
};
const DEFAULT_META = {
  appSecret: null,
  verifyToken: null,
  pageAccessToken: null,
  graphBaseUrl: 'https://graph.facebook.com',
  graphVersion: 'v23.0',
  humanAgentAllowed: false,
};
const DEFAULT_HTTP = { headersTimeoutMs: 5_000, requestTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000, maxConnections: 800, maxConnectionsPerIp: 100 };

describe('loadRelayConfig', () => {
  it('applies defaults', () => {
    expect(loadRelayConfig({})).toEqual({
      port: 8787,
      host: '0.0.0.0',
      dataDir: './.data/relay',
      database: { kind: 'sqlite', dataDir: './.data/relay' },
      background: { leaseMs: 15_000 },
      line: { channelSecret: null, channelAccessToken: null, apiBaseUrl: 'https://api.line.me', dataApiBaseUrl: 'https://api-data.line.me', requestTimeoutMs: 10_000 },
      quota: { pollIntervalMs: 300_000, planId: null, plans: TAIWAN_2023_PLANS },
      http: DEFAULT_HTTP,
      agentAuth: { tokenCheckIntervalMs: 1000, handshake: { maxFailures: 20, windowMs: 60_000 } },
      orders: { reminderSweepMs: 30_000, paymentWebhookSecret: null },
      webchat: DEFAULT_WEBCHAT,
      media: { maxFileBytes: 50 * 1024 * 1024, maxTotalBytes: 10 * 1024 ** 3, downloadTimeoutMs: 60_000, publicBaseUrl: null },
      meta: DEFAULT_META,
    });
  });

  it('reads every variable, allows port 0 and treats empty strings as unset', () => {
    const config = loadRelayConfig({
      RELAY_PORT: '0',
      RELAY_HOST: '127.0.0.1',
      RELAY_DATA_DIR: '/tmp/x',
      LINE_CHANNEL_SECRET: 's',
      LINE_CHANNEL_ACCESS_TOKEN: '',
      LINE_API_BASE_URL: 'http://127.0.0.1:9999/',
      LINE_DATA_API_BASE_URL: 'http://127.0.0.1:9998/',
      RELAY_MEDIA_MAX_FILE_BYTES: '2048',
      RELAY_MEDIA_MAX_TOTAL_BYTES: '4096',
      RELAY_MEDIA_TIMEOUT_MS: '',
      RELAY_PUBLIC_URL: 'https://relay.shop.example/',
    });
    expect(config).toEqual({
      port: 0,
      host: '127.0.0.1',
      dataDir: '/tmp/x',
      database: { kind: 'sqlite', dataDir: '/tmp/x' },
      background: { leaseMs: 15_000 },
      line: { channelSecret: 's', channelAccessToken: null, apiBaseUrl: 'http://127.0.0.1:9999', dataApiBaseUrl: 'http://127.0.0.1:9998', requestTimeoutMs: 10_000 },
      quota: { pollIntervalMs: 300_000, planId: null, plans: TAIWAN_2023_PLANS },
      http: DEFAULT_HTTP,
      agentAuth: { tokenCheckIntervalMs: 1000, handshake: { maxFailures: 20, windowMs: 60_000 } },
      orders: { reminderSweepMs: 30_000, paymentWebhookSecret: null },
      webchat: DEFAULT_WEBCHAT,
      media: { maxFileBytes: 2048, maxTotalBytes: 4096, downloadTimeoutMs: 60_000, publicBaseUrl: 'https://relay.shop.example' },
      meta: DEFAULT_META,
    });
  });

  it('selects PostgreSQL with RELAY_DATABASE_URL (schema parameter, pool size, lease) and refuses a bad URL', () => {
    const config = loadRelayConfig({
      RELAY_DATABASE_URL: 'postgres://relay:p%40ss@db.shop.tw:6432/inbox?schema=shop_one&sslmode=require',
      RELAY_DATABASE_POOL_SIZE: '20',
      RELAY_BACKGROUND_LEASE_MS: '5000',
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      poolSize: 20,
      target: {
        connectionString: 'postgres://relay:p%40ss@db.shop.tw:6432/inbox?sslmode=require',
        schema: 'shop_one',
        displayName: 'db.shop.tw:6432/inbox',
      },
    });
    expect(config.background).toEqual({ leaseMs: 5000 });
    expect(loadRelayConfig({ RELAY_DATABASE_URL: 'postgresql://localhost/inbox' }).database).toMatchObject({ target: { schema: 'public' } });
    expect(loadRelayConfig({ RELAY_DATABASE_URL: '  ' }).database).toEqual({ kind: 'sqlite', dataDir: './.data/relay' });
    expect(() => loadRelayConfig({ RELAY_DATABASE_URL: 'mysql://localhost/inbox' })).toThrow(/RELAY_DATABASE_URL must start with postgres:\/\//);
    expect(() => loadRelayConfig({ RELAY_DATABASE_URL: 'postgres://localhost' })).toThrow(/names no database/);
    expect(() => loadRelayConfig({ RELAY_DATABASE_URL: 'postgres://localhost/inbox?schema=Shop-1' })).toThrow(/schema "Shop-1"/);
    expect(() => loadRelayConfig({ RELAY_DATABASE_URL: 'not a url' })).toThrow(RelayConfigError);
    expect(() => loadRelayConfig({ RELAY_BACKGROUND_LEASE_MS: '10' })).toThrow(/RELAY_BACKGROUND_LEASE_MS/);
  });

  it('refuses a public address that is not https (platforms fetch only https)', () => {
    expect(() => loadRelayConfig({ RELAY_PUBLIC_URL: 'http://relay.shop.example' })).toThrow(/RELAY_PUBLIC_URL must be an https URL/);
  });

  it('reads the web chat origins (normalised like browsers send them), secret and limits', () => {
    const config = loadRelayConfig({
      WEBCHAT_ALLOWED_ORIGINS: ' https://Shop.example , http://localhost:3000/, https://shop.example:443,https://shop.example ',
      WEBCHAT_IDENTITY_SECRET: 'a-secret-of-16-chars',
      WEBCHAT_CONNECTS_PER_IP_PER_MINUTE: '5',
      WEBCHAT_MESSAGES_PER_VISITOR_PER_MINUTE: '3',
      WEBCHAT_MESSAGES_PER_IP_PER_MINUTE: '7',
      WEBCHAT_UPLOADS_PER_VISITOR_PER_HOUR: '4',
      WEBCHAT_UPLOADS_PER_IP_PER_HOUR: '9',
    });
    expect(config.webchat).toEqual({
      allowedOrigins: ['https://shop.example', 'http://localhost:3000'],
      identitySecret: 'a-secret-of-16-chars',
      limits: { connectsPerIp: 5, messagesPerVisitor: 3, messagesPerIp: 7 },
      uploadLimits: { perVisitorPerHour: 4, perIpPerHour: 9 },
    });
    expect(loadRelayConfig({ WEBCHAT_ALLOWED_ORIGINS: ' , ' }).webchat.allowedOrigins).toEqual([]);
    for (const bad of ['*', 'shop.example', 'https://shop.example/chat', 'ftp://shop.example', 'https://shop.example?x=1', 'https://user@shop.example']) {
      expect(() => loadRelayConfig({ WEBCHAT_ALLOWED_ORIGINS: bad }), bad).toThrow(/WEBCHAT_ALLOWED_ORIGINS: ".*" is not an origin like https:\/\/shop.example/);
    }
    expect(() => loadRelayConfig({ WEBCHAT_IDENTITY_SECRET: 'short' })).toThrow(/WEBCHAT_IDENTITY_SECRET must have at least 16 characters/);
    expect(() => loadRelayConfig({ WEBCHAT_MESSAGES_PER_VISITOR_PER_MINUTE: '0' })).toThrow(/WEBCHAT_MESSAGES_PER_VISITOR_PER_MINUTE/);
    expect(() => loadRelayConfig({ WEBCHAT_UPLOADS_PER_IP_PER_HOUR: 'many' })).toThrow(/WEBCHAT_UPLOADS_PER_IP_PER_HOUR/);
  });

  it('reads the META_* variables into config.meta and refuses a bad one as a relay configuration error', () => {
    const config = loadRelayConfig({
      META_APP_SECRET: 'app-secret',
      META_VERIFY_TOKEN: 'verify-me',
      META_PAGE_ACCESS_TOKEN: 'EAAB-page',
      META_GRAPH_BASE_URL: 'http://127.0.0.1:9000/',
      META_GRAPH_VERSION: 'v22.0',
      META_HUMAN_AGENT: '1',
    });
    expect(config.meta).toEqual({
      appSecret: 'app-secret',
      verifyToken: 'verify-me',
      pageAccessToken: 'EAAB-page',
      graphBaseUrl: 'http://127.0.0.1:9000',
      graphVersion: 'v22.0',
      humanAgentAllowed: true,
    });
    expect(() => loadRelayConfig({ META_HUMAN_AGENT: 'yes' })).toThrow(RelayConfigError);
    expect(() => loadRelayConfig({ META_GRAPH_VERSION: '23' })).toThrow(/Invalid relay configuration — META_GRAPH_VERSION/);
  });

  it('reads the token check interval and the failed-handshake cap, and refuses out-of-range values', () => {
    const config = loadRelayConfig({ RELAY_TOKEN_CHECK_MS: '250', RELAY_AUTH_FAILURE_LIMIT: '3', RELAY_AUTH_FAILURE_WINDOW_MS: '5000' });
    expect(config.agentAuth).toEqual({ tokenCheckIntervalMs: 250, handshake: { maxFailures: 3, windowMs: 5000 } });
    expect(() => loadRelayConfig({ RELAY_AUTH_FAILURE_LIMIT: '0' })).toThrow(/RELAY_AUTH_FAILURE_LIMIT/);
    expect(() => loadRelayConfig({ RELAY_AUTH_FAILURE_WINDOW_MS: '10' })).toThrow(/RELAY_AUTH_FAILURE_WINDOW_MS must be at least 1000/);
    expect(() => loadRelayConfig({ RELAY_TOKEN_CHECK_MS: 'soon' })).toThrow(/RELAY_TOKEN_CHECK_MS/);
  });

  it('reads the quota poll interval, the plan and custom plans', () => {
    const plans = [{ id: 'pro', name: 'Pro', monthlyFeeNtd: 1500, includedMessages: 8000, extraPerMessageNtd: 0.15 }];
    expect(loadRelayConfig({ RELAY_QUOTA_POLL_MS: '60000', RELAY_PLAN: 'heavy' }).quota).toEqual({
      pollIntervalMs: 60_000,
      planId: 'heavy',
      plans: TAIWAN_2023_PLANS,
    });
    expect(loadRelayConfig({ RELAY_PLANS_JSON: JSON.stringify(plans), RELAY_PLAN: 'pro' }).quota.plans).toEqual(plans);
    expect(() => loadRelayConfig({ RELAY_PLAN: 'gold' })).toThrow(/RELAY_PLAN: "gold" is not one of light, medium, heavy/);
    expect(() => loadRelayConfig({ RELAY_PLANS_JSON: '[{"id":"x"}]' })).toThrow(/RELAY_PLANS_JSON: \[0.name\]/);
    expect(() => loadRelayConfig({ RELAY_PLANS_JSON: '{' })).toThrow(/RELAY_PLANS_JSON: not valid JSON/);
    expect(() => loadRelayConfig({ RELAY_QUOTA_POLL_MS: '10' })).toThrow(/RELAY_QUOTA_POLL_MS must be at least 1000/);
  });

  it('reads the reminder sweep interval and the payment webhook secret', () => {
    expect(loadRelayConfig({ RELAY_REMINDER_SWEEP_MS: '5000', PAYMENT_WEBHOOK_SECRET: 'pay-secret' }).orders).toEqual({
      reminderSweepMs: 5000,
      paymentWebhookSecret: 'pay-secret',
    });
    expect(loadRelayConfig({ PAYMENT_WEBHOOK_SECRET: '  ' }).orders.paymentWebhookSecret).toBeNull();
    expect(() => loadRelayConfig({ RELAY_REMINDER_SWEEP_MS: '999' })).toThrow(/RELAY_REMINDER_SWEEP_MS must be at least 1000/);
  });

  it('reads the HTTP timeouts and connection caps; 0 turns the per-address cap off', () => {
    const env = {
      RELAY_HEADERS_TIMEOUT_MS: '2000',
      RELAY_REQUEST_TIMEOUT_MS: '4000',
      RELAY_KEEP_ALIVE_TIMEOUT_MS: '1000',
      RELAY_MAX_CONNECTIONS: '300',
      RELAY_MAX_CONNECTIONS_PER_IP: '0',
    };
    expect(loadRelayConfig(env).http).toEqual({ headersTimeoutMs: 2000, requestTimeoutMs: 4000, keepAliveTimeoutMs: 1000, maxConnections: 300, maxConnectionsPerIp: 0 });
    expect(() => loadRelayConfig({ RELAY_HEADERS_TIMEOUT_MS: '20000' })).toThrow(/RELAY_HEADERS_TIMEOUT_MS must not exceed RELAY_REQUEST_TIMEOUT_MS/);
    expect(() => loadRelayConfig({ RELAY_MAX_CONNECTIONS: '0' })).toThrow(/RELAY_MAX_CONNECTIONS must be at least 1/);
    expect(() => loadRelayConfig({ RELAY_MAX_CONNECTIONS_PER_IP: '-1' })).toThrow(/RELAY_MAX_CONNECTIONS_PER_IP must be 0 or more/);
  });

  it.each([{ RELAY_PORT: 'abc' }, { RELAY_PORT: '70000' }, { RELAY_PORT: '1.5' }, { LINE_API_BASE_URL: 'not a url' }])(
    'rejects %j with a clear error',
    (env) => {
      expect(() => loadRelayConfig(env)).toThrow(RelayConfigError);
    },
  );
});

describe('relay CLI arguments', () => {
  it('parses the commands', () => {
    expect(parseRelayArgs([])).toEqual({ kind: 'serve' });
    expect(parseRelayArgs(['serve'])).toEqual({ kind: 'serve' });
    expect(parseRelayArgs(['token', 'create', '--name', 'Amy', '--role', 'lead'])).toEqual({ kind: 'token-create', name: 'Amy', role: 'lead' });
    expect(parseRelayArgs(['token', 'create', '--name=Amy Chen'])).toEqual({ kind: 'token-create', name: 'Amy Chen', role: 'agent' });
    expect(parseRelayArgs(['token', 'revoke', '--name', 'Amy'])).toEqual({ kind: 'token-revoke', name: 'Amy' });
    expect(parseRelayArgs(['token', 'list'])).toEqual({ kind: 'token-list' });
    expect(parseRelayArgs(['migrate-to', 'postgres://db/inbox'])).toEqual({ kind: 'migrate-to', databaseUrl: 'postgres://db/inbox' });
  });

  it.each([
    [['token']],
    [['token', 'create']],
    [['token', 'create', '--name']],
    [['token', 'create', '--name', 'a', '--name', 'b']],
    [['token', 'create', '--name', 'a', '--colour', 'red']],
    [['token', 'list', 'extra']],
    [['serve', 'now']],
    [['launch']],
    [['migrate-to']],
    [['migrate-to', 'postgres://db/a', 'postgres://db/b']],
  ])('rejects %j', (argv) => {
    expect(() => parseRelayArgs(argv)).toThrow(UsageError);
  });
});
