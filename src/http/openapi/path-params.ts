import { ApiParam } from '@nestjs/swagger';
import { MAX_MISSION_ID_LENGTH, MISSION_ID_PATTERN } from '../../missions/domain/mission-id.js';

export function ApiMissionIdParam(): MethodDecorator & ClassDecorator {
  return ApiParam({
    name: 'missionId',
    description: `The mission: sending state, receiving state and city slug, lower case (at most ${MAX_MISSION_ID_LENGTH} characters). Anything else is a 404.`,
    schema: { type: 'string', pattern: MISSION_ID_PATTERN, maxLength: MAX_MISSION_ID_LENGTH },
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
