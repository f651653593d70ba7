// client/generated is committed, for frontend teams to read and copy: it must
// be what `npm run client:codegen` writes from today's schema.graphql and
// client/operations, and the kit's code must type-check against it.
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generate } from '@graphql-codegen/cli'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import codegenConfig from '../../client/codegen.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const GENERATED = join(ROOT, 'client', 'generated')

describe('the client kit', () => {
  it('client/generated is what `npm run client:codegen` writes now', async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...codegenConfig, cwd: ROOT, silent: true }, false)
    expect(readdirSync(GENERATED).sort(), 'run npm run client:codegen').toEqual(outputs.map((output) => basename(output.filename)).sort())
    for (const output of outputs) {
      expect(readFileSync(join(ROOT, output.filename), 'utf8'), `${output.filename} is stale: run npm run client:codegen`).toBe(output.content)
    }
  })

  it('type-checks: the generated documents, and the kit code that uses them', () => {
    const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile)
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT)
    const kitFiles = parsed.fileNames.filter((file) => file.startsWith(join(ROOT, 'client/')))
    expect(kitFiles).toContain(join(GENERATED, 'graphql.ts'))
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram(kitFiles, parsed.options))
    expect(diagnostics.map((diagnostic) => ts.formatDiagnostic(diagnostic, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' }))).toEqual([])
  })
})
