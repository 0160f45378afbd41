import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'

export default defineConfig({
  base: '/r/',
  plugins: [react()],
  resolve: { conditions: ['@klantreis/source', ...defaultClientConditions] },
  build: { outDir: 'dist', target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
})
