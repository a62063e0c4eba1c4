import { gzipSync } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'

// The embeddable chat widget: one self-contained IIFE, served by the jar as /widget.js next to the
// dashboard (which the main config builds first; emptyOutDir stays false so both survive).
const LIMIT_BYTES = 30 * 1024

function gzipBudget(): Plugin {
  return {
    name: 'widget-gzip-budget',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue
        const bytes = Buffer.byteLength(file.code)
        const gzipped = gzipSync(file.code, { level: 9 }).length
        console.log(`widget: ${file.fileName} ${(bytes / 1024).toFixed(1)} kB, gzip ${(gzipped / 1024).toFixed(1)} kB (limit ${LIMIT_BYTES / 1024} kB)`)
        if (gzipped > LIMIT_BYTES) {
          this.error(`${file.fileName} is ${gzipped} bytes gzipped, over the ${LIMIT_BYTES} byte budget`)
        }
      }
    },
  }
}

export default defineConfig({
  publicDir: false,
  plugins: [gzipBudget()],
  build: {
    outDir: '../target/classes/static',
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    lib: {
      entry: 'widget/src/main.ts',
      name: 'SwitchboardChat',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
  },
})
