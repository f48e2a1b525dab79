import * as v from 'valibot';

export interface KeyRule {
  test: (key: string) => boolean;
  message: string;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * An issue of an item, passed on as the list's or map's own, under the item's path step. What
 * the item's schema expected and received go with it: they tell a field the item does not know
 * (expected `never`) or lacks (received `undefined`) from a bad value (validation/issues.ts).
 */
function passedOn(issue: v.BaseIssue<unknown>, step: v.IssuePathItem) {
  return {
    message: issue.message,
    expected: issue.expected ?? undefined,
    received: issue.received,
    path: [step, ...(issue.path ?? [])] as [v.IssuePathItem, ...v.IssuePathItem[]],
  };
}

/**
 * A map from keys to values, checked entry by entry into a null-prototype object. valibot's own
 * `record` drops keys such as `constructor` without a word; ids are data here, so every key is
 * kept or named as a problem.
 */
export function keyed<T extends v.GenericSchema>(
  key: KeyRule,
  value: T,
  message: string,
  max = Number.POSITIVE_INFINITY,
) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, message),
    v.rawTransform(({ dataset, addIssue }) => {
      const input = dataset.value;
      const keys = Object.keys(input);
      if (keys.length > max) addIssue({ message: `must hold at most ${max} entries` });
      const output: Record<string, v.InferOutput<T>> = Object.create(null);
      for (const name of keys.slice(0, max)) {
        const item = { type: 'object' as const, origin: 'value' as const, input, key: name, value: input[name] };
        if (!key.test(name)) addIssue({ message: key.message, path: [{ ...item, origin: 'key' }] });
        const result = v.safeParse(value, input[name]);
        if (result.success) output[name] = result.output;
        else for (const issue of result.issues) addIssue(passedOn(issue, item));
      }
      return output;
    }),
  );
}

/**
 * A list of up to `max` items checked by `accept`, a plain predicate that is quick and never
 * more lenient than `item`; an item it does not accept goes through `item`, whose issues are
 * kept under the item's index. The progress file's log holds thousands of entries, and valibot's
 * cost per entry on a cold start was most of `status`'s time with two years of logs.
 */
export function fastList<T extends v.GenericSchema>(
  item: T,
  accept: (value: unknown) => boolean,
  message: string,
  max: number,
) {
  return v.pipe(
    v.custom<unknown[]>(Array.isArray, message),
    v.maxLength(max, `should hold at most ${max} entries`),
    v.rawTransform(({ dataset, addIssue }) => {
      const input = dataset.value;
      const output: v.InferOutput<T>[] = [];
      // An index loop: it runs once per entry before V8 has optimised anything, and an iterator
      // with destructuring costs several times as much there.
      for (let index = 0; index < input.length; index++) {
        const value: unknown = input[index];
        if (accept(value)) {
          output.push(value as v.InferOutput<T>);
          continue;
        }
        const result = v.safeParse(item, value, { abortPipeEarly: true });
        if (result.success) output.push(result.output);
        else {
          const step = { type: 'array' as const, origin: 'value' as const, input, key: index, value };
          for (const issue of result.issues) addIssue(passedOn(issue, step));
        }
      }
      return output;
    }),
  );
}
