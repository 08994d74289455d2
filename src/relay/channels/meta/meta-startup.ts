import type { MetaConfig } from './meta-config';

export interface StartupLine {
  level: 'info' | 'warn';
  message: string;
}

/** Only the origin: a base URL could carry credentials (user:password@) or a token in its query. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(unreadable URL)';
  }
}

/** What the relay says at start about Messenger/Instagram: whether it is on and what is missing — never a secret. */
export function describeMetaSetup(meta: MetaConfig): StartupLine[] {
  if (!meta.appSecret) {
    return [{ level: 'info', message: 'Messenger/Instagram: off (META_APP_SECRET is not set: /webhooks/meta answers 503)' }];
  }
  const lines: StartupLine[] = [
    {
      level: 'info',
      message:
        `Messenger/Instagram: on — webhook /webhooks/meta, Graph API ${originOf(meta.graphBaseUrl)} ${meta.graphVersion}, ` +
        (meta.humanAgentAllowed ? 'HUMAN_AGENT tag allowed (replies up to 7 days)' : 'no HUMAN_AGENT tag (replies up to 24 h; META_HUMAN_AGENT=1 allows 7 days)'),
    },
  ];
  if (!meta.verifyToken) {
    lines.push({ level: 'warn', message: "META_VERIFY_TOKEN is not set: Meta's webhook verification (GET /webhooks/meta) answers 403" });
  }
  if (!meta.pageAccessToken) {
    lines.push({ level: 'warn', message: 'META_PAGE_ACCESS_TOKEN is not set: Messenger/Instagram replies fail (meta_not_configured) and profiles are not fetched' });
  }
  return lines;
}
