// Writes each provider's schema.prisma from the one model and generates both
// Prisma clients into src/db/generated/. Runs offline: `prisma generate` only
// needs PRISMA_SCHEMA_ENGINE_BINARY to name an existing file so that the CLI
// does not try to download the schema engine (from Prisma's own binary host,
// which an offline machine cannot reach; generating does not use the engine).
//
//   node prisma/generate.mjs          write the schemas, generate the clients
//   node prisma/generate.mjs --check  exit 1 when a committed schema has drifted
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const prismaDir = dirname(fileURLToPath(import.meta.url))
export const providers = { sqlite: 'sqlite', postgres: 'postgresql' }

export function providerSchema(folder) {
  const model = readFileSync(join(prismaDir, 'model.prisma'), 'utf8')
  return `// Generated from prisma/model.prisma by prisma/generate.mjs. Do not edit.

datasource db {
  provider = "${providers[folder]}"
}

generator client {
  provider            = "prisma-client"
  output              = "../../src/db/generated/${folder}"
  moduleFormat        = "esm"
  importFileExtension = "ts"
  compilerBuild       = "small"
}

${model}`
}

function main() {
  const check = process.argv.includes('--check')
  let drifted = false
  for (const folder of Object.keys(providers)) {
    const path = join(prismaDir, folder, 'schema.prisma')
    const wanted = providerSchema(folder)
    if (check) {
      if (readFileSync(path, 'utf8') !== wanted) {
        console.error(`${path} has drifted from prisma/model.prisma: run node prisma/generate.mjs`)
        drifted = true
      }
      continue
    }
    writeFileSync(path, wanted)
    const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js')
    execFileSync(process.execPath, [prismaCli, 'generate', '--schema', path], {
      stdio: 'inherit',
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
        CHECKPOINT_DISABLE: '1',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
      },
    })
  }
  if (drifted) process.exit(1)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
