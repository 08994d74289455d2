import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The web chat widget a shop embeds: one self-contained, minified script (socket.io-client and zod bundled)
 * that the relay serves at /webchat/widget.js (src/relay/http/webchat-widget.ts). Run after electron-vite
 * by `npm run build`.
 */
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: resolve(__dirname, 'out', 'webchat'),
    emptyOutDir: true,
    // Shop visitors bring old phones too.
    target: 'es2019',
    minify: true,
    sourcemap: false,
    lib: {
      entry: resolve(__dirname, 'src', 'webchat-widget', 'main.ts'),
      formats: ['iife'],
      name: 'ShopInboxChatWidget',
      fileName: () => 'widget.js',
    },
  },
});
