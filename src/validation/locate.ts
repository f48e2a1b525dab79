import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { describeProblem, type Problem } from './issues.js';

/**
 * Problems as `file:line:col field.path message`, in file order, located in the source text
 * (YAML, or JSON, which the YAML parser reads too).
 */
export function locateProblems(source: string, file: string, problems: readonly Problem[]): string[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: false });
  return problems
    .map((problem) => ({ problem, offset: offsetOf(doc, problem) }))
    .sort((a, b) => a.offset - b.offset)
    .map(({ problem, offset }) => {
      const pos = lineCounter.linePos(offset);
      return `${file}:${pos.line}:${pos.col} ${describeProblem(problem)}`;
    });
}

/** The source offset a problem points at: the field's value, its key, or the nearest parent that exists. */
function offsetOf(doc: Document, problem: Problem): number {
  const path = [...problem.path];
  if (problem.key !== undefined) {
    const parent = doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === problem.key,
      );
      if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
    }
    path.pop();
  }
  while (path.length > 0) {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return node.range[0];
    path.pop();
  }
  return doc.contents?.range?.[0] ?? 0;
}
