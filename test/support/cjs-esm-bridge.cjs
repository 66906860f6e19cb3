/**
 * Jest transform for the few CommonJS packages that require() NestJS (ESM-only since
 * NestJS 12): Node 20 runs such a require() natively, but Jest's module registry cannot
 * (it needs Node 24.9+). The require() calls of @nestjs/common and @nestjs/core are
 * pointed at the ESM modules the test has already loaded (test/support/cjs-esm-bridge.setup.ts),
 * so the package under test is the real one, sharing Nest's classes with the app.
 */
const BRIDGED = /require\("(@nestjs\/(?:common|core))"\)/g;

module.exports = {
  getCacheKey(source, path) {
    return `cjs-esm-bridge-1:${path}:${source.length}:${require('node:crypto').createHash('sha1').update(source).digest('hex')}`;
  },
  process(source) {
    return {
      code: source.replace(
        BRIDGED,
        (_match, id) => `globalThis.__esmForCjs[${JSON.stringify(id)}]`,
      ),
    };
  },
};
