/**
 * A matcher for a glob on ids: `*` any run of characters, `?` one character, everything else literal;
 * case-insensitive and anchored (the whole id must match), so `gpt-4o` does not match `gpt-4o-mini`
 * but `gpt-4o*` does.
 */
export function compileGlob(pattern: string): (text: string) => boolean {
  if (!/[*?]/.test(pattern)) {
    const lower = pattern.toLowerCase();
    return (text) => text.toLowerCase() === lower;
  }
  const source = pattern
    .replace(/[\\^$.+()[\]{}|]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const regex = new RegExp(`^${source}$`, 'i');
  return (text) => regex.test(text);
}
