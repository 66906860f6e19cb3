/** Layer rules for src/: the pure domain imports nothing but other domain and shared code. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'decide/evolve files and domain folders must not import Nest, HTTP, drivers or adapters',
      severity: 'error',
      from: { path: '(^src/.+/domain/|\\.decide\\.ts$|\\.evolve\\.ts$)' },
      to: {
        path: [
          'node_modules/@nestjs',
          'node_modules/fastify',
          'node_modules/@fastify',
          'node_modules/better-sqlite3',
          'node_modules/@kurrent',
          'node_modules/@eventstore',
          '^src/event-store/',
          '^src/http/',
          '^src/config/',
          '^src/auth/',
        ],
      },
    },
    {
      name: 'domain-does-no-io',
      severity: 'error',
      from: { path: '(^src/.+/domain/|\\.decide\\.ts$|\\.evolve\\.ts$)' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'port-is-driver-free',
      comment: 'the event-store port names no driver',
      severity: 'error',
      from: { path: '^src/event-store/(event-store\\.port|position|event-store\\.errors)\\.ts$' },
      to: { path: ['node_modules/', '^src/event-store/(sqlite|kurrentdb)/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
