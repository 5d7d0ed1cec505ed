import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress';
import { preloadApp } from './preload-app';

export default defineConfig({
  root: path.resolve(__dirname),
  plugins: [react(), preloadApp(), precompress()],
  // The API's JSON shapes, shared with the server (tsconfig.json `paths`, jest.config.js moduleNameMapper).
  resolve: { alias: { '@contracts': path.resolve(__dirname, '../contracts') } },
  // The client shares the questionnaire helpers in ../surveys with the server.
  server: { fs: { allow: [path.resolve(__dirname, '..')] } },
  build: {
    outDir: path.resolve(__dirname, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
