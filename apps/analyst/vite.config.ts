import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'

export default defineConfig({
  base: '/',
  plugins: [react()],
  // Resolve @klantreis/shared to its TypeScript source, so the app never needs a stale dist build.
  resolve: { conditions: ['@klantreis/source', ...defaultClientConditions] },
  build: { outDir: 'dist', sourcemap: true },
  server: {
    port: 5174,
    proxy: { '/api': { target: `http://127.0.0.1:${process.env.PORT ?? 3000}`, changeOrigin: false } },
  },
})
