import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '.dependency-cruiser.cjs',
      'test/support/*.cjs',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'src/**/*.js',
      'docs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true, varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/domain/**/*.ts', 'src/**/*.decide.ts', 'src/**/*.evolve.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'fastify', '@fastify/*'],
              message: 'Domain code stays free of Nest and HTTP.',
            },
            {
              group: ['better-sqlite3', '@kurrent/*', '@eventstore/*'],
              message: 'Domain code stays free of store drivers.',
            },
            {
              group: ['**/event-store/**', '**/http/**', '**/config/**'],
              message: 'Domain code does not reach adapters.',
            },
            { group: ['node:*', 'fs', 'crypto', 'path'], message: 'Domain code does no I/O.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
