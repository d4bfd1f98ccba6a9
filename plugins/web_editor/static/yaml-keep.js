// YAML data files (stages, officers, gallery captions) as a Decap CMS custom
// format that keeps the file as written.
//
// fromFile keeps the original text in the entry (SOURCE). toFile compares the
// form's data with it: no change gives the original bytes; changed scalar values
// are rewritten in place in the parser's concrete syntax tree (CST), so comments,
// key order, quoting, flow `{…}` items and folded `>-` texts elsewhere stay
// byte-identical and one changed field changes only its line. Adding or removing
// keys or list items goes through the `yaml` Document API (setIn/deleteIn), which
// keeps comments and key order but writes the document with the library's layout.
//
// The `yaml` library is passed in, so the same module runs in the browser (the
// copy shipped under /admin/vendor/yaml/) and under `node --test`.

export const SOURCE = '__yaml_source';

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function isEmpty(value) {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function normalise(value) {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value;
}

/** Form data with the empty values the form adds for absent optional fields left out. */
export function prune(value, original) {
  value = normalise(value);
  if (Array.isArray(value)) {
    const before = Array.isArray(original) ? original : [];
    return value.map((item, i) => prune(item, before[i]));
  }
  if (!isPlainObject(value)) return value;
  const before = isPlainObject(original) ? original : {};
  const result = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === SOURCE) continue;
    if (!(key in before) && isEmpty(item)) continue;
    const pruned = prune(item, before[key]);
    // An optional group the file does not have (e.g. `sk` with empty subfields) stays absent.
    if (!(key in before) && isPlainObject(pruned) && Object.keys(pruned).length === 0) continue;
    result[key] = pruned;
  }
  return result;
}

export function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  // A number typed into a text field (or the reverse) is the same value.
  if ((typeof a === 'number' && typeof b === 'string') || (typeof a === 'string' && typeof b === 'number')) {
    return String(a) === String(b);
  }
  return false;
}

export function makeYamlFormat(YAML) {
  /** Edit changed scalars in the CST; false if the change is structural. */
  function editScalars(node, value) {
    const current = node && typeof node.toJSON === 'function' ? node.toJSON() : node;
    if (deepEqual(current, value)) return true;
    if (YAML.isScalar(node) && !isPlainObject(value) && !Array.isArray(value) && node.srcToken) {
      YAML.CST.setScalarValue(node.srcToken, value === null || value === undefined ? '' : value);
      return true;
    }
    if (YAML.isMap(node) && isPlainObject(value)) {
      const keys = node.items.map((pair) => String(YAML.isScalar(pair.key) ? pair.key.value : pair.key));
      if (keys.length !== Object.keys(value).length || !keys.every((key) => key in value)) return false;
      return node.items.every((pair, i) => pair.value && editScalars(pair.value, value[keys[i]]));
    }
    if (YAML.isSeq(node) && Array.isArray(value)) {
      if (node.items.length !== value.length) return false;
      return node.items.every((item, i) => editScalars(item, value[i]));
    }
    return false;
  }

  function applyDocument(doc, before, after, path) {
    if (deepEqual(before, after)) return;
    if (isPlainObject(before) && isPlainObject(after)) {
      for (const key of Object.keys(before)) {
        if (!(key in after)) doc.deleteIn([...path, key]);
      }
      for (const [key, item] of Object.entries(after)) {
        if (key in before) applyDocument(doc, before[key], item, [...path, key]);
        else doc.setIn([...path, key], item);
      }
      return;
    }
    if (Array.isArray(before) && Array.isArray(after)) {
      for (let i = before.length - 1; i >= after.length; i -= 1) doc.deleteIn([...path, i]);
      after.forEach((item, i) => {
        if (i < before.length) applyDocument(doc, before[i], item, [...path, i]);
        else doc.addIn(path, doc.createNode(item));
      });
      return;
    }
    if (path.length) doc.setIn(path, after);
  }

  function fromFile(text) {
    const data = YAML.parse(text) ?? {};
    const result = isPlainObject(data) ? data : { items: data };
    return { ...result, [SOURCE]: text };
  }

  function toFile(data) {
    const original = data[SOURCE];
    if (typeof original !== 'string') return YAML.stringify(prune(data, {}));
    const before = YAML.parse(original) ?? {};
    const after = prune(data, before);
    if (deepEqual(before, after)) return original;
    const tokens = [...new YAML.Parser().parse(original)];
    const docs = [...new YAML.Composer({ keepSourceTokens: true }).compose(tokens)];
    if (docs.length === 1 && editScalars(docs[0].contents, after)) {
      return tokens.map((token) => YAML.CST.stringify(token)).join('');
    }
    const doc = YAML.parseDocument(original);
    applyDocument(doc, before, after, []);
    return doc.toString({ flowCollectionPadding: false });
  }

  return { fromFile, toFile };
}

/**
 * Gallery captions (`keterangan.yaml`: `file-name.jpg: caption`) as a list the
 * form can show: {foto: [{berkas, keterangan}]}; written back with the same
 * keep-the-file rules.
 */
export function makeCaptionFormat(YAML) {
  const inner = makeYamlFormat(YAML);
  function fromFile(text) {
    const data = YAML.parse(text) ?? {};
    const foto = Object.entries(isPlainObject(data) ? data : {}).map(([berkas, keterangan]) => ({
      berkas,
      keterangan: keterangan == null ? '' : String(keterangan),
    }));
    return { foto, [SOURCE]: text };
  }
  function toFile(data) {
    const mapping = {};
    for (const item of data.foto || []) {
      if (!item || !item.berkas) continue;
      const name = String(item.berkas).split('/').pop();
      mapping[name] = item.keterangan == null ? '' : String(item.keterangan);
    }
    if (typeof data[SOURCE] !== 'string') return YAML.stringify(mapping);
    return inner.toFile({ ...mapping, [SOURCE]: data[SOURCE] });
  }
  return { fromFile, toFile };
}
