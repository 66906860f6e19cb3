import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** The swagger-ui-dist files the page loads, and their media types. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** swagger-ui-dist, resolved from @nestjs/swagger, which depends on it. */
function swaggerUiDirectory(): string {
  const swagger = createRequire(import.meta.url).resolve('@nestjs/swagger');
  return dirname(createRequire(swagger).resolve('swagger-ui-dist/absolute-path.js'));
}

function page(path: string, title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    <link rel="stylesheet" href="${path}/swagger-ui.css">
    <link rel="icon" type="image/png" href="${path}/favicon-32x32.png" sizes="32x32">
    <link rel="icon" type="image/png" href="${path}/favicon-16x16.png" sizes="16x16">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${path}/swagger-ui-bundle.js"></script>
    <script src="${path}/swagger-ui-standalone-preset.js"></script>
    <script src="${path}/swagger-ui-init.js"></script>
  </body>
</html>
`;
}

function initScript(documentUrl: string): string {
  const options = {
    url: documentUrl,
    dom_id: '#swagger-ui',
    deepLinking: true,
    displayOperationId: true,
    layout: 'StandaloneLayout',
    // No badge from validator.swagger.io: the page needs nothing beyond this service.
    validatorUrl: 'none',
  };
  return `window.onload = function () {
  window.ui = SwaggerUIBundle(Object.assign(${JSON.stringify(options)}, {
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
  }));
};
`;
}

/**
 * Swagger UI at `path`, reading the document from `documentUrl`, as plain Fastify routes
 * (outside Nest's guards: no token needed). The assets are served from swagger-ui-dist
 * directly rather than through SwaggerModule's @fastify/static registration, which cannot
 * load under Jest's ESM runtime and exits the process when it fails.
 */
export function serveSwaggerUi(
  fastify: FastifyInstance,
  path: string,
  documentUrl: string,
  title: string,
): void {
  const directory = swaggerUiDirectory();
  const html = page(path, title);
  const init = initScript(documentUrl);
  const cache = new Map<string, Promise<Buffer>>();
  for (const url of [path, `${path}/`, `${path}/index.html`]) {
    fastify.get(url, (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(html),
    );
  }
  fastify.get(`${path}/swagger-ui-init.js`, (_request, reply) =>
    reply
      .type('application/javascript; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .send(init),
  );
  for (const [file, type] of Object.entries(ASSETS)) {
    fastify.get(`${path}/${file}`, async (_request, reply) => {
      let content = cache.get(file);
      if (!content) {
        content = readFile(join(directory, file));
        cache.set(file, content);
        content.catch(() => cache.delete(file));
      }
      return reply
        .type(type)
        .header('Cache-Control', 'public, max-age=86400')
        .send(await content);
    });
  }
}
