import { useState } from 'react';
import { classBreaks, classOf, gridSize, initials, TILE_COLOURS, TILE_GRIDS } from '@contracts/tile-grid';
import { percent } from '../../lib/format';
import { useLang, type Text } from '../../lib/i18n';
import { ciText } from './figures';
import type { Geography, RankedUnit } from './types';

/** The side of a tile: Vietnam is long, so the 63-province map uses smaller squares to stay on one screen. */
const TILE_SIZE: Record<Geography, string> = { 'vn-63': '1.9rem', 'vn-34': '2.4rem' };

interface TileMapProps {
  geography: Geography;
  units: readonly RankedUnit[];
  /** e.g. "Chỉ số SIPAS". */
  indicator: Text;
  /** Units to outline (a province official's own). */
  mine: readonly string[];
}

/**
 * A tile-grid map: one square per unit placed roughly where it lies, coloured by its figure on the chosen
 * indicator in five classes. Hovering or focusing a tile shows its name, figure and 95% interval; the same
 * figures are in a table for screen readers.
 */
export function TileMap({ geography, units, indicator, mine }: TileMapProps) {
  const { t, lang } = useLang();
  const [active, setActive] = useState<string | null>(null);
  const grid = TILE_GRIDS[geography];
  const { columns, rows } = gridSize(grid);
  const values = units.flatMap((u) => (u.row?.p ?? []));
  const breaks = classBreaks(values);
  const name = (u: RankedUnit) => (lang === 'vi' ? u.nameVi : u.nameEn);
  const describe = (u: RankedUnit) => u.row?.p == null
    ? `${name(u)}: ${t({ vi: 'không có số liệu', en: 'no figure' })}`
    : `${name(u)}: ${percent(u.row.p, lang)} (${t({ vi: 'KTC 95%', en: '95% CI' })} ${ciText(u.row, lang)})`;
  const shown = units.find((u) => u.code === active);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const legend = values.length === 0 ? [] : TILE_COLOURS.map((colour, k) => ({
    colour, from: k === 0 ? low : breaks[k - 1], to: k === TILE_COLOURS.length - 1 ? high : breaks[k],
  }));
  return (
    <figure className="tile-map" aria-labelledby="tile-map-caption">
      <figcaption id="tile-map-caption">
        {t({ vi: 'Bản đồ ô', en: 'Tile map' })}: {t(indicator)} — {t({ vi: 'mỗi ô là một tỉnh, thành phố, đặt gần đúng vị trí địa lý', en: 'one square per province, placed roughly where it lies' })}
      </figcaption>
      <div className="tile-map-body">
        <div className="tile-grid" data-testid="tile-map" style={{ gridTemplateColumns: `repeat(${columns}, ${TILE_SIZE[geography]})`, gridTemplateRows: `repeat(${rows}, ${TILE_SIZE[geography]})` }}>
          {units.filter((u) => grid[u.code]).map((u) => {
            const [col, row] = grid[u.code];
            const k = u.row?.p == null ? null : classOf(u.row.p, breaks);
            return (
              <button
                key={u.code} type="button" data-tile={u.code}
                className={`tile${mine.includes(u.code) ? ' own' : ''}${k === null ? ' empty' : ''}${u.row?.flags.length ? ' flagged' : ''}`}
                style={{ gridColumn: col + 1, gridRow: row + 1, background: k === null ? undefined : TILE_COLOURS[k], color: k !== null && k >= 3 ? '#fff' : '#1b1b1b' }}
                aria-label={describe(u)} title={describe(u)}
                onMouseEnter={() => setActive(u.code)} onFocus={() => setActive(u.code)}
                onClick={() => setActive(u.code)}
              >
                <span aria-hidden="true">{initials(u.nameVi)}</span>
              </button>
            );
          })}
        </div>
        <div className="tile-side">
          <p className="tile-info" aria-live="polite" data-testid="tile-info">
            {shown ? describe(shown) : t({ vi: 'Di chuột hoặc chọn một ô để xem số liệu và khoảng tin cậy.', en: 'Hover over or focus a square to see its figure and interval.' })}
          </p>
          {legend.length > 0 && (
            <ul className="tile-legend" aria-label={t({ vi: 'Chú giải màu', en: 'Colour key' })}>
              {legend.map((l) => (
                <li key={l.colour}><span className="swatch" style={{ background: l.colour }} aria-hidden="true" />{percent(l.from, lang, 1)} – {percent(l.to, lang, 1)}</li>
              ))}
              <li><span className="swatch empty" aria-hidden="true" />{t({ vi: 'Không có số liệu', en: 'No figure' })}</li>
            </ul>
          )}
        </div>
      </div>
      {/* A table ignores width: 1px, so the hiding box is a div around it. */}
      <div className="visually-hidden">
      <table data-testid="tile-map-table">
        <caption>{t({ vi: 'Bản đồ ô dưới dạng bảng', en: 'The tile map as a table' })}: {t(indicator)}</caption>
        <thead>
          <tr>
            <th scope="col">{t({ vi: 'Tỉnh, thành phố', en: 'Province' })}</th>
            <th scope="col">{t({ vi: 'Tỷ lệ hài lòng', en: 'Satisfied' })}</th>
            <th scope="col">{t({ vi: 'KTC 95%', en: '95% CI' })}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.code}>
              <th scope="row">{name(u)}</th>
              <td>{percent(u.row?.p, lang)}</td>
              <td>{ciText(u.row, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
