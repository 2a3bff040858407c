import type { Context } from './context.ts';

/** One choice of a `select` question. */
export interface Choice {
  readonly name: string;
  readonly value: string;
}

/**
 * The questions llmcost asks in a terminal. This file is the only importer of @inquirer/prompts
 * (lint enforces it); commands receive a Prompter, so tests answer the questions themselves.
 */
export interface Prompter {
  select(question: { message: string; choices: readonly Choice[]; default?: string }): Promise<string>;
  input(question: {
    message: string;
    default?: string;
    validate?: (answer: string) => true | string;
  }): Promise<string>;
  confirm(question: { message: string; default?: boolean }): Promise<boolean>;
}

/**
 * Whether questions can be asked: stdin and stderr are terminals (prompts are drawn on stderr, so
 * stdout stays data). Without one, a command that needs an answer fails naming the flag to pass.
 */
export function canPrompt(ctx: Context): boolean {
  return ctx.isInteractive && (ctx.stdin as { isTTY?: boolean }).isTTY === true;
}

/** The real prompts, loaded only when a question is about to be asked. */
export async function createPrompter(ctx: Context): Promise<Prompter> {
  const inquirer = await import('@inquirer/prompts');
  const streams = { input: ctx.stdin, output: ctx.stderr };
  return {
    select: (question) => inquirer.select({ ...question, choices: [...question.choices] }, streams),
    input: (question) => inquirer.input(question, streams),
    confirm: (question) => inquirer.confirm(question, streams),
  };
}
