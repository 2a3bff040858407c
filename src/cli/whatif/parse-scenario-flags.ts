import type { Rational } from '../../pricing/price-book.ts';
import type { RowCondition, ScenarioOperation } from '../../optimizer/scenario.ts';
import { UsageError } from '../errors.ts';
import { parseRowCondition } from './parse-row-condition.ts';
import { greatestCommonDivisor } from '../../model/greatest-common-divisor.ts';

/**
 * The scenario operations as written on the command line, before files are read: each flag's value
 * in order. `--scenario "name=op; op"` holds the same operations, each a flag without its dashes.
 */
export interface ScenarioFlags {
  readonly swap: readonly string[];
  readonly route: readonly string[];
  readonly cacheHitRate?: string;
  readonly cache?: string;
  readonly batch?: string;
  readonly tier?: string;
  readonly priceBook?: string;
  readonly overrides?: string;
}

/** A price-list change still naming its files; the command reads them (I/O stays at the edge). */
export interface PriceListFiles {
  readonly label: string;
  readonly priceBookPath: string | null;
  readonly overridesPath: string | null;
}

/** A scenario's operations, with the price list (if any) still as file paths. */
type FlagOperation = Exclude<ScenarioOperation, { kind: 'prices' }>;

export interface ParsedScenario {
  readonly name: string;
  readonly operations: readonly FlagOperation[];
  readonly priceList: PriceListFiles | null;
}

const OPERATION_NAMES = [
  'swap',
  'route',
  'cache-hit-rate',
  'cache',
  'batch',
  'tier',
  'price-book',
  'overrides',
] as const;
type OperationName = (typeof OPERATION_NAMES)[number];
const SCENARIO_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** True when the flags ask for at least one operation. */
export function hasOperations(flags: ScenarioFlags): boolean {
  return (
    flags.swap.length > 0 ||
    flags.route.length > 0 ||
    [flags.cacheHitRate, flags.cache, flags.batch, flags.tier, flags.priceBook, flags.overrides].some(
      (value) => value !== undefined,
    )
  );
}

/** The scenario the loose flags (`--swap`, `--batch`, …) make, named `name`. */
export function parseFlagScenario(name: string, flags: ScenarioFlags): ParsedScenario {
  // Commander keeps each flag's values apart, so the order of --swap against --route is lost: every
  // --swap rule is tried before the --route rules (a --scenario keeps the order written).
  return withModelChanges(name, flags, [
    ...flags.swap.map((swap) => parseSwap(swap, '--swap')),
    ...flags.route.map((route) => parseRoute(route, '--route')),
  ]);
}

/** The scenario of `flags` with these model changes (in the order they are tried) first. */
function withModelChanges(
  name: string,
  flags: ScenarioFlags,
  modelChanges: readonly FlagOperation[],
): ParsedScenario {
  const operations: FlagOperation[] = [...modelChanges];
  if (flags.cacheHitRate !== undefined || flags.cache !== undefined)
    operations.push(parseCache(flags.cacheHitRate, flags.cache));
  if (flags.tier !== undefined) operations.push(parseTier(flags.tier, '--tier'));
  if (flags.batch !== undefined) operations.push(parseBatch(flags.batch, '--batch'));
  const priceList =
    flags.priceBook === undefined && flags.overrides === undefined
      ? null
      : {
          label: [
            ...(flags.priceBook === undefined ? [] : [`--price-book ${flags.priceBook}`]),
            ...(flags.overrides === undefined ? [] : [`--overrides ${flags.overrides}`]),
          ].join(' '),
          priceBookPath: flags.priceBook ?? null,
          overridesPath: flags.overrides ?? null,
        };
  return { name, operations, priceList };
}

/**
 * `--scenario "name=op; op; …"`: each op is an operation flag without its dashes and its value, e.g.
 * `cheap=swap gpt-4o=gpt-4.1-mini; batch 30% if tag:job=nightly`. `swap` and `route` may repeat.
 */
export function parseScenarioFlag(text: string): ParsedScenario {
  const separator = text.indexOf('=');
  const name = separator > 0 ? text.slice(0, separator).trim() : '';
  if (!SCENARIO_NAME.test(name)) {
    throw new UsageError(
      `--scenario "${text}": expected <name>=<operation>; <operation>… with a name of letters, digits, ".", "_" or "-" (e.g. cheap=swap gpt-4o=gpt-4.1-mini; batch 50%)`,
    );
  }
  const swap: string[] = [];
  const route: string[] = [];
  const modelChanges: FlagOperation[] = [];
  const single: Partial<Record<OperationName, string>> = {};
  for (const part of text.slice(separator + 1).split(';')) {
    const operation = part.trim();
    if (operation === '') continue;
    const match = /^(?:--)?([a-z-]+)\s+(.+)$/.exec(operation);
    const opName = match?.[1] as OperationName | undefined;
    const value = match?.[2]?.trim() ?? '';
    if (opName === undefined || !(OPERATION_NAMES as readonly string[]).includes(opName)) {
      throw new UsageError(
        `--scenario ${name}: cannot read "${operation}": expected one of ${OPERATION_NAMES.join(', ')} followed by its value`,
      );
    }
    if (opName === 'swap') {
      swap.push(value);
      modelChanges.push(parseSwap(value, `--scenario ${name}: swap`));
    } else if (opName === 'route') {
      route.push(value);
      modelChanges.push(parseRoute(value, `--scenario ${name}: route`));
    } else if (single[opName] !== undefined)
      throw new UsageError(`--scenario ${name}: "${opName}" is given twice`);
    else single[opName] = value;
  }
  const flags: ScenarioFlags = {
    swap,
    route,
    ...(single['cache-hit-rate'] === undefined ? {} : { cacheHitRate: single['cache-hit-rate'] }),
    ...(single.cache === undefined ? {} : { cache: single.cache }),
    ...(single.batch === undefined ? {} : { batch: single.batch }),
    ...(single.tier === undefined ? {} : { tier: single.tier }),
    ...(single['price-book'] === undefined ? {} : { priceBook: single['price-book'] }),
    ...(single.overrides === undefined ? {} : { overrides: single.overrides }),
  };
  if (!hasOperations(flags)) throw new UsageError(`--scenario ${name}: no operation given`);
  return withModelChanges(name, flags, modelChanges);
}

/** `from=to`: a glob on the stored model, its canonical id or `provider/model` key; a model to price on. */
function parseSwap(text: string, flag: string): FlagOperation {
  const separator = text.indexOf('=');
  const from = separator > 0 ? text.slice(0, separator).trim() : '';
  const to = separator > 0 ? text.slice(separator + 1).trim() : '';
  if (from === '' || to === '' || /\s/.test(from) || /\s/.test(to)) {
    throw new UsageError(
      `${flag} "${text}": expected <from>=<to> such as gpt-4o=gpt-4.1-mini (globs allowed in <from>)`,
    );
  }
  return { kind: 'model', label: `swap ${from}=${to}`, from, when: null, to };
}

/** `<condition> -> <model>`. */
function parseRoute(text: string, flag: string): FlagOperation {
  const arrow = text.lastIndexOf('->');
  const condition = arrow > 0 ? text.slice(0, arrow).trim() : '';
  const to = arrow > 0 ? text.slice(arrow + 2).trim() : '';
  if (condition === '' || to === '' || /\s/.test(to)) {
    throw new UsageError(
      `${flag} "${text}": expected "<condition> -> <model>" such as "input<2000 -> gpt-4.1-mini"`,
    );
  }
  return {
    kind: 'model',
    label: `route ${condition} -> ${to}`,
    from: null,
    when: parseRowCondition(condition, `${flag} "${text}"`),
    to,
  };
}

function parseCache(hitRateText: string | undefined, ttlText: string | undefined): FlagOperation {
  const rate = splitCondition(hitRateText ?? 'observed', '--cache-hit-rate');
  const ttl = ttlText?.trim() ?? '5m';
  if (ttl !== '5m' && ttl !== '1h') throw new UsageError(`--cache: expected 5m or 1h, got "${ttl}"`);
  const hitRate =
    rate.value === 'observed' ? 'observed' : parseShareNumber(rate.value, '--cache-hit-rate', true);
  return {
    kind: 'cache',
    label: `cache ${hitRate === 'observed' ? 'observed rate' : rate.value} ${ttl}${rate.suffix}`,
    hitRate,
    ttl,
    when: rate.when,
  };
}

function parseTier(text: string, flag: string): FlagOperation {
  const { value, when, suffix } = splitCondition(text, flag);
  if (!/^[a-z_-]+$/i.test(value))
    throw new UsageError(`${flag}: expected a service tier such as flex or priority, got "${value}"`);
  return { kind: 'tier', label: `tier ${value.toLowerCase()}${suffix}`, tier: value.toLowerCase(), when };
}

function parseBatch(text: string, flag: string): FlagOperation {
  const { value, when, suffix } = splitCondition(text, flag);
  const share = parseShareRational(value, flag);
  return { kind: 'batch', label: `batch ${value}${suffix}`, share, when };
}

/** `<value> [if <condition>]`. */
function splitCondition(
  text: string,
  flag: string,
): { value: string; when: RowCondition | null; suffix: string } {
  const match = /^(.*?)\s+if\s+(.+)$/i.exec(text.trim());
  if (match === null) return { value: text.trim(), when: null, suffix: '' };
  const condition = match[2] ?? '';
  return {
    value: (match[1] ?? '').trim(),
    when: parseRowCondition(condition, `${flag} "${text}"`),
    suffix: ` if ${condition}`,
  };
}

/** `0.3`, `30%`, `1` → 0.3, 0.3, 1; a share from 0 (when allowed) to 1. */
function parseShareNumber(text: string, flag: string, allowZero: boolean): number {
  const rational = parseShareRational(text, flag, allowZero);
  return rational.numerator / rational.denominator;
}

/** The share as an exact fraction of its decimal digits (`0.35` → 35/100, `12.5%` → 125/1000). */
function parseShareRational(text: string, flag: string, allowZero = false): Rational {
  const match = /^(\d+)(?:\.(\d{1,6}))?(%?)$/.exec(text.trim());
  if (match !== null) {
    const fraction = match[2] ?? '';
    let denominator = 10 ** fraction.length * (match[3] === '%' ? 100 : 1);
    let numerator = Number(`${match[1] ?? '0'}${fraction}`);
    const divisor = gcdAtLeastOne(numerator, denominator);
    numerator /= divisor;
    denominator /= divisor;
    if (numerator <= denominator && (allowZero || numerator > 0)) return { numerator, denominator };
  }
  throw new UsageError(
    `${flag}: expected a share ${allowZero ? 'from 0' : 'above 0'} up to 1, as a decimal or a percentage (0.3, 30%), got "${text}"`,
  );
}

/** gcd, with 1 for two zeros (a divisor to divide by). */
const gcdAtLeastOne = (a: number, b: number): number => greatestCommonDivisor(a, b) || 1;
