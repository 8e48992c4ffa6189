// Runs the code of docs/quickstart-node.md: every ```js block, in order, as one ES module
// importing this package, in a child process that must exit with code 0.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const docPath = fileURLToPath(new URL('../../docs/quickstart-node.md', import.meta.url))
const packageEntry = pathToFileURL(fileURLToPath(new URL('../index.js', import.meta.url))).href

/** The bodies of the ```js / ```javascript fenced blocks of a Markdown text. */
function jsBlocks(markdown) {
  return [...markdown.matchAll(/^```(?:js|javascript)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)].map((m) => m[1])
}

test('every JavaScript block of docs/quickstart-node.md runs', () => {
  const blocks = jsBlocks(readFileSync(docPath, 'utf8'))
  assert.ok(blocks.length >= 5, `found only ${blocks.length} js blocks`)
  const code = blocks.join('\n')
  assert.match(code, /from 'touchpoint'/, 'the doc must import the package by its name')
  const script = code
    .replaceAll("from 'touchpoint'", `from '${packageEntry}'`)
    .replaceAll("require('touchpoint')", `require('${fileURLToPath(packageEntry)}')`)
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-quickstart-'))
  try {
    const file = join(dir, 'quickstart.mjs')
    writeFileSync(file, script)
    // execFileSync throws (failing the test, with the child's stderr) on a non-zero exit.
    const out = execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    assert.match(out, /INVALID_RECORD at line 3, field timestamp/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('the block extractor finds js and javascript fences only', () => {
  const md = '```js\na\n```\n```sh\nb\n```\n```javascript\nc\n```\n'
  assert.deepEqual(jsBlocks(md), ['a\n', 'c\n'])
})
