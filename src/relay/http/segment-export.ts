import type { IncomingMessage, ServerResponse } from 'node:http';
import { segmentQuerySchema } from '../../shared/protocol';
import { describeZodError } from '../channels/line/callback-schema';
import type { RelayStore } from '../store/relay-store';
import { segmentCsv } from '../tags/segment-csv';
import { sendJson } from './json-response';
import { readRawBody } from './raw-body';
import { authenticateBearer } from './bearer-agent';

const MAX_QUERY_BYTES = 16 * 1024;

/**
 * Lead-only CSV export of a tag segment. The relay decides membership (it is the authority on tags);
 * the role is checked here on every request, not trusted from the app.
 */
export async function handleSegmentExport(req: IncomingMessage, res: ServerResponse, store: RelayStore, now: () => number): Promise<void> {
  const agent = await authenticateBearer(req, store);
  if (!agent) return sendJson(res, 401, { code: 'UNAUTHORIZED', error: 'Send a valid agent token as "Authorization: Bearer …"' });
  if (agent.role !== 'lead') return sendJson(res, 403, { code: 'FORBIDDEN', error: 'Only a team lead may export segments' });

  const body = await readRawBody(req, MAX_QUERY_BYTES);
  if (!body.ok) return sendJson(res, 413, { code: 'INVALID_QUERY', error: 'The segment query is too large' });
  let json: unknown;
  try {
    json = JSON.parse(body.body.toString('utf8'));
  } catch {
    return sendJson(res, 400, { code: 'INVALID_QUERY', error: 'The segment query is not JSON' });
  }
  const query = segmentQuerySchema.safeParse(json);
  if (!query.success) return sendJson(res, 400, { code: 'INVALID_QUERY', error: `Invalid segment query: ${describeZodError(query.error)}` });

  const members = await store.segmentMembers(query.data);
  if ('unknownTags' in members) {
    return sendJson(res, 404, { code: 'UNKNOWN_TAG', error: `The shop has no tag ${members.unknownTags.map((tag) => `"${tag}"`).join(', ')}` });
  }
  const csv = Buffer.from(segmentCsv(members), 'utf8');
  const stamp = new Date(now()).toISOString().slice(0, 10);
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-length': csv.length,
    'content-disposition': `attachment; filename="segment-${stamp}.csv"`,
    'cache-control': 'no-store',
    'x-segment-members': String(members.length),
  });
  res.end(csv);
}
