import { Global, Module } from '@nestjs/common';
import { DeciderCommandRunner } from './decider-command-runner.js';

@Global()
@Module({ providers: [DeciderCommandRunner], exports: [DeciderCommandRunner] })
export class CommandHandlingModule {}
