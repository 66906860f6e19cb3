import type { INestApplication } from '@nestjs/common';
import { routeHandlersOf } from '../http/route-handlers.js';

/**
 * The command each POST route takes, named after its controller (`DispatchDiplomatHttp`
 * → `DispatchDiplomat`; a controller with several POST handlers adds the handler's name),
 * keyed by Fastify's route template (`/api/missions/:missionId/diplomats`).
 */
export function commandRoutesOf(app: INestApplication): Map<string, string> {
  const posts = routeHandlersOf(app).filter((route) => route.method === 'POST');
  const handlers = new Map<object, Set<string>>();
  for (const { controller, handlerName } of posts) {
    handlers.set(controller, (handlers.get(controller) ?? new Set()).add(handlerName));
  }
  return new Map(
    posts.map(({ controller, handlerName, path }) => {
      const type = controller.name.replace(/Http$|Controller$/, '');
      const several = (handlers.get(controller)?.size ?? 0) > 1;
      return [path, several ? `${type}.${handlerName}` : type];
    }),
  );
}
