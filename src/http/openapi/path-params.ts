import { ApiParam } from '@nestjs/swagger';
import { MAX_MISSION_ID_LENGTH, MISSION_ID_PATTERN } from '../../missions/domain/mission-id.js';

/** The mission id pattern in any ASCII case, as a path may write it (`KR-CU-Havana`). */
const MISSION_ID_PATH_PATTERN = MISSION_ID_PATTERN.replaceAll('a-z', 'a-zA-Z');

export function ApiMissionIdParam(): MethodDecorator & ClassDecorator {
  return ApiParam({
    name: 'missionId',
    description: `The mission: sending state, receiving state and city slug (at most ${MAX_MISSION_ID_LENGTH} characters), as \`missionId\` names it (lower case). A path may write it in any ASCII case (\`KR-CU-Havana\` is \`kr-cu-havana\`; a letter outside ASCII never stands for one). Anything else, or a mission never planned, is a 404.`,
    schema: { type: 'string', pattern: MISSION_ID_PATH_PATTERN, maxLength: MAX_MISSION_ID_LENGTH },
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
