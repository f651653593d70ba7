// Checked artifacts: schema.graphql is the printed schema, and each
// provider's schema.prisma is the one model under that provider's header.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { statementsOf } from '../../src/db/migrate.ts'
import { printedSchema, SCHEMA_FILE } from '../../src/schema/printed.ts'

describe('checked artifacts', () => {
  it('schema.graphql is what `npm run schema:print` prints', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8'), 'run npm run schema:print').toBe(printedSchema())
  })

  it('prisma/sqlite and prisma/postgres hold the same model as prisma/model.prisma', () => {
    expect(() => execFileSync(process.execPath, ['prisma/generate.mjs', '--check'], { stdio: 'pipe' })).not.toThrow()
  })
})

describe('statementsOf', () => {
  it('splits a migration on semicolons that end a line and drops comments', () => {
    expect(statementsOf('-- CreateTable\nCREATE TABLE "a" (\n  "x" TEXT\n);\n\n-- CreateIndex\nCREATE INDEX "i" ON "a"("x");\n')).toEqual([
      'CREATE TABLE "a" (\n  "x" TEXT\n)',
      'CREATE INDEX "i" ON "a"("x")',
    ])
  })
})
