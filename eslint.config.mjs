// Lint: typescript-eslint's recommended rules, plus the workflow sandbox's import rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.ansinh/**', 'db/migrations/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // One clock (runtime/clock.ts): nothing else reads the wall clock. Elapsed time is measured with
    // performance.now(), which is monotonic and says nothing about the date. Workflow code reads
    // Temporal's deterministic time, shifted by the clock's offsetDays (domain/calendar.ts).
    files: ['**/*.{ts,tsx}'],
    ignores: ['runtime/clock.ts', 'workflows/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'read the injected clock (runtime/clock.ts), or performance.now() for elapsed time',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'read the injected clock (runtime/clock.ts): new Date() is the wall clock',
        },
      ],
    },
  },
  {
    // SQL is built only in db/ (client, schema, queries): front ends call services/, services and
    // activities call db/queries/. Types may be imported anywhere. Tests and benchmarks read the
    // database directly to check it. (For domain/ and workflows/ the stricter block below applies.)
    files: ['**/*.{ts,tsx}'],
    ignores: ['db/**', 'test/**', 'bench/**', 'drizzle.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'drizzle-orm', allowTypeImports: true, message: 'build SQL in db/queries/, not here' },
            { name: 'postgres', allowTypeImports: true, message: 'open the database through db/client.ts' },
          ],
          patterns: [
            {
              group: ['drizzle-orm/*', '@electric-sql/*'],
              allowTypeImports: true,
              message: 'build SQL in db/queries/, not here',
            },
            {
              group: ['**/db/schema', '**/db/schema/*'],
              allowTypeImports: true,
              message: 'tables are used in db/queries/, not here',
            },
          ],
        },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node modules, no I/O, no value
    // imports of activities or the database.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net'],
              message: 'no Node modules in workflow/domain code',
            },
            {
              group: ['postgres', 'pg', 'pino', 'drizzle-orm', 'drizzle-orm/*', '@electric-sql/*'],
              message: 'no I/O libraries in workflow/domain code',
            },
            {
              group: [
                '../db/*',
                '../worker/*',
                '../client/*',
                '../api/*',
                '../cli/*',
                '../runtime/*',
                '../services/*',
                '../dev/*',
              ],
              message: 'workflows and domain do not reach the database or the outside world',
            },
            {
              group: ['../activities', '../activities/*'],
              allowTypeImports: true,
              message: 'import activities as types only',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'use sleep() from @temporalio/workflow' }],
    },
  },
);
