// Request-body checks against Discord's official OpenAPI document (discord/discord-api-spec, "Preview").
// A small validator for the JSON-Schema keywords that document actually uses (type, properties, required,
// items, enum, min/max length/items/value, anyOf/oneOf/allOf, $ref, additionalProperties), rather than a
// general validator: the spec is a preview and sometimes disagrees with Discord's docs (it allows 4,000
// characters of content where the docs say 2,000), so findings are reported as 'schema' violations and
// never used to reject a request — the hard limits live in rules.ts.
import { existsSync, readFileSync } from 'node:fs';

export interface SchemaProblem {
  path: string;
  message: string;
}

type Schema = Record<string, any>;

// Where the preview spec contradicts Discord's documentation, the documentation wins. The docs type
// permission bitfields as strings (they exceed 2^53); the spec says integer.
const DOCS_OVERRIDES: Record<string, (value: unknown) => boolean> = {
  default_member_permissions: (value) => typeof value === 'string' && /^\d+$/.test(value),
};

export class OpenApiSchemas {
  private constructor(private readonly doc: any) {}

  /** Loads the spec, or returns null (with a reason) when it is missing or unreadable. */
  static load(file: string): { schemas: OpenApiSchemas | null; reason?: string } {
    if (!existsSync(file)) return { schemas: null, reason: `OpenAPI spec not found at ${file}; schema checks are off` };
    try {
      return { schemas: new OpenApiSchemas(JSON.parse(readFileSync(file, 'utf8'))) };
    } catch (error) {
      return { schemas: null, reason: `OpenAPI spec at ${file} is unreadable (${(error as Error).message}); schema checks are off` };
    }
  }

  /** The JSON request-body schema of an operation, e.g. ('/channels/{channel_id}/messages', 'post'). */
  requestSchema(specPath: string, method: string): Schema | null {
    return this.doc.paths?.[specPath]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema ?? null;
  }

  /** Validates a body against an operation's request schema; an unknown operation yields no problems. */
  validateRequest(specPath: string, method: string, body: unknown): SchemaProblem[] {
    const schema = this.requestSchema(specPath, method);
    return schema ? this.validate(schema, body, '') : [];
  }

  validate(schema: Schema, value: unknown, path: string, depth = 0): SchemaProblem[] {
    if (depth > 60) return [];
    if (schema.$ref) return this.validate(this.resolve(schema.$ref), value, path, depth + 1);
    const problems: SchemaProblem[] = [];
    if (schema.allOf) for (const part of schema.allOf) problems.push(...this.validate(part, value, path, depth + 1));
    const alternatives = this.candidates(schema.anyOf ?? schema.oneOf, value);
    if (alternatives) {
      // oneOf is treated as anyOf: several of the spec's unions overlap (e.g. the two webhook bodies),
      // and Discord itself accepts the first match. Report the closest alternative's problems.
      let best: SchemaProblem[] | null = null;
      for (const alt of alternatives) {
        const found = this.validate(alt, value, path, depth + 1);
        if (found.length === 0) { best = []; break; }
        if (!best || found.length < best.length) best = found;
      }
      if (best) problems.push(...best);
    }
    if (schema.type !== undefined && !matchesType(schema.type, value)) {
      problems.push({ path, message: `expected ${JSON.stringify(schema.type)}, got ${describe(value)}` });
      return problems;
    }
    if (schema.enum && !schema.enum.includes(value)) problems.push({ path, message: `must be one of ${JSON.stringify(schema.enum)}` });
    if (schema.const !== undefined && schema.const !== value) problems.push({ path, message: `must be ${JSON.stringify(schema.const)}` });
    if (typeof value === 'string') {
      const length = [...value].length;
      if (schema.maxLength !== undefined && length > schema.maxLength) problems.push({ path, message: `longer than ${schema.maxLength}` });
      if (schema.minLength !== undefined && length < schema.minLength) problems.push({ path, message: `shorter than ${schema.minLength}` });
    }
    if (typeof value === 'number') {
      if (schema.maximum !== undefined && value > schema.maximum) problems.push({ path, message: `greater than ${schema.maximum}` });
      if (schema.minimum !== undefined && value < schema.minimum) problems.push({ path, message: `less than ${schema.minimum}` });
    }
    if (Array.isArray(value)) {
      if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push({ path, message: `more than ${schema.maxItems} items` });
      if (schema.minItems !== undefined && value.length < schema.minItems) problems.push({ path, message: `fewer than ${schema.minItems} items` });
      if (schema.items) value.forEach((item, i) => problems.push(...this.validate(schema.items, item, join(path, String(i)), depth + 1)));
    } else if (value !== null && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      for (const key of schema.required ?? []) {
        if (!(key in object)) problems.push({ path: join(path, key), message: 'is required' });
      }
      const properties: Record<string, Schema> = schema.properties ?? {};
      for (const [key, item] of Object.entries(object)) {
        if (item === undefined) continue;
        if (DOCS_OVERRIDES[key]?.(item)) continue;
        if (properties[key]) problems.push(...this.validate(properties[key], item, join(path, key), depth + 1));
        else if (schema.additionalProperties === false) problems.push({ path: join(path, key), message: 'is not an allowed property' });
        else if (typeof schema.additionalProperties === 'object') problems.push(...this.validate(schema.additionalProperties, item, join(path, key), depth + 1));
      }
      if (schema.maxProperties !== undefined && Object.keys(object).length > schema.maxProperties) problems.push({ path, message: `more than ${schema.maxProperties} properties` });
    }
    return problems;
  }

  // Discord's unions are discriminated by a `type` field (callback types, component types): only the
  // alternatives whose `type` enum admits the body's type are candidates, so a wrong reply body is reported
  // against the reply schema rather than against whichever unrelated alternative happens to be closest.
  private candidates(alternatives: Schema[] | undefined, value: unknown): Schema[] | undefined {
    if (!alternatives) return undefined;
    // An alternative of another JSON type ({ type: 'null' } beside an object schema) cannot be the closest.
    const sameKind = alternatives.filter((alt) => {
      const declared = (alt.$ref ? this.resolve(alt.$ref) : alt).type;
      return declared === undefined || matchesType(declared, value);
    });
    if (sameKind.length > 0) alternatives = sameKind;
    const type = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as any).type : undefined;
    if (type === undefined) return alternatives;
    const matching = alternatives.filter((alt) => {
      const allowed = (alt.$ref ? this.resolve(alt.$ref) : alt).properties?.type?.enum;
      return !Array.isArray(allowed) || allowed.includes(type);
    });
    return matching.length > 0 ? matching : alternatives;
  }

  private resolve(ref: string): Schema {
    // Only local references ('#/components/schemas/Name') occur in Discord's document.
    let node: any = this.doc;
    for (const part of ref.replace(/^#\//, '').split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node ?? {};
  }
}

function matchesType(type: string | string[], value: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => {
    switch (t) {
      case 'null': return value === null;
      case 'string': return typeof value === 'string';
      case 'boolean': return typeof value === 'boolean';
      case 'integer': return typeof value === 'number' && Number.isInteger(value);
      case 'number': return typeof value === 'number';
      case 'array': return Array.isArray(value);
      case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
      default: return true;
    }
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
