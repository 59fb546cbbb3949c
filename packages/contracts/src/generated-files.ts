import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes generated documents (catalogue, OpenAPI, permissions) into `dir`, or
 * with `check` reports which committed ones differ from what the code generates.
 * Returns false when a check finds a stale file.
 */
export function writeOrCheckGenerated(
  dir: string,
  outputs: ReadonlyArray<[name: string, content: string]>,
  check: boolean,
): boolean {
  let current = true;
  for (const [name, content] of outputs) {
    const target = join(dir, name);
    if (!check) {
      writeFileSync(target, content);
      console.log(`wrote docs/${name}`);
      continue;
    }
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      /* a missing file is stale */
    }
    if (committed === content) console.log(`docs/${name} is current`);
    else {
      console.error(`docs/${name} is stale: run \`pnpm build && pnpm docs:generate\` and commit it`);
      current = false;
    }
  }
  return current;
}
