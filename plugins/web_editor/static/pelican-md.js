// Pelican's `Key: value` Markdown posts as a Decap CMS custom format.
//
// fromFile keeps the file's original text in the entry (SOURCE) so toFile can
// write the file back byte for byte: an unchanged field keeps its original line
// (key spelling, order, value formatting), a changed field changes only its
// line, a new field is appended in the README's metadata-table order, and the
// body after the blank line is kept verbatim unless it was edited.

export const SOURCE = '__pelican_source';

// README metadata table order: [header key, form field name, kind].
export const FIELDS = [
  ['Title', 'title', 'text'],
  ['Date', 'date', 'text'],
  ['Category', 'category', 'text'],
  ['Tags', 'tags', 'list'],
  ['Author', 'author', 'text'],
  ['Slug', 'slug', 'text'],
  ['Summary', 'summary', 'text'],
  ['Image', 'image', 'text'],
  ['Image_alt', 'image_alt', 'text'],
  ['Image_caption', 'image_caption', 'text'],
  ['Pinned', 'pinned', 'yes'],
  ['Gallery', 'gallery', 'text'],
  ['Nik_ok', 'nik_ok', 'yes'],
  ['Stage', 'stage', 'text'],
  ['Modified', 'modified', 'text'],
  ['Guid', 'guid', 'text'],
  ['Status', 'draft', 'draft'],
];

const KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:(.*)$/;
const YES = new Set(['ya', 'yes', 'true', 'y', '1']);

/** Split a post into header entries ({key, value, raw}) and the body. */
export function splitPost(text) {
  const lines = text.split(/(?<=\n)/);
  const entries = [];
  let index = 0;
  for (; index < lines.length; index += 1) {
    const line = lines[index];
    if (line.trim() === '') break;
    const match = KEY_LINE.exec(line.replace(/\r?\n$/, ''));
    if (match) {
      entries.push({ key: match[1], value: match[2].trim(), raw: line });
    } else if (entries.length && /^[ \t]/.test(line)) {
      // Markdown-meta continuation line: belongs to the previous key.
      const last = entries[entries.length - 1];
      last.value = `${last.value} ${line.trim()}`.trim();
      last.raw += line;
    } else {
      break; // no header at all: the whole text is body
    }
  }
  if (!entries.length) return { entries: [], separator: '', body: text };
  const separator = index < lines.length && lines[index].trim() === '' ? lines[index] : '';
  const body = lines.slice(index + (separator ? 1 : 0)).join('');
  return { entries, separator, body };
}

function parseValue(kind, value) {
  if (kind === 'list') return value.split(',').map((item) => item.trim()).filter(Boolean);
  if (kind === 'yes') return YES.has(value.trim().toLowerCase());
  if (kind === 'draft') return value.trim().toLowerCase() === 'draft';
  return value;
}

function formValue(kind, value) {
  if (kind === 'list') {
    if (Array.isArray(value)) return value.map((item) => String(item).trim()).filter(Boolean);
    return parseValue(kind, value == null ? '' : String(value));
  }
  if (kind === 'yes' || kind === 'draft') return value === true || value === 'true';
  if (value == null) return '';
  if (value instanceof Date) return formatDate(value);
  return String(value).replace(/\s*\n\s*/g, ' ').trim();
}

/** A date-time as Pelican reads it (`YYYY-MM-DD HH:MM`, the committee's zone, no offset). */
export function formatDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function serialise(kind, value) {
  if (kind === 'list') return value.join(', ');
  if (kind === 'yes') return value ? 'ya' : '';
  if (kind === 'draft') return value ? 'draft' : '';
  return value;
}

function same(kind, a, b) {
  if (kind === 'list') return a.length === b.length && a.every((item, i) => item === b[i]);
  return a === b;
}

/** Decap `fromFile`: the file's fields, its body and its original text. */
export function fromFile(text) {
  const { entries, body } = splitPost(text);
  const data = { body };
  for (const [key, name, kind] of FIELDS) {
    const entry = entries.find((item) => item.key.toLowerCase() === key.toLowerCase());
    if (entry) data[name] = parseValue(kind, entry.value);
  }
  data[SOURCE] = text;
  return data;
}

/** Decap `toFile`: the original text with only the changed lines rewritten. */
export function toFile(data) {
  const original = splitPost(data[SOURCE] || '');
  const hadHeader = original.entries.length > 0;
  const lines = original.entries.map((entry) => ({ ...entry }));
  const added = [];
  for (const [key, name, kind] of FIELDS) {
    const wanted = formValue(kind, data[name]);
    const text = serialise(kind, wanted);
    const entry = lines.find((item) => item.key.toLowerCase() === key.toLowerCase());
    if (entry) {
      if (same(kind, parseValue(kind, entry.value), wanted)) continue;
      // Keep the original key spelling and line ending; drop the line when emptied.
      entry.raw = text ? `${entry.key}: ${text}\n` : '';
    } else if (text) {
      added.push(`${key}: ${text}\n`);
    }
  }
  let header = lines.map((entry) => entry.raw).join('') + added.join('');
  if (header && !header.endsWith('\n')) header += '\n';
  let body = data.body == null ? '' : String(data.body);
  if (!(hadHeader && body === original.body) && body && !body.endsWith('\n')) body += '\n';
  const separator = hadHeader && original.separator ? original.separator : '\n';
  return header ? `${header}${separator}${body}` : body;
}

/** The format as Decap's registerCustomFormat wants it. */
export const pelicanMarkdown = { fromFile, toFile };
