import { describe, expect, it } from 'vitest';
import { loadMetaConfig, MetaConfigError } from '../../../../src/relay/channels/meta/meta-config';

describe('Meta configuration from META_* variables', () => {
  it('defaults to graph.facebook.com v23.0, no secrets and no human agent', () => {
    expect(loadMetaConfig({})).toEqual({
      appSecret: null,
      verifyToken: null,
      pageAccessToken: null,
      graphBaseUrl: 'https://graph.facebook.com',
      graphVersion: 'v23.0',
      humanAgentAllowed: false,
    });
  });

  it('reads every variable; empty counts as unset; a trailing slash is dropped', () => {
    expect(
      loadMetaConfig({
        META_APP_SECRET: 'app-secret',
        META_VERIFY_TOKEN: 'verify',
        META_PAGE_ACCESS_TOKEN: 'EAAB-page-token',
        META_GRAPH_BASE_URL: 'http://127.0.0.1:9999/',
        META_GRAPH_VERSION: 'v21.0',
        META_HUMAN_AGENT: '1',
        LINE_CHANNEL_SECRET: 'not ours',
      }),
    ).toEqual({
      appSecret: 'app-secret',
      verifyToken: 'verify',
      pageAccessToken: 'EAAB-page-token',
      graphBaseUrl: 'http://127.0.0.1:9999',
      graphVersion: 'v21.0',
      humanAgentAllowed: true,
    });
    expect(loadMetaConfig({ META_APP_SECRET: '  ', META_HUMAN_AGENT: '' })).toMatchObject({ appSecret: null, humanAgentAllowed: false });
    expect(loadMetaConfig({ META_HUMAN_AGENT: '0' }).humanAgentAllowed).toBe(false);
  });

  it('names the bad variable in a clear error, without echoing secrets', () => {
    expect(() => loadMetaConfig({ META_HUMAN_AGENT: 'yes' })).toThrow(/META_HUMAN_AGENT must be 1 or 0/);
    expect(() => loadMetaConfig({ META_GRAPH_VERSION: '23' })).toThrow(/META_GRAPH_VERSION must look like v23\.0/);
    expect(() => loadMetaConfig({ META_GRAPH_BASE_URL: 'ftp://graph.example' })).toThrow(MetaConfigError);
    expect(() => loadMetaConfig({ META_GRAPH_BASE_URL: 'not a url', META_PAGE_ACCESS_TOKEN: 'EAAB-secret' })).toThrow(/META_GRAPH_BASE_URL/);
    try {
      loadMetaConfig({ META_GRAPH_BASE_URL: 'nope', META_PAGE_ACCESS_TOKEN: 'EAAB-secret' });
    } catch (error) {
      expect(String(error)).not.toContain('EAAB-secret');
    }
  });
});
