import type { Reporter, TestCase } from 'vitest/node';

/**
 * Lists, after the run, every test skipped because this machine lacks a program it needs, with
 * the reason its name carries (see programs.ts): a skip is reported, never silent.
 */
export default class SkippedReporter implements Reporter {
  readonly #skipped: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    if (testCase.result().state === 'skipped')
      this.#skipped.push(`${testCase.module.moduleId.replace(/^.*\/test\//, 'test/')}: ${testCase.fullName}`);
  }

  onTestRunEnd(): void {
    if (this.#skipped.length === 0) return;
    process.stdout.write(
      `\n${this.#skipped.length} skipped:\n${this.#skipped.map((line) => `  - ${line}`).join('\n')}\n`,
    );
  }
}
