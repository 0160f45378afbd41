/**
 * What a json(b) column holds in schema.generated.ts: any JSON document, but never SQL NULL (a
 * nullable column is `JsonDocument | null`). kysely-codegen's own Json type includes JSON's null and
 * so could not say whether the column may be NULL; schema.ts refines the shape per column.
 */
export type JsonDocument = string | number | boolean | object
