import { randomBytes } from 'node:crypto';

/**
 * Graph API error answers as Meta sends them: `{error:{message, type, code, error_subcode?, fbtrace_id}}`
 * (docs/messaging-platforms facts: 10/2018278 window, 551 unavailable, 4/32/613 rate limits, 190 token,
 * 100 invalid parameter with 2018001 "no matching user").
 */
export interface FakeGraphAnswer {
  status: number;
  body: unknown;
}

function graphError(status: number, code: number, message: string, subcode?: number, type = 'OAuthException'): FakeGraphAnswer {
  return {
    status,
    body: {
      error: {
        message,
        type,
        code,
        ...(subcode === undefined ? {} : { error_subcode: subcode }),
        fbtrace_id: randomBytes(8).toString('base64url'),
      },
    },
  };
}

export const FAKE_META_ERRORS = {
  outsideWindow: () => graphError(400, 10, '(#10) This message is sent outside of allowed window.', 2018278),
  personUnavailable: () => graphError(400, 551, "(#551) This person isn't available right now.", 1545041),
  noMatchingUser: () => graphError(400, 100, '(#100) No matching user found', 2018001),
  invalidParameter: (message: string) => graphError(400, 100, `(#100) ${message}`),
  tokenInvalid: () => graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token'),
  rateLimited: (code: 4 | 32 | 613 = 613) =>
    graphError(400, code, code === 4 ? '(#4) Application request limit reached' : code === 32 ? '(#32) Page request limit reached' : '(#613) Calls to this api have exceeded the rate limit.'),
  unknownObject: (id: string) =>
    graphError(
      400,
      100,
      `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      33,
      'GraphMethodException',
    ),
  unknownPath: (path: string) => graphError(404, 2500, `Unknown path components: ${path}`),
  serverError: (status = 500) => graphError(status, 2, 'An unexpected error has occurred. Please retry your request later.'),
} as const;
