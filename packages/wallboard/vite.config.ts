import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Pulse server serves dist/ at `/` and the API under `/v1`, so the app only uses origin-relative URLs.
// In `pnpm dev`, Vite proxies `/v1` (REST and the WebSocket stream) to the server.
const apiTarget = process.env.PULSE_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // the wall display, and the manager (trends) and lead (alerts) pages
    rollupOptions: { input: { index: 'index.html', trends: 'trends.html', alerts: 'alerts.html' } },
  },
  server: {
    port: 5173,
    proxy: {
      '/v1': { target: apiTarget, changeOrigin: true, ws: true },
    },
  },
  preview: {
    proxy: {
      '/v1': { target: apiTarget, changeOrigin: true, ws: true },
    },
  },
});
