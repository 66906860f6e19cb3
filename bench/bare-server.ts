/**
 * The baseline of `npm run bench:api`: bare Fastify (the version Nest runs on), one POST
 * route that parses the same JSON body with the same body limit and answers 201
 * {ok:true}. No Nest, no validation, no store. Started as a child process on
 * 127.0.0.1:$PORT; prints "listening" once ready.
 */
import Fastify from 'fastify';
import { closeOnSignals, portFromEnv } from './reference-server.js';

const port = portFromEnv('bare-server');

const app = Fastify({ bodyLimit: 1024 * 1024, logger: false });
app.post('/api/missions/*', async (request, reply) => {
  // The body was parsed by Fastify's JSON parser; touch it as a handler would.
  const body = request.body as Record<string, unknown> | null;
  if (body === null || typeof body !== 'object') return reply.code(400).send({ ok: false });
  return reply.code(201).send({ ok: true });
});

closeOnSignals(() => app.close());

app.listen({ port, host: '127.0.0.1' }).then(
  () => process.stdout.write('listening\n'),
  (error: unknown) => {
    process.stderr.write(
      `bare-server: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
