import { jestExpect } from './jest-expect';
import type { ProblemBody } from '@ketenhuis/sdk';

const PROBLEM_KEYS = ['type', 'title', 'status', 'detail', 'instance', 'requestId', 'field', 'errors'];
/** Traces of internals: stack frames, source locations, library names. */
const INTERNALS = /\n\s+at |\bat [\w.<>]+ \(|\.(?:ts|js):\d+|node_modules|\bstack\b|TypeError|SyntaxError|QueryFailedError/;

/**
 * Asserts the RFC 9457 shape every error of the API has: problem+json, a stable type, the
 * status, a title, the request id the response header carries, and nothing else (no stack, no
 * internal message). Returns the body for the caller's own checks.
 */
export async function expectProblem(res: Response, status: number, slug: string): Promise<ProblemBody> {
  const expect = jestExpect();
  const text = await res.text();
  expect({ status: res.status, text }).toEqual({ status, text: expect.any(String) });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as ProblemBody;
  expect(body).toMatchObject({ type: `urn:ketenhuis:problem:${slug}`, status, title: expect.any(String) });
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.requestId).toEqual(expect.any(String));
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  expect(PROBLEM_KEYS).toEqual(expect.arrayContaining(Object.keys(body)));
  expect(text).not.toMatch(INTERNALS);
  return body;
}
