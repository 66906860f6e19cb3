import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { CheckpointStore } from './checkpoint-store.js';

@Global()
@Module({
  providers: [
    {
      provide: CheckpointStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new CheckpointStore(join(config.dataDir, 'checkpoints.sqlite')),
    },
  ],
  exports: [CheckpointStore],
})
export class CheckpointsModule implements OnApplicationShutdown {
  constructor(@Inject(CheckpointStore) private readonly checkpoints: CheckpointStore) {}

  onApplicationShutdown(): void {
    this.checkpoints.close();
  }
}
