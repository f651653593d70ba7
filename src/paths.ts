// Where the project's own files are, whether this code runs from src/ (tsx,
// tests) or bundled into dist/ (npm start).
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function projectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error('no package.json above the gateway code')
  }
}

export const PROJECT_ROOT = projectRoot()

export const projectPath = (...segments: string[]) => join(PROJECT_ROOT, ...segments)
