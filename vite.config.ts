import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer only. Relative asset URLs so the same build loads from the web shell (http://127.0.0.1)
// and from the desktop shell's own protocol (anvil://workbench/).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
    // Every file under assets/ is named by its content: the web shell lets browsers cache those for good.
    // The editor and the panes are loaded on demand (renderer/lazyPanes.tsx), each a chunk of its own.
    assetsDir: 'assets',
    rolldownOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  worker: { format: 'es' },
});
