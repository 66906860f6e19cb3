import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';

/** A route as Fastify registered it: `GET /api/missions/:missionId`. */
export interface RegisteredRoute {
  readonly method: string;
  readonly path: string;
}

/**
 * Which requests the service serves, and the methods it serves a path for: a request with
 * another method on a path that exists is a 405 with an `Allow` header, not a 404 (RFC 9110
 * §15.5.6). Both are judged by Fastify's own router on the request target as sent, so a
 * trailing slash, a doubled slash, a letter's case or a percent-encoded letter mean here what
 * they mean to the router (`/health/` is not `/health`; `/api/%6Deetings` is `/api/meetings`):
 * a method `Allow` names is never refused on its path as one no route takes, nor is one it
 * leaves out routed there. A route that matches with an empty parameter (`/api/missions/` or
 * `/api/missions//diplomats`, whose mission id is empty) serves nothing: Nest's Fastify adapter
 * hands such a request to its not-found handler (only a wildcard `*` may be empty), as it does
 * a request target in neither origin-form (`/…`) nor absolute-form (`http://…`), such as
 * `OPTIONS *`, which find-my-way would route as if it began with a slash.
 */
export class AllowedMethods {
  private methods: readonly HTTPMethods[] | undefined;

  /**
   * `routesOf`: every route Fastify registered (the controllers' and the plain Fastify ones,
   * such as the OpenAPI document's), read once the application is ready. `unserved`: routes
   * among them that serve no resource (the one @fastify/cors adds to take preflights).
   */
  constructor(
    private readonly fastify: FastifyInstance,
    private readonly routesOf: () => readonly RegisteredRoute[],
    private readonly unserved: readonly RegisteredRoute[],
  ) {}

  /** Whether the route Fastify matched for `request` serves it (asked of every request). */
  serves(request: FastifyRequest): boolean {
    const route = request.routeOptions.url;
    return (
      route !== undefined &&
      !this.unserved.some(({ method, path }) => method === request.method && path === route) &&
      !hasEmptyParameter(request.params)
    );
  }

  /**
   * The methods the service serves `url` for (a request target: its query string is ignored),
   * in alphabetical order; none on a path it does not serve. Only the methods of the routes
   * that serve something are asked about: @fastify/cors's route takes OPTIONS on every path.
   */
  of(url: string): string[] {
    if (!ROUTABLE_TARGET.test(url)) return [];
    this.methods ??= [
      ...new Set(
        this.routesOf()
          .filter((route) => !this.unserved.some((other) => sameRoute(route, other)))
          .map(({ method }) => method as HTTPMethods),
      ),
    ].sort();
    return this.methods.filter((method) => {
      // The lookup Fastify routes a request with; null when no route matches.
      const found = this.fastify.findRoute({ method, url }) as { params: object } | null;
      return found !== null && !hasEmptyParameter(found.params);
    });
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

/** The request targets Nest's Fastify adapter routes (see its `isRoutableRequestTarget`). */
const ROUTABLE_TARGET = /^(\/|https?:\/\/)/i;

function sameRoute(one: RegisteredRoute, other: RegisteredRoute): boolean {
  return one.method === other.method && one.path === other.path;
}

/** Whether a route parameter matched nothing (find-my-way lets one), but a wildcard `*`. */
function hasEmptyParameter(params: unknown): boolean {
  const values = params as Readonly<Record<string, string | undefined>>;
  for (const name in values) {
    if (values[name] === '' && name !== '*') return true;
  }
  return false;
}
