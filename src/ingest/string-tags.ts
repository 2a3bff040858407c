/** The entries whose value is a non-empty string, as record tags (absent, null and empty values dropped). */
export function stringTags(values: Readonly<Record<string, unknown>>): Readonly<Record<string, string>> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && value !== '') tags[key] = value;
  }
  return tags;
}
