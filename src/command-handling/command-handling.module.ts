import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { Calendar } from './calendar.js';
import { DeciderCommandRunner } from './decider-command-runner.js';

@Global()
@Module({
  providers: [
    DeciderCommandRunner,
    {
      provide: Calendar,
      useFactory: (config: AppConfig) => new Calendar(config.timeZone),
      inject: [APP_CONFIG],
    },
  ],
  exports: [DeciderCommandRunner, Calendar],
})
export class CommandHandlingModule {}
