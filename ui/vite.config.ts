/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'

// Tauri serves the built files from its own protocol, so every asset path is relative and
// nothing is fetched from the network (the app runs under a strict CSP).
export default defineConfig({
  base: './',
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    // WebKitGTK on Linux (Safari 15 level) and WebView2 on Windows (Chromium).
    target: ['es2021', 'safari15', 'chrome105'],
    // Element Plus registered in full is one large chunk; that is expected for a desktop app.
    chunkSizeWarningLimit: 1600,
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.spec.ts'],
    setupFiles: ['tests/setup.ts'],
    // The build machine has 2 cores, often shared with a Rust build: views mount slowly there.
    testTimeout: 30000,
    // Element Plus ships ESM that must go through Vite's transform (CSS imports inside).
    server: { deps: { inline: ['element-plus'] } },
  },
})
