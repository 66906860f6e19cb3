import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AS, listen } from '../support/http-api.js';
import { rawExchange, responsesIn } from '../support/raw-http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Document {
  info: { description: string };
  paths: Record<string, Record<string, unknown>>;
}

const HOST = 'Host: localhost\r\n';

/**
 * What the service answers before a route is found, or on a path without finding its own
 * operation (405, HEAD), is no operation's: the document's description says it, naming each
 * problem type as the answers carry it.
 */
describe('OpenAPI document: answers no operation lists', () => {
  let subject: TestApp;
  let port: number;
  let document: Document;

  beforeAll(async () => {
    subject = await startTestApp({ REQUEST_TIMEOUT_SECONDS: '1' });
    await listen(subject.server);
    port = (subject.server.address() as AddressInfo).port;
    document = (await request(subject.server).get('/api/docs-json').expect(200)).body as Document;
  });
  afterAll(() => subject.dispose());

  it('names in its description the status and problem type of each answer given before a route is found', async () => {
    const sent = [
      'HELLO THERE\r\n\r\n',
      `GET /api/missions HTTP/1.1\r\n${HOST}Host: evil.example\r\nConnection: close\r\n\r\n`,
      `DELETE /api/missions HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`,
      `GET /health HTTP/1.1\r\n${HOST}Expect: 200-ok\r\n\r\n`,
      `GET /health HTTP/1.1\r\n${HOST}X-Big: ${'x'.repeat(20_000)}\r\n\r\n`,
      `GET /health HTTP/1.1\r\nHost: local`,
      `FOO /api/missions HTTP/1.1\r\n${HOST}\r\n`,
      `GET /health HTTP/2.0\r\n${HOST}\r\n`,
    ];
    const answers: string[] = [];
    for (const text of sent) {
      const [response] = responsesIn((await rawExchange(port, text, 5000)).text);
      const answer = `${response?.status} \`${JSON.parse(response?.body ?? '{}').type}\``;
      expect({ answer, named: document.info.description.includes(answer) }).toEqual({
        answer,
        named: true,
      });
      answers.push(answer);
    }
    expect(answers).toEqual([
      '400 `/problems/malformed-request`',
      '400 `/problems/malformed-request`',
      '405 `/problems/method-not-allowed`',
      '417 `/problems/expectation-failed`',
      '431 `/problems/headers-too-large`',
      '408 `/problems/request-timeout`',
      '501 `/problems/not-implemented`',
      '505 `/problems/http-version-not-supported`',
    ]);
  });

  it('says in its description that HEAD is served on every GET path, which it lists no operation for', async () => {
    const get = await request(subject.server).get('/api/missions').set(AS.viewer).expect(200);
    const head = await request(subject.server).head('/api/missions').set(AS.viewer).expect(200);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.text).toBeUndefined();
    const refused = await request(subject.server).delete('/api/missions').expect(405);
    expect(refused.headers.allow).toMatch(/\bHEAD\b/);
    expect(document.info.description).toMatch(/\*\*HEAD\*\* is served on every GET path/);
    const methods = Object.values(document.paths).flatMap((item) => Object.keys(item));
    expect(methods).not.toContain('head');
  });
});
