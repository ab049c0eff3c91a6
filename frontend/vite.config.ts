import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The app is served by the local cloud's HTTP API (same origin as the API) from dist/; `npm run dev` proxies the
// API to a running ./run-local on :3000.
export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: true,
    manifest: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      ['/auth', '/connections', '/bases', '/imports', '/changesets', '/health'].map((p) => [p, 'http://127.0.0.1:3000']),
    ),
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
