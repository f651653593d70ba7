// npm run schema:print — rewrites schema.graphql from the code.
import { writeFileSync } from 'node:fs'
import { printedSchema, SCHEMA_FILE } from '../schema/printed.ts'

writeFileSync(SCHEMA_FILE, printedSchema())
process.stdout.write(`wrote ${SCHEMA_FILE}\n`)
