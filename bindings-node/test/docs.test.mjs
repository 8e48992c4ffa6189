// Runs the Node examples of the docs: the ```js blocks of docs/quickstart-node.md and of every
// docs/guide-*.md (not the ```js browser blocks, which bindings-wasm's suite runs in Chromium;
// the fence convention is in docs/README.md).
//
// The blocks of one page run in order as ONE ES module (a block may use what the blocks before
// it defined), importing this package for 'touchpoint', in a child process that must exit with
// code 0. Every other line of the page is blanked, so the module's line numbers are the page's.
// A line `console.log(...) // output` says what it prints: the test checks that the block
// printed each such `output` as a whole line, in the order of the lines.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const docsDir = fileURLToPath(new URL('../../docs/', import.meta.url))
const packageEntry = pathToFileURL(fileURLToPath(new URL('../touchpoint.js', import.meta.url))).href
const QUICKSTART = 'quickstart-node.md'
const GUIDES = readdirSync(docsDir).filter((f) => /^guide-.*\.md$/.test(f)).sort()
const MARK = '\u001etouchpoint-doc-block'

/** Every fenced block of a Markdown text: { info, line (of the fence), end (closing fence), code }. */
export function fencedBlocks(markdown) {
  const blocks = []
  let open = null
  markdown.split('\n').forEach((text, i) => {
    const fence = text.match(/^(`{3,}|~{3,})[ \t]*(.*?)[ \t]*$/)
    if (open === null) {
      if (fence) open = { fence: fence[1], info: fence[2], line: i + 1, code: [] }
    } else if (fence && fence[1].startsWith(open.fence) && fence[2] === '') {
      blocks.push({ info: open.info, line: open.line, end: i + 1, code: open.code.join('\n') + '\n' })
      open = null
    } else {
      open.code.push(text)
    }
  })
  assert.equal(open, null, `a fence opened on line ${open?.line} is never closed`)
  return blocks
}

/** A Node block: info string `js` or `javascript`, with no other word (so not `js browser`). */
export const isNodeBlock = (info) => /^(js|javascript)$/.test(info)

/** The `output`s of the `console.log(...) // output` lines of a block, in order. */
export const expectedLogs = (code) =>
  code.split('\n').flatMap((l) => l.match(/^\s*console\.log\(.*\);?\s*\/\/ (.+?)\s*$/)?.slice(1) ?? [])

/** The `console.log` lines of a block that do not say what they print. */
export const uncheckedLogs = (code) =>
  code.split('\n').filter((l) => /^\s*console\.log\(/.test(l) && expectedLogs(l).length === 0)

/** The page as one module: its Node blocks where they stand, a marker on each opening fence. */
export function pageModule(markdown) {
  const lines = markdown.split('\n').map(() => '')
  const blocks = fencedBlocks(markdown).filter((b) => isNodeBlock(b.info))
  blocks.forEach((b, i) => {
    lines[b.line - 1] = `console.log(${JSON.stringify(`${MARK} ${i}`)});`
    b.code.split('\n').slice(0, -1).forEach((l, j) => (lines[b.line + j] = l))
  })
  return { blocks, source: lines.join('\n') }
}

/** Check what each block printed against its `// output` comments. */
export function checkLogs(name, blocks, stdout) {
  const printed = blocks.map(() => [])
  let current = null
  for (const line of stdout.replace(/\n$/, '').split('\n')) {
    const mark = line.startsWith(MARK) ? Number(line.slice(MARK.length + 1)) : null
    if (mark !== null) current = mark
    else if (current !== null) printed[current].push(line)
  }
  blocks.forEach((b, i) => {
    let at = 0
    for (const expected of expectedLogs(b.code)) {
      const found = printed[i].indexOf(expected, at)
      assert.ok(
        found >= 0,
        `${name}:${b.line}: the doc says ${JSON.stringify(expected)} is printed (after the lines before it); ` +
          `the block printed ${JSON.stringify(printed[i])}`,
      )
      at = found + 1
    }
  })
}

function runPage(name) {
  const { blocks, source } = pageModule(readFileSync(join(docsDir, name), 'utf8'))
  const script = source
    .replace(/(\bfrom\s*|\bimport\s*\(\s*)(['"])touchpoint\2/g, (_, pre) => `${pre}'${packageEntry}'`)
    .replaceAll("require('touchpoint')", `require('${fileURLToPath(packageEntry)}')`)
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-docs-'))
  try {
    const file = join(dir, `${name}.mjs`)
    writeFileSync(file, script)
    // execFileSync throws (failing the test, with the child's stderr) on a non-zero exit.
    const out = execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    checkLogs(name, blocks, out)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return blocks
}

test(`every js block of docs/${QUICKSTART} runs`, () => {
  const blocks = runPage(QUICKSTART)
  assert.ok(blocks.length >= 5, `found only ${blocks.length} js blocks`)
  assert.match(blocks[0].code, /from 'touchpoint'/, 'the doc must import the package by its name')
})

test('there are guides, and docs/README.md links every one (the browser suite finds them there)', () => {
  assert.ok(GUIDES.length >= 6, GUIDES.join(', '))
  const readme = readFileSync(join(docsDir, 'README.md'), 'utf8')
  for (const name of GUIDES) assert.ok(readme.includes(`(${name})`), `docs/README.md does not link ${name}`)
})

for (const name of GUIDES) {
  test(`every js block of docs/${name} runs`, () => {
    const blocks = runPage(name)
    assert.ok(blocks.length > 0, `docs/${name} has no \`\`\`js example`)
    for (const b of blocks)
      assert.deepEqual(uncheckedLogs(b.code), [], `${name}:${b.line}: in a guide, every console.log says what it prints`)
    assert.match(blocks[0].code, /from 'touchpoint'/, 'the first block must import the package by its name')
  })
}

test('the block reader takes js and javascript fences, not js browser', () => {
  const md = '```js\na\n```\n```sh\nb\n```\n````javascript\nc\n```\n````\n```js browser\nd\n```\n'
  assert.deepEqual(
    fencedBlocks(md).filter((b) => isNodeBlock(b.info)).map((b) => [b.line, b.code]),
    [[1, 'a\n'], [7, 'c\n```\n']],
  )
  const { source } = pageModule(md)
  assert.equal(source.split('\n')[1], 'a') // the page's line 2 is the module's line 2
  assert.equal(source.split('\n')[12], '') // the browser block is blanked
})

test('the log check wants every commented output, in order, from its own block', () => {
  const blocks = [{ line: 1, code: 'console.log(1) // 1\nconsole.log(2); // 2\n' }, { line: 5, code: 'console.log(x) // 3\n' }]
  const out = (...parts) => parts.map((p) => (typeof p === 'number' ? `${MARK} ${p}` : p)).join('\n')
  checkLogs('t.md', blocks, out(0, '1', 'noise', '2', 1, '3'))
  assert.throws(() => checkLogs('t.md', blocks, out(0, '1', '2', 1, '4')), /"3" is printed/)
  assert.throws(() => checkLogs('t.md', blocks, out(0, '2', '1', 1, '3')), /"2" is printed/)
  assert.throws(() => checkLogs('t.md', blocks, out(0, '1', 1, '2', '3')), /"2" is printed/)
  assert.deepEqual(uncheckedLogs('console.log(1) // 1\nconsole.log(2)\n  console.log(3);\n// 3\n'), ['console.log(2)', '  console.log(3);'])
})
