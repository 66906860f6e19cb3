import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Document {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

/** Every string in `value`, at any depth, with where it is. */
function stringsIn(value: unknown, at: string): { at: string; text: string }[] {
  if (typeof value === 'string') return [{ at, text: value }];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => stringsIn(item, `${at}.${key}`));
}

/** The examples of what a client sends: request bodies, their schemas, and the parameters. */
function requestExamplesOf(document: Document): { at: string; text: string }[] {
  const schemas = Object.entries(document.components.schemas)
    .filter(([name]) => name.endsWith('Request'))
    .flatMap(([name, schema]) => stringsIn(schema, name));
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, operation]) => {
      const { requestBody, parameters } = operation as {
        requestBody?: unknown;
        parameters?: unknown;
      };
      return stringsIn({ requestBody, parameters }, `${method} ${path}`);
    }),
  );
  return [...schemas, ...operations].filter(({ at }) => /\.examples?(\.|$)/.test(at));
}

/** A client sending a documented example gets it recorded, not refused as a date to come. */
describe('OpenAPI document: request examples', () => {
  let subject: TestApp;
  let document: Document;

  beforeAll(async () => {
    subject = await startTestApp();
    document = (await request(subject.server).get('/api/docs-json').expect(200)).body as Document;
  });
  afterAll(() => subject.dispose());

  it('dates no request example in the future', () => {
    const today = new Date().toISOString().slice(0, 10);
    const dates = requestExamplesOf(document).filter(({ text }) => DATE.test(text));
    expect(dates.length).toBeGreaterThan(20);
    expect(dates.filter(({ text }) => text.slice(0, 10) > today)).toEqual([]);
    expect(dates).toContainEqual({
      at: 'EndFunctionsRequest.properties.endedOn.example',
      text: '2026-02-27',
    });
  });
});
