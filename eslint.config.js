// The house rules that a machine can hold: typescript-eslint's recommended set, React's hooks rules,
// and the import walls between layers (import-x's no-restricted-paths, on resolved paths, so a
// relative import cannot slip past a wall). One config for the whole repository: the walls run
// across workspaces. Fix the code, not the rule. Layout is Prettier's alone (.prettierrc.json);
// eslint-config-prettier switches off every rule that would argue with it.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import importX, { createNodeResolver } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'
import prettierOff from 'eslint-config-prettier/flat'

const root = path.dirname(fileURLToPath(import.meta.url))
const dirsIn = (dir) =>
  fs.existsSync(path.join(root, dir))
    ? fs
        .readdirSync(path.join(root, dir), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
    : []

const API = './apps/api/src'
const apiModules = dirsIn(`${API}/modules`)

/** A feature app's walls: app → features → components/lib, and no feature into another's insides. */
function frontEndZones(src) {
  const features = dirsIn(`${src}/features`)
  return [
    {
      target: [`${src}/features`, `${src}/components`, `${src}/lib`],
      from: `${src}/app`,
      message: 'app/ composes the features; nothing below it imports app/ (put what is shared in lib/).',
    },
    {
      target: [`${src}/components`, `${src}/lib`],
      from: `${src}/features`,
      message: 'components/ and lib/ serve every feature and import none.',
    },
    ...features.map((f) => ({
      target: `${src}/features/${f}`,
      from: `${src}/features`,
      except: [`./${f}`, ...features.filter((g) => g !== f).map((g) => `./${g}/index.ts`)],
      message: `A feature uses another only through its public index.ts (features/<name>/index.ts), never its insides.`,
    })),
  ]
}

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'test-results/**',
      '.data/**',
      'apps/respondent/src/sw/**',
      'apps/api/bench/results/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: [
      'apps/analyst/src/**/*.tsx',
      'apps/respondent/src/**/*.tsx',
      'apps/analyst/src/**/*.ts',
      'apps/respondent/src/**/*.ts',
    ],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['**/*.{ts,tsx}'],
    // tests set up and inspect state across the walls (a soft delete, a row to assert); the walls
    // are for the code that runs in production
    ignores: ['**/*.test.{ts,tsx}', 'apps/api/test/**', 'apps/api/bench/**', 'e2e/**'],
    plugins: { 'import-x': importX },
    settings: {
      // TypeScript sources import each other as .js (NodeNext); the walls are checked on the .ts files
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // API (docs/architecture.md): routes → their service → their queries; a service may call
            // another module's service, never its queries; infrastructure plugins know no module
            ...apiModules.map((m) => ({
              target: `${API}/modules/${m}`,
              from: `${API}/modules/!(${m})/**/*.queries.ts`,
              message: "A service calls another module's service, never its queries.",
            })),
            {
              target: `${API}/jobs`,
              from: `${API}/modules/**/*.queries.ts`,
              message: 'Jobs run services, not another module’s queries.',
            },
            {
              target: `${API}/modules/**/*.routes.ts`,
              from: `${API}/modules/**/*.queries.ts`,
              message: 'Routes go through their service.',
            },
            {
              target: `${API}/plugins`,
              from: `${API}/modules`,
              message: 'plugins/ is infrastructure: it imports no feature module.',
            },
            { target: `${API}/lib`, from: `${API}/modules`, message: 'lib/ serves every module and imports none.' },
            {
              target: './packages',
              from: './apps',
              message: 'The packages are what the apps share: they never import an app.',
            },
            {
              target: ['./apps/analyst', './apps/respondent'],
              from: './apps/api',
              message: 'The apps talk to the API over HTTP through the contract in packages/shared.',
            },
            ...frontEndZones('./apps/analyst/src'),
            ...frontEndZones('./apps/respondent/src'),
          ],
        },
      ],
    },
  },
  prettierOff,
)
