import { type INestApplication, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';

/**
 * The command each POST route takes, named after its controller (`DispatchDiplomatHttp`
 * → `DispatchDiplomat`; a controller with several POST handlers adds the handler's name),
 * keyed by Fastify's route template (`/api/missions/:missionId/diplomats`).
 */
export function commandRoutesOf(app: INestApplication): Map<string, string> {
  const scanner = new MetadataScanner();
  const routes = new Map<string, string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      const base = textsOf(Reflect.getMetadata(PATH_METADATA, controller));
      const posts = scanner.getAllMethodNames(controller.prototype).filter((name) => {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        return (
          typeof handler === 'function' &&
          Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST
        );
      });
      const type = controller.name.replace(/Http$|Controller$/, '');
      for (const name of posts) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        const own = textsOf(Reflect.getMetadata(PATH_METADATA, handler));
        for (const prefix of base) {
          for (const path of own) {
            routes.set(routeOf(prefix, path), posts.length > 1 ? `${type}.${name}` : type);
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
