// Lint: typescript-eslint (strict) everywhere, eslint-plugin-vue for the renderer, and the
// import direction of the design: renderer → (types only) engine/api, electron → engine,
// engine → nothing of ours (no electron, vue, pinia, d3 or DOM), and inside engine/ its layers
// bottom to top (ENGINE_LAYERS).
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

const engineBans = {
  patterns: [
    {
      group: ['electron', 'electron/*'],
      message: 'engine/ must not depend on Electron (see design: layers).',
    },
    { group: ['vue', 'pinia', 'd3', 'd3-*'], message: 'engine/ must not depend on UI libraries.' },
    {
      group: ['**/renderer/**', '**/electron/**'],
      message: 'engine/ imports nothing of ours outside engine/.',
    },
  ],
};

/**
 * The engine's layers, bottom to top: a file may import its own layer and the ones below, never
 * one above (a store that needed the VM, or the VM the API, would tie the layers in a knot). Test
 * files and test support may reach across (an integration test of the store runs a VM).
 */
const ENGINE_LAYERS = [
  ['core'],
  ['hash', 'rkyv', 'wasm'],
  ['merkle', 'state', 'diff'],
  ['store'],
  ['vm', 'journal', 'driver', 'profile'],
  ['threads', 'script'],
  ['api', 'gascheck'],
  ['server', 'cli'],
];
const TEST_SUPPORT = ['engine/**/*.test.ts', 'engine/testing/**'];

/**
 * Layers that read state only through the VM's StateView (vm/state-view.ts): the store's trees
 * and records (merkle/, state/) and their diff (diff/) are the VM's business, so a query never
 * branches on "session or commit" or walks a tree itself.
 */
const STATE_VIEW_READERS = ['api', 'cli'];
const UNDER_THE_VM = ['merkle', 'state', 'diff'];

function engineLayerRules() {
  return ENGINE_LAYERS.flatMap((layer, i) => {
    const above = ENGINE_LAYERS.slice(i + 1).flat();
    const patterns = [
      ...engineBans.patterns,
      ...(above.length === 0
        ? []
        : [
            {
              group: above.flatMap((dir) => [`../${dir}`, `../${dir}/*`]),
              message: `engine/${layer.join('/')} may not import a layer above it (${above.join(', ')}); see ENGINE_LAYERS in eslint.config.js.`,
            },
          ]),
      {
        group: ['../testing', '../testing/*'],
        message: 'engine/testing is test support: production code does not import it.',
      },
    ];
    // One block per folder: a file matched by two blocks would get only the last one's options.
    return layer.map((dir) => ({
      files: [`engine/${dir}/**/*.ts`],
      ignores: TEST_SUPPORT,
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            patterns: STATE_VIEW_READERS.includes(dir)
              ? [
                  ...patterns,
                  {
                    group: UNDER_THE_VM.flatMap((d) => [`../${d}`, `../${d}/*`]),
                    message: `engine/${dir} reads state through the VM's StateView (vm/state-view.ts), not ${UNDER_THE_VM.map((d) => `${d}/`).join(', ')}; see STATE_VIEW_READERS in eslint.config.js.`,
                  },
                ]
              : patterns,
          },
        ],
      },
    }));
  });
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'contracts/build/**',
      'test-artifacts/**',
      // Made by the tests and tools (the session worker's bundle, the oracle's Python venv).
      '.cache/**',
      // AssemblyScript sources: a TypeScript dialect with its own type checker (asc).
      'contracts/sdk/**',
      'contracts/src/**',
      'engine/types/*.d.ts',
    ],
  },
  ...tseslint.configs.strict,
  // 'essential' (correctness) only: formatting is Prettier's job, and the strongly-recommended
  // layout rules of eslint-plugin-vue contradict it.
  ...pluginVue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', engineBans] },
  },
  ...engineLayerRules(),
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine/**'],
              allowTypeImports: true,
              message: 'renderer/ may only import types from engine/api (use `import type`).',
            },
            {
              group: ['**/engine/**', '!**/engine/api', '!**/engine/api/**'],
              message: 'renderer/ may only import from engine/api.',
            },
            {
              group: ['electron', 'electron/*', '**/electron/**'],
              message: 'renderer/ talks to the main process only through the preload bridge.',
            },
            {
              group: ['node:*', 'fs', 'path', 'child_process'],
              message: 'renderer/ runs in a sandboxed page: no Node APIs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', 'vue', 'pinia', 'd3'],
              message: 'electron/ must not import the renderer.',
            },
          ],
        },
      ],
    },
  },
);
