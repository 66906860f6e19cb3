import { Injectable } from '@nestjs/common';
import type { Position } from '../event-store/position.js';

/** A process manager's progress, as read-your-writes needs it. */
export interface ProcessManagerProgress {
  readonly name: string;
  /** Resolves once every event up to `position` has been handled. */
  whenCaughtUp(position: Position, timeoutMs: number): Promise<void>;
  /** The position of the last event it appended, if any. */
  readonly lastAppended: Position | undefined;
}

/** Every process manager of this node registers here, so reads can wait for their output. */
@Injectable()
export class ProcessManagerRegistry {
  private readonly managers: ProcessManagerProgress[] = [];

  register(manager: ProcessManagerProgress): void {
    this.managers.push(manager);
  }

  all(): readonly ProcessManagerProgress[] {
    return this.managers;
  }
}
