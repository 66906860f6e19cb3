import { type INestApplication, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';

/** One route of a controller, keyed as Fastify knows it. */
export interface RouteHandler {
  /** `GET`, `POST`, ... */
  readonly method: string;
  /** Fastify's route template: `/api/missions/:missionId/diplomats`. */
  readonly path: string;
  readonly controller: Type<unknown>;
  readonly handler: object;
  readonly handlerName: string;
}

const tables = new WeakMap<INestApplication, readonly RouteHandler[]>();

/**
 * Every route the application's controllers declare, read from Nest's metadata once (auth,
 * 405s, query checks, metrics and OpenAPI all ask; call it once the app is initialised).
 */
export function routeHandlersOf(app: INestApplication): readonly RouteHandler[] {
  let table = tables.get(app);
  if (!table) {
    table = scanRoutes(app);
    tables.set(app, table);
  }
  return table;
}

function scanRoutes(app: INestApplication): RouteHandler[] {
  const scanner = new MetadataScanner();
  const routes: RouteHandler[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      const base = textsOf(Reflect.getMetadata(PATH_METADATA, controller));
      for (const handlerName of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[handlerName];
        if (typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const own = textsOf(Reflect.getMetadata(PATH_METADATA, handler));
        for (const prefix of base) {
          for (const path of own) {
            routes.push({
              method: RequestMethod[method],
              path: routeOf(prefix, path),
              controller,
              handler,
              handlerName,
            });
          }
        }
      }
    }
  }
  return routes;
}

function textsOf(metadata: unknown): string[] {
  if (Array.isArray(metadata)) return metadata.map(String);
  return [typeof metadata === 'string' ? metadata : ''];
}

function routeOf(...parts: string[]): string {
  const segments = parts.flatMap((p) => p.split('/')).filter((s) => s !== '');
  return `/${segments.join('/')}`;
}
