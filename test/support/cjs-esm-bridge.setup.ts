import * as common from '@nestjs/common';
import * as core from '@nestjs/core';

/** The ESM NestJS modules bridged CommonJS packages require (see cjs-esm-bridge.cjs). */
(globalThis as { __esmForCjs?: Record<string, unknown> }).__esmForCjs = {
  '@nestjs/common': common,
  '@nestjs/core': core,
};
