import type { RouteHandler } from './route-handlers.js';

/**
 * The methods the API answers on a path, from the controllers' routes: a request with another
 * method on a path that exists is a 405 with an `Allow` header, not a 404 (RFC 9110 §15.5.6).
 */
export class AllowedMethods {
  private routes: readonly { readonly pattern: RegExp; readonly method: string }[] | undefined;

  constructor(private readonly routesOf: () => readonly RouteHandler[]) {}

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

function segmentPattern(segment: string): string {
  return segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
