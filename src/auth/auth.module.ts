import { Global, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { AuthGuard } from './auth.guard.js';
import { loadOrCreateTokens, tokensNotice } from './generated-tokens.js';
import { TokenRegistry } from './token-registry.js';

@Global()
@Module({
  providers: [
    {
      provide: TokenRegistry,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (config.authTokens) return new TokenRegistry(config.authTokens);
        const tokens = loadOrCreateTokens(config.dataDir);
        const { level, message } = tokensNotice(tokens);
        new Logger('Auth')[level](message);
        return new TokenRegistry(tokens.entries);
      },
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenRegistry],
})
export class AuthModule {}
