// Part of pack-check.sh: the Node snippet of docs/quickstart-browser.md, run in the scratch
// project against the installed package.
import { readFileSync } from 'node:fs';
import { initSync, nps } from 'touchpoint-wasm';

initSync({ module: readFileSync(new URL(import.meta.resolve('touchpoint-wasm/touchpoint_wasm_bg.wasm'))) });
const got = nps([10, 9, 8, 3]).nps;
if (got !== 25) throw new Error(`expected NPS 25, got ${got}`);
console.log(`node (initSync): nps([10, 9, 8, 3]).nps = ${got}`);
