// One lint configuration for every workspace (typescript-eslint, flat config).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', '.ketenhuis/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unsafe-function-type': 'off', // TypeORM entity classes are typed as Function
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test-support.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Rows read with raw SQL in core name their type, so the compiler sees a misspelt column or
    // a wrong guess at pg's JS types (TypeORM answers a raw query with `any`). A syntax rule, not
    // the type-aware no-unsafe-* rules: those build a TypeScript program on every run, which made
    // linting core about three times slower, and a raw query is recognisable from its syntax.
    // Allowed without type arguments: a result thrown away (DDL, writes), or one assigned to a
    // variable whose declared type names the row.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-support.ts', '**/test/**', '**/migrations/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: [
          "CallExpression:matches([callee.property.name='query'], [callee.name='query'])",
          ':not([typeArguments])',
          ':not(ExpressionStatement > AwaitExpression > CallExpression)',
          ":not(ExpressionStatement > AwaitExpression > CallExpression > MemberExpression[property.name='catch'] > CallExpression)",
          ':not(VariableDeclarator[id.typeAnnotation] > AwaitExpression > CallExpression)',
        ].join(''),
        message: 'Name the row type of this raw query: scope.query<Row>(...), or rows<Row>(manager, ...) from kernel/db/rows for TypeORM, whose raw result is `any`.',
      }],
    },
  },
);
