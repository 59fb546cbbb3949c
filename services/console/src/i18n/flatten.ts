/** Flattens nested messages into `dotted.key → text`, for checks that every language says the same things. */
export function flattenMessages(messages: object, prefix = ''): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const path = `${prefix}${key}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [nestedKey, nestedValue] of flattenMessages(value, `${path}.`)) flat.set(nestedKey, nestedValue);
    } else {
      flat.set(path, value);
    }
  }
  return flat;
}

/** The `{{name}}` placeholders in a message, sorted and de-duplicated. */
export function placeholders(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)) {
    if (match[1]) names.add(match[1]);
  }
  return [...names].sort();
}
