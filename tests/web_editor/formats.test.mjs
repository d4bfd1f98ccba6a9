// Round-trip tests of the editor's custom formats (run by test_formats_js.py).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

import { fromFile, toFile, SOURCE } from '../../plugins/web_editor/static/pelican-md.js';
import { makeCaptionFormat, makeYamlFormat } from '../../plugins/web_editor/static/yaml-keep.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CONTENT = process.env.PORTAL_CONTENT_DIR || path.join(ROOT, 'content');

function walk(folder, suffix) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return walk(full, suffix);
    return entry.name.endsWith(suffix) ? [full] : [];
  });
}

function changedLines(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(a.length, b.length, 'the number of lines must not change');
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]]]));
}

const POSTS = walk(path.join(CONTENT, 'posts'), '.md');
const PAGES = walk(path.join(CONTENT, 'pages'), '.md');
const YAMLS = [
  ...walk(path.join(CONTENT, 'data'), '.yaml'),
];
const CAPTIONS = walk(path.join(CONTENT, 'galeri'), 'keterangan.yaml');
const yamlFormat = makeYamlFormat(YAML);
const captionFormat = makeCaptionFormat(YAML);

test('there are demo posts, pages and data files to check', () => {
  assert.ok(POSTS.length >= 10);
  assert.ok(PAGES.length >= 1);
  assert.ok(YAMLS.length >= 5);
  assert.ok(CAPTIONS.length >= 1);
});

for (const file of [...POSTS, ...PAGES]) {
  const name = path.relative(CONTENT, file);
  const text = fs.readFileSync(file, 'utf8');

  test(`${name}: saving unchanged gives the same bytes`, () => {
    assert.equal(toFile(fromFile(text)), text);
  });

  test(`${name}: a copy of the form data (no original text) keeps every field`, () => {
    const data = fromFile(text);
    delete data[SOURCE];
    assert.deepEqual(fromFile(toFile(data)).title, data.title);
    assert.equal(fromFile(toFile(data)).body, data.body);
  });

  test(`${name}: changing the title changes only the title line`, () => {
    const data = fromFile(text);
    const out = toFile({ ...data, title: `${data.title} (diperbarui)` });
    assert.deepEqual(changedLines(text, out), [[`Title: ${data.title}`, `Title: ${data.title} (diperbarui)`]]);
  });
}

test('a post: tags in the original spelling stay; a changed tag list is written "a, b"', () => {
  const text = 'Title: T\nDate: 2024-01-02 09:00\nTags:  a,b ,  c\n\nIsi.\n';
  const data = fromFile(text);
  assert.deepEqual(data.tags, ['a', 'b', 'c']);
  assert.equal(toFile(data), text);
  assert.equal(toFile({ ...data, tags: ['a', 'b'] }), 'Title: T\nDate: 2024-01-02 09:00\nTags: a, b\n\nIsi.\n');
});

test('a post: key spelling is kept, new fields come in the README order after the header', () => {
  const text = 'title: T\nDATE: 2024-01-02 09:00\ncategory: Berita\n\nIsi.\n';
  const data = fromFile(text);
  const out = toFile({ ...data, stage: 'coklit', pinned: true, date: '2024-01-03 10:30', author: 'A' });
  assert.equal(
    out,
    'title: T\nDATE: 2024-01-03 10:30\ncategory: Berita\nAuthor: A\nPinned: ya\nStage: coklit\n\nIsi.\n',
  );
});

test('a post: emptied fields lose their line; draft maps to Status', () => {
  const text = 'Title: T\nDate: 2024-01-02 09:00\nSummary: S\nStatus: draft\n\nIsi.\n';
  const data = fromFile(text);
  assert.equal(data.draft, true);
  assert.equal(toFile({ ...data, summary: '', draft: false }), 'Title: T\nDate: 2024-01-02 09:00\n\nIsi.\n');
});

test('a new post (no original text) is written in the README order', () => {
  const out = toFile({
    body: 'Isi berita.',
    title: 'Judul',
    date: '2024-02-01 08:00',
    category: 'Berita',
    tags: ['a', 'b'],
    image: 'images/2024/x.jpg',
    image_alt: 'Alt',
    stage: 'kampanye',
    pinned: false,
    draft: false,
    summary: '',
  });
  assert.equal(
    out,
    'Title: Judul\nDate: 2024-02-01 08:00\nCategory: Berita\nTags: a, b\nImage: images/2024/x.jpg\n' +
      'Image_alt: Alt\nStage: kampanye\n\nIsi berita.\n',
  );
});

test('a post: an edited body is written after the blank line, the header untouched', () => {
  const text = 'Title: T\nDate: 2024-01-02 09:00\n\nLama.\n';
  assert.equal(toFile({ ...fromFile(text), body: 'Baru.\n' }), 'Title: T\nDate: 2024-01-02 09:00\n\nBaru.\n');
});

for (const file of YAMLS) {
  const name = path.relative(CONTENT, file);
  const text = fs.readFileSync(file, 'utf8');
  test(`${name}: saving unchanged gives the same bytes`, () => {
    assert.equal(yamlFormat.toFile(yamlFormat.fromFile(text)), text);
  });
  test(`${name}: unchanged save with the form's empty optional fields gives the same bytes`, () => {
    const data = yamlFormat.fromFile(text);
    const empties = { catatan_tambahan: '', daftar_kosong: [], grup_kosong: { nomor: '', tanggal: null } };
    assert.equal(yamlFormat.toFile({ ...data, ...empties }), text);
  });
}

function firstString(value, trail = []) {
  // The path of the first single-line string leaf, depth first.
  if (typeof value === 'string' && !value.includes('\n') && value.length < 60) return trail;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = firstString(value[i], [...trail, i]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith('__')) continue;
      const found = firstString(item, [...trail, key]);
      if (found) return found;
    }
  }
  return null;
}

function deepSet(value, trail, leaf) {
  const copy = structuredClone(value);
  let node = copy;
  for (const key of trail.slice(0, -1)) node = node[key];
  node[trail[trail.length - 1]] = leaf;
  return copy;
}

for (const file of YAMLS) {
  const name = path.relative(CONTENT, file);
  const text = fs.readFileSync(file, 'utf8');
  test(`${name}: changing one value deep in the file changes only its line`, () => {
    const data = yamlFormat.fromFile(text);
    const plain = YAML.parse(text);
    // The last list item's first string: deep, after comments and other items.
    const lists = Object.entries(plain).filter(([, v]) => Array.isArray(v));
    const [key, list] = lists[lists.length - 1];
    const trail = [key, list.length - 1, ...firstString(list[list.length - 1])];
    const old = trail.reduce((node, k) => node[k], plain);
    const out = yamlFormat.toFile({ ...deepSet(data, trail, `${old} Baru`), __yaml_source: text });
    const changed = changedLines(text, out);
    assert.equal(changed.length, 1, JSON.stringify(changed));
    assert.ok(changed[0][1].includes(`${old} Baru`));
    assert.deepEqual(YAML.parse(out), deepSet(plain, trail, `${old} Baru`));
  });
}

test('a stage file: a changed date and a changed folded description keep the rest', () => {
  const file = YAMLS.find((f) => f.endsWith('pemilu-2024.yaml'));
  const text = fs.readFileSync(file, 'utf8');
  const data = yamlFormat.fromFile(text);
  const stages = structuredClone(data.stages);
  stages[0].end = '2024-06-30';
  const out = yamlFormat.toFile({ ...data, stages });
  const changed = changedLines(text, out);
  assert.deepEqual(changed, [['    end: 2024-06-14', '    end: 2024-06-30']]);
  assert.ok(out.startsWith('# Jadwal tahapan'), 'comments stay');
});

test('an officer file: a new officer is appended, comments and other entries kept', () => {
  const file = YAMLS.find((f) => f.endsWith('ppk.yaml'));
  const text = fs.readFileSync(file, 'utf8');
  const data = yamlFormat.fromFile(text);
  const petugas = [...data.petugas, { nama: 'Nama Baru', jabatan: 'anggota', divisi: 'teknis', foto: '' }];
  const out = yamlFormat.toFile({ ...data, petugas });
  assert.deepEqual(YAML.parse(out).petugas.at(-1), { nama: 'Nama Baru', jabatan: 'anggota', divisi: 'teknis' });
  assert.ok(out.startsWith(text.split('\n').slice(0, 3).join('\n')), 'the header comments stay');
  assert.ok(out.startsWith(text.trimEnd()), 'every earlier line stays as it was');
});

for (const file of CAPTIONS) {
  const name = path.relative(CONTENT, file);
  const text = fs.readFileSync(file, 'utf8');
  test(`${name}: captions round-trip and one caption edit changes one line`, () => {
    const data = captionFormat.fromFile(text);
    assert.equal(captionFormat.toFile(data), text);
    const foto = structuredClone(data.foto);
    foto[1].keterangan = 'Keterangan baru.';
    const changed = changedLines(text, captionFormat.toFile({ ...data, foto }));
    assert.equal(changed.length, 1);
    assert.equal(changed[0][1], `${foto[1].berkas}: Keterangan baru.`);
  });
}
