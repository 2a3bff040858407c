/**
 * A dimension usage can be grouped or filtered by. `tag:<key>` groups by the value of one tag.
 */
export type BuiltInDimension =
  | 'provider'
  | 'model'
  | 'project'
  | 'user'
  | 'team'
  | 'apiKey'
  | 'workspace'
  | 'session'
  | 'serviceTier'
  | 'status';
export type Dimension = BuiltInDimension | `tag:${string}`;

const BUILT_IN_DIMENSIONS: readonly BuiltInDimension[] = [
  'provider',
  'model',
  'project',
  'user',
  'team',
  'apiKey',
  'workspace',
  'session',
  'serviceTier',
  'status',
];

export function parseDimension(text: string): Dimension | null {
  if (text.startsWith('tag:') && text.length > 4) return text as `tag:${string}`;
  return (BUILT_IN_DIMENSIONS as readonly string[]).includes(text) ? (text as BuiltInDimension) : null;
}

/** A filter `--where key=value`: usage whose dimension equals the value (null = not set). */
export interface DimensionFilter {
  readonly dimension: Dimension;
  readonly value: string;
}
