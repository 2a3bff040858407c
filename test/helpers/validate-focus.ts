import Papa from 'papaparse';

/**
 * A FOCUS 1.2 conformance check for CSV files, written from the specification and independent of the
 * exporter (it imports nothing from src/): https://focus.finops.org/focus-specification/v1-2/, column
 * definitions in FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec `specification/columns/*.md`, attributes in
 * `specification/attributes/*.md`. It checks what a file can show on its own:
 * - columns: the 21 mandatory columns present; every other column a FOCUS 1.2 column or an `x_` custom
 *   column; FOCUS columns first, each group sorted by Column ID (Column Naming and Ordering); no
 *   duplicates;
 * - values per column type: Decimal (Numeric Format: digits, one optional point, `-` only for
 *   negatives, no `+`, exponent, comma or symbol), Date/Time (`YYYY-MM-DDTHH:mm:ssZ`, a real UTC
 *   instant), currency codes (three upper-case letters, ISO 4217 shape), allowed values
 *   (ChargeCategory, ChargeClass, ChargeFrequency, ServiceCategory, ServiceSubcategory and its parent),
 *   Tags (Key-Value Format: a JSON object whose values are strings, numbers, booleans or null), units
 *   (Unit Format: `[<quantity> ]<Capitalised units>`, `-` or `/` between base units);
 * - nullability: never-null columns, no whitespace-only strings (String Handling; CSV has no empty
 *   string apart from null), the conditional rules of PricingQuantity, PricingUnit, SkuId,
 *   ConsumedQuantity (> 0 for usage) and ConsumedUnit, ChargeClass only `Correction`;
 * - consistency: periods start before they end, and the charge period lies in the billing period.
 * It cannot check what needs the provider's data (invoices, price lists).
 */
export interface FocusValidation {
  readonly ok: boolean;
  readonly rows: number;
  /** `row 3, BilledCost: …` (row 1 is the first data row), at most `MAX_PROBLEMS`. */
  readonly problems: readonly string[];
}

const MAX_PROBLEMS = 50;

type ColumnType = 'decimal' | 'datetime' | 'string' | 'currency' | 'json' | 'unit' | 'allowed';

interface ColumnRule {
  readonly type: ColumnType;
  readonly isMandatory: boolean;
  /** Never null (whatever the row says). */
  readonly isNotNull: boolean;
  readonly allowed?: readonly string[];
}

/**
 * ServiceSubcategory values by parent ServiceCategory. The stored spec sources disagree: the column page
 * (specification/columns/servicesubcategory.md, introduced 1.1) lists one set, the requirements model
 * (specification/requirements_model/model_rules/columns/servicesubcategory.json, "1.2") a longer,
 * partly renamed one. Both are accepted, each under its own parent.
 */
const SERVICE_SUBCATEGORIES: Readonly<Record<string, readonly string[]>> = {
  'AI and Machine Learning': [
    'AI Platforms',
    'Bots',
    'Generative AI',
    'Machine Learning',
    'Natural Language Processing',
    'Other (AI and Machine Learning)',
  ],
  Analytics: [
    'Analytics Platform',
    'Analytics Platforms',
    'Business Intelligence',
    'Data Processing',
    'Search',
    'Streaming Analytics',
    'Other (Analytics)',
  ],
  'Business Applications': ['Productivity and Collaboration', 'Other (Business Applications)'],
  Compute: [
    'Containers',
    'End User Computing',
    'Quantum',
    'Quantum Compute',
    'Serverless Compute',
    'Virtual Machines',
    'Other (Compute)',
  ],
  Databases: [
    'Caching',
    'Data Warehouse',
    'Data Warehouses',
    'Relational',
    'Relational Databases',
    'NoSQL',
    'NoSQL Databases',
    'Ledger',
    'Ledger Databases',
    'Time Series',
    'Time Series Databases',
    'Other (Databases)',
  ],
  'Developer Tools': [
    'Developer Platforms',
    'Continuous Integration and Deployment',
    'Development Environments',
    'Source Code Management',
    'Quality Assurance',
    'Other (Developer Tools)',
  ],
  Identity: ['Identity and Access Management', 'Other (Identity)'],
  Integration: [
    'API Management',
    'Messaging',
    'Workflow Automation',
    'Workflow Orchestration',
    'Other (Integration)',
  ],
  'Internet of Things': ['IoT Analytics', 'IoT Platforms', 'Other (Internet of Things)'],
  'Management and Governance': [
    'Administration',
    'Architecture',
    'Compliance',
    'Cost Management',
    'Data Governance',
    'Disaster Recovery',
    'Endpoint Management',
    'Observability',
    'Support',
    'Other (Management and Governance)',
  ],
  Media: ['Content Creation', 'Gaming', 'Media Streaming', 'Mixed Reality', 'Other (Media)'],
  Migration: ['Data Migration', 'Resource Migration', 'Other (Migration)'],
  Mobile: ['Other (Mobile)'],
  Multicloud: ['Multicloud Integration', 'Other (Multicloud)'],
  Networking: [
    'Application Networking',
    'Content Delivery',
    'Data Transfer',
    'Load Balancing',
    'Network Connectivity',
    'Network Infrastructure',
    'Network Management',
    'Network Routing',
    'Network Security',
    'Other (Networking)',
  ],
  Security: [
    'CSPM',
    'Credentials',
    'SIEM',
    'Secret Management',
    'Security Posture Management',
    'Threat Detection',
    'Threat Detection and Response',
    'Other (Security)',
  ],
  Storage: [
    'Backups',
    'Backup Storage',
    'Block Storage',
    'Bulk Transfer',
    'Disk',
    'Files',
    'File Storage',
    'Object Storage',
    'Storage Platforms',
    'Other (Storage)',
  ],
  Web: ['Application Platforms', 'Other (Web)'],
  Other: ['Other (Other)'],
};

const mandatory = (type: ColumnType, isNotNull: boolean, allowed?: readonly string[]): ColumnRule => ({
  type,
  isMandatory: true,
  isNotNull,
  ...(allowed === undefined ? {} : { allowed }),
});
const optional = (type: ColumnType, allowed?: readonly string[]): ColumnRule => ({
  type,
  isMandatory: false,
  isNotNull: false,
  ...(allowed === undefined ? {} : { allowed }),
});

/** Every FOCUS 1.2 Cost and Usage column, with its type; mandatory ones with their null rule. */
const COLUMNS: Readonly<Record<string, ColumnRule>> = {
  AvailabilityZone: optional('string'),
  BilledCost: mandatory('decimal', true),
  BillingAccountId: mandatory('string', true),
  BillingAccountName: mandatory('string', false),
  BillingAccountType: optional('string'),
  BillingCurrency: mandatory('currency', true),
  BillingPeriodEnd: mandatory('datetime', true),
  BillingPeriodStart: mandatory('datetime', true),
  CapacityReservationId: optional('string'),
  CapacityReservationStatus: optional('allowed', ['Used', 'Unused']),
  ChargeCategory: mandatory('allowed', true, ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment']),
  ChargeClass: mandatory('allowed', false, ['Correction']),
  // "SHOULD NOT be null": held to that here.
  ChargeDescription: mandatory('string', true),
  ChargeFrequency: optional('allowed', ['One-Time', 'Recurring', 'Usage-Based']),
  ChargePeriodEnd: mandatory('datetime', true),
  ChargePeriodStart: mandatory('datetime', true),
  CommitmentDiscountCategory: optional('allowed', ['Spend', 'Usage']),
  CommitmentDiscountId: optional('string'),
  CommitmentDiscountName: optional('string'),
  CommitmentDiscountQuantity: optional('decimal'),
  CommitmentDiscountStatus: optional('allowed', ['Used', 'Unused']),
  CommitmentDiscountType: optional('string'),
  CommitmentDiscountUnit: optional('unit'),
  ConsumedQuantity: optional('decimal'),
  ConsumedUnit: optional('unit'),
  ContractedCost: mandatory('decimal', true),
  ContractedUnitPrice: optional('decimal'),
  EffectiveCost: mandatory('decimal', true),
  InvoiceId: optional('string'),
  InvoiceIssuerName: mandatory('string', true),
  ListCost: mandatory('decimal', true),
  ListUnitPrice: optional('decimal'),
  PricingCategory: optional('allowed', ['Standard', 'Dynamic', 'Committed', 'Other']),
  PricingCurrency: optional('currency'),
  PricingCurrencyContractedUnitPrice: optional('decimal'),
  PricingCurrencyEffectiveCost: optional('decimal'),
  PricingCurrencyListUnitPrice: optional('decimal'),
  PricingQuantity: mandatory('decimal', false),
  PricingUnit: mandatory('unit', false),
  ProviderName: mandatory('string', true),
  PublisherName: mandatory('string', true),
  RegionId: optional('string'),
  RegionName: optional('string'),
  ResourceId: optional('string'),
  ResourceName: optional('string'),
  ResourceType: optional('string'),
  ServiceCategory: mandatory('allowed', true, Object.keys(SERVICE_SUBCATEGORIES)),
  ServiceName: mandatory('string', true),
  ServiceSubcategory: optional('allowed', Object.values(SERVICE_SUBCATEGORIES).flat()),
  SkuId: optional('string'),
  SkuMeter: optional('string'),
  SkuPriceDetails: optional('json'),
  SkuPriceId: optional('string'),
  SubAccountId: optional('string'),
  SubAccountName: optional('string'),
  SubAccountType: optional('string'),
  Tags: optional('json'),
};

const MANDATORY = Object.keys(COLUMNS).filter((name) => COLUMNS[name]?.isMandatory === true);

const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const CURRENCY = /^[A-Z]{3}$/;
/** `Tokens`, `1000000 Tokens`, `GB-Hours`, `GB/Hour`, `Units/3 Months` (Unit Format). */
const UNIT = /^(?:[1-9]\d* )?[A-Z][A-Za-z]*(?:[-/](?:[1-9]\d* )?[A-Z][A-Za-z]*)*$/;

/** Validates the text of a FOCUS CSV (header row, then one row per charge). */
export function validateFocusCsv(text: string): FocusValidation {
  const problems: string[] = [];
  const report = (message: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(message);
  };
  const parsed = Papa.parse<string[]>(text.replace(/\n$/, ''), { header: false });
  for (const error of parsed.errors) report(`CSV row ${String((error.row ?? 0) + 1)}: ${error.message}`);
  const [header = [], ...rows] = parsed.data;
  checkHeader(header, report);
  const indexOf = new Map(header.map((name, index) => [name, index]));
  rows.forEach((cells, index) => {
    const where = `row ${String(index + 1)}`;
    if (cells.length !== header.length) {
      report(`${where}: ${String(cells.length)} cells for ${String(header.length)} columns`);
      return;
    }
    const value = (column: string): string | null => {
      const at = indexOf.get(column);
      const cell = at === undefined ? undefined : cells[at];
      return cell === undefined || cell === '' ? null : cell;
    };
    checkRow(header, value, (message) => {
      report(`${where}, ${message}`);
    });
  });
  return { ok: problems.length === 0, rows: rows.length, problems };
}

function checkHeader(header: readonly string[], report: (message: string) => void): void {
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) report(`header: column ${name} appears twice`);
    seen.add(name);
    if (!name.startsWith('x_') && COLUMNS[name] === undefined) {
      report(`header: ${name} is not a FOCUS 1.2 column, and custom columns need the x_ prefix`);
    }
  }
  for (const name of MANDATORY) if (!seen.has(name)) report(`header: mandatory column ${name} is missing`);
  const firstCustom = header.findIndex((name) => name.startsWith('x_'));
  const focus = firstCustom === -1 ? header : header.slice(0, firstCustom);
  const custom = firstCustom === -1 ? [] : header.slice(firstCustom);
  if (custom.some((name) => !name.startsWith('x_'))) {
    report('header: FOCUS columns must come before all custom (x_) columns');
  }
  for (const group of [focus, custom]) {
    const sorted = [...group].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (group.join(',') !== sorted.join(',')) {
      report(`header: columns not sorted by Column ID: ${group.join(', ')}`);
    }
  }
}

function checkRow(
  header: readonly string[],
  value: (column: string) => string | null,
  report: (message: string) => void,
): void {
  for (const column of header) {
    const rule = COLUMNS[column];
    const cell = value(column);
    if (cell !== null && cell.trim() === '') report(`${column}: whitespace-only string`);
    if (rule === undefined) continue;
    if (cell === null) {
      if (rule.isNotNull) report(`${column}: must not be null`);
      continue;
    }
    checkType(column, rule, cell, report);
  }
  const category = value('ChargeCategory');
  const isCorrection = value('ChargeClass') !== null;
  const isUsageOrPurchase = category === 'Usage' || category === 'Purchase';
  const nullIfTax = (column: string): void => {
    if (category === 'Tax' && value(column) !== null)
      report(`${column}: must be null when ChargeCategory is Tax`);
    if (isUsageOrPurchase && !isCorrection && value(column) === null) {
      report(`${column}: must not be null for ${category} charges that are not corrections`);
    }
  };
  nullIfTax('PricingQuantity');
  if (header.includes('SkuId')) nullIfTax('SkuId');
  if ((value('PricingQuantity') === null) !== (value('PricingUnit') === null)) {
    report('PricingUnit: must be null exactly when PricingQuantity is null');
  }
  if (header.includes('ConsumedQuantity')) {
    const consumed = value('ConsumedQuantity');
    const isUnusedCommitment = value('CommitmentDiscountStatus') === 'Unused';
    if (category === 'Usage' && !isCorrection && !isUnusedCommitment) {
      if (consumed === null || !DECIMAL.test(consumed) || !(Number(consumed) > 0)) {
        report(`ConsumedQuantity: must be a positive decimal for usage, got ${consumed ?? 'null'}`);
      }
    } else if (category !== 'Usage' && consumed !== null) {
      report(`ConsumedQuantity: must be null for ${category ?? 'null'} charges`);
    }
    if ((consumed === null) !== (value('ConsumedUnit') === null)) {
      report('ConsumedUnit: must be null exactly when ConsumedQuantity is null');
    }
  }
  if (category === 'Purchase' && value('ChargeFrequency') === 'Usage-Based') {
    report('ChargeFrequency: a Purchase is not Usage-Based');
  }
  const service = value('ServiceCategory');
  const subcategory = value('ServiceSubcategory');
  if (
    service !== null &&
    subcategory !== null &&
    !(SERVICE_SUBCATEGORIES[service] ?? []).includes(subcategory)
  ) {
    report(`ServiceSubcategory: ${subcategory} is not a subcategory of ${service}`);
  }
  checkPeriods(value, report);
}

function checkType(column: string, rule: ColumnRule, cell: string, report: (message: string) => void): void {
  switch (rule.type) {
    case 'decimal':
      if (!DECIMAL.test(cell)) report(`${column}: expected a decimal (Numeric Format), got "${cell}"`);
      break;
    case 'datetime':
      if (instantOf(cell) === null) {
        report(`${column}: expected a UTC date/time YYYY-MM-DDTHH:mm:ssZ, got "${cell}"`);
      }
      break;
    case 'currency':
      if (!CURRENCY.test(cell)) report(`${column}: expected an ISO 4217 code, got "${cell}"`);
      break;
    case 'allowed':
      if (!(rule.allowed ?? []).includes(cell)) report(`${column}: "${cell}" is not an allowed value`);
      break;
    case 'unit':
      if (!UNIT.test(cell)) report(`${column}: "${cell}" does not follow the Unit Format`);
      break;
    case 'json':
      checkKeyValue(column, cell, report);
      break;
    case 'string':
      break;
    default:
      rule.type satisfies never;
  }
}

function checkKeyValue(column: string, cell: string, report: (message: string) => void): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch {
    report(`${column}: not JSON: ${cell}`);
    return;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    report(`${column}: expected a JSON object (Key-Value Format), got ${cell}`);
    return;
  }
  for (const [key, item] of Object.entries(parsed)) {
    if (typeof item === 'object' && item !== null) {
      report(`${column}: the value of "${key}" is an object or array`);
    }
  }
}

function checkPeriods(value: (column: string) => string | null, report: (message: string) => void): void {
  const at = (column: string): number | null => {
    const cell = value(column);
    return cell === null ? null : instantOf(cell);
  };
  const billingStart = at('BillingPeriodStart');
  const billingEnd = at('BillingPeriodEnd');
  const chargeStart = at('ChargePeriodStart');
  const chargeEnd = at('ChargePeriodEnd');
  if (billingStart !== null && billingEnd !== null && billingStart >= billingEnd) {
    report('BillingPeriodEnd: must be after BillingPeriodStart');
  }
  if (chargeStart !== null && chargeEnd !== null && chargeStart >= chargeEnd) {
    report('ChargePeriodEnd: must be after ChargePeriodStart');
  }
  if (billingStart !== null && chargeStart !== null && chargeStart < billingStart) {
    report('ChargePeriodStart: before the billing period');
  }
  if (billingEnd !== null && chargeEnd !== null && chargeEnd > billingEnd) {
    report('ChargePeriodEnd: after the billing period');
  }
}

/** Epoch ms of a FOCUS date/time, or null when it is not one (or not a real date). */
function instantOf(cell: string): number | null {
  const match = DATETIME.exec(cell);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  return new Date(ms).toISOString().slice(0, 19) === cell.slice(0, 19) ? ms : null;
}
