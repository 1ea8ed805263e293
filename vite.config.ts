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
  },
  worker: { format: 'es' },
});
