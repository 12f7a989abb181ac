import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/**
 * Validation of TMF638/TMF639 (and TMF633/TMF634 catalog) payloads against the OFFICIAL TM Forum API
 * files vendored in api/tmf/official/ (see its README.md for sources and commit ids). Test-only: the product validates
 * with zod; this checks that what it serves is what the standard says.
 *
 * Swagger 2.0 (v4) `#/definitions/X` and OAS 3.0 (v5) `#/components/schemas/X` schemas are both a
 * subset of JSON Schema draft-04/05 that Ajv's default dialect validates unchanged, except for the
 * OAS `discriminator`, which plain JSON Schema has no keyword for. The v5 files use it two ways:
 * - on a base schema that subtypes extend through `allOf` (Characteristic → StringCharacteristic, …);
 * - on a `oneOf` of alternatives (PartyRefOrPartyRoleRef, PlaceRefOrValue, ServiceRefOrValue, …).
 * Each schema X with a discriminator is therefore compiled twice: `X.base`, the schema without the
 * discriminator (and without its `oneOf`), and `X`, which is `X.base` AND — when the `@type` value is
 * in the mapping and maps to another schema T — `T.base`. An `allOf` member that names X (a subtype
 * extending X) refers to `X.base`, so a subtype never dispatches back to itself. A `@type` value the
 * mapping does not list is held to `X.base` alone: TMF lets implementations add subclasses named by
 * `@type` + `@schemaLocation`, and the v5 files' own examples use such values (`"@type":
 * "PlaceRefOrValue"`). An item without `@type` meets the `oneOf` as written (whose alternatives all
 * require `@type`) or, for an `allOf` base, `X.base`, which requires `@type` through Extensible.
 */

export type TmfApi = 'TMF632' | 'TMF633' | 'TMF634' | 'TMF638' | 'TMF639' | 'TMF673' | 'TMF674' | 'TMF675';
export type TmfVersion = 'v4' | 'v5';
export type TmfOperation = 'list' | 'retrieve' | 'create' | 'patch';

export interface OfficialValidation {
  valid: boolean;
  /** One line per problem: JSON pointer into the item, then the message. */
  errors: string[];
}

type SchemaNode = Record<string, unknown>;

const officialFolder = fileURLToPath(new URL('../../api/tmf/official/', import.meta.url));

/** The vendored files; TMF633, TMF673, TMF674 and TMF675 have no official v5 file (api/tmf/official/README.md). */
export const officialFiles: Record<TmfApi, Partial<Record<TmfVersion, string>>> = {
  TMF632: { v4: 'TMF632-Party-v4.0.0.swagger.json', v5: 'TMF632-Party-v5.0.0.oas.yaml' },
  TMF673: { v4: 'TMF673-GeographicAddress-v4.0.1.swagger.json' },
  TMF674: { v4: 'TMF674-GeographicSite-v4.0.0.swagger.json' },
  TMF675: { v4: 'TMF675-GeographicLocation-v4.0.0.swagger.json' },
  TMF638: { v4: 'TMF638-ServiceInventory-v4.0.0.swagger.json', v5: 'TMF638-ServiceInventory-v5.0.0.oas.yaml' },
  TMF639: { v4: 'TMF639-ResourceInventory-v4.0.0.swagger.json', v5: 'TMF639-ResourceInventory-v5.0.0.oas.yaml' },
  TMF633: { v4: 'TMF633-ServiceCatalog-v4.0.0.swagger.json' },
  TMF634: { v4: 'TMF634-ResourceCatalog-v4.0.0.swagger.json', v5: 'TMF634-ResourceCatalog-v5.0.0.oas.yaml' },
};

const fileOf = (api: TmfApi, version: TmfVersion): string => {
  const file = officialFiles[api][version];
  if (!file) throw new Error(`there is no official ${api} ${version} file`);
  return file;
};

const collectionPath: Partial<Record<TmfApi, string>> = {
  TMF638: '/service',
  TMF639: '/resource',
  TMF633: '/serviceSpecification',
  TMF634: '/resourceSpecification',
};

interface OfficialDocument {
  raw: SchemaNode;
  schemas: Record<string, SchemaNode>;
  refPrefix: string;
}

const documents = new Map<string, OfficialDocument>();

/** The parsed official file (Swagger 2.0 JSON for v4, OAS 3.0 YAML for v5). */
export function officialDocument(api: TmfApi, version: TmfVersion): OfficialDocument {
  const key = `${api}-${version}`;
  let document = documents.get(key);
  if (!document) {
    const text = readFileSync(officialFolder + fileOf(api, version), 'utf8');
    const raw = (version === 'v4' ? JSON.parse(text) : parseYaml(text)) as SchemaNode;
    const schemas =
      version === 'v4'
        ? (raw.definitions as Record<string, SchemaNode>)
        : ((raw.components as SchemaNode).schemas as Record<string, SchemaNode>);
    document = { raw, schemas, refPrefix: version === 'v4' ? '#/definitions/' : '#/components/schemas/' };
    documents.set(key, document);
  }
  return document;
}

interface Discriminator {
  propertyName: string;
  mapping?: Record<string, string>;
}

/** Rewrites one official schema into plain JSON Schema with refs into `#/definitions/`. */
function rewriter(document: OfficialDocument) {
  const polymorphic = new Set(Object.keys(document.schemas).filter((name) => document.schemas[name]?.discriminator));
  const nameOf = (ref: string) => {
    if (!ref.startsWith(document.refPrefix)) throw new Error(`unsupported $ref ${ref}`);
    return ref.slice(document.refPrefix.length);
  };
  const refTo = (name: string, asBase: boolean) => ({
    $ref: `#/definitions/${asBase && polymorphic.has(name) ? `${name}.base` : name}`,
  });

  const schemaMap = (map: unknown) =>
    Object.fromEntries(Object.entries(map as SchemaNode).map(([key, value]) => [key, rewrite(value, false)]));

  function rewrite(node: unknown, extendsParent: boolean): unknown {
    if (typeof node !== 'object' || node === null) return node;
    const out: SchemaNode = {};
    for (const [key, value] of Object.entries(node as SchemaNode)) {
      if (key === 'discriminator') continue;
      if (key === '$ref') Object.assign(out, refTo(nameOf(value as string), extendsParent));
      else if (key === 'allOf') out.allOf = (value as unknown[]).map((member) => rewrite(member, true));
      else if (key === 'oneOf' || key === 'anyOf') out[key] = (value as unknown[]).map((m) => rewrite(m, false));
      else if (key === 'items' || key === 'not') out[key] = rewrite(value, false);
      else if (key === 'additionalProperties') out[key] = typeof value === 'object' ? rewrite(value, false) : value;
      else if (key === 'properties') out[key] = schemaMap(value);
      else out[key] = value; // type, enum, required, format, description, example, default…: verbatim
    }
    return out;
  }

  /** `name` as a JSON Schema: its own body, and the schema its discriminator maps `@type` to. */
  function dispatching(name: string, schema: SchemaNode): SchemaNode {
    const discriminator = schema.discriminator as Discriminator;
    const property = discriminator.propertyName;
    const mapping = Object.entries(discriminator.mapping ?? {});
    const branches: SchemaNode[] = [refTo(name, true)];
    for (const [value, ref] of mapping) {
      const target = nameOf(ref);
      const selects = { properties: { [property]: { const: value } }, required: [property] };
      if (target !== name) branches.push({ if: selects, then: refTo(target, true) });
    }
    if (Array.isArray(schema.oneOf)) {
      const alternatives = schema.oneOf.map((member) => rewrite(member, false));
      branches.push({ if: { required: [property] }, else: { oneOf: alternatives } });
    }
    return { allOf: branches };
  }

  const definitions: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(document.schemas)) {
    if (polymorphic.has(name)) {
      const { discriminator: _discriminator, oneOf: _oneOf, ...body } = schema;
      definitions[`${name}.base`] = rewrite(body, false);
      definitions[name] = dispatching(name, schema);
    } else {
      definitions[name] = rewrite(schema, false);
    }
  }
  return definitions;
}

/** OAS/Swagger annotation keywords the official files use that JSON Schema does not define. */
const annotationKeywords = ['example'];

const validators = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

function validatorFor(api: TmfApi, version: TmfVersion, definition: string): ValidateFunction {
  const key = `${api}/${version}#/definitions/${definition}`;
  let validate = validators.get(key);
  if (validate) return validate;
  if (!ajv) {
    // strictTypes off: the official files put `properties` and `type` in different allOf members.
    ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false });
    formatsPlugin.default(ajv);
    ajv.addFormat('base64', true); // not a JSON Schema or OAS 3.0 format (OAS says `byte`): an annotation
    for (const keyword of annotationKeywords) ajv.addKeyword({ keyword });
  }
  const id = `${api}/${version}`;
  if (!ajv.getSchema(id)) ajv.addSchema({ $id: id, definitions: rewriter(officialDocument(api, version)) });
  const names = Object.keys(officialDocument(api, version).schemas);
  if (!names.includes(definition)) {
    throw new Error(`${fileOf(api, version)} has no schema ${definition}; it has ${names.join(', ')}`);
  }
  validate = ajv.getSchema(key);
  if (!validate) throw new Error(`could not compile ${key}`);
  validators.set(key, validate);
  return validate;
}

function describe(error: ErrorObject): string | undefined {
  if (error.keyword === 'if') return undefined; // the failing `then`/`else` branch is reported itself
  const where = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  const allowed = error.keyword === 'enum' ? ` (${(params.allowedValues as unknown[]).join(', ')})` : '';
  return `${where}: ${error.message ?? error.keyword}${allowed}`;
}

/**
 * Validates `item` against schema `definition` (e.g. Service, Resource, Service_Create, Service_FVO,
 * Resource_RES) of the official file of `api` `version`.
 */
export function validateAgainstOfficial(
  api: TmfApi,
  version: TmfVersion,
  definition: string,
  item: unknown,
): OfficialValidation {
  const validate = validatorFor(api, version, definition);
  if (validate(item)) return { valid: true, errors: [] };
  const errors = [...new Set((validate.errors ?? []).map(describe).filter((line) => line !== undefined))];
  return { valid: false, errors };
}

/** Schema name of the `$ref` in `node`, following an OAS 3 `#/components/requestBodies|responses/X`. */
function schemaNameIn(document: OfficialDocument, node: unknown): string {
  let current = node as SchemaNode;
  for (let hops = 0; typeof current.$ref === 'string' && !current.$ref.startsWith(document.refPrefix); hops += 1) {
    const [, section, name] = /^#\/components\/(\w+)\/(.+)$/.exec(current.$ref) ?? [];
    if (!section || !name || hops > 3) throw new Error(`unsupported $ref ${current.$ref}`);
    current = ((document.raw.components as SchemaNode)[section] as SchemaNode)[name] as SchemaNode;
  }
  if (current.content) {
    current = ((current.content as SchemaNode)['application/json'] as SchemaNode).schema as SchemaNode;
  }
  if (current.schema) current = current.schema as SchemaNode;
  if (current.type === 'array') current = current.items as SchemaNode;
  if (typeof current.$ref !== 'string') throw new Error(`no schema $ref in ${JSON.stringify(current)}`);
  return current.$ref.slice(document.refPrefix.length);
}

/**
 * The schema names the official file gives an operation on /service or /resource: the JSON request
 * body (create, patch) and the success response item (an array's items for list).
 */
export function officialOperationSchemas(
  api: TmfApi,
  version: TmfVersion,
  operation: TmfOperation,
): { request?: string; response: string } {
  const document = officialDocument(api, version);
  const paths = document.raw.paths as Record<string, Record<string, SchemaNode>>;
  const collection = collectionPath[api];
  if (!collection) throw new Error(`no inventory collection in ${api}`);
  const endpoints: Record<TmfOperation, [path: string, method: string, status: string]> = {
    list: [collection, 'get', '200'],
    retrieve: [`${collection}/{id}`, 'get', '200'],
    create: [collection, 'post', '201'],
    patch: [`${collection}/{id}`, 'patch', '200'],
  };
  const [path, method, status] = endpoints[operation];
  const spec = paths[path]?.[method];
  if (!spec) throw new Error(`${fileOf(api, version)} has no ${method.toUpperCase()} ${path}`);
  const response = schemaNameIn(document, (spec.responses as SchemaNode)[status]);
  const body =
    version === 'v4'
      ? (spec.parameters as SchemaNode[]).find((parameter) => parameter.in === 'body')
      : (spec.requestBody as SchemaNode | undefined);
  return body ? { request: schemaNameIn(document, body), response } : { response };
}
