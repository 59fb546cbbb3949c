import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

// The gateway serves the API; in development the console proxies to it so the refresh cookie is first-party.
const apiTarget = process.env.CONSOLE_API_TARGET ?? 'http://127.0.0.1:8080';
const proxy: Record<string, ProxyOptions> = { '/api': { target: apiTarget } };

export default defineConfig({
  // Relative asset URLs: the built files work wherever the gateway mounts them (routes live in the hash).
  base: './',
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
