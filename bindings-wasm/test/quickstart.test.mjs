// Runs the code of docs/quickstart-browser.md: every fenced block whose info string is
// exactly `js`, in order, as ONE module (the doc says so: later blocks use what earlier ones
// defined). The bare specifier 'touchpoint-wasm' is rewritten to the package under test
// (globalThis.TOUCHPOINT_WASM_URL, set by browser.html). The doc's code checks its own
// results and throws on a mismatch; one test per block reports where it stopped.

const DOC = '/docs/quickstart-browser.md';
const MARK = '__touchpointQuickstartBlock';

/** The `js` blocks of a markdown text, with the line each starts on. */
export function jsBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  let open = null;
  lines.forEach((line, i) => {
    const fence = line.match(/^(\s*)(```+|~~~+)\s*(.*)$/);
    if (open === null) {
      if (fence) open = { fence: fence[2], info: fence[3].trim(), line: i + 1, code: [] };
    } else if (fence && fence[2].startsWith(open.fence) && fence[3].trim() === '') {
      if (open.info === 'js') blocks.push({ line: open.line, code: open.code.join('\n') });
      open = null;
    } else {
      open.code.push(line);
    }
  });
  return blocks;
}

export async function run(t) {
  const res = await fetch(DOC);
  if (!res.ok) throw new Error(`GET ${DOC}: HTTP ${res.status}`);
  const blocks = jsBlocks(await res.text());
  const pkg = globalThis.TOUCHPOINT_WASM_URL;

  t.test('the quickstart has js blocks that import touchpoint-wasm', () => {
    t.ok(blocks.length >= 4, `found ${blocks.length} js blocks`);
    t.ok(typeof pkg === 'string' && pkg.startsWith('http'), `package URL ${pkg}`);
    t.ok(/from\s*['"]touchpoint-wasm['"]/.test(blocks[0].code), 'the first block imports touchpoint-wasm');
  });

  let outcome;
  const runDoc = () =>
    (outcome ??= (async () => {
      let rewritten = 0;
      const source = blocks
        .map(({ code }, i) => {
          const code2 = code.replace(/((?:\bfrom|\bimport\s*\()\s*)(['"])touchpoint-wasm\2/g, (_, pre) => {
            rewritten += 1;
            return `${pre}${JSON.stringify(pkg)}`;
          });
          return `globalThis.${MARK} = ${i};\n${code2}`;
        })
        .join('\n');
      if (rewritten === 0) throw new Error("no import of 'touchpoint-wasm' to rewrite");
      const url = URL.createObjectURL(new Blob([`${source}\nglobalThis.${MARK} = ${blocks.length};\n`], { type: 'text/javascript' }));
      globalThis[MARK] = -1;
      try {
        await import(url);
        return { reached: blocks.length };
      } catch (error) {
        return { reached: globalThis[MARK], error };
      } finally {
        URL.revokeObjectURL(url);
      }
    })());

  blocks.forEach((block, i) => {
    t.test(`block ${i + 1} (${DOC.slice(1)}:${block.line})`, async () => {
      const { reached, error } = await runDoc();
      if (reached === i) throw error;
      if (reached < i) throw new Error(`not reached: ${reached < 0 ? 'the module failed to load' : `block ${reached + 1} failed`}${reached < 0 ? `: ${error}` : ''}`);
    });
  });
}
