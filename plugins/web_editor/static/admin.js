// Starts the web editor: our Indonesian locale, the project's file formats,
// the site's stylesheet and preview templates, cross-field checks, then CMS.init().
import * as YAML from './vendor/yaml/index.js';
import { id } from './locale-id.js';
import { pelicanMarkdown } from './pelican-md.js';
import { makeCaptionFormat, makeYamlFormat } from './yaml-keep.js';
import { makePagePreview, makePostPreview } from './preview.js';

const CMS = window.CMS;
const settings = await (await fetch(new URL('settings.json', import.meta.url))).json();

CMS.registerLocale('id', id);
CMS.registerCustomFormat('pelican-md', 'md', pelicanMarkdown);
CMS.registerCustomFormat('yaml-keep', 'yaml', makeYamlFormat(YAML));
CMS.registerCustomFormat('galeri-yaml', 'yaml', makeCaptionFormat(YAML));
// The published stylesheet, one level up from /admin/ (works under a sub-path too).
CMS.registerPreviewStyle(new URL(`../${settings.stylesheet}`, import.meta.url).href);
CMS.registerPreviewTemplate('berita', makePostPreview(window.h, window.createClass, settings.stages));
CMS.registerPreviewTemplate('halaman', makePagePreview(window.h, window.createClass));

// What a field pattern cannot see: a lead image needs its alt text (the build's rule).
CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    const data = entry.get('data');
    if (entry.get('collection') === 'berita' && data.get('image') && !String(data.get('image_alt') || '').trim()) {
      throw new Error('gambar utama wajib diberi teks alternatif (Image_alt): isi kolom "Teks alternatif gambar"');
    }
    return data;
  },
});

CMS.init();
