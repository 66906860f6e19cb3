import { Injectable } from '@nestjs/common';
import { UuidPathPipe } from '../../../http/uuid-path.pipe.js';

/** A meeting id is a uuid; anything else names no meeting. */
@Injectable()
export class MeetingIdPipe extends UuidPathPipe {
  constructor() {
    super('meeting');
  }
}
