import type { FastifyInstance } from 'fastify';

/** A route as Fastify registered it: `GET /api/missions/:missionId`. */
export interface RegisteredRoute {
  readonly method: string;
  readonly path: string;
}

/**
 * The methods the service answers on a path, from every route Fastify registered (the
 * controllers' and the plain Fastify ones, such as the OpenAPI document's): a request with
 * another method on a path that exists is a 405 with an `Allow` header, not a 404 (RFC 9110
 * §15.5.6).
 */
export class AllowedMethods {
  private routes: readonly { readonly pattern: RegExp; readonly method: string }[] | undefined;

  constructor(private readonly routesOf: () => readonly RegisteredRoute[]) {}

  /** The methods allowed on `path` (no query string); empty when no route has that path. */
  of(path: string): string[] {
    this.routes ??= this.routesOf().map(({ method, path: template }) => ({
      method,
      pattern: new RegExp(`^${template.split('/').map(segmentPattern).join('/')}/?$`),
    }));
    const methods = new Set(this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method));
    // Fastify answers HEAD wherever it answers GET.
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }
}

/**
 * Records every route Fastify registers from now on, as it registers it; call it before
 * anything adds routes (Nest adds the controllers' when the application initialises).
 */
export function registeredRoutes(fastify: FastifyInstance): readonly RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  fastify.addHook('onRoute', ({ method, url }) => {
    for (const one of [method].flat()) routes.push({ method: one, path: url });
  });
  return routes;
}

function segmentPattern(segment: string): string {
  return segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
