// The editor's preview of a post, laid out like the article page
// (theme/templates/article.html) and styled by the site's own portal.css.

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September',
  'Oktober', 'November', 'Desember'];

/** "Sabtu, 11 Februari 2023 | 09.30 WIB" from "2023-02-11 09:30" (no time-zone arithmetic). */
export function tanggalJam(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(String(value || ''));
  if (!match) return '';
  const [, y, m, d, hh = '00', mm = '00'] = match;
  // Noon UTC of that calendar day: the weekday never depends on the browser's zone.
  const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), 12)).getUTCDay();
  return `${DAYS[day]}, ${Number(d)} ${MONTHS[Number(m) - 1]} ${y} | ${hh}.${mm} WIB`;
}

export function makePostPreview(h, createClass, stages) {
  return createClass({
    render() {
      const entry = this.props.entry;
      const get = (name) => entry.getIn(['data', name]);
      const image = get('image');
      const asset = image ? this.props.getAsset(image) : null;
      const stage = get('stage');
      const stageName = stage ? stages[stage] || stage : '';
      const tags = (get('tags') && get('tags').toJS ? get('tags').toJS() : get('tags')) || [];
      return h('main', { className: 'wrap' },
        h('article', { className: 'post' },
          h('header', { className: 'post-header' },
            h('p', { className: 'kicker' }, h('a', null, get('category') || '')),
            h('h1', null, get('title') || ''),
            h('p', { className: 'post-byline' },
              h('time', null, tanggalJam(get('date'))),
              get('author') ? h('span', null, `Oleh ${get('author')}`) : null),
            get('draft') ? h('p', { className: 'draft-note' }, 'DRAF: belum terbit.') : null,
            stageName
              ? h('p', { className: 'stage-badge' },
                h('a', null, h('span', { className: 'stage-badge-label' }, 'Tahapan'), ` ${stageName}`))
              : null),
          asset
            ? h('figure', { className: 'lead-figure' },
              h('img', { src: asset.toString(), alt: get('image_alt') || '' }),
              get('image_caption') ? h('figcaption', null, get('image_caption')) : null)
            : null,
          h('div', { className: 'post-body' }, this.props.widgetFor('body')),
          tags.length
            ? h('footer', { className: 'post-footer' },
              h('p', { className: 'tags' }, h('span', null, 'Topik:'), ...tags.map((t) => h('span', { key: t }, t))))
            : null));
    },
  });
}

export function makePagePreview(h, createClass) {
  return createClass({
    render() {
      const entry = this.props.entry;
      return h('main', { className: 'wrap' },
        h('article', { className: 'post' },
          h('header', { className: 'post-header' }, h('h1', null, entry.getIn(['data', 'title']) || '')),
          h('div', { className: 'post-body' }, this.props.widgetFor('body'))));
    },
  });
}
