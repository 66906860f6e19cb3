/**
 * The baseline of `npm run bench:api`: bare Fastify (the version Nest runs on), one POST
 * route that parses the same JSON body with the same body limit and answers 201
 * {ok:true}. No Nest, no validation, no store. Started as a child process on
 * 127.0.0.1:$PORT; prints "listening" once ready.
 */
import Fastify from 'fastify';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  process.stderr.write('bare-server: set PORT\n');
  process.exit(2);
}

const app = Fastify({ bodyLimit: 1024 * 1024, logger: false });
app.post('/api/missions/*', async (request, reply) => {
  // The body was parsed by Fastify's JSON parser; touch it as a handler would.
  const body = request.body as Record<string, unknown> | null;
  if (body === null || typeof body !== 'object') return reply.code(400).send({ ok: false });
  return reply.code(201).send({ ok: true });
});

const stop = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

app.listen({ port, host: '127.0.0.1' }).then(
  () => process.stdout.write('listening\n'),
  (error: unknown) => {
    process.stderr.write(
      `bare-server: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
