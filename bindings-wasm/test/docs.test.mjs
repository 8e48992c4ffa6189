// Runs the browser examples of the docs in Chromium: the ```js browser blocks of
// docs/quickstart-browser.md and of every docs/guide-*.md (not the plain ```js blocks, which are
// Node's; the fence convention is in docs/README.md).
//
// The blocks of one page run in order as ONE module (a block may use what the blocks before it
// defined). Every other line of the page is blanked, so the module's line numbers are the
// page's. The bare specifier 'touchpoint-wasm' is rewritten to the package under test
// (globalThis.TOUCHPOINT_WASM_URL, set by browser.html). The code checks its own results and
// throws on a mismatch; a line `console.log(...) // output` also says what it prints (strings
// and numbers, joined by spaces; objects as JSON): the test checks that the block printed each
// such `output`, in order.

const DOCS = '/docs/';
const QUICKSTART = 'quickstart-browser.md';
// The guides are the guide-*.md pages docs/README.md links to (a page cannot list a directory;
// the Node suite checks that README links every guide).
const guidesOf = (readme) => [...new Set([...readme.matchAll(/\]\((guide-[a-z0-9-]+\.md)\)/g)].map((m) => m[1]))].sort();
const MARK = '__touchpointDocBlock';

/** Every fenced block of a Markdown text: { info, line (of the fence), code }. */
export function fencedBlocks(markdown) {
  const blocks = [];
  let open = null;
  markdown.split('\n').forEach((text, i) => {
    const fence = text.match(/^(`{3,}|~{3,})[ \t]*(.*?)[ \t]*$/);
    if (open === null) {
      if (fence) open = { fence: fence[1], info: fence[2], line: i + 1, code: [] };
    } else if (fence && fence[1].startsWith(open.fence) && fence[2] === '') {
      blocks.push({ info: open.info, line: open.line, code: open.code.join('\n') + '\n' });
      open = null;
    } else {
      open.code.push(text);
    }
  });
  if (open !== null) throw new Error(`a fence opened on line ${open.line} is never closed`);
  return blocks;
}

/** A browser block: info string `js browser` (or `javascript browser`). */
export const isBrowserBlock = (info) => /^(js|javascript)\s+browser$/.test(info);

/** The `output`s of the `console.log(...) // output` lines of a block, in order. */
export const expectedLogs = (code) =>
  code.split('\n').flatMap((l) => l.match(/^\s*console\.log\(.*\);?\s*\/\/ (.+?)\s*$/)?.slice(1) ?? []);

/** The `console.log` lines of a block that do not say what they print. */
export const uncheckedLogs = (code) =>
  code.split('\n').filter((l) => /^\s*console\.log\(/.test(l) && expectedLogs(l).length === 0);

/** How a logged line is compared: strings as they are, objects as JSON, the rest as String(). */
const format = (args) =>
  args.map((a) => (typeof a === 'string' ? a : a !== null && typeof a === 'object' ? JSON.stringify(a) : String(a))).join(' ');

/** The page as one module: its browser blocks where they stand, a marker on each opening fence. */
export function pageModule(markdown, pkg) {
  const lines = markdown.split('\n').map(() => '');
  const blocks = fencedBlocks(markdown).filter((b) => isBrowserBlock(b.info));
  let rewritten = 0;
  blocks.forEach((b, i) => {
    lines[b.line - 1] = `globalThis.${MARK}(${i});`;
    b.code
      .split('\n')
      .slice(0, -1)
      .forEach((l, j) => {
        lines[b.line + j] = l.replace(/((?:\bfrom|\bimport\s*\()\s*)(['"])touchpoint-wasm\2/g, (_, pre) => {
          rewritten += 1;
          return `${pre}${JSON.stringify(pkg)}`;
        });
      });
  });
  return { blocks, rewritten, source: lines.join('\n') };
}

/** Runs a page's module; returns { blocks, reached (index of the block running when it stopped), error, printed }. */
async function runPage(name, pkg) {
  const res = await fetch(DOCS + name);
  if (!res.ok) throw new Error(`GET ${DOCS}${name}: HTTP ${res.status}`);
  const { blocks, rewritten, source } = pageModule(await res.text(), pkg);
  if (blocks.length === 0) throw new Error(`docs/${name} has no \`\`\`js browser example`);
  if (rewritten === 0) throw new Error(`docs/${name}: no import of 'touchpoint-wasm' to rewrite`);
  const printed = blocks.map(() => []);
  let reached = -1;
  globalThis[MARK] = (i) => (reached = i);
  const log = console.log;
  console.log = (...args) => {
    if (reached >= 0) printed[reached].push(format(args));
    log.apply(console, args);
  };
  // `//# sourceURL` names the page in stack traces, with the page's line numbers.
  const url = URL.createObjectURL(
    new Blob([`${source}\n//# sourceURL=${location.origin}${DOCS}${name}\n`], { type: 'text/javascript' }),
  );
  try {
    await import(url);
    return { blocks, reached: blocks.length, printed };
  } catch (error) {
    return { blocks, reached, error, printed };
  } finally {
    console.log = log;
    delete globalThis[MARK];
    URL.revokeObjectURL(url);
  }
}

/** Check what each block printed against its `// output` comments. */
export function checkLogs(name, blocks, printed) {
  blocks.forEach((b, i) => {
    let at = 0;
    for (const expected of expectedLogs(b.code)) {
      const found = printed[i].indexOf(expected, at);
      if (found < 0)
        throw new Error(
          `docs/${name}:${b.line}: the doc says ${JSON.stringify(expected)} is printed (after the lines before it); ` +
            `the block printed ${JSON.stringify(printed[i])}`,
        );
      at = found + 1;
    }
  });
}

export async function run(t) {
  const pkg = globalThis.TOUCHPOINT_WASM_URL;

  const readme = await fetch(`${DOCS}README.md`);
  if (!readme.ok) throw new Error(`GET ${DOCS}README.md: HTTP ${readme.status}`);
  const guides = guidesOf(await readme.text());

  t.test('the package URL is set, and docs/README.md lists the guides', () => {
    t.ok(typeof pkg === 'string' && pkg.startsWith('http'), `package URL ${pkg}`);
    t.ok(guides.length >= 6, `guides: ${guides.join(', ')}`);
  });

  for (const name of [QUICKSTART, ...guides]) {
    t.test(`every js browser block of docs/${name} runs`, async () => {
      const { blocks, reached, error, printed } = await runPage(name, pkg);
      if (error) {
        const where = reached < 0 ? 'the module failed to load' : `block ${reached + 1} (docs/${name}:${blocks[reached].line})`;
        throw new Error(`${where}: ${error?.stack ?? error}`);
      }
      if (name === QUICKSTART) t.ok(blocks.length >= 4, `found ${blocks.length} js browser blocks`);
      else
        for (const b of blocks)
          t.deepEqual(uncheckedLogs(b.code), [], `docs/${name}:${b.line}: in a guide, every console.log says what it prints`);
      checkLogs(name, blocks, printed);
    });
  }

  t.test('the block reader takes js browser fences only', () => {
    const md = '```js\na\n```\n```js browser\nimport x from "touchpoint-wasm";\n```\n````javascript browser\nc\n```\n````\n';
    const { blocks, rewritten, source } = pageModule(md, 'http://x/p.js');
    t.deepEqual(
      blocks.map((b) => [b.line, b.code]),
      [[4, 'import x from "touchpoint-wasm";\n'], [7, 'c\n```\n']],
    );
    t.equal(rewritten, 1);
    t.deepEqual(source.split('\n').slice(0, 5), ['', '', '', `globalThis.${MARK}(0);`, 'import x from "http://x/p.js";']);
  });

  t.test('the log check wants every commented output, in order, from its own block', () => {
    const blocks = [{ line: 1, code: 'console.log(1); // 1\nconsole.log(2) // 2\n' }, { line: 5, code: 'console.log(x) // 3\n' }];
    checkLogs('t.md', blocks, [['1', 'noise', '2'], ['3']]);
    t.throws(() => checkLogs('t.md', blocks, [['1', '2'], ['4']]), /"3" is printed/);
    t.throws(() => checkLogs('t.md', blocks, [['2', '1'], ['3']]), /"2" is printed/);
    t.throws(() => checkLogs('t.md', blocks, [['1'], ['2', '3']]), /"2" is printed/);
    t.deepEqual(uncheckedLogs('console.log(1); // 1\nconsole.log(2)\n  console.log(3);\n// 3\n'), ['console.log(2)', '  console.log(3);']);
    t.equal(format(['a', 1, null, [1, 'b'], { x: 2.5 }]), 'a 1 null [1,"b"] {"x":2.5}');
  });
}
