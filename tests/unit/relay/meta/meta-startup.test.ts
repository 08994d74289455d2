import { describe, expect, it } from 'vitest';
import { loadMetaConfig } from '../../../../src/relay/channels/meta/meta-config';
import { describeMetaSetup } from '../../../../src/relay/channels/meta/meta-startup';

describe('the relay’s start-up lines about Messenger/Instagram', () => {
  it('says Meta is off without an app secret', () => {
    expect(describeMetaSetup(loadMetaConfig({}))).toEqual([{ level: 'info', message: expect.stringContaining('Messenger/Instagram: off') }]);
  });

  it('says it is on, where the Graph API is and whether HUMAN_AGENT is allowed, warning about what is missing — never a secret', () => {
    const config = loadMetaConfig({ META_APP_SECRET: 'app-s3cret', META_GRAPH_BASE_URL: 'https://user:pa55@graph.example.com/x?token=leak' });
    const lines = describeMetaSetup(config);
    expect(lines[0]).toEqual({ level: 'info', message: expect.stringContaining('Messenger/Instagram: on') });
    expect(lines[0]!.message).toContain('https://graph.example.com v23.0');
    expect(lines[0]!.message).toContain('no HUMAN_AGENT tag');
    expect(lines.slice(1).map((line) => line.level)).toEqual(['warn', 'warn']);
    expect(lines.map((line) => line.message).join('\n')).not.toMatch(/app-s3cret|pa55|leak/);
    const full = describeMetaSetup(
      loadMetaConfig({ META_APP_SECRET: 'a', META_VERIFY_TOKEN: 'verify-xyz', META_PAGE_ACCESS_TOKEN: 'EAAB-token-xyz', META_HUMAN_AGENT: '1' }),
    );
    expect(full).toHaveLength(1);
    expect(full[0]!.message).toContain('HUMAN_AGENT tag allowed');
    expect(full[0]!.message).not.toMatch(/verify-xyz|EAAB-token-xyz/);
  });
});
