import { EXIT, type ExitCode } from './exit-codes.ts';

/** An error the user can act on; main.ts prints `llmcost: <message>` and exits with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode, options?: ErrorOptions) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/** A bad flag, value or combination: exit 2. */
export class UsageError extends CliError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, EXIT.USAGE, options);
  }
}

/** An invalid config file: exit 2. */
export class ConfigError extends CliError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, EXIT.USAGE, options);
  }
}

/** Unreadable or invalid input, or a store failure: exit 1. */
export class InputError extends CliError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, EXIT.FAILURE, options);
  }
}
