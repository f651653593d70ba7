// The linter guards what review keeps missing, and nothing the code already
// does by habit: the layers of src/ (a layer imports only the ones below it,
// see README's "Where things live"), the frontend kit's independence from
// src/, and a few plain-JavaScript traps. Formatting is not its business.
import tseslint from 'typescript-eslint'

/** `patterns` entries refusing imports of the named src/ folders from a file of another one. */
const refuse = (layers, why) => ({ group: layers.flatMap((layer) => [`../${layer}/*`, `../${layer}.ts`]), message: why })

const BELOW_SCHEMA = 'services, domain and db know nothing of GraphQL types, plugins, REST routes or the server'

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'test-results/', 'bench/data/', 'src/db/generated/', 'client/generated/', 'client/dist/'] },
  {
    files: ['**/*.{ts,js,mjs}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      'no-debugger': 'error',
      'no-var': 'error',
      // A variable a closure reads before its one assignment stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'no-dupe-keys': 'error',
      'no-duplicate-case': 'error',
      'no-self-compare': 'error',
      'no-unsafe-finally': 'error',
      'no-unreachable': 'error',
      'no-fallthrough': 'error',
      'no-cond-assign': 'error',
      'no-sparse-arrays': 'error',
      'no-template-curly-in-string': 'error',
      'use-isnan': 'error',
      'valid-typeof': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // The domain's errors are plain Errors: the GraphQL and REST edges give them their transport's shape.
          paths: [{ name: 'graphql', message: 'domain/ knows no transport: throw a GatewayError, the edges map it' }],
          patterns: [
            refuse(['services', 'db', 'schema', 'plugins', 'rest', 'auth', 'cli', 'server', 'main', 'logger', 'metrics'], 'domain/ is pure: it imports no other layer of src/'),
            { group: ['graphql/*', 'graphql-yoga', '@pothos/*'], message: 'domain/ knows no transport: throw a GatewayError, the edges map it' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts', 'src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [refuse(['schema', 'plugins', 'rest', 'server', 'main', 'cli'], BELOW_SCHEMA)] }],
    },
  },
  {
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/*', '**/src/**'], message: 'the frontend kit is a package of its own: it imports nothing from src/' }] },
      ],
    },
  },
)
