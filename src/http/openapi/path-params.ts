import { ApiParam } from '@nestjs/swagger';

/** What MissionIdPipe accepts; anything else is a 404. */
const MISSION_ID_PATTERN = '^[a-z]{2}-[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*$';

export function ApiMissionIdParam(): MethodDecorator & ClassDecorator {
  return ApiParam({
    name: 'missionId',
    description:
      'The mission: sending state, receiving state and city slug, lower case (at most 120 characters). Anything else is a 404.',
    schema: { type: 'string', pattern: MISSION_ID_PATTERN, maxLength: 120 },
    example: 'kr-cu-havana',
  });
}

export function ApiDiplomatIdParam(): MethodDecorator & ClassDecorator {
  return ApiParam({
    name: 'diplomatId',
    description: 'The diplomatId the dispatch answered with; anything but a uuid is a 404.',
    schema: { type: 'string', format: 'uuid' },
    example: '3b241101-e2bb-4255-8caf-4136c566a962',
  });
}
