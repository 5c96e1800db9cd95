// Parses every Mermaid diagram of the given files with Mermaid's own parser (mermaid.parse), headless:
// a .md file contributes each ```mermaid block, any other file is one diagram. Prints one line per diagram
// and exits 1 when any fails to parse, 2 on a usage or set-up error.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

// mermaid sanitizes labels with DOMPurify, which needs a DOM; jsdom provides one. Nothing is rendered.
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;

let mermaid;
try {
  ({ default: mermaid } = await import('mermaid'));
} catch (e) {
  console.error(`cannot load mermaid (run npm ci in tools/mermaid-check): ${e.message}`);
  process.exit(2);
}
mermaid.initialize({ startOnLoad: false });
const { version } = JSON.parse(readFileSync(new URL('./node_modules/mermaid/package.json', import.meta.url)));

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check.mjs FILE...');
  process.exit(2);
}

function diagrams(file) {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.md')) {
    return [{ line: 1, text }];
  }
  const out = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '```mermaid') {
      const start = i + 1;
      let j = start;
      while (j < lines.length && lines[j].trim() !== '```') j++;
      if (j === lines.length) {
        out.push({ line: start, text: null });
      } else {
        out.push({ line: start + 1, text: lines.slice(start, j).join('\n') });
      }
      i = j;
    }
  }
  return out;
}

let failed = 0;
let count = 0;
for (const file of files) {
  for (const d of diagrams(file)) {
    count++;
    if (d.text === null) {
      console.log(`FAIL ${file}:${d.line}: mermaid block is never closed`);
      failed++;
      continue;
    }
    try {
      const result = await mermaid.parse(d.text);
      console.log(`ok   ${file}:${d.line}: ${result.diagramType}`);
    } catch (e) {
      console.log(`FAIL ${file}:${d.line}: ${String(e.message ?? e).split('\n').join('\n     ')}`);
      failed++;
    }
  }
}
console.log(`mermaid ${version}: ${count} diagram(s), ${failed} failed`);
process.exit(failed ? 1 : 0);
