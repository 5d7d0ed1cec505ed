import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `--name value` options strictly; an unknown or incomplete option is a {@link UsageError}. */
export function parseOptions<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new UsageError(`Tham số không hợp lệ: ${detail}`, `invalid arguments: ${detail}`);
  }
}

/** The value of an option that must be one of `allowed`. */
export function oneOf<A extends string>(name: string, value: string | undefined, allowed: readonly A[], fallback: A): A {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(
      `--${name} phải là một trong ${allowed.join(', ')}`,
      `--${name} must be one of ${allowed.join(', ')}`,
    );
  }
  return value as A;
}

export function required(name: string, value: string | undefined): string {
  if (!value) throw new UsageError(`Thiếu --${name}`, `--${name} is required`);
  return value;
}
