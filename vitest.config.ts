import { defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// One run over every workspace: files run in parallel, each integration file in its own database.
const conditions = ['@klantreis/source', ...defaultServerConditions]

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default'] : ['default'],
    projects: [
      {
        resolve: { conditions },
        ssr: { resolve: { conditions } },
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.{ts,tsx}', 'apps/api/test/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        resolve: { conditions },
        ssr: { resolve: { conditions } },
        test: {
          name: 'int',
          include: ['apps/api/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['apps/api/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { conditions },
        ssr: { resolve: { conditions } },
        test: { name: 'e2e', include: ['e2e/**/*.e2e.test.ts'], testTimeout: 90_000, hookTimeout: 120_000 },
      },
    ],
  },
})
