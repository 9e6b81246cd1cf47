/**
 * The feed being edited, as plain JSON: read and write a value at a path, drop optional objects
 * that became empty, and keep reviewer verdicts attached when a tool's id is renamed. Every change
 * returns a new object; fields the form does not know are kept as they were.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Path = readonly (string | number)[];

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function getAt(root: Json | undefined, path: Path): Json | undefined {
  let value: Json | undefined = root;
  for (const key of path) {
    if (Array.isArray(value) && typeof key === 'number') value = value[key];
    else if (isObject(value) && typeof key === 'string' && Object.hasOwn(value, key)) value = value[key];
    else return undefined;
  }
  return value;
}

/** `['tools', 1, 'url']` → `tools[1].url`, the way feed problems name their place. */
export function pathKey(path: Path): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key;
  return out || 'feed';
}

/** Optional objects that disappear once every field in them is cleared. */
function optionalContainers(draft: JsonObject): Path[] {
  const paths: Path[] = [['source'], ['votes'], ['cta', 'subscribe'], ['cta'], ['community']];
  const tools = Array.isArray(draft.tools) ? draft.tools : [];
  tools.forEach((_, index) => paths.unshift(['tools', index, 'pricing']));
  const reviewers = Array.isArray(draft.reviewers) ? draft.reviewers : [];
  reviewers.forEach((reviewer, index) => {
    const verdicts = isObject(reviewer) ? reviewer.verdicts : undefined;
    if (isObject(verdicts)) for (const toolId of Object.keys(verdicts)) paths.unshift(['reviewers', index, 'verdicts', toolId]);
  });
  return paths;
}

const isEmpty = (value: Json | undefined): boolean =>
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (isObject(value) && Object.values(value).every(isEmpty));

/**
 * The draft with `value` at `path`; `undefined` (or empty text) removes the key, and optional
 * objects left empty go with it. Missing objects on the way are created.
 */
export function setAt(draft: JsonObject, path: Path, value: Json | undefined): JsonObject {
  const next = structuredClone(draft);
  let parent: Json = next;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const container = parent as JsonObject & Json[];
    if (!isObject(container[key]) && !Array.isArray(container[key])) {
      if (value === undefined || value === '') return draft;
      container[key] = typeof path[i + 1] === 'number' ? [] : {};
    }
    parent = container[key];
  }
  const last = path[path.length - 1];
  if (value === undefined || value === '') {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else if (isObject(parent)) Reflect.deleteProperty(parent, last);
  } else {
    (parent as JsonObject & Json[])[last] = value;
  }
  return prune(next);
}

/** Removes optional objects whose fields are all empty (in place). */
function prune(draft: JsonObject): JsonObject {
  for (const path of optionalContainers(draft)) {
    const parent = getAt(draft, path.slice(0, -1));
    const key = path[path.length - 1] as string;
    if (isObject(parent) && Object.hasOwn(parent, key) && isEmpty(parent[key])) Reflect.deleteProperty(parent, key);
  }
  return draft;
}

/**
 * Renames a tool id everywhere the feed refers to it (verdict keys, picks, community tallies),
 * so editing an id never strands the reviewers' verdicts.
 */
export function renameToolId(draft: JsonObject, index: number, id: string): JsonObject {
  const tools = Array.isArray(draft.tools) ? draft.tools : [];
  const old = getAt(draft, ['tools', index, 'id']);
  let next = setAt(draft, ['tools', index, 'id'], id);
  const otherIds = tools.filter((_, i) => i !== index).map((tool) => (isObject(tool) ? tool.id : undefined));
  if (typeof old !== 'string' || old === '' || old === id || otherIds.includes(old)) return next;
  const renameKey = (object: Json | undefined) => {
    if (!isObject(object) || !Object.hasOwn(object, old) || (id !== '' && Object.hasOwn(object, id))) return object;
    // Rebuilt rather than patched, so the renamed key stays where it was.
    return Object.fromEntries(Object.entries(object).map(([key, value]) => [key === old ? id : key, value]));
  };
  next = structuredClone(next);
  if (Array.isArray(next.reviewers)) {
    for (const reviewer of next.reviewers) {
      if (!isObject(reviewer)) continue;
      if (id !== '') {
        const verdicts = renameKey(reviewer.verdicts);
        if (verdicts !== undefined) reviewer.verdicts = verdicts;
      }
      if (reviewer.pick === old) {
        if (id === '') delete reviewer.pick;
        else reviewer.pick = id;
      }
    }
  }
  if (id !== '') {
    const community = renameKey(next.community);
    if (community !== undefined) next.community = community;
  }
  return next;
}

/** JSON text → a draft, or why it cannot be one. */
export function draftFromText(text: string): { ok: true; draft: JsonObject } | { ok: false; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `This is not JSON: ${(error as Error).message}` };
  }
  if (!isObject(data)) return { ok: false, message: 'A feed is a JSON object ({ … }); this is not one.' };
  return { ok: true, draft: data };
}
