import { Injectable } from '@nestjs/common';
import type { ReadModelChange } from './projection.js';

type Listener = (changes: readonly ReadModelChange[]) => void;

/**
 * In-process feed of what projections have committed. Only the projection runner
 * publishes, after its transaction commits; live feeds listen.
 */
@Injectable()
export class ReadModelChanges {
  private readonly listeners = new Set<Listener>();

  publish(changes: readonly ReadModelChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) listener(changes);
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
